"""The overview of every action is cached under the partnership's data version (decision 0044):
a cached answer is always the one counting in the database would give now, whatever wrote the
data (an import, the entry form, a delete), for every filter and scope."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secure.incidents.models import Incident, IncidentAction
from secure.incidents.scope import DataScope
from secure.incidents.selectors import dashboard
from secure.incidents.versions import data_version
from secure.partnerships.models import Partnership, School

from ..factories import school_make
from .builders import csv_write, import_file, incident_row
from .factories import incident_make, student_entry

pytestmark = pytest.mark.django_db

YEAR = "2023-24"


def _counted(partnership, **filters) -> dict[str, dict[str, int]]:
    """What counting in the database says now (the cache bypassed)."""
    return dashboard._overview_counts(
        partnership=partnership,
        year=filters.get("year"),
        school=filters.get("school"),
        scope=filters.get("scope"),
    )


def _shown(partnership, **filters) -> dict[str, dict[str, int]]:
    """What the overview shows (perhaps from the cache), in the counted shape."""
    return {
        row["code"]: {k: row[k] for k in ("incidents", "students", "actions")}
        for row in dashboard.action_overview(
            partnership=partnership,
            year=filters.get("year"),
            school=filters.get("school"),
            scope=filters.get("scope"),
        )
        if row["actions"]
    }


@pytest.fixture
def schools(riverside: Partnership, tmp_path) -> tuple[School, School]:
    """Two schools, two years; one student at both schools, students with several actions."""
    high = School.objects.get(partnership=riverside)
    middle = school_make(riverside, name="Riverside Middle")
    rows = []
    for i in range(14):
        school = high if i % 3 else middle
        day = "2024-03-15" if i % 4 else "2023-02-10"
        rows.append(
            incident_row(school, incident_number=f"N{i}", incident_date=day, student_id=f"S{i % 5}")
        )
        if i % 2:
            rows.append(
                incident_row(
                    school,
                    incident_number=f"N{i}",
                    incident_date=day,
                    student_id=f"S{i % 5}",
                    action="out_of_school_suspension",
                )
            )
    import_file(riverside, "incidents", csv_write(tmp_path / "first.csv", rows))
    return high, middle


def _filters(high: School, middle: School) -> list[dict]:
    scopes = [None, DataScope(school_ids=frozenset({high.pk})), DataScope(school_ids=frozenset())]
    return [
        {"year": year, "school": school, "scope": scope}
        for year in (None, YEAR, "2022-23", "2019-20")
        for school in (None, high, middle)
        for scope in scopes
    ]


def test_the_overview_equals_counting_for_every_filter_and_scope(riverside, schools):
    high, middle = schools
    for filters in _filters(high, middle):
        first = _shown(riverside, **filters)
        assert first == _shown(riverside, **filters) == _counted(riverside, **filters), filters
    whole = _shown(riverside, year=YEAR)
    assert whole["referral_to_law_enforcement"]["students"] == 5  # S0..S4, across both schools
    assert _shown(riverside, year=YEAR, scope=DataScope(school_ids=frozenset())) == {}


def test_a_repeated_overview_is_not_counted_again(riverside, schools):
    dashboard.action_overview(partnership=riverside, year=YEAR)
    with CaptureQueriesContext(connection) as queries:
        dashboard.action_overview(partnership=riverside, year=YEAR)
    assert len(queries) == 1  # the data version only
    assert "COUNT" not in queries[0]["sql"].upper()


def test_an_import_lets_the_cached_overview_go(riverside, schools, tmp_path):
    high, _middle = schools
    before = _shown(riverside, year=YEAR)
    version = data_version(riverside)
    rows = [
        incident_row(high, incident_number="N-new", student_id="S-new", action="search"),
        # a changed school for an incident already saved moves its actions to the other school
        incident_row(high, incident_number="N3", incident_date="2024-03-15", student_id="S3"),
    ]
    import_file(riverside, "incidents", csv_write(tmp_path / "second.csv", rows))
    assert data_version(riverside) != version
    after = _shown(riverside, year=YEAR)
    assert after != before
    assert after["search"] == {"incidents": 1, "students": 1, "actions": 1}
    for filters in _filters(*schools):
        assert _shown(riverside, **filters) == _counted(riverside, **filters), filters


def test_an_unchanged_reimport_keeps_the_same_numbers(riverside, schools, tmp_path):
    before = _shown(riverside, year=YEAR)
    again = [
        incident_row(schools[1], incident_number="N0", incident_date="2023-02-10", student_id="S0")
    ]
    import_file(riverside, "incidents", csv_write(tmp_path / "again.csv", again))
    assert _shown(riverside, year=YEAR) == before == _counted(riverside, year=YEAR)


def test_the_entry_form_and_deletes_let_the_cached_overview_go(riverside, schools):
    high, _middle = schools
    _shown(riverside, year=YEAR, school=high)
    incident_make(
        riverside,
        school=high,
        students=[student_entry(student_id="S-form"), student_entry(student_id="S0")],
    )
    shown = _shown(riverside, year=YEAR, school=high)
    assert shown == _counted(riverside, year=YEAR, school=high)
    # S0 was already counted at the high school; S-form is new
    referred = shown["referral_to_law_enforcement"]
    _shown(riverside, year=YEAR)
    IncidentAction.objects.filter(incident__number="N1").delete()
    assert _shown(riverside, year=YEAR) == _counted(riverside, year=YEAR)
    Incident.objects.filter(partnership=riverside, number="N2").delete()
    assert _shown(riverside, year=YEAR) == _counted(riverside, year=YEAR)
    assert _shown(riverside, year=YEAR, school=high) == _counted(riverside, year=YEAR, school=high)
    assert _shown(riverside, year=YEAR, school=high)["referral_to_law_enforcement"] != referred


def test_partnerships_do_not_share_cached_overviews(riverside, lakeside, schools, tmp_path):
    lake = School.objects.get(partnership=lakeside)
    rows = [incident_row(lake, incident_number=f"L{i}", student_id=f"L{i}") for i in range(3)]
    import_file(lakeside, "incidents", csv_write(tmp_path / "lake.csv", rows))
    river = _shown(riverside, year=YEAR)
    lake_shown = _shown(lakeside, year=YEAR)
    assert lake_shown == {
        "referral_to_law_enforcement": {"incidents": 3, "students": 3, "actions": 3}
    }
    assert river == _counted(riverside, year=YEAR) != lake_shown


def _uncached(function, **arguments):
    """A dashboard read with the cache out of the way (every key missing)."""
    from django.core.cache import cache

    cache.clear()
    return function(**arguments)


def test_every_cached_dashboard_count_equals_counting(riverside, schools, tmp_path):
    high, middle = schools
    reads = []
    for year in (None, YEAR):
        for scope in (None, DataScope(school_ids=frozenset({middle.pk}))):
            common = {"partnership": riverside, "year": year, "scope": scope}
            referral = {**common, "action": "referral_to_law_enforcement"}
            for school in (None, high, middle):  # keys differ by each filter
                reads += [
                    (dashboard.group_table, {**referral, "dimension": "race", "school": school}),
                    (dashboard.group_table, {**referral, "dimension": "sex", "school": school}),
                    (
                        dashboard.group_table,
                        {**common, "action": "search", "dimension": "race", "school": school},
                    ),
                    (
                        dashboard.cross_tab,
                        {**referral, "rows": "race", "columns": "sex", "school": school},
                    ),
                    (
                        dashboard.cross_tab,
                        {**referral, "rows": "sex", "columns": "race", "school": school},
                    ),
                    (
                        dashboard.cross_tab,
                        {**referral, "rows": "race", "columns": "el", "school": school},
                    ),
                    (dashboard.referrals_by_involvement, {**common, "school": school}),
                    (dashboard.action_overview, {**common, "school": school}),
                ]
            reads += [
                (dashboard.by_school, referral),
                (dashboard.by_school, {**common, "action": "out_of_school_suspension"}),
            ]

    def everything() -> list:
        return [function(**arguments) for function, arguments in reads]

    counted = [_uncached(function, **arguments) for function, arguments in reads]
    assert everything() == everything() == counted  # filled, then from the cache
    more = [
        incident_row(middle, incident_number="N-more", student_id=f"S-more{i}", race="WH")
        for i in range(3)
    ]
    import_file(riverside, "incidents", csv_write(tmp_path / "more.csv", more))
    after = everything()
    assert after != counted
    assert after == [_uncached(function, **arguments) for function, arguments in reads]
