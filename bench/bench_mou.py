"""Benchmark: the MOU analyzer's precision and recall per requirement, against a keyword baseline.

Run as ``.venv/bin/python bench/bench_mou.py`` (``make bench`` runs every bench/bench_*.py).

The labelled sets were written for SECURE (``tests/agreements/data/``): ``mou_labelled.json``
(several phrasings, weak wordings, negatives and traps for every requirement, plus two MOU-like
texts; the rules were tuned on it) and ``mou_holdout.json`` (written after tuning, never used to
tune). For each requirement an item is *positive* when a careful reader finds it met or partial.

Prints, for each set and requirement: precision and recall of "found" (met or partial) for the
analyzer and for a keyword baseline (the requirement counts as found when any of its keywords
appears: what a naive checker does, and what the traps are written to fool); the share of
positives whose met/partial grade matches; conflict precision and recall; and the ratio of the
analyzer's macro-F1 to the baseline's.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(USE_I18N=False)
django.setup()

from secure.agreements.analyzer import REQUIREMENT_IDS, analyze_text  # noqa: E402

DATA = ROOT / "tests" / "agreements" / "data"
SETS = ("mou_labelled.json", "mou_holdout.json")

BASELINE_KEYWORDS = {
    "discipline_prohibition": r"disciplin|code of conduct",
    "role_safety_security": r"safety|security",
    "searches_seizures": r"search|seiz",
    "use_of_force": r"force|restrain|handcuff",
    "interrogation_miranda_parent_notice": r"question|interrogat|interview|miranda",
    "nondiscrimination_civil_rights": r"discriminat|civil rights",
    "data_collection_disaggregation": r"\bdata\b|disaggregat",
    "complaint_mechanism": r"complain|grievance",
    "training": r"train",
    "hiring_selection_criteria": r"select|hire|assign",
    "evaluation": r"evaluat|assess",
    "regular_review_timeline": r"review|revis|amend",
    "ferpa_information_sharing": r"ferpa|record|privacy|confidential",
}


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _fmt(value: float | None) -> str:
    return "  —  " if value is None else f"{value:5.2f}"


def _f1(precision: float | None, recall: float | None) -> float:
    if not precision or not recall:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def evaluate(name: str) -> tuple[float, float]:
    """Print the table for one labelled set; return the analyzer's and baseline's macro-F1."""
    items = json.loads((DATA / name).read_text(encoding="utf-8"))["items"]
    counts = {
        r: {"tp": 0, "fp": 0, "fn": 0, "btp": 0, "bfp": 0, "bfn": 0, "grade": 0}
        for r in REQUIREMENT_IDS
    }
    conflict = {"tp": 0, "fp": 0, "fn": 0}
    for item in items:
        report = analyze_text(item["text"])
        wanted = item["present"]
        for result in report.requirements:
            c = counts[result.id]
            found = result.status != "missing"
            positive = result.id in wanted
            keyword = bool(re.search(BASELINE_KEYWORDS[result.id], item["text"], re.IGNORECASE))
            if found and positive:
                c["tp"] += 1
            elif found:
                c["fp"] += 1
            elif positive:
                c["fn"] += 1
            if keyword and positive:
                c["btp"] += 1
            elif keyword:
                c["bfp"] += 1
            elif positive:
                c["bfn"] += 1
            if positive and wanted[result.id] == result.status:
                c["grade"] += 1
        got = {c.requirement for c in report.conflicts}
        want = set(item.get("conflicts", []))
        conflict["tp"] += len(got & want)
        conflict["fp"] += len(got - want)
        conflict["fn"] += len(want - got)

    print(f"\n{name}: {len(items)} labelled items")
    print(f"{'requirement':38} {'P':>5} {'R':>5} {'grade':>5}   {'base P':>6} {'base R':>6}")
    f1s, base_f1s = [], []
    for requirement, c in counts.items():
        p, r = _ratio(c["tp"], c["tp"] + c["fp"]), _ratio(c["tp"], c["tp"] + c["fn"])
        bp, br = _ratio(c["btp"], c["btp"] + c["bfp"]), _ratio(c["btp"], c["btp"] + c["bfn"])
        grade = _ratio(c["grade"], c["tp"] + c["fn"])
        f1s.append(_f1(p, r))
        base_f1s.append(_f1(bp, br))
        print(f"{requirement:38} {_fmt(p)} {_fmt(r)} {_fmt(grade)}   {_fmt(bp):>6} {_fmt(br):>6}")
    cp = _ratio(conflict["tp"], conflict["tp"] + conflict["fp"])
    cr = _ratio(conflict["tp"], conflict["tp"] + conflict["fn"])
    print(f"{'conflicts':38} {_fmt(cp)} {_fmt(cr)}")
    macro, base_macro = sum(f1s) / len(f1s), sum(base_f1s) / len(base_f1s)
    print(f"macro-F1 analyzer {macro:.2f}, keyword baseline {base_macro:.2f}")
    return macro, base_macro


def main() -> int:
    for name in SETS:
        macro, base = evaluate(name)
        ratio = macro / base if base else float("inf")
        print(f"ratio (analyzer / keyword baseline, macro-F1) on {name}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
