"""Reading PDF (text layer), DOCX and text files, and the ``secure mou analyze`` command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from secure.agreements.analyzer import ExtractionError, analyze_upload
from secure.agreements.analyzer.extract import NO_TEXT_LAYER

MOU = (
    "1.1 The SRO shall not be used for school discipline.\n"
    "1.2 The SRO will assist in enforcing the student code of conduct.\n"
    "1.3 Complaints about student misbehavior may be brought to the SRO.\n"
)


def pdf_with_text(text: str) -> bytes:
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return HTML(string=f"<html><body>{paragraphs}</body></html>").write_pdf()


def pdf_without_text() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_with(text: str) -> bytes:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("make", [pdf_with_text, docx_with, lambda t: t.encode("cp1252")])
def test_pdf_docx_and_text_give_the_same_findings(make):
    """The prohibition, its conflict and the complaint trap come out alike from every format."""
    name = {pdf_with_text: "mou.pdf", docx_with: "mou.docx"}.get(make, "mou.txt")
    report = analyze_upload(name, make(MOU))
    assert report.result("discipline_prohibition").status == "partial"
    assert report.result("complaint_mechanism").status == "missing"
    assert [c.requirement for c in report.conflicts] == ["discipline_prohibition"]


def test_a_scanned_pdf_says_it_has_no_text_layer():
    """A PDF of images is reported as unreadable with the reason, not as an empty analysis."""
    with pytest.raises(ExtractionError) as error:
        analyze_upload("scan.pdf", pdf_without_text())
    assert str(error.value) == str(NO_TEXT_LAYER)


def test_an_unsupported_file_is_refused():
    """An image is neither PDF, DOCX nor text."""
    with pytest.raises(ExtractionError):
        analyze_upload("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")


def test_cli_prints_the_documented_json_shape(tmp_path: Path, capsys):
    """`secure mou analyze FILE` prints requirements, conflicts and readability as the issue specifies."""
    path = tmp_path / "mou.txt"
    path.write_text(MOU, encoding="utf-8")
    call_command("mou", "analyze", str(path))
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"requirements", "conflicts", "readability"}
    first = data["requirements"][0]
    assert set(first) == {"id", "status", "evidence", "suggestion"}
    assert first["id"] == "discipline_prohibition" and first["status"] == "partial"
    assert first["evidence"][0] == {
        "quote": "The SRO shall not be used for school discipline.",
        "location": "section 1.1, page 1, line 1",
    }
    assert len(data["requirements"]) == 13
    assert data["conflicts"][0]["requirement"] == "discipline_prohibition"
    assert (
        "The SRO will assist in enforcing the student code of conduct."
        in data["conflicts"][0]["quotes"]
    )
    assert isinstance(data["readability"]["flesch_kincaid_grade"], float)


def test_cli_text_format_and_scan_error(tmp_path: Path, capsys):
    """`--format text` prints a readable report; a scan fails with the no-text-layer message."""
    path = tmp_path / "mou.txt"
    path.write_text(MOU, encoding="utf-8")
    call_command("mou", "analyze", str(path), "--format", "text")
    out = capsys.readouterr().out
    assert "PARTIAL  discipline_prohibition" in out and "CONFLICTS" in out
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_without_text())
    with pytest.raises(CommandError, match="no text layer"):
        call_command("mou", "analyze", str(scan))


def test_the_secure_command_runs_the_analyzer(tmp_path: Path):
    """The installed `secure` entry point accepts `mou analyze FILE --format json`."""
    path = tmp_path / "mou.txt"
    path.write_text(MOU, encoding="utf-8")
    secure = Path(sys.executable).with_name("secure")
    done = subprocess.run(
        [str(secure), "mou", "analyze", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["conflicts"][0]["requirement"] == "discipline_prohibition"
