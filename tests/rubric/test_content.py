"""The rubric data holds the seed word for word, with fixed positional ids, and exports as promised."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from secure.rubric.content import DATA_FILE, rubric_load, rubric_parse
from secure.rubric.exports import rubric_as_dict, rubric_csv

SEED = Path("/work/shared/seed/000_464d628f9538f736.txt")
if not SEED.exists():  # a checkout elsewhere: the seed sits next to the project
    SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_464d628f9538f736.txt"
SUPERSCRIPTS = re.compile("[¹²³⁴]")
TAGS = re.compile(r"<[^>]+>")


def _clean(text: str) -> str:
    text = SUPERSCRIPTS.sub("", TAGS.sub(" ", text))
    text = text.replace("**", "").replace("*", "")
    text = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _seed_parts() -> tuple[list[str], list[str], list[str]]:
    """The seed's prose lines, its table's step-title cells, and its bullet fragments, in order."""
    text = SEED.read_text(encoding="utf-8")
    head, table = text.split("\nACTION STEP", 1)
    prose = [_clean(line) for line in head.splitlines() if line.strip()]
    titles: list[str] = []
    fragments: list[str] = []
    for line in table.splitlines()[1:]:
        if not line.strip():
            continue
        if line.startswith(("³", "⁴")):  # footnotes printed under the table
            prose.append(_clean(line))
            continue
        for cell in line.split("\t"):
            if re.match(r"\s*<p>\d ", cell):
                titles.append(_clean(cell)[2:])
                continue
            for piece in re.split("[▪○]", _clean(cell)):
                if piece.strip():
                    fragments.append(piece.strip())
    return prose, titles, fragments


def _all_text() -> str:
    rubric = rubric_load()
    parts = [rubric.title, rubric.full_name, rubric.disclaimer]
    for section in rubric.introduction:
        parts += [section["heading"], *section["paragraphs"]]
    parts += [note.text for note in rubric.footnotes.values()]
    parts += [step.title for step in rubric.steps]
    parts += [info[key] for info in rubric.checklist_info.values() for key in ("title", "use")]
    parts += [item.text for item in rubric.items()]
    return "\n".join(parts)


def test_every_line_of_the_seed_is_in_the_data():
    """Every prose line, step title and checklist bullet of the seed appears in the data file."""
    prose, titles, fragments = _seed_parts()
    assert (len(prose), len(titles), len(fragments)) == (22, 5, 69)
    everything = _all_text()
    texts = [item.text for item in rubric_load().items()]
    missing_prose = [
        line
        for line in prose
        if re.sub(r"^\d\. ", "", line).removeprefix("SECURE Rubric ").strip() not in everything
        and line not in everything
    ]
    assert missing_prose == []
    assert titles == [step.title for step in rubric_load().steps]
    assert [f for f in fragments if not any(f in text for text in texts)] == []


def test_the_data_says_nothing_the_seed_does_not():
    """Each item is one seed bullet, or one bullet stitched back together across a page break."""
    _prose, _titles, fragments = _seed_parts()
    pieces = set(fragments)
    stitched = []
    for item in rubric_load().items():
        if item.text in pieces:
            continue
        halves = [
            (a, b) for a in fragments for b in fragments if a != b and f"{a} {b}" == item.text
        ]
        assert halves, f"{item.id} is not in the seed: {item.text!r}"
        stitched.append(item.id)
    assert stitched == ["1.improve.2.4", "3.start.1.2", "4.start.3", "4.improve.4"]


def test_split_bullets_are_stitched_whole():
    """The bullets the PDF broke across pages read as one sentence each."""
    rubric = rubric_load()
    assert rubric.item("4.start.3").text == (
        "Train school personnel not to call upon SROs to address non-violent or non-threatening "
        "behavior by using less punitive methods such as restorative justice or using the "
        "student code of conduct."
    )
    assert rubric.item("4.improve.4").text == (
        "Involve SROs in school life activities designed to improve trust and relationship "
        "building between SROs, students, families, and staff."
    )


def test_item_ids_follow_the_contract():
    """Ids are positional: the examples other apps rely on resolve to the right items."""
    rubric = rubric_load()
    assert rubric.item("2.start.5").text.startswith("Include a mechanism to receive complaints")
    assert rubric.item("1.start.1.2").text.startswith("Use relevant data from mandated")
    assert rubric.item("3.start.1.1").text.startswith("Ability to work effectively")
    assert len(rubric.item("3.start.1").children) == 11
    assert len(rubric.item("3.improve.2").children) == 9
    assert rubric.item("3.start.1.11").parent_id == "3.start.1"
    assert [s.number for s in rubric.steps] == [1, 2, 3, 4, 5]
    assert len(rubric.items()) == 65


def test_footnotes_are_kept_once_with_the_ferpa_reference_on_its_item():
    """The table's repeat of footnote 2 is not duplicated; the FERPA note belongs to 2.start.3."""
    rubric = rubric_load()
    assert len(rubric.footnotes) == 3
    assert rubric.step(1).footnotes == (1,) and rubric.step(2).footnotes == (2,)
    assert "FERPA" in rubric.footnotes[rubric.item("2.start.3").footnotes[0]].text


def test_a_data_file_with_a_shifted_id_is_refused():
    """Editing the data so an id no longer matches its place fails loudly on load."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    del broken["steps"][1]["checklists"]["start"][0]
    with pytest.raises(ValueError, match=r"should have the id '2\.start\.1'"):
        rubric_parse(broken)


def test_json_export_has_the_promised_shape():
    """{"edition", "steps": [{"number", "title", "checklists": {"start": [ITEM], "improve": [ITEM]}}]}."""
    data = rubric_as_dict()
    assert set(data) == {"edition", "steps"} and data["edition"] == "secure-2016"
    step = data["steps"][2]
    assert set(step) == {"number", "title", "checklists"} and step["number"] == 3
    assert set(step["checklists"]) == {"start", "improve"}
    hiring = step["checklists"]["start"][0]
    assert set(hiring) == {"id", "text", "children"}
    assert hiring["children"][0] == {
        "id": "3.start.1.1",
        "text": "Ability to work effectively with students, parents, teachers, and school administrators",
        "children": [],
    }


def test_csv_export_has_one_row_per_item():
    """id, step, checklist, parent id, text for each of the 65 items, in rubric order."""
    rows = list(csv.reader(io.StringIO(rubric_csv())))
    assert rows[0] == ["id", "step", "checklist", "parent_id", "text"]
    assert len(rows) == 66
    assert rows[1][:4] == ["1.start.1", "1", "start", ""]
    assert rows[2][:4] == ["1.start.1.1", "1", "start", "1.start.1"]


@pytest.mark.django_db
def test_the_command_prints_the_rubric(capsys):
    """`secure rubric export --format json` prints the same JSON the exporter builds."""
    from django.core.management import call_command

    call_command("rubric", "export", "--format", "json")
    assert json.loads(capsys.readouterr().out) == rubric_as_dict()
    call_command("rubric", "export", "--format", "csv")
    assert capsys.readouterr().out.startswith("id,step,checklist,parent_id,text\n")


def test_the_console_script_exports(tmp_path):
    """The installed `secure` script runs the export without a database."""
    script = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "secure"
    result = subprocess.run(
        [str(script), "rubric", "export", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env={"SECURE_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert json.loads(result.stdout)["steps"][1]["checklists"]["start"][4]["id"] == "2.start.5"
