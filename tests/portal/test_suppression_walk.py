"""The suppression walk: every public page, file and API response of the demo, checked cell by cell.

The demo (``secure demo``'s data) is loaded and Riverside's page published with every section on;
Lakeside's stays unpublished. The walk then reads what anyone can
read -- the public page, the data page, the dictionary, every CSV and Parquet file and every API
response -- parses each published table and proves two things:

1. no published count of people is between 1 and ``minimum - 1``;
2. no hidden count can be worked out: for every hidden entry, linear programming finds the
   smallest and the largest value it can take given everything published (the other cells, the
   row and column totals, the totals rows that a family of tables shares, counts never
   negative); the two must differ, or both be at least the minimum. The linear relaxation gives
   an interval at least as wide as the whole-number one, and the suppression module's rectangles
   give every hidden entry a whole-number alternative of +1 or -1, so a width of zero is the
   case that matters.

The same tables read from different places must agree exactly, so a check of one is a check
of all.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections import defaultdict
from html.parser import HTMLParser
from typing import Any

import duckdb
import numpy as np
import pytest
from django.core.cache import cache
from django.urls import reverse
from scipy.optimize import linprog

from secure.core.demo import demo_seed
from secure.portal.sections import SECTION_KEYS

from .factories import page_for, published_page_for

pytestmark = pytest.mark.django_db

HIDDEN_MARK = "‡"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


class TableParser(HTMLParser):
    """The published tables of a page (``data-table-key``) as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._key: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and found.get("data-table-key"):
            self._key = found["data-table-key"]
            self.tables[self._key] = []
        elif self._key and tag == "tbody":
            self._in_body = True
        elif self._key and self._in_body and tag == "tr":
            self._row = []
        elif self._row is not None and tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._key:
            self.tables[self._key].append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._key = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(content: bytes) -> dict[str, list[list[str]]]:
    parser = TableParser()
    parser.feed(content.decode())
    return parser.tables


def _get(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def rendered(table: dict[str, Any], row: dict[str, Any]) -> list[str]:
    """A published row as the table include shows its cells (text only)."""
    cells = []
    for column in table["columns"]:
        value = row[column["name"]]
        if value is None:
            cells.append(
                HIDDEN_MARK + "hidden to protect privacy"
                if column["type"] == "count"
                else "–not available"
            )
        elif value is True:
            cells.append("Yes")
        elif value is False:
            cells.append("No")
        else:
            cells.append(str(value))
    return cells


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    found = iter(whole)
    return all(any(cell == other for other in found) for cell in part)


# -- the recoverability check ---------------------------------------------------------------------


def entry_key(
    table: dict[str, Any], block: tuple[Any, ...], row: int, is_total: bool, column: str
) -> tuple[Any, ...]:
    """The LP variable of one entry: a family's totals row is one variable for all its tables."""
    family = table["layout"]["family"]
    if is_total and family:
        return ("family", family, block, column)
    return ("table", table["key"], block, row, column)


class Grids:
    """The entries of every published count grid, with shared totals linked, for the LP."""

    def __init__(self) -> None:
        self.index: dict[tuple[Any, ...], int] = {}
        self.value: list[int | None] = []
        self.equations: list[dict[int, int]] = []

    def variable(self, key: tuple[Any, ...], value: int | None) -> int:
        if key in self.index:
            at = self.index[key]
            assert self.value[at] == value, f"{key}: {self.value[at]} vs {value}"
            return at
        self.index[key] = len(self.value)
        self.value.append(value)
        return self.index[key]

    def add_table(self, table: dict[str, Any]) -> None:
        layout = table["layout"]
        blocks: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
        for row in table["rows"]:
            blocks[tuple(row[c] for c in layout["block_columns"])].append(row)
        columns = [*layout["count_columns"], layout["total_column"]]
        for block, rows in blocks.items():
            *body, total = rows
            assert total[layout["label_column"]] == layout["total_label"]
            assert all(r[layout["label_column"]] != layout["total_label"] for r in body)

            grid = [
                [
                    self.variable(entry_key(table, block, i, i == len(body), c), r[c])
                    for c in columns
                ]
                for i, r in enumerate([*body, total])
            ]
            for line in grid:  # each row: cells minus the row total
                self.equations.append({**{v: 1 for v in line[:-1]}, line[-1]: -1})
            for j in range(len(columns)):  # each column: cells minus the column total
                equation = {grid[i][j]: 1 for i in range(len(body))}
                equation[grid[-1][j]] = equation.get(grid[-1][j], 0) - 1
                self.equations.append(equation)

    def hidden_ranges(self) -> list[tuple[tuple[Any, ...], float, float]]:
        """(key, smallest, largest) of every hidden entry, component by component."""
        n = len(self.value)
        parent = list(range(n))

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for equation in self.equations:
            first, *others = equation
            for other in others:
                parent[find(other)] = find(first)
        groups: dict[int, list[int]] = defaultdict(list)
        for v in range(n):
            groups[find(v)].append(v)
        names = {at: key for key, at in self.index.items()}
        result = []
        for members in groups.values():
            hidden = [v for v in members if self.value[v] is None]
            if not hidden:
                continue
            local = {v: i for i, v in enumerate(members)}
            rows = [e for e in self.equations if next(iter(e)) in local]
            a_eq = np.zeros((len(rows), len(members)))
            for r, equation in enumerate(rows):
                for v, coefficient in equation.items():
                    a_eq[r, local[v]] += coefficient
            b_eq = np.zeros(len(rows))
            bounds = [
                (0, None) if self.value[v] is None else (self.value[v], self.value[v])
                for v in members
            ]
            for v in hidden:
                c = np.zeros(len(members))
                c[local[v]] = 1
                low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
                high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
                assert low.status == 0, (names[v], low.message)
                top = float("inf") if high.status == 3 else -high.fun
                result.append((names[v], float(low.fun), top))
        return result


def assert_not_recoverable(tables: list[dict[str, Any]], minimum: int) -> int:
    grids = Grids()
    for table in tables:
        if table["layout"] is not None:
            grids.add_table(table)
    ranges = grids.hidden_ranges()
    for key, low, high in ranges:
        assert high - low > 0.5 or low >= minimum, f"{key} can be worked out: {low}..{high}"
    return len(ranges)


def assert_no_small_cell(table: dict[str, Any], minimum: int) -> None:
    counts = [c["name"] for c in table["columns"] if c["type"] == "count"]
    for row in table["rows"]:
        for name in counts:
            value = row[name]
            assert value is None or value == 0 or value >= minimum, (table["key"], row, name)


# -- the walk ----------------------------------------------------------------------------------------


def test_no_public_page_file_or_response_reveals_a_small_count(client):
    riverside, lakeside = demo_seed()  # what `secure demo` loads, every app's seeders
    page = published_page_for(riverside, **{f"show_{key}": True for key in SECTION_KEYS})
    assert not page_for(lakeside).is_published  # the demo leaves Lakeside's page unpublished
    minimum = page.minimum_cell
    assert page.sections() == {
        "mou",
        "hiring",
        "officers",
        "actions",
        "equity",
        "complaints",
        "surveys",
        "rubric",
    }

    api = "/api/v1"
    listed = json.loads(_get(client, f"{api}/partnerships").content)
    assert [p["slug"] for p in listed] == ["riverside"]
    detail = json.loads(_get(client, f"{api}/partnerships/riverside").content)
    keys = [t["key"] for t in detail["tables"]]
    assert len(keys) >= 9
    tables = {
        t["key"]: t
        for t in json.loads(_get(client, f"{api}/partnerships/riverside/tables").content)
    }
    assert list(tables) == keys
    aggregate = json.loads(_get(client, f"{api}/tables").content)
    assert [p["partnership"]["slug"] for p in aggregate["partnerships"]] == ["riverside"]
    assert {t["key"]: t for t in aggregate["partnerships"][0]["tables"]} == tables
    for key in keys:
        one = json.loads(_get(client, f"{api}/partnerships/riverside/tables/{key}").content)
        assert one == tables[key]

    # 1. no small count anywhere, in any form
    for table in tables.values():
        assert_no_small_cell(table, minimum)
    dictionary = json.loads(
        _get(client, reverse("portal:opendata_dictionary_file", args=["riverside", "json"])).content
    )
    assert [t["table"] for t in dictionary["tables"]] == keys
    _get(client, reverse("portal:opendata_dictionary_file", args=["riverside", "csv"]))
    _get(client, reverse("portal:opendata_dictionary", args=["riverside"]))
    for key, table in tables.items():
        names = [c["name"] for c in table["columns"]]
        counts = [c["name"] for c in table["columns"] if c["type"] == "count"]
        text = _get(
            client, reverse("portal:opendata_csv", args=["riverside", key])
        ).content.decode()
        lines = list(csv.DictReader(io.StringIO(text)))
        assert len(lines) == len(table["rows"])
        for line, row in zip(lines, table["rows"], strict=True):
            assert list(line) == names
            for name in counts:
                assert line[name] == ("" if row[name] is None else str(row[name]))
        parquet = _get(client, reverse("portal:opendata_parquet", args=["riverside", key])).content
        with tempfile.NamedTemporaryFile(suffix=".parquet") as handle:
            handle.write(parquet)
            handle.flush()
            con = duckdb.connect()
            read = con.execute("SELECT * FROM read_parquet(?)", [handle.name]).fetchall()
            got_names = [d[0] for d in con.description]
            con.close()
        assert got_names == names
        for got, row in zip(read, table["rows"], strict=True):
            for name in counts:
                assert got[names.index(name)] == row[name]

    # the pages: each table's page shows it whole, cell for cell; the public page shows
    # some rows and columns of some tables, each of them a row of the published table
    data_page = _get(client, reverse("portal:opendata", args=["riverside"])).content.decode()
    for key, table in tables.items():
        url = reverse("portal:opendata_table", args=["riverside", key])
        assert url in data_page
        shown = html_tables(_get(client, url).content)
        assert list(shown) == [key]
        assert shown[key] == [rendered(table, row) for row in table["rows"]], key
    public_page = html_tables(_get(client, reverse("portal:public", args=["riverside"])).content)
    for key, rows in public_page.items():
        whole = [rendered(tables[key], row) for row in tables[key]["rows"]]
        for cells in rows:
            assert any(is_subsequence(cells, line) for line in whole), (key, cells)

    # 2. nothing hidden can be worked out, across all tables at once
    hidden = assert_not_recoverable(list(tables.values()), minimum)
    assert hidden > 50  # the demo has small cells: the check did check something

    # and the unpublished partnership is nowhere
    for url in (
        reverse("portal:opendata", args=["lakeside"]),
        reverse("portal:opendata_csv", args=["lakeside", "actions-by-race"]),
        f"{api}/partnerships/lakeside",
        f"{api}/partnerships/lakeside/tables",
    ):
        _get(client, url, status=404)


def test_the_recoverability_check_finds_a_leak():
    """A negative control: a table whose only hidden cell is given away by its total fails."""
    leaky = {
        "key": "leaky",
        "columns": [{"name": n, "type": "count"} for n in ("a", "b", "total")],
        "layout": {
            "block_columns": [],
            "label_column": "group",
            "count_columns": ["a", "b"],
            "total_column": "total",
            "total_label": "Total",
            "family": "",
        },
        "rows": [
            {"group": "x", "a": None, "b": 40, "total": 43},
            {"group": "y", "a": 20, "b": 30, "total": 50},
            {"group": "Total", "a": 23, "b": 70, "total": 93},
        ],
    }
    with pytest.raises(AssertionError, match="can be worked out"):
        assert_not_recoverable([leaky], 10)
    safe = json.loads(json.dumps(leaky))
    safe["rows"][0].update(a=None, b=None)
    safe["rows"][1].update(a=None, b=None)
    assert assert_not_recoverable([safe], 10) == 4


def test_linked_totals_are_part_of_the_check():
    """Two tables of one family: a total hidden in one but shown in the other gives cells away."""

    def table(key: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "key": key,
            "columns": [{"name": n, "type": "count"} for n in ("a", "b", "total")],
            "layout": {
                "block_columns": ["year"],
                "label_column": "group",
                "count_columns": ["a", "b"],
                "total_column": "total",
                "total_label": "Total",
                "family": "f",
            },
            "rows": [{"year": "y", **r} for r in rows],
        }

    hides = table(
        "one",
        [
            {"group": "p", "a": None, "b": None, "total": 20},
            {"group": "q", "a": 0, "b": 30, "total": 30},
            {"group": "Total", "a": None, "b": None, "total": 50},
        ],
    )
    shows = table(
        "two",
        [
            {"group": "r", "a": 12, "b": 20, "total": 32},
            {"group": "s", "a": 0, "b": 18, "total": 18},
            {"group": "Total", "a": 12, "b": 38, "total": 50},
        ],
    )
    assert assert_not_recoverable([hides], 10) == 4
    with pytest.raises(AssertionError):
        assert_not_recoverable([hides, shows], 10)
