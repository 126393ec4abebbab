"""The data standard is generated from the code, and its templates parse as valid files."""

from __future__ import annotations

from pathlib import Path

import pytest

from secure.incidents import rules
from secure.incidents.models import Enrollment, IncidentAction
from secure.incidents.standard import FILE_SPECS, standard_markdown, template_csv
from secure.partnerships.models import School

from .builders import import_file

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "data-standard.md"


def test_the_document_is_generated_from_the_code():
    """docs/data-standard.md equals `secure data_standard` (regenerate it after changing a field)."""
    assert DOC.read_text(encoding="utf-8") == standard_markdown()


def test_the_document_names_every_column_rule_and_reserve_code():
    """Each column, cross-column rule and CRDC reserve code is documented."""
    text = standard_markdown()
    for spec in FILE_SPECS.values():
        for column in spec.columns:
            assert f"| `{column.name}` |" in text
    for rule in rules.ROW_RULES:
        assert str(rule.__doc__).strip() in text
    for code in ("-3", "-9", "-11", "-12"):
        assert f"| `{code}` |" in text


@pytest.mark.parametrize("kind", sorted(FILE_SPECS))
def test_each_template_is_a_valid_file(kind, riverside, tmp_path):
    """The template's example row imports as it is (schools renamed to the test school)."""
    school = School.objects.get(partnership=riverside)
    text = template_csv(kind).replace("990000100001", school.name)
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    result = import_file(riverside, kind, path)
    assert result.rows == 1
    if kind == "incidents":
        assert IncidentAction.objects.count() == 1
    if kind == "enrollment":
        assert Enrollment.objects.get().group == "black"
