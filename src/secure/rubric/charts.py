"""Numbers for the per-step progress chart: bars drawn as SVG, the same numbers as a table."""

from __future__ import annotations

from dataclasses import dataclass

from .selectors import Progress

BAR_WIDTH = 300


@dataclass
class Bar:
    label: str
    done: int
    in_progress: int
    applicable: int
    percent: int | None
    y: int
    done_width: int
    progress_width: int


@dataclass
class Chart:
    bars: list[Bar]
    height: int


def progress_bars(progress: Progress) -> Chart:
    """One bar per action step: done, then in progress, as shares of the applicable items."""
    bars = []
    for index, step in enumerate(progress.steps):
        tally = step.all
        scale = BAR_WIDTH / tally.applicable if tally.applicable else 0
        bars.append(
            Bar(
                label=str(step.number),
                done=tally.done,
                in_progress=tally.in_progress,
                applicable=tally.applicable,
                percent=tally.percent,
                y=10 + index * 34,
                done_width=round(tally.done * scale),
                progress_width=round(tally.in_progress * scale),
            )
        )
    return Chart(bars=bars, height=20 + len(bars) * 34)
