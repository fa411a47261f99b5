"""Pure domain: dataclasses and rules. No Textual, no TinyDB."""
