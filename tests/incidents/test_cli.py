"""`secure import …` on the command line: reports, errors, atomicity, progress."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from secure.audit.models import AuditEvent
from secure.incidents.models import Incident, IncidentAction
from secure.partnerships.models import School

from .builders import DATA, csv_write, incident_row

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_incidents_reports_what_changed(riverside, tmp_path):
    """The command prints rows and created/changed/unchanged counts, and again after a re-run."""
    school = School.objects.get(partnership=riverside)
    path = csv_write(
        tmp_path / "i.csv", [incident_row(school), incident_row(school, action="search")]
    )
    out, _err = _run("incidents", str(path), "--partnership", "riverside")
    assert "2 rows checked" in out and "actions: 2 new, 0 changed, 0 unchanged" in out
    out, _err = _run("incidents", str(path), "--partnership", "riverside")
    assert "actions: 0 new, 0 changed, 2 unchanged" in out
    event = AuditEvent.objects.filter(changes__has_key="import").first()
    assert event is not None and event.actor_label == "system: secure import"


def test_errors_are_listed_and_nothing_is_imported(riverside, tmp_path):
    """Every bad row goes to standard error (line, column, value, problem); the command fails."""
    school = School.objects.get(partnership=riverside)
    rows = [incident_row(school), incident_row(school, incident_number="B", sex="?", age="x")]
    path = csv_write(tmp_path / "i.csv", rows)
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import", "incidents", str(path), "--partnership", "riverside", stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0] == "line\tcolumn\tvalue\tproblem"
    assert lines[1].startswith("3\tage\tx\t") and lines[2].startswith("3\tsex\t?\t")
    assert Incident.objects.count() == IncidentAction.objects.count() == 0


def test_json_output_and_progress(riverside, tmp_path):
    """--format json prints the summary; --progress always draws the bar on standard error."""
    school = School.objects.get(partnership=riverside)
    path = csv_write(tmp_path / "i.csv", [incident_row(school)])
    out, err = _run(
        "incidents",
        str(path),
        "--partnership",
        "riverside",
        "--format",
        "json",
        "--progress",
        "always",
    )
    assert json.loads(out)["summary"]["incidents"]["created"] == 1
    assert "check" in err and "#" in err


def test_crdc_needs_a_year(riverside):
    """A CRDC import without --year is refused before reading."""
    with pytest.raises(CommandError, match="--year"):
        _run("crdc", str(DATA / "crdc_2021_22_va_excerpt.csv"), "--partnership", "riverside")


def test_crdc_import_from_the_command_line(riverside):
    """--year and --lea: the district's schools become the partnership's."""
    out, _err = _run(
        "crdc",
        str(DATA / "crdc_2021_22_va_excerpt.csv"),
        "--partnership",
        "riverside",
        "--year",
        "2021-22",
        "--lea",
        "5100540",
    )
    assert "schools: 3 new" in out and "comparison_schools: 9 new" in out


def test_unknown_partnership(tmp_path):
    """A wrong slug is an error, not an empty import."""
    with pytest.raises(CommandError, match="No partnership"):
        _run("enrollment", str(tmp_path / "x.csv"), "--partnership", "nowhere")
