"""Which CRDC columns make up each count SECURE keeps, for each dimension and group.

Source: the CRDC school-level public-use file layout (2017-18, and 2021-22 which renames LEP to
EL and adds the sex category X to enrollment). Discipline counts are split into students
without disabilities (``SCH_DISCWODIS_<stem>_<race>_<sex>``), students served under IDEA
(``SCH_DISCWDIS_<stem>_IDEA_<race>_<sex>``) and Section 504-only students
(``SCH_DISCWDIS_<stem>_504_<sex>``, not by race). So, as the CRDC's own tables do, counts by
race, sex and English-learner status are students without disabilities plus students served
under IDEA; counts by disability status and the total also include Section 504-only students.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..models.choices import (
    RACE_CRDC_CODES,
    SEX_CRDC_CODES,
    TOTAL_GROUP,
    ActionType,
    Dimension,
    Disability,
    EnglishLearner,
)
from ..models.crdc import ENROLLMENT_MEASURE

SEXES = tuple(SEX_CRDC_CODES)
RACES = tuple(RACE_CRDC_CODES)

# Outcome name -> the CRDC stems whose students are added (single and multiple out-of-school
# suspensions are exclusive; expulsions with and without services are exclusive; zero-tolerance
# expulsions overlap them and are left out).
CRDC_OUTCOME_STEMS: dict[str, tuple[str, ...]] = {
    ActionType.IN_SCHOOL_SUSPENSION: ("ISS",),
    ActionType.OUT_OF_SCHOOL_SUSPENSION: ("SINGOOS", "MULTOOS"),
    ActionType.EXPULSION: ("EXPWE", "EXPWOE"),
    ActionType.REFERRAL: ("REF",),
    ActionType.ARREST: ("ARR",),
}
OFFICERS_COLUMN = "SCH_FTESECURITY_LEO"


@dataclass(frozen=True)
class Formula:
    """A count as the sum of ``plus`` columns minus the sum of ``minus`` columns."""

    plus: tuple[str, ...]
    minus: tuple[str, ...] = ()

    def columns(self) -> tuple[str, ...]:
        return self.plus + self.minus


def _sexes(header: Collection[str], probe: str) -> list[str]:
    return [sex for sex in SEXES if probe.format(sex=sex) in header]


def _el_code(header: Collection[str], prefix: str) -> str:
    return "EL" if f"{prefix}_EL_M" in header else "LEP"


def enrollment_formulas(header: Collection[str]) -> dict[tuple[str, str], Formula]:
    """(dimension, group) -> formula for K-12 enrollment (``SCH_ENR``), all sexes."""
    sexes = _sexes(header, "SCH_ENR_WH_{sex}")
    by_race = {race: tuple(f"SCH_ENR_{race}_{sex}" for sex in sexes) for race in RACES}
    everyone = tuple(c for cells in by_race.values() for c in cells)
    el = _el_code(header, "SCH_ENR")
    idea = tuple(f"SCH_ENR_IDEA_{sex}" for sex in sexes)
    only_504 = tuple(f"SCH_ENR_504_{sex}" for sex in sexes)
    english = tuple(f"SCH_ENR_{el}_{sex}" for sex in sexes)
    formulas = {
        (Dimension.RACE, str(RACE_CRDC_CODES[race])): Formula(cells)
        for race, cells in by_race.items()
    }
    for sex in sexes:
        formulas[(Dimension.SEX, str(SEX_CRDC_CODES[sex]))] = Formula(
            tuple(f"SCH_ENR_{race}_{sex}" for race in RACES)
        )
    formulas[(Dimension.DISABILITY, Disability.IDEA)] = Formula(idea)
    formulas[(Dimension.DISABILITY, Disability.SECTION_504)] = Formula(only_504)
    formulas[(Dimension.DISABILITY, Disability.NONE)] = Formula(everyone, idea + only_504)
    formulas[(Dimension.EL, EnglishLearner.YES)] = Formula(english)
    formulas[(Dimension.EL, EnglishLearner.NO)] = Formula(everyone, english)
    formulas[(Dimension.TOTAL, TOTAL_GROUP)] = Formula(everyone)
    return {key: f for key, f in formulas.items() if f.plus}


def outcome_formulas(
    header: Collection[str], stems: tuple[str, ...]
) -> dict[tuple[str, str], Formula]:
    """(dimension, group) -> formula for students with an outcome made of CRDC ``stems``."""
    sexes = _sexes(header, f"SCH_DISCWODIS_{stems[0]}_WH_{{sex}}")
    without = {
        (race, sex): tuple(f"SCH_DISCWODIS_{stem}_{race}_{sex}" for stem in stems)
        for race in RACES
        for sex in sexes
    }
    idea = {
        (race, sex): tuple(f"SCH_DISCWDIS_{stem}_IDEA_{race}_{sex}" for stem in stems)
        for race in RACES
        for sex in sexes
    }
    only_504 = tuple(f"SCH_DISCWDIS_{stem}_504_{sex}" for stem in stems for sex in sexes)
    el_without = _el_code(header, f"SCH_DISCWODIS_{stems[0]}")
    el_with = _el_code(header, f"SCH_DISCWDIS_{stems[0]}")
    english = tuple(
        f"SCH_DISCWODIS_{stem}_{el_without}_{sex}" for stem in stems for sex in sexes
    ) + tuple(f"SCH_DISCWDIS_{stem}_{el_with}_{sex}" for stem in stems for sex in sexes)
    all_without = tuple(c for cells in without.values() for c in cells)
    all_idea = tuple(c for cells in idea.values() for c in cells)
    formulas: dict[tuple[str, str], Formula] = {}
    for race in RACES:
        formulas[(Dimension.RACE, str(RACE_CRDC_CODES[race]))] = Formula(
            tuple(c for sex in sexes for c in without[(race, sex)] + idea[(race, sex)])
        )
    for sex in sexes:
        formulas[(Dimension.SEX, str(SEX_CRDC_CODES[sex]))] = Formula(
            tuple(c for race in RACES for c in without[(race, sex)] + idea[(race, sex)])
        )
    formulas[(Dimension.DISABILITY, Disability.IDEA)] = Formula(all_idea)
    formulas[(Dimension.DISABILITY, Disability.SECTION_504)] = Formula(only_504)
    formulas[(Dimension.DISABILITY, Disability.NONE)] = Formula(all_without)
    formulas[(Dimension.EL, EnglishLearner.YES)] = Formula(english)
    formulas[(Dimension.EL, EnglishLearner.NO)] = Formula(all_without + all_idea, english)
    formulas[(Dimension.TOTAL, TOTAL_GROUP)] = Formula(all_without + all_idea + only_504)
    return {key: f for key, f in formulas.items() if f.plus}


def measure_formulas(header: Collection[str]) -> dict[str, dict[tuple[str, str], Formula]]:
    """Every measure the file has all the columns for: enrollment and the outcomes present.

    A (dimension, group) whose columns are not all in the file is left out; a measure with no
    complete formula is left out entirely.
    """
    found: dict[str, dict[tuple[str, str], Formula]] = {}
    candidates = {ENROLLMENT_MEASURE: enrollment_formulas(header)}
    for outcome, stems in CRDC_OUTCOME_STEMS.items():
        candidates[str(outcome)] = outcome_formulas(header, stems)
    for measure, formulas in candidates.items():
        complete = {key: f for key, f in formulas.items() if all(c in header for c in f.columns())}
        if complete:
            found[measure] = complete
    return found
