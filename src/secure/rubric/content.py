"""The SECURE rubric as data: loaded once from ``data/secure-2016.json`` and checked on load.

Item ids are positional and fixed by contract (other apps register live evidence against them):
``<step>.<start|improve>.<n>`` for a bullet and ``<parent id>.<m>`` for its sub-bullets, counting
from 1 in the seed's order. The loader refuses a data file whose ids break that rule, so an edit
that shifts an item cannot slip through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "secure-2016.json"
CHECKLISTS = ("start", "improve")

BAD_ID = "Rubric item {found!r} should have the id {expected!r} (ids are positional)."


@dataclass(frozen=True)
class RubricItem:
    """One bullet or sub-bullet of a checklist, worded as the seed words it."""

    id: str
    text: str
    step: int
    checklist: str
    parent_id: str | None
    place: int
    order: int
    children: tuple[RubricItem, ...] = ()
    footnotes: tuple[int, ...] = ()
    recurring: bool = False

    @property
    def depth(self) -> int:
        return self.id.count(".") - 2

    @property
    def is_parent(self) -> bool:
        return bool(self.children)


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True)
class RubricStep:
    number: int
    title: str
    footnotes: tuple[int, ...]
    checklists: dict[str, tuple[RubricItem, ...]]

    def items(self, checklist: str | None = None) -> list[RubricItem]:
        """Every item of the step (or one checklist), parents before their sub-items."""
        names = [checklist] if checklist else list(CHECKLISTS)
        return [item for name in names for item in _walk(self.checklists[name])]


@dataclass(frozen=True)
class Rubric:
    edition: str
    title: str
    full_name: str
    publisher: str
    introduction: tuple[dict[str, Any], ...]
    disclaimer: str
    footnotes: dict[int, Footnote]
    checklist_info: dict[str, dict[str, str]]
    steps: tuple[RubricStep, ...]
    by_id: dict[str, RubricItem] = field(default_factory=dict)

    def items(self, *, checklist: str | None = None) -> list[RubricItem]:
        """Every item in rubric order (step, then Start before Improve, parents first)."""
        return [item for step in self.steps for item in step.items(checklist)]

    def step(self, number: int) -> RubricStep | None:
        return next((s for s in self.steps if s.number == number), None)

    def item(self, item_id: str) -> RubricItem | None:
        return self.by_id.get(item_id)


def _walk(items: tuple[RubricItem, ...]) -> list[RubricItem]:
    found: list[RubricItem] = []
    for item in items:
        found.append(item)
        found.extend(_walk(item.children))
    return found


class _Counter:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _build(
    raw: list[dict[str, Any]],
    *,
    step: int,
    checklist: str,
    prefix: str,
    parent_id: str | None,
    counter: _Counter,
) -> tuple[RubricItem, ...]:
    built = []
    for place, entry in enumerate(raw, start=1):
        expected = f"{prefix}.{place}"
        if entry["id"] != expected:
            raise ValueError(BAD_ID.format(found=entry["id"], expected=expected))
        order = counter.next()
        children = _build(
            entry.get("children", []),
            step=step,
            checklist=checklist,
            prefix=expected,
            parent_id=expected,
            counter=counter,
        )
        built.append(
            RubricItem(
                id=expected,
                text=entry["text"],
                step=step,
                checklist=checklist,
                parent_id=parent_id,
                place=place,
                order=order,
                children=children,
                footnotes=tuple(entry.get("footnotes", ())),
                recurring=bool(entry.get("recurring", False)),
            )
        )
    return tuple(built)


def rubric_parse(data: dict[str, Any]) -> Rubric:
    """Build and check a rubric from its data file's contents."""
    counter = _Counter()
    steps = []
    for number, raw_step in enumerate(data["steps"], start=1):
        if raw_step["number"] != number:
            raise ValueError(f"Step {raw_step['number']} is out of order.")
        checklists = {
            name: _build(
                raw_step["checklists"][name],
                step=number,
                checklist=name,
                prefix=f"{number}.{name}",
                parent_id=None,
                counter=counter,
            )
            for name in CHECKLISTS
        }
        steps.append(
            RubricStep(
                number=number,
                title=raw_step["title"],
                footnotes=tuple(raw_step.get("footnotes", ())),
                checklists=checklists,
            )
        )
    rubric = Rubric(
        edition=data["edition"],
        title=data["title"],
        full_name=data["full_name"],
        publisher=data["publisher"],
        introduction=tuple(data["introduction"]),
        disclaimer=data["disclaimer"],
        footnotes={f["number"]: Footnote(f["number"], f["text"]) for f in data["footnotes"]},
        checklist_info=data["checklists"],
        steps=tuple(steps),
    )
    rubric.by_id.update({item.id: item for item in rubric.items()})
    return rubric


@cache
def rubric_load() -> Rubric:
    """The rubric shipped with SECURE (read once per process)."""
    return rubric_parse(json.loads(DATA_FILE.read_text(encoding="utf-8")))


def rubric_item(item_id: str) -> RubricItem | None:
    """The item with this id, or None."""
    return rubric_load().item(item_id)


def checklists_for_path(path: str) -> tuple[str, ...]:
    """The checklists an assessment on ``path`` works through (see Assessment.Path)."""
    return {"start": ("start",), "improve": ("improve",)}.get(path, CHECKLISTS)
