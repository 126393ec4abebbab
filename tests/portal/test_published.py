"""The choke point of published numbers: suppression cannot be skipped, tables hold no small cell."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction

from secure.audit.context import AuditActor, acting_as
from secure.core import demo
from secure.partnerships.models import Partnership
from secure.portal.published import PublishedTable, build_tables, tables_for
from secure.portal.published.builders import BUILDERS, linked
from secure.portal.published.table import EXEMPT_TABLES, Column, CountGrid, share
from secure.portal.sections import SECTION_KEYS
from secure.portal.services import public_cache_clear

from ..incidents.factories import incident_make, student_entry

ALL = set(SECTION_KEYS)


def seed_open_data(*slugs: str, full: bool = True) -> list[Partnership]:
    """The demo partnerships with the data the open-data tables read (incidents, officers,
    complaints, surveys, people) -- the demo seeders of those apps, without the others."""
    from secure.complaints.demo import complaints_demo_seed
    from secure.incidents.demo import demo_seed_incidents
    from secure.personnel.demo import demo_seed_personnel
    from secure.surveys.demo import surveys_demo_seed

    seeders = [demo_seed_incidents]
    if full:
        seeders += [complaints_demo_seed, surveys_demo_seed, demo_seed_personnel]
    made = []
    with acting_as(AuditActor(label="system: test")), transaction.atomic():
        for spec in demo.PARTNERSHIPS:
            if spec.slug in slugs:
                partnership = demo._seed_partnership(spec)
                for seeder in seeders:
                    seeder(partnership)
                made.append(partnership)
    return made


def count_values(table: PublishedTable) -> list[int | None]:
    """Every value of the table's count columns."""
    at = [i for i, c in enumerate(table.columns) if c.kind == "count"]
    return [row[i] for row in table.rows for i in at]  # type: ignore[misc]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _columns() -> dict[str, object]:
    return {
        "block_columns": [Column("year", "Year", "The year.")],
        "label_column": Column("group", "Group", "The group."),
        "count_columns": [
            Column("a", "A", "Students with A.", "count"),
            Column("b", "B", "Students with B.", "count"),
        ],
        "total_column": Column("total", "Total", "A and B.", "count"),
        "total_label": "Total",
    }


def test_a_table_cannot_be_built_directly():
    with pytest.raises(TypeError):
        PublishedTable(
            key="raw",
            section="actions",
            title="Raw",
            description="",
            columns=(),
            rows=(),
            data_as_of=None,
            minimum=10,
            rule="",
        )


def test_only_listed_tables_may_skip_suppression():
    with pytest.raises(ValueError, match="EXEMPT_TABLES"):
        PublishedTable.exempt(
            key="actions-by-race",
            section="actions",
            title="t",
            description="",
            columns=[Column("n", "N", "n", "count")],
            rows=[[3]],
            minimum=10,
            data_as_of=None,
        )
    assert all(str(reason) for reason in EXEMPT_TABLES.values())


def test_from_counts_hides_small_cells_and_what_would_reveal_them():
    grid = CountGrid(block=("2024-25",), rows=("x", "y", "z"), cells=((3, 40), (25, 30), (12, 50)))
    table = PublishedTable.from_counts(
        key="demo",
        section="actions",
        title="t",
        description="d",
        grids=[grid],
        minimum=10,
        data_as_of=None,
        derived=[(Column("pct", "Pct", "a of total", "percent"), share("a", "total"))],
        **_columns(),  # type: ignore[arg-type]
    )
    records = table.records()
    assert records[0]["a"] is None  # the 3
    assert records[0]["b"] is None  # else 43 - 40 gives it away
    assert [r["group"] for r in records] == ["x", "y", "z", "Total"]
    assert all(v is None or v == 0 or v >= 10 for v in count_values(table))
    assert table.suppressed_cells >= 4
    assert records[0]["pct"] is None  # derived only from published numbers
    for record in records:
        if record["a"] is None or record["total"] is None:
            assert record["pct"] is None
        else:
            assert record["pct"] == round(100 * record["a"] / record["total"], 1)
    assert any(record["pct"] is not None for record in records)
    with pytest.raises(AttributeError):
        table.rows = ()  # type: ignore[misc]


def test_a_higher_minimum_hides_more():
    grid = CountGrid(block=("2024-25",), rows=("x", "y"), cells=((15, 40), (25, 30)))
    low = PublishedTable.from_counts(
        key="demo",
        section="actions",
        title="t",
        description="d",
        grids=[grid],
        minimum=10,
        data_as_of=None,
        **_columns(),  # type: ignore[arg-type]
    )
    high = PublishedTable.from_counts(
        key="demo",
        section="actions",
        title="t",
        description="d",
        grids=[grid],
        minimum=20,
        data_as_of=None,
        **_columns(),  # type: ignore[arg-type]
    )
    assert None not in count_values(low)
    assert low.records()[0]["a"] == 15
    assert high.records()[0]["a"] is None
    assert all(v is None or v == 0 or v >= 20 for v in count_values(high))


def test_linked_tables_hide_a_total_everywhere_or_nowhere():
    """Two breakdowns of the same students share their totals row; a total one of them must
    hide is hidden in the other as well (and protected there)."""
    grids = {
        0: [CountGrid(block=("y",), rows=("p", "q"), cells=((5, 0), (40, 30)))],
        1: [CountGrid(block=("y",), rows=("r", "s"), cells=((20, 15), (25, 15)))],
    }

    def build(i: int, hidden):
        return PublishedTable.from_counts(
            key=f"t{i}",
            section="actions",
            title="t",
            description="d",
            grids=grids[i],
            minimum=10,
            data_as_of=None,
            family="f",
            hidden_totals=hidden,
            **_columns(),  # type: ignore[arg-type]
        )

    first, second = linked(build=build, count=2)
    totals = [next(r for r in t.records() if r["group"] == "Total") for t in (first, second)]
    assert [k for k, v in totals[0].items() if v is None] == [
        k for k, v in totals[1].items() if v is None
    ]


@pytest.mark.django_db
def test_tables_from_incident_records(riverside):
    for n in range(12):
        incident_make(
            riverside,
            number=f"B{n}",
            students=[student_entry(student_id=f"B{n}", race="black")],
        )
    for n in range(3):
        incident_make(
            riverside,
            number=f"W{n}",
            students=[student_entry(student_id=f"W{n}", race="white", sex="male")],
        )
    tables = {t.key: t for t in build_tables(riverside, sections={"actions"}, minimum=10)}
    assert set(tables) == {
        "actions-by-school",
        "actions-by-race",
        "actions-by-sex",
        "actions-by-disability",
        "actions-by-el",
        "actions-by-age-band",
    }
    race = {r["group"]: r for r in tables["actions-by-race"].records()}
    column = [r["referral_to_law_enforcement"] for g, r in race.items() if g != "Total"]
    assert race["White"]["referral_to_law_enforcement"] is None
    assert column.count(None) >= 2  # the 3 cannot be worked out from the total of 15
    assert race["Black or African American"]["referral_to_law_enforcement"] in (12, None)
    assert race["Total"]["referral_to_law_enforcement"] == 15
    school = tables["actions-by-school"].records()
    assert school[-1]["referral_to_law_enforcement"] == 15  # the same totals row
    for table in tables.values():
        assert all(v is None or v == 0 or v >= 10 for v in count_values(table)), table.key
    assert tables["actions-by-race"].data_as_of is not None


@pytest.mark.django_db
def test_sections_switched_off_are_not_built(riverside):
    incident_make(riverside)
    assert build_tables(riverside, sections={"complaints", "surveys"}, minimum=10) == []
    assert {b[0] for b in BUILDERS} <= ALL


@pytest.mark.django_db
def test_results_are_cached_until_the_page_changes(riverside, django_assert_num_queries):
    for n in range(12):
        incident_make(riverside, number=f"B{n}", students=[student_entry(student_id=f"B{n}")])
    first = tables_for(riverside, sections={"actions"}, minimum=10)
    with django_assert_num_queries(0):
        again = tables_for(riverside, sections={"actions"}, minimum=10)
    assert again == first
    incident_make(riverside, number="late", students=[student_entry(student_id="late")])
    public_cache_clear(partnership=riverside)  # what publish / unpublish / settings do
    fresh = tables_for(riverside, sections={"actions"}, minimum=10)
    race = {r["group"]: r for r in fresh[1].records()}
    assert race["Total"]["referral_to_law_enforcement"] == 13


@pytest.mark.django_db
def test_demo_tables_of_every_section():
    (riverside,) = seed_open_data("riverside")
    tables = build_tables(riverside, sections=ALL, minimum=10)
    keys = {t.key for t in tables}
    assert {
        "schools-with-officers",
        "school-officers",
        "actions-by-school",
        "actions-by-race",
        "equity-indicators",
        "complaints-by-type",
        "survey-agreement",
    } <= keys
    for table in tables:
        assert table.rows, table.key
        assert all(v is None or v == 0 or v >= 10 for v in count_values(table)), table.key
        assert all(str(c.description) for c in table.columns), table.key
    officers = next(t for t in tables if t.key == "schools-with-officers").records()
    assert all(0 <= r["percent_with_officer"] <= 100 for r in officers)
    equity = next(t for t in tables if t.key == "equity-indicators").records()
    assert all(r["risk_ratio"] > 0 for r in equity)
