"""Bracketed paste that keeps every character in order, escape characters included.

Textual 8.2's terminal parser (textual._xterm_parser.XTermParser) treats an
ESC inside a bracketed paste as the start of a key sequence: pasting
`alpha <ESC>[31mbeta` delivered `^[31mbeta` as key presses, then `alpha ` as
the paste — reordered and split. Our parser takes over while a paste is open:
everything up to the end marker is the paste, as typed, in one Paste event.
Outside a paste the original parser does all the work.

Textual is pinned (pyproject.toml); tests/ui/test_paste.py feeds the parser
directly and fails if a new Textual changes what this relies on.
"""

from __future__ import annotations

from collections.abc import Generator

from textual import events
from textual._parser import ParseError, Peek1, Read1, TokenCallback
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message


class PasteKeepingParser(XTermParser):
    def parse(self, token_callback: TokenCallback) -> Generator[Read1 | Peek1, str, None]:
        def quiet_empty_pastes(token: Message) -> None:
            # The original parser announces an empty paste when we hand it the
            # end marker to close its own paste mode; ours carried the text.
            if isinstance(token, events.Paste) and not token.text:
                return
            token_callback(token)

        original = XTermParser.parse(self, quiet_empty_pastes)
        request = next(original)
        recent = ""
        while True:
            try:
                character = yield request
            except ParseError as error:  # a timeout or the end of input: the original decides
                try:
                    request = original.throw(error)
                except StopIteration:
                    return
                continue
            try:
                request = original.send(character)
            except StopIteration:
                return
            recent = (recent + character)[-len(BRACKETED_PASTE_START) :]
            if recent != BRACKETED_PASTE_START:
                continue
            recent = ""
            # The original parser has just entered its paste mode; the paste is ours.
            text = []
            while True:
                try:
                    character = yield Read1()
                except ParseError:
                    character = ""
                if not character:  # end of input mid-paste: deliver what came
                    if text:
                        token_callback(events.Paste("".join(text).replace("\x00", "")))
                    return
                text.append(character)
                if character == "~" and "".join(text[-len(BRACKETED_PASTE_END) :]) == BRACKETED_PASTE_END:
                    del text[-len(BRACKETED_PASTE_END) :]
                    break
            pasted = "".join(text).replace("\x00", "")  # NUL removed as the original does (Textual issue 1661)
            if pasted:
                token_callback(events.Paste(pasted))
            for character in BRACKETED_PASTE_END:  # close the original's paste mode
                request = original.send(character)


def install() -> None:
    """Make Textual's drivers read the terminal with our parser (call before the app runs)."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = PasteKeepingParser  # type: ignore[misc]
    try:
        from textual.drivers import win32
    except ImportError:  # pragma: no cover - not on this platform
        return
    win32.XTermParser = PasteKeepingParser  # type: ignore[attr-defined]
