"""What the dialogs with fields share (contact, card, give/ask): a box with a title, the fields
in two columns, one line saying what is wrong, and a hint.

A form names its parts from `FORM`: `#<FORM>-form`, `#<FORM>-form-title`, `#<FORM>-form-error`,
`#<FORM>-form-hint`, and each field `#<FORM>-<field>`.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

R = TypeVar("R")


class FormScreen(ModalScreen[R], Generic[R]):
    FORM = ""
    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
    }
    FormScreen .form {
        width: 90%;
        max-width: 100;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FormScreen .form-title {
        text-style: bold;
        padding-bottom: 1;
    }
    FormScreen .form Grid {
        grid-size: 2;
        grid-rows: auto;
        height: auto;
    }
    FormScreen .form Grid Label {
        padding: 1 1 0 0;
        width: 100%;
        text-align: right;
        color: $text-muted;
    }
    FormScreen .form-error {
        color: $text-error;
        display: none;
    }
    FormScreen .form-error.shown {
        display: block;
    }
    FormScreen .form-hint {
        color: $text-muted;
    }
    """

    _quiet = False  # reading only to compare (leaving the form): say nothing, move nothing

    def _read(self):
        """What the form holds, or None after saying (with `_fail`) what is wrong."""
        raise NotImplementedError

    def _read_quietly(self):
        """What the form holds, without saying anything (to compare, when leaving)."""
        self._quiet = True
        try:
            return self._read()
        finally:
            self._quiet = False

    def _fail(self, message: str, field: str | None = None) -> None:
        """Say what is wrong (user text in it is never markup), and go to the field."""
        if self._quiet:
            return
        error = self.query_one(f"#{self.FORM}-form-error", Static)
        error.update(Content(message))
        error.add_class("shown")
        if field is not None:
            self.query_one(f"#{self.FORM}-{field}").focus()
