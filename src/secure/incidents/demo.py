"""Demo data: four school years of generated incidents, enrollment and sworn officers.

Everything is synthetic and deterministic (``random.Random`` seeded per partnership). The
generator builds an incidents file in the data standard's shape and imports it through the
importer, so the demo exercises the same path as real data; it puts in disparities (higher
referral odds for some groups and for staff calls) so the dashboards and flags have something
to show.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import random
from decimal import Decimal

from django.utils import timezone

from secure.partnerships.models import Partnership, School

from .importers import ImportJob, incidents_import, table_open
from .importers.denominators import enrollment_write, officers_write
from .models import DataSource, Incident
from .models.choices import DEFAULT_OFFENSES, AgeBand, Dimension, Race, Sex
from .standard import INCIDENTS

YEARS = 4
RACE_SHARES: dict[str, dict[str, float]] = {
    "riverside": {
        Race.HISPANIC: 0.22,
        Race.AMERICAN_INDIAN: 0.01,
        Race.ASIAN: 0.05,
        Race.BLACK: 0.30,
        Race.PACIFIC_ISLANDER: 0.01,
        Race.WHITE: 0.36,
        Race.TWO_OR_MORE: 0.05,
    },
    "lakeside": {
        Race.HISPANIC: 0.12,
        Race.AMERICAN_INDIAN: 0.02,
        Race.ASIAN: 0.03,
        Race.BLACK: 0.18,
        Race.PACIFIC_ISLANDER: 0.01,
        Race.WHITE: 0.58,
        Race.TWO_OR_MORE: 0.06,
    },
}
ENROLLMENT_SIZE: dict[str, int] = {
    School.Level.HIGH: 1300,
    School.Level.MIDDLE: 850,
    School.Level.ELEMENTARY: 520,
    School.Level.COMBINED: 700,
}
AGES: dict[str, tuple[int, int]] = {
    School.Level.HIGH: (14, 18),
    School.Level.MIDDLE: (11, 14),
    School.Level.ELEMENTARY: (6, 11),
    School.Level.COMBINED: (8, 17),
}
INCIDENTS_PER_100: dict[str, float] = {
    School.Level.HIGH: 11.0,
    School.Level.MIDDLE: 9.0,
    School.Level.ELEMENTARY: 2.0,
    School.Level.COMBINED: 6.0,
}
# Extra odds of law-enforcement actions: the disparities the dashboards should reveal.
RACE_WEIGHT: dict[str, float] = {Race.BLACK: 2.2, Race.HISPANIC: 1.3, Race.TWO_OR_MORE: 1.2}
DISABILITY_WEIGHT: dict[str, float] = {"idea": 1.8}


def school_years_for_demo(today: datetime.date) -> list[str]:
    """The last four complete school years before today."""
    last = today.year - 1 if today.month >= 7 else today.year - 2
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(last - YEARS + 1, last + 1)]


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _split(rng: random.Random, total: int, shares: dict[str, float]) -> dict[str, int]:
    """Divide ``total`` among groups in about their shares (whole numbers adding up to total)."""
    counts = {g: int(total * s * rng.uniform(0.92, 1.08)) for g, s in shares.items()}
    first = next(iter(counts))
    counts[first] += total - sum(counts.values())
    return counts


def _enrollment(
    rng: random.Random, school: School, year: str, races: dict[str, float]
) -> dict[tuple[int, str, str, str], tuple[int]]:
    total = int(ENROLLMENT_SIZE[school.level] * rng.uniform(0.85, 1.15))
    low, high = AGES[school.level]
    bands: dict[str, float] = {}
    from .models.choices import age_band_for

    for age in range(low, high + 1):
        band = str(age_band_for(age))
        bands[band] = bands.get(band, 0) + 1 / (high - low + 1)
    splits = {
        Dimension.TOTAL: {"all": total},
        Dimension.RACE: _split(rng, total, {str(k): v for k, v in races.items()}),
        Dimension.SEX: _split(rng, total, {Sex.FEMALE: 0.49, Sex.MALE: 0.50, Sex.X: 0.01}),
        Dimension.DISABILITY: _split(rng, total, {"none": 0.84, "idea": 0.13, "section_504": 0.03}),
        Dimension.EL: _split(rng, total, {"no": 0.9, "yes": 0.1}),
        Dimension.AGE_BAND: _split(rng, total, bands),
    }
    return {
        (school.pk, year, str(dim), str(group)): (max(count, 0),)
        for dim, groups in splits.items()
        for group, count in groups.items()
    }


def _incident_rows(
    rng: random.Random, partnership: Partnership, schools: list[School], years: list[str]
) -> list[dict[str, str]]:
    races = {
        str(k): v for k, v in RACE_SHARES.get(partnership.slug, RACE_SHARES["riverside"]).items()
    }
    offenses = [code for code, _label, _violent in DEFAULT_OFFENSES]
    violent = {code for code, _label, is_violent in DEFAULT_OFFENSES if is_violent}
    rows: list[dict[str, str]] = []
    number = 0
    for year in years:
        start = datetime.date(int(year[:4]), 8, 25)
        for school in schools:
            low, high = AGES[school.level]
            pool = [f"{school.nces_id[-3:]}{n:05d}" for n in range(ENROLLMENT_SIZE[school.level])]
            count = int(ENROLLMENT_SIZE[school.level] * INCIDENTS_PER_100[school.level] / 100)
            for _n in range(count):
                number += 1
                day = start + datetime.timedelta(days=rng.randrange(0, 280))
                offense = rng.choice(offenses)
                involvement = rng.choices(
                    [
                        "staff_call_violent" if offense in violent else "staff_call_nonviolent",
                        "officer_initiated",
                        "none",
                        "other",
                    ],
                    weights=[5, 2, 3, 0.3],
                )[0]
                incident = {
                    "incident_number": f"{partnership.slug[:2].upper()}-{year[:4]}-{number:05d}",
                    "incident_date": day.isoformat(),
                    "school": school.nces_id,
                    "location": rng.choice(
                        ["classroom", "hallway", "cafeteria", "restroom", "grounds", "bus"]
                    ),
                    "offense": offense,
                    "involvement": involvement,
                    "officers": "" if involvement == "none" else str(4400 + rng.randrange(12)),
                    "narrative": "",
                }
                for student_id in _involved(rng, pool, races, rng.choice([1, 1, 1, 2, 2, 3])):
                    rows += _student_rows(rng, incident, student_id, races, low, high, involvement)
    return rows


def _person(student_id: str, races: dict[str, float]) -> tuple[str, str, str]:
    """A student's race, sex and disability, the same every time the ID comes up."""
    person = random.Random(student_id)  # noqa: S311 (synthetic)
    race = _pick(person, races)
    sex = person.choices(["F", "M", "X"], weights=[48, 51, 1])[0]
    disability = person.choices(["none", "idea", "504"], weights=[80, 16, 4])[0]
    return race, sex, disability


def _involved(
    rng: random.Random, pool: list[str], races: dict[str, float], count: int
) -> list[str]:
    """Students drawn into an incident, with some groups over-represented (the disparity)."""
    chosen: list[str] = []
    top = max(RACE_WEIGHT.values())
    while len(chosen) < count:
        student_id = rng.choice(pool)
        race = _person(student_id, races)[0]
        if student_id not in chosen and rng.random() < RACE_WEIGHT.get(race, 1.0) / top:
            chosen.append(student_id)
    return chosen


def _student_rows(
    rng: random.Random,
    incident: dict[str, str],
    student_id: str,
    races: dict[str, float],
    low: int,
    high: int,
    involvement: str,
) -> list[dict[str, str]]:
    # The same pseudonymous student keeps one race and sex across incidents.
    race, sex, disability = _person(student_id, races)
    person = random.Random(student_id + "el")  # noqa: S311 (synthetic)
    age = rng.randint(low, high)
    grade = max(1, min(12, age - 5)) if age >= 6 else "k"
    weight = RACE_WEIGHT.get(race, 1.0) * DISABILITY_WEIGHT.get(disability, 1.0)
    police = involvement != "none"
    actions: list[str] = []
    if rng.random() < 0.55:
        actions.append(rng.choice(["in_school_suspension", "out_of_school_suspension"]))
    if rng.random() < 0.08:
        actions.append("restorative_practice")
    if police:
        if rng.random() < min(0.25 * weight, 0.9):
            actions.append("referral_to_law_enforcement")
            if rng.random() < 0.35:
                actions.append("school_related_arrest")
            elif rng.random() < 0.3:
                actions.append("diversion")
        if rng.random() < min(0.12 * weight, 0.8):
            actions.append("search")
        if rng.random() < 0.15:
            actions.append("questioning")
        if rng.random() < min(0.03 * weight, 0.3):
            actions.append("use_of_force")
        if rng.random() < 0.05:
            actions.append("citation")
    if rng.random() < 0.01:
        actions.append("expulsion")
    base = {
        **incident,
        "student_id": student_id,
        "age": str(age),
        "grade": str(grade),
        "sex": sex,
        "race": race,
        "english_learner": person.choices(["yes", "no"], weights=[11, 89])[0],
        "disability": disability,
    }
    if not actions:
        return [base]
    rows = []
    for action in actions:
        row = {**base, "action": action}
        if action == "use_of_force":
            row["force_type"] = rng.choice(["physical", "restraint", "handcuffs"])
        if action == "questioning":
            row["parent_notified"] = rng.choice(["yes", "yes", "no"])
            row["rights_advised"] = rng.choice(["yes", "no"])
        rows.append(row)
    return rows


def demo_seed_incidents(partnership: Partnership) -> None:
    """Seed a demo partnership with four years of enrollment, officers and incidents."""
    rng = random.Random(f"secure-demo-incidents-{partnership.slug}")  # noqa: S311 (synthetic)
    schools = list(School.objects.for_partnership(partnership).order_by("name"))
    if not schools or Incident.objects.for_partnership(partnership).exists():
        return
    years = school_years_for_demo(timezone.localdate())
    races = RACE_SHARES.get(partnership.slug, RACE_SHARES["riverside"])
    enrollment: dict[tuple[int, str, str, str], tuple[int]] = {}
    officers: dict[tuple[int, str], tuple[Decimal]] = {}
    for year in years:
        for school in schools:
            enrollment.update(_enrollment(rng, school, year, {str(k): v for k, v in races.items()}))
            fte = {"high": "2.0", "middle": "1.0", "combined": "1.0"}.get(school.level, "0")
            if school.level == School.Level.ELEMENTARY and rng.random() < 0.3:
                fte = "0.5"
            officers[(school.pk, year)] = (Decimal(fte),)
    enrollment_write(partnership=partnership, values=enrollment, source=DataSource.DEMO)
    officers_write(partnership=partnership, values=officers, source=DataSource.DEMO)
    rows = _incident_rows(rng, partnership, schools, years)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=INCIDENTS.names, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    content = out.getvalue().encode()
    job = ImportJob(
        partnership=partnership,
        kind="incidents",
        file_name="demo-incidents.csv",
        file_sha256=hashlib.sha256(content).hexdigest(),
    )
    incidents_import(
        job=job, table=table_open(name="demo.csv", content=content), source=Incident.Source.DEMO
    )


__all__ = ["AgeBand", "demo_seed_incidents", "school_years_for_demo"]
