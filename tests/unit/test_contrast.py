"""Every text colour over every background our screens show it on reaches WCAG AA (4.5:1), in both bundled themes.

Colours are resolved the way Textual (pinned 8.2.8) resolves them, which is not always the way
the CSS reads:

- A theme's variables are `Theme.to_color_system().generate()` overlaid with the theme's own
  `[variables]` table (what `App.get_css_variables` does).
- A colour with alpha (`$foreground 5%`, `auto 87%`, `#rrggbbaa`) is blended over the background
  underneath it (`Color.__add__`); `auto` is black or white, whichever contrasts that background.
- In a CSS declaration (`color: $text-muted`) a percentage in the variable's value is the alpha
  (the last percentage wins). In a Content style span (`("words", "$text-muted")`) Textual's style
  parser drops a percentage that comes from a variable, so `$text-muted` there is plain black or
  white. Our code uses both, so both are checked.
- `dim` is turned into a colour by Textual's truecolor filter: 66% of the way from the background
  to the text colour (textual.filter.dim_color).

Run this file with `python tests/unit/test_contrast.py` to print the whole table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.color import Color
from textual.constants import DIM_FACTOR
from textual.css.tokenize import tokenize_values
from textual.markup import parse_style
from textual.theme import Theme

from journal import paths
from journal.tui.themes import read_theme

AA = 4.5
SOURCE = Path(__file__).resolve().parents[2] / "journal"

# Text colours our own code writes (CSS `color:` or a Content style). Each is checked over every
# background in OUR_BACKGROUNDS, as CSS and as a Content span, so it can be used anywhere we draw.
TEXT_COLOURS_WE_USE = ["$text-primary", "$text-secondary", "$text-accent", "$text-warning", "$text-error", "$text-muted"]


def themes() -> list[Theme]:
    return [read_theme(path) for path in sorted(paths.bundled_themes_dir().glob("*.toml"))]


def theme_variables(theme: Theme) -> dict[str, str]:
    return {**theme.to_color_system().generate(), **theme.variables}


# -- resolving colours the way Textual does ------------------------------------------------------


def css_colour(spec: str, variables: dict[str, str]) -> Color:
    """A colour as a CSS declaration reads it (textual.css._styles_builder.process_color)."""
    tokens = tokenize_values({"spec": re.sub(r"\$([a-z0-9-]+)", lambda m: variables[m[1]], spec)})["spec"]
    colour, alpha, auto = None, None, False
    for token in tokens:
        if token.name == "token" and token.value == "auto":
            auto = True
        elif token.name == "scalar":
            alpha = float(token.value.rstrip("%")) / 100
        elif token.name in ("color", "token"):
            colour = Color.parse(token.value)
    if auto:
        return Color(0, 0, 0, 1.0 if alpha is None else alpha, auto=True)
    assert colour is not None, spec
    return colour if alpha is None else colour.multiply_alpha(alpha)


def content_colour(spec: str, variables: dict[str, str]) -> Color:
    """A colour as a Content style span reads it (textual.markup.parse_style)."""
    colour = parse_style(spec, variables).foreground
    assert colour is not None, spec
    return colour


@dataclass(frozen=True)
class Layer:
    """One widget's background: `colour`, tinted by `tint` (CSS `background-tint`)."""

    colour: str
    tint: str = ""


def composite(layers: tuple[Layer, ...], variables: dict[str, str]) -> Color:
    """The colour on screen where these backgrounds sit one over the other (Widget.get_visual_style)."""
    result = Color(0, 0, 0, 0)
    for layer in layers:
        colour = css_colour(layer.colour, variables)
        if layer.tint:
            colour = colour.tint(css_colour(layer.tint, variables))
        result += colour
    assert result.a == 1, layers
    return result


def text_colour(background: Color, text: Color, dim: bool = False) -> Color:
    shown = background + text
    return background.blend(shown, DIM_FACTOR) if dim else shown


def contrast(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio."""

    def luminance(colour: Color) -> float:
        def channel(value: int) -> float:
            value_ = value / 255
            return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# -- where text sits (Textual's default CSS for the widgets we use, and ours) -----------------------

APP = Layer("$background")
SURFACE = (APP, Layer("$surface"))
# OptionList, Input and Select tint their surface with 5% of the foreground when focused.
SURFACE_FOCUSED = (APP, Layer("$surface", tint="$foreground 5%"))
CURSOR = (*SURFACE_FOCUSED, Layer("$block-cursor-background"))
CURSOR_BLURRED = (*SURFACE, Layer("$block-cursor-blurred-background"))
HOVER = (*SURFACE_FOCUSED, Layer("$block-hover-background"))

# Our screens draw text on these: the Today screen, the entry list (focused or not, highlighted
# row or not), the preview, and the dialogs (help, editor, confirm) on $surface.
OUR_BACKGROUNDS = {
    "screen": (APP,),
    "surface": SURFACE,
    "surface, focused": SURFACE_FOCUSED,
    "list cursor": CURSOR,
    "list cursor, blurred": CURSOR_BLURRED,
    "list hover": HOVER,
}


@dataclass(frozen=True)
class Text:
    colour: str
    where: str
    content: bool = False  # a Content span rather than a CSS declaration
    dim: bool = False


def textual_places(theme: Theme) -> list[tuple[str, tuple[Layer, ...], list[Text]]]:
    """The text Textual's own widgets draw, as our screens use them."""
    light = not theme.dark
    palette = (APP, Layer("$surface" if light else "$panel-darken-1"))
    return [
        ("header", (APP, Layer("$panel")), [Text("$foreground", "title"), Text("$foreground", "sub-title", dim=True)]),
        (
            "footer key",
            (APP, Layer("$footer-background"), Layer("$footer-item-background"), Layer("$footer-key-background")),
            [Text("$footer-key-foreground", "key")],
        ),
        (
            "footer description",
            (APP, Layer("$footer-background"), Layer("$footer-item-background"), Layer("$footer-description-background")),
            [Text("$footer-description-foreground", "description"), Text("$footer-foreground", "label")],
        ),
        (
            "toast",
            (APP, Layer("$panel-lighten-1")),
            [
                Text("$foreground", "message"),
                Text("$foreground", "title"),
                Text("$text-success", "information title"),
                Text("$text-warning", "warning title"),
                Text("$text-error", "error title"),
            ],
        ),
        ("list cursor", CURSOR, [Text("$block-cursor-foreground", "highlighted option")]),
        (
            "list cursor, blurred",
            CURSOR_BLURRED,
            [Text("$block-cursor-blurred-foreground", "highlighted option"), Text("$foreground", "highlighted option")],
        ),
        ("list hover", HOVER, [Text("$foreground", "option under the mouse")]),
        ("screen", (APP,), [Text("$foreground", "text"), Text("$foreground", "welcome's shell hint", dim=True)]),
        ("surface", SURFACE, [Text("$foreground", "dialog text, input, text area, select, option")]),
        ("surface, focused", SURFACE_FOCUSED, [Text("$foreground", "focused input, select, list")]),
        ("input placeholder", SURFACE, [Text("$text-disabled", "placeholder (HH:MM)")]),
        ("input placeholder, focused", SURFACE_FOCUSED, [Text("$text-disabled", "placeholder (HH:MM)")]),
        ("input cursor", (*SURFACE_FOCUSED, Layer("$input-cursor-background")), [Text("$input-cursor-foreground", "character under the cursor")]),
        (
            "input selection",
            (*SURFACE_FOCUSED, Layer("$input-selection-background")),
            [Text("$input-selection-foreground", "selected text")],
        ),
        ("text area cursor line", (*SURFACE, Layer("$boost")), [Text("$foreground", "line being written")]),
        (
            "text area cursor",
            (*SURFACE, Layer("$foreground 70%" if light else "$input-cursor-background")),
            [Text("$text 90%" if light else "$input-cursor-foreground", "character under the cursor")],
        ),
        ("button", SURFACE, [Text("$button-foreground", "label")]),
        ("button, focused", (APP, Layer("$surface", tint="$foreground 5%")), [Text("$button-foreground", "label (reversed)")]),
        ("error button", (*SURFACE, Layer("$error")), [Text("$button-color-foreground", "label")]),
        (
            "command palette",
            palette,
            [Text("$foreground", "command"), Text("$foreground", "help", dim=True), Text("$text-disabled", "placeholder")],
        ),
        (
            "command palette cursor",
            (*palette, Layer("$block-cursor-blurred-background")),
            [Text("$block-cursor-blurred-foreground", "command"), Text("$block-cursor-blurred-foreground", "help", dim=True)],
        ),
        (
            "markdown preview",
            (APP,),
            [Text(f"$markdown-h{n}-color", f"heading {n}") for n in range(1, 7)]
            + [
                Text("$text-secondary" if light else "$text-primary", "bullet"),
                Text("$link-color", "link"),
                Text("$primary", "table header"),
            ],
        ),
        (
            "markdown inline code",
            (APP, Layer("$error 5%" if light else "$warning 10%")),
            [Text("$text-error 95%" if light else "$text-warning 95%", "code")],
        ),
    ]


@dataclass(frozen=True)
class Pair:
    theme: str
    background: str
    text: Text
    ratio: float
    colours: str


def pairs(theme: Theme) -> list[Pair]:
    variables = theme_variables(theme)
    places: list[tuple[str, tuple[Layer, ...], list[Text]]] = []
    for name, layers in OUR_BACKGROUNDS.items():
        texts = [Text(c, "our code", content=content) for c in TEXT_COLOURS_WE_USE for content in (False, True)]
        places.append((name, layers, texts))
    places += textual_places(theme)
    result = []
    for name, layers, texts in places:
        background = composite(layers, variables)
        for text in texts:
            resolve = content_colour if text.content else css_colour
            shown = text_colour(background, resolve(text.colour, variables), text.dim)
            colours = f"{shown.hex} on {background.hex}"
            result.append(Pair(theme.name, name, text, contrast(shown, background), colours))
    return result


def describe(pair: Pair) -> str:
    how = "content" if pair.text.content else "css"
    dim = " dim" if pair.text.dim else ""
    return f"{pair.theme:13} {pair.ratio:5.2f}  {pair.text.colour}{dim} ({how}, {pair.text.where}) over {pair.background}: {pair.colours}"


# -- the tests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", themes(), ids=lambda t: t.name)
def test_every_text_colour_reaches_aa_over_every_background_it_sits_on(theme):
    failing = [describe(p) for p in pairs(theme) if p.ratio < AA]
    assert not failing, "below 4.5:1:\n" + "\n".join(failing)


def text_variables_in_our_code() -> set[str]:
    """`$variables` our Python and TCSS use as a text colour (not a background or border)."""
    names = set(theme_variables(themes()[0]))
    not_text = re.compile(r"^\s*(background|background-tint|tint|border[a-z-]*|outline[a-z-]*|scrollbar[a-z-]*|hatch|keyline)\s*:")
    found = set()
    for path in [*SOURCE.rglob("*.py"), *SOURCE.rglob("*.tcss")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not_text.match(line):
                continue
            for match in re.finditer(r"(\bon\s+)?\$([a-z][a-z0-9-]*)(\s+\d+%)?", line):
                if match[2] in names and not match[1]:
                    found.add(f"${match[2]}{match[3] or ''}")
    return found


def test_the_matrix_covers_every_text_colour_our_code_uses():
    uncovered = text_variables_in_our_code() - set(TEXT_COLOURS_WE_USE)
    assert not uncovered, (
        f"{sorted(uncovered)} used as a text colour: add it to TEXT_COLOURS_WE_USE in {Path(__file__).name} "
        "so it is checked over every background (or use one that is)"
    )


def test_the_scan_finds_the_colours_we_know_about():
    # Guards the scan itself: if these vanish the regex, not the code, has changed.
    assert {"$text-muted", "$text-accent", "$text-primary"} <= text_variables_in_our_code()


def test_the_resolver_agrees_with_textual_on_a_known_case():
    # `$text-muted` is `auto 60%`: 60% white over a dark ground in CSS, plain white in a Content span.
    variables = {"text-muted": "auto 60%", "foreground": "#E9E2D8"}
    ground = Color.parse("#1B1F2A")
    assert text_colour(ground, css_colour("$text-muted", variables)).hex == ground.blend(Color(255, 255, 255), 0.6).hex
    assert text_colour(ground, content_colour("$text-muted", variables)).hex == "#FFFFFF"
    assert text_colour(ground, content_colour("$foreground 60%", variables)).hex == ground.blend(Color.parse("#E9E2D8"), 0.6).hex


if __name__ == "__main__":
    for theme in themes():
        for pair in sorted(pairs(theme), key=lambda p: p.ratio):
            print(describe(pair))
