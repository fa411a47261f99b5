"""A year of activity days: weeks as columns, weekdays as rows, shaded by the number of actions.

The shade is a glyph (· ░ ▒ ▓ █), so it reads without colour too; rest days,
freezes and missed days have their own marks, and today stands out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from journal import labels
from journal.domain.streaks import DayState

LABEL_CELLS = 4  # "Mon "


@dataclass(frozen=True, slots=True)
class HeatmapData:
    weeks: list[list[date]]  # columns of seven days, Monday first
    states: dict[date, DayState]
    counts: dict[date, int]
    today: date


class Heatmap(Widget):
    COMPONENT_CLASSES = {
        "heatmap--active",
        "heatmap--label",
        "heatmap--rest",
        "heatmap--frozen",
        "heatmap--missed",
        "heatmap--today",
    }
    DEFAULT_CSS = """
    Heatmap {
        height: 8;
        width: 1fr;
    }
    Heatmap > .heatmap--active {
        color: $text-primary;
    }
    Heatmap > .heatmap--label {
        color: $text-muted;
    }
    Heatmap > .heatmap--rest {
        color: $text-muted;
    }
    Heatmap > .heatmap--frozen {
        color: $text-accent;
    }
    Heatmap > .heatmap--missed {
        color: $text-warning;
    }
    Heatmap > .heatmap--today {
        background: $block-cursor-background;
        text-style: bold;
    }
    """

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.data: HeatmapData | None = None

    def show(self, data: HeatmapData) -> None:
        self.data = data
        self.refresh()

    def _cells(self) -> int:
        """Cells per week: two when the year fits so, else one."""
        if self.data is None:
            return 1
        return 2 if self.size.width >= LABEL_CELLS + 2 * len(self.data.weeks) else 1

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        data = self.data
        if data is None or not data.weeks:
            return Strip.blank(width, base)
        cells = self._cells()
        muted = self.get_component_rich_style("heatmap--label", partial=True)
        weeks = data.weeks[-max((width - LABEL_CELLS) // cells, 1) :]  # the latest weeks when narrow
        if y == 0:
            return self._months(weeks, cells, base + muted, width)
        row = y - 1
        if row > 6:
            return Strip.blank(width, base)
        label = labels.weekday_short(row) if row % 2 == 0 else ""
        segments = [Segment(label[: LABEL_CELLS - 1].ljust(LABEL_CELLS), base + muted)]
        for week in weeks:
            day = week[row]
            state = data.states.get(day, DayState.NONE)
            style = base + self._style(state)
            if day == data.today:
                style += self.get_component_rich_style("heatmap--today", partial=True)
            segments.append(Segment(labels.heatmap_glyph(state, data.counts.get(day, 0)).ljust(cells), style))
        return Strip(segments).crop_extend(0, width, base)

    def _style(self, state: DayState) -> Style:
        name = {
            DayState.ACTIVE: "heatmap--active",
            DayState.PENDING: "heatmap--active",
            DayState.REST: "heatmap--rest",
            DayState.FROZEN: "heatmap--frozen",
            DayState.MISSED: "heatmap--missed",
        }.get(state, "heatmap--label")
        return self.get_component_rich_style(name, partial=True)

    def _months(self, weeks: list[list[date]], cells: int, style: Style, width: int) -> Strip:
        return Strip([Segment(labels.heatmap_months(weeks, cells, LABEL_CELLS), style)]).crop_extend(0, width, style)
