"""The ``secure equity`` command-line contract: options, columns, formats, errors, atomicity."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pytest

from secure.equity.cli import main
from secure.equity.output import OUTPUT_COLUMNS, plain_macros_install

CONTRACT_COLUMNS = [
    "unit",
    "year",
    "dimension",
    "outcome",
    "group",
    "count",
    "population",
    "risk",
    "comparison_risk",
    "risk_ratio",
    "risk_ratio_ci_low",
    "risk_ratio_ci_high",
    "alternate_risk_ratio",
    "used_alternate",
    "weighted_risk_ratio",
    "risk_difference",
    "composition",
    "population_share",
    "relative_rate_index",
    "p_value",
    "meets_cell_size",
    "meets_n_size",
    "flagged",
]

COUNTS = """unit,year,outcome,group,count,population
East High,2023,referral_to_law_enforcement,Black,60,300
East High,2023,referral_to_law_enforcement,White,20,1000
East High,2023,referral_to_law_enforcement,Asian,1,100000
West High,2023,referral_to_law_enforcement,Black,2,12
West High,2023,referral_to_law_enforcement,White,15,500
"""
STATE = """unit,year,outcome,group,count,population
VA,2023,referral_to_law_enforcement,Black,900,30000
VA,2023,referral_to_law_enforcement,White,1500,100000
VA,2023,referral_to_law_enforcement,Asian,30,10000
"""


@pytest.fixture
def counts(tmp_path: Path) -> Path:
    path = tmp_path / "counts.csv"
    path.write_text(COUNTS, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    code = main(list(args), stderr=err)
    return code, err.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_output_has_exactly_the_contract_columns(counts, tmp_path):
    """The header is the contract, in order, and there is one row per input row."""
    out = tmp_path / "out.csv"
    assert run("--input", str(counts), "--output", str(out)) == (0, "")
    assert out.read_text(encoding="utf-8").splitlines()[0].split(",") == CONTRACT_COLUMNS
    assert list(OUTPUT_COLUMNS) == CONTRACT_COLUMNS
    rows = read_csv(out)
    assert [r["group"] for r in rows] == ["Black", "White", "Asian", "Black", "White"]


def test_csv_leaves_uncomputable_ratios_empty_and_writes_plain_decimals(counts, tmp_path):
    """West High's Black students (2 of 12) are below the sizes: empty ratios, false flags."""
    out = tmp_path / "out.csv"
    run("--input", str(counts), "--output", str(out))
    rows = read_csv(out)
    west_black = rows[3]
    assert west_black["risk_ratio"] == ""
    assert west_black["alternate_risk_ratio"] == ""
    assert west_black["meets_cell_size"] == "false"
    assert west_black["flagged"] == "false"
    asian = rows[2]
    assert asian["risk"] == "0.00001"
    east_black = rows[0]
    assert "e" not in east_black["p_value"].lower()
    assert 0 < float(east_black["p_value"]) < 1e-10
    assert east_black["flagged"] == "true"
    for row in rows:
        for name in CONTRACT_COLUMNS[7:]:
            assert "e" not in row[name] or row[name] in ("true", "false"), (name, row[name])
            assert "%" not in row[name]


def test_json_output_uses_null_and_real_booleans(counts, tmp_path):
    """JSON is an array of objects; missing values are null, flags are booleans, numbers plain."""
    out = tmp_path / "out.json"
    assert run("--input", str(counts), "--format", "json", "--output", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert len(data) == 5
    assert list(data[0]) == CONTRACT_COLUMNS
    assert data[3]["risk_ratio"] is None
    assert data[3]["flagged"] is False
    assert data[0]["flagged"] is True
    assert data[0]["count"] == 60
    assert data[0]["year"] == "2023"
    assert '"risk":0.00001,' in text
    assert "e-" not in text


def test_year_is_empty_in_csv_and_null_in_json_when_the_input_has_none(tmp_path):
    """Without a year column the year is written as empty / null; the dimension as race."""
    path = tmp_path / "noyear.csv"
    path.write_text("unit,outcome,group,count,population\nA,oss,Black,12,40\n", encoding="utf-8")
    out_csv, out_json = tmp_path / "o.csv", tmp_path / "o.json"
    run("--input", str(path), "--output", str(out_csv))
    run("--input", str(path), "--output", str(out_json), "--format", "json")
    assert read_csv(out_csv)[0]["year"] == ""
    assert read_csv(out_csv)[0]["dimension"] == "race"
    assert json.loads(out_json.read_text(encoding="utf-8"))[0]["year"] is None


def test_state_file_supplies_the_alternate_comparison(counts, tmp_path):
    """East High Black: 0.2 / ((1500 + 30) / 110000) with the state file."""
    state = tmp_path / "state.csv"
    state.write_text(STATE, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run("--input", str(counts), "--state", str(state), "--output", str(out))[0] == 0
    value = float(read_csv(out)[0]["alternate_risk_ratio"])
    assert value == pytest.approx(0.2 / (1530 / 110000), rel=1e-12)


def test_reference_option_changes_the_relative_rate_index(counts, tmp_path):
    """With --reference Black, White students' index is 0.02 / 0.2 = 0.1 at East High."""
    out = tmp_path / "out.csv"
    run("--input", str(counts), "--reference", "Black", "--output", str(out))
    assert float(read_csv(out)[1]["relative_rate_index"]) == pytest.approx(0.1)


def test_threshold_and_sizes_are_options(counts, tmp_path):
    """A threshold above every ratio flags nothing; a zero minimum gives West High a ratio."""
    out = tmp_path / "out.csv"
    run(
        "--input",
        str(counts),
        "--threshold",
        "1000",
        "--min-cell",
        "0",
        "--min-n",
        "0",
        "--output",
        str(out),
    )
    rows = read_csv(out)
    assert all(r["flagged"] == "false" for r in rows)
    assert rows[3]["risk_ratio"] != ""


def test_bad_row_exits_2_naming_the_line_and_writes_nothing(tmp_path):
    """A count above its population stops the run before any output file exists."""
    path = tmp_path / "bad.csv"
    path.write_text(COUNTS + "West High,2023,referral_to_law_enforcement,Asian,9,3\n", "utf-8")
    out = tmp_path / "out.csv"
    code, err = run("--input", str(path), "--output", str(out))
    assert code == 2
    assert "line 7" in err and "count 9 is larger than population 3" in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_existing_output_is_left_alone_when_the_input_is_bad(tmp_path):
    """A failed run does not truncate or replace a previous output."""
    path = tmp_path / "bad.csv"
    path.write_text("unit,outcome,group,count\nA,oss,Black,3\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("previous", encoding="utf-8")
    code, err = run("--input", str(path), "--output", str(out))
    assert code == 2 and "line 1" in err and "'population'" in err
    assert out.read_text(encoding="utf-8") == "previous"


@pytest.mark.parametrize(
    "args",
    [
        ["--input", "missing.csv"],
        ["--min-cell", "-1"],
        ["--confidence", "1.5"],
        ["--threshold", "0"],
        ["--format", "xml"],
        ["--min-n", "ten"],
        [],
    ],
)
def test_bad_options_exit_2(counts, args, tmp_path):
    """Missing files and impossible options are bad input (exit status 2), explained on stderr."""
    if args and args[0] != "--input":
        args = ["--input", str(counts), *args]
    code, err = run(*args, "--output", str(tmp_path / "o.csv"))
    assert code == 2
    assert "error" in err
    assert not (tmp_path / "o.csv").exists()


def test_missing_output_directory_is_bad_input(counts, tmp_path):
    """An output path in a directory that does not exist is refused up front."""
    code, err = run("--input", str(counts), "--output", str(tmp_path / "nope" / "o.csv"))
    assert code == 2 and "does not exist" in err


def test_help_exits_0(capsys):
    """--help prints usage naming the command and returns 0."""
    assert main(["--help"]) == 0
    assert "secure equity" in capsys.readouterr().out


def test_module_runs_as_a_script_and_writes_to_stdout(counts):
    """``python -m secure.equity.cli`` works and, without --output, writes CSV to stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "secure.equity.cli", "--input", str(counts)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split(",") == CONTRACT_COLUMNS
    assert len(done.stdout.splitlines()) == 6


def test_plain_decimal_formatting_round_trips_every_magnitude():
    """The SQL formatter writes any double positionally and exactly as its shortest repr."""
    rng = np.random.default_rng(11)
    values = np.concatenate(
        [
            rng.random(300) * 10.0 ** rng.integers(-320, 300, 300),
            -rng.random(100) * 10.0 ** rng.integers(-30, 30, 100),
            [0.0, 1.0, 2.0, 0.1, 1e-4, 9.999e-5, 1e15, 9.99e14, 1e16, 1.5e300, 5e-324, 123.456],
        ]
    )
    con = duckdb.connect()
    plain_macros_install(con=con)
    con.register("v", {"x": values})
    texts = [row[0] for row in con.execute("SELECT equity_plain(x) FROM v").fetchall()]
    con.close()
    for value, text in zip(values.tolist(), texts, strict=True):
        assert "e" not in text and "E" not in text, text
        assert Decimal(text) == Decimal(repr(value)), (value, text)


def test_stdout_may_be_a_text_stream(counts, monkeypatch):
    """Called in-process with sys.stdout replaced by a StringIO, the CSV still arrives."""
    fake = io.StringIO()
    monkeypatch.setattr(sys, "stdout", fake)
    assert main(["--input", str(counts)]) == 0
    assert fake.getvalue().splitlines()[0].split(",") == CONTRACT_COLUMNS


def test_unwritable_output_location_is_bad_input(counts, tmp_path, monkeypatch):
    """When the output cannot be created (permissions, full disk), exit 2 with the reason."""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr("secure.equity.output.tempfile.mkstemp", refuse)
    code, err = run("--input", str(counts), "--output", str(tmp_path / "o.csv"))
    assert code == 2
    assert "Permission denied" in err
    assert not (tmp_path / "o.csv").exists()


def test_text_with_commas_quotes_newlines_and_accents_survives_both_formats(tmp_path):
    """Unit and group names come back exactly, in CSV and in JSON."""
    unit = 'Escuela "José Martí", Annex\nNorth \\ 2'
    path = tmp_path / "tricky.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "outcome", "group", "count", "population"])
        writer.writerow([unit, "oss", "Hispanic/Latino", 12, 40])
        writer.writerow([unit, "oss", "White", 3, 60])
    out_csv, out_json = tmp_path / "o.csv", tmp_path / "o.json"
    assert run("--input", str(path), "--output", str(out_csv))[0] == 0
    assert run("--input", str(path), "--output", str(out_json), "--format", "json")[0] == 0
    assert [r["unit"] for r in read_csv(out_csv)] == [unit, unit]
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert [d["unit"] for d in data] == [unit, unit]
    assert data[0]["group"] == "Hispanic/Latino"


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_parallel_parts_join_into_one_file_in_input_order(tmp_path, monkeypatch, output_format):
    """Written in several row ranges at once, the output still has one header and input order."""
    monkeypatch.setattr("secure.equity.output.part_bounds", lambda **_: [0, 250, 600, 900, 1200])
    path = tmp_path / "many.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "outcome", "group", "count", "population"])
        for i in range(1200):
            writer.writerow([f"school {i // 2}", "oss", ("Black", "White")[i % 2], i % 7, 7 + i])
    out = tmp_path / f"out.{output_format}"
    assert run("--input", str(path), "--output", str(out), "--format", output_format)[0] == 0
    if output_format == "csv":
        rows = read_csv(out)
        assert out.read_text(encoding="utf-8").count("unit,year,dimension") == 1
    else:
        rows = json.loads(out.read_text(encoding="utf-8"))
    assert [int(r["population"]) for r in rows] == [7 + i for i in range(1200)]
