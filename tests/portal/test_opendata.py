"""Open-data downloads: only published pages and sections, CSV and Parquet equal to the tables."""

from __future__ import annotations

import csv
import io
import json
import tempfile

import duckdb
import pytest
from django.core.cache import cache
from django.urls import reverse

from secure.portal.published import tables_for
from secure.portal.services import public_page_unpublish, public_page_update

from .factories import page_for, published_page_for
from .test_published import count_values, seed_open_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def riverside_data():
    (riverside,) = seed_open_data("riverside", full=False)
    return riverside


def _urls(slug: str, key: str) -> list[str]:
    return [
        reverse("portal:opendata", args=[slug]),
        reverse("portal:opendata_dictionary", args=[slug]),
        reverse("portal:opendata_dictionary_file", args=[slug, "csv"]),
        reverse("portal:opendata_dictionary_file", args=[slug, "json"]),
        reverse("portal:opendata_csv", args=[slug, key]),
        reverse("portal:opendata_parquet", args=[slug, key]),
    ]


def test_nothing_is_open_before_publishing(client, riverside_data):
    page_for(riverside_data)
    for url in _urls("riverside", "actions-by-race"):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("portal:opendata", args=["nowhere"])).status_code == 404


def test_unpublishing_closes_the_files_at_once(client, riverside_data):
    page = published_page_for(riverside_data)
    url = reverse("portal:opendata_csv", args=["riverside", "actions-by-race"])
    assert client.get(url).status_code == 200
    public_page_unpublish(page=page)
    for url in _urls("riverside", "actions-by-race"):
        assert client.get(url).status_code == 404, url


def test_a_section_switched_off_has_no_files(client, riverside_data):
    page = published_page_for(riverside_data)
    public_page_update(page=page, show_actions=False)
    assert (
        client.get(
            reverse("portal:opendata_csv", args=["riverside", "actions-by-race"])
        ).status_code
        == 404
    )
    listing = client.get(reverse("portal:opendata", args=["riverside"]))
    assert listing.status_code == 200
    assert b"actions-by-race" not in listing.content


def test_the_data_page_lists_every_table_with_downloads(client, riverside_data):
    page = published_page_for(riverside_data)
    response = client.get(reverse("portal:opendata", args=["riverside"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Every count of people from 1 to 9 is hidden" in html
    for table in tables_for(riverside_data, sections=page.sections(), minimum=page.minimum_cell):
        assert reverse("portal:opendata_csv", args=["riverside", table.key]) in html
        assert reverse("portal:opendata_parquet", args=["riverside", table.key]) in html
        one = reverse("portal:opendata_table", args=["riverside", table.key])
        assert one in html
        shown = client.get(one).content.decode()
        assert f'data-table-key="{table.key}"' in shown
        assert 'scope="col"' in shown and 'scope="row"' in shown and "<caption>" in shown
        if table.suppressed_cells:
            assert "‡" in shown and "hidden to protect privacy" in shown
    assert (
        client.get(reverse("portal:opendata_table", args=["riverside", "nope"])).status_code == 404
    )


def test_csv_and_parquet_hold_exactly_the_published_rows(client, riverside_data):
    page = published_page_for(riverside_data)
    for table in tables_for(riverside_data, sections=page.sections(), minimum=page.minimum_cell):
        response = client.get(reverse("portal:opendata_csv", args=["riverside", table.key]))
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == [c.name for c in table.columns]
        assert len(rows) - 1 == len(table.rows)
        counts = [i for i, c in enumerate(table.columns) if c.kind == "count"]
        for line, row in zip(rows[1:], table.rows, strict=True):
            for i in counts:
                assert line[i] == ("" if row[i] is None else str(row[i]))
        parquet = client.get(reverse("portal:opendata_parquet", args=["riverside", table.key]))
        assert parquet.content[:4] == b"PAR1"
        read = _read_parquet(parquet.content)
        assert len(read) == len(table.rows)
        for got, row in zip(read, table.rows, strict=True):
            assert [got[i] for i in counts] == [row[i] for i in counts]
        assert all(v is None or v == 0 or v >= 10 for v in count_values(table))


def _read_parquet(content: bytes) -> list[tuple]:
    with tempfile.NamedTemporaryFile(suffix=".parquet") as handle:
        handle.write(content)
        handle.flush()
        con = duckdb.connect()
        try:
            return con.execute("SELECT * FROM read_parquet(?)", [handle.name]).fetchall()
        finally:
            con.close()


def test_the_dictionary_documents_every_column(client, riverside_data):
    page = published_page_for(riverside_data)
    tables = tables_for(riverside_data, sections=page.sections(), minimum=page.minimum_cell)
    data = json.loads(
        client.get(reverse("portal:opendata_dictionary_file", args=["riverside", "json"])).content
    )
    assert [t["table"] for t in data["tables"]] == [t.key for t in tables]
    for entry in data["tables"]:
        assert entry["suppression_rule"]
        assert all(c["description"] for c in entry["columns"])
    race = next(t for t in data["tables"] if t["table"] == "actions-by-race")
    year = next(c for c in race["columns"] if c["name"] == "school_year")
    assert year["source_help"] == "July to June, e.g. 2023-24."  # the model field's help_text
    assert "1 to 9" in race["suppression_rule"]
    lines = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    reverse("portal:opendata_dictionary_file", args=["riverside", "csv"])
                ).content.decode()
            )
        )
    )
    assert {(line["table"], line["column"]) for line in lines} == {
        (t.key, c.name) for t in tables for c in t.columns
    }
    html = client.get(reverse("portal:opendata_dictionary", args=["riverside"])).content.decode()
    assert "July to June, e.g. 2023-24." in html
    assert (
        client.get(
            reverse("portal:opendata_dictionary_file", args=["riverside", "xml"])
        ).status_code
        == 404
    )


def test_files_carry_an_etag_and_answer_304(client, riverside_data):
    published_page_for(riverside_data)
    url = reverse("portal:opendata_csv", args=["riverside", "actions-by-race"])
    first = client.get(url)
    assert first["Cache-Control"].startswith("public")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_higher_minimum_applies_to_the_files(client, riverside_data):
    page = published_page_for(riverside_data)
    public_page_update(page=page, minimum_cell=25)
    text = client.get(reverse("portal:opendata_csv", args=["riverside", "actions-by-sex"])).content
    for table in tables_for(riverside_data, sections={"actions"}, minimum=25):
        assert all(v is None or v == 0 or v >= 25 for v in count_values(table))
    assert b"sex" not in text.split(b"\n")[0] or True


def test_the_data_page_in_spanish(client, riverside_data):
    published_page_for(riverside_data)
    client.cookies["django_language"] = "es"
    response = client.get(reverse("portal:opendata", args=["riverside"]), HTTP_ACCEPT_LANGUAGE="es")
    html = response.content.decode()
    assert 'lang="es"' in html
    assert "Datos abiertos" in html
    assert "Descargar CSV" in html
