"""The labelled evaluation sets written for SECURE: the analyzer keeps its measured quality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secure.agreements.analyzer import REQUIREMENT_IDS, analyze_text

DATA = Path(__file__).parent / "data"


def items(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))["items"]


def test_the_labelled_set_covers_every_requirement_with_positives_and_negatives():
    """Each requirement has at least two positive phrasings and a weak one in the tuning set."""
    labelled = items("mou_labelled.json")
    for requirement in REQUIREMENT_IDS:
        grades = [i["present"][requirement] for i in labelled if requirement in i["present"]]
        assert grades.count("met") >= 2 and "partial" in grades, requirement
    assert sum(1 for i in labelled if not i["present"]) >= 13


@pytest.mark.parametrize("item", items("mou_labelled.json"), ids=lambda i: i["id"])
def test_tuning_set_item(item):
    """Every item of the tuning set is graded as labelled, conflicts included."""
    report = analyze_text(item["text"])
    found = {r.id: r.status for r in report.requirements if r.status != "missing"}
    assert found == item["present"]
    assert sorted(c.requirement for c in report.conflicts) == sorted(item.get("conflicts", []))


def test_holdout_set_finds_most_requirements_without_false_alarms():
    """On clauses never used for tuning, at least 85% of findings are right both ways."""
    correct = total = 0
    for item in items("mou_holdout.json"):
        report = analyze_text(item["text"])
        for result in report.requirements:
            total += 1
            correct += (result.status != "missing") == (result.id in item["present"])
    assert correct / total >= 0.95
