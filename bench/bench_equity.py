"""Benchmark: ``secure equity`` end to end against a hand-written DuckDB query.

Run as ``.venv/bin/python bench/bench_equity.py`` (``make bench`` runs every bench/bench_*.py).

1. Generates a national-scale count table into a temporary directory: 100,000 schools x 7
   race groups x 2 outcomes (1.4 million rows, about 56 million students) and a state file
   with the totals (seeded, so every run measures the same data).
2. Times ``secure equity --input counts.csv --state state.csv --output out.csv`` *in process*
   -- ``secure.equity.cli.main(argv)``, the function the console command calls -- from reading
   the CSV to the finished output file. The interpreter start-up and imports are not timed,
   just as the DuckDB side is timed on an already imported ``duckdb``.
3. Times one DuckDB SQL statement that reads the same files and writes the same rows with the
   risk ratio and alternate risk ratio (the same size rules), also to a CSV file.
4. Runs each side ``--repeat`` times, interleaved, and compares the best times (the least
   disturbed by other work on the machine); checks both sides agree on every ratio.

The engine computes and writes far more than the query: 16 metric columns (intervals, exact
tests, weighted ratios, index...) in plain decimal notation, plus input validation.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np

from secure.equity import EquityConfig, count_table_read_csv, equity_compute
from secure.equity.cli import main as equity_main
from secure.equity.loading import counts_csv_load
from secure.equity.output import InputSource, results_write
from secure.equity.plainload import counts_csv_read_plain
from secure.equity.state import state_totals_from_table

GROUPS = (
    "American Indian or Alaska Native",
    "Asian",
    "Black or African American",
    "Hispanic or Latino",
    "Native Hawaiian or Other Pacific Islander",
    "Two or more races",
    "White",
)
SHARES = np.array([0.01, 0.05, 0.15, 0.28, 0.004, 0.046, 0.46])
OUTCOMES = ("out_of_school_suspension", "referral_to_law_enforcement")
BASE_RISK = np.array(
    [
        [0.040, 0.010, 0.090, 0.045, 0.050, 0.060, 0.030],
        [0.008, 0.002, 0.015, 0.008, 0.010, 0.010, 0.005],
    ]
)
AIM = 1.5

BASELINE_SQL = """
COPY (
    WITH input AS (SELECT * FROM read_csv({counts}, header = true)),
    unit_totals AS (
        SELECT *, sum(count) OVER w - count AS comparison_count,
                  sum(population) OVER w - population AS comparison_population
        FROM input WINDOW w AS (PARTITION BY unit, year, dimension, outcome)),
    state_totals AS (
        SELECT year, dimension, outcome, "group",
               sum(count) OVER w - count AS state_comparison_count,
               sum(population) OVER w - population AS state_comparison_population
        FROM read_csv({state}, header = true)
        WINDOW w AS (PARTITION BY year, dimension, outcome))
    SELECT u.unit, u.year, u.dimension, u.outcome, u."group", u.count, u.population,
        u.count / nullif(u.population, 0) AS risk,
        u.comparison_count / nullif(u.comparison_population, 0) AS comparison_risk,
        CASE WHEN u.count >= 10 AND u.population >= 30 THEN
            (u.count / u.population)
            / nullif(u.comparison_count / nullif(u.comparison_population, 0), 0)
        END AS risk_ratio,
        CASE WHEN u.count >= 10 AND u.population >= 30
              AND s.state_comparison_count >= 10 AND s.state_comparison_population >= 30 THEN
            (u.count / u.population)
            / nullif(s.state_comparison_count / s.state_comparison_population, 0)
        END AS alternate_risk_ratio,
        NOT (u.comparison_count >= 10 AND u.comparison_population >= 30) AS used_alternate
    FROM unit_totals AS u
    LEFT JOIN state_totals AS s USING (year, dimension, outcome, "group")
) TO {output} (FORMAT csv, HEADER true)
"""


FULL_SQL = """
COPY (
    WITH input AS (SELECT * FROM read_csv({counts}, header = true)),
    state AS (
        SELECT year, dimension, outcome, "group",
               population / sum(population) OVER w AS weight,
               sum(count) OVER w - count AS state_comparison_count,
               sum(population) OVER w - population AS state_comparison_population
        FROM read_csv({state}, header = true)
        WINDOW w AS (PARTITION BY year, dimension, outcome)),
    rows AS (
        SELECT i.*, s.weight, s.state_comparison_count, s.state_comparison_population,
               i.count / nullif(i.population, 0) AS risk,
               i.count >= 10 AS meets_cell_size, i.population >= 30 AS meets_n_size,
               CASE WHEN i.population > 0 THEN s.weight ELSE 0 END AS w,
               CASE WHEN i.population > 0 THEN s.weight * i.count / i.population ELSE 0 END
                   AS wr
        FROM input AS i LEFT JOIN state AS s USING (year, dimension, outcome, "group")),
    cells AS (
        SELECT *,
            sum(count) OVER c - count AS comparison_count,
            sum(population) OVER c - population AS comparison_population,
            sum(count) OVER c AS cell_count, sum(population) OVER c AS cell_population,
            sum(w) OVER c - w AS other_weight, sum(wr) OVER c - wr AS other_weighted_risk,
            max(CASE WHEN "group" = 'White' AND count >= 10 AND population >= 30
                     THEN count / population END) OVER c AS reference_rate
        FROM rows WINDOW c AS (PARTITION BY unit, year, dimension, outcome)),
    ratios AS (
        SELECT *,
            comparison_count / nullif(comparison_population, 0) AS comparison_risk,
            CASE WHEN meets_cell_size AND meets_n_size THEN
                risk / nullif(comparison_count / nullif(comparison_population, 0), 0)
            END AS risk_ratio,
            CASE WHEN meets_cell_size AND meets_n_size AND state_comparison_count >= 10
                      AND state_comparison_population >= 30 THEN
                risk / nullif(state_comparison_count / state_comparison_population, 0)
            END AS alternate_risk_ratio,
            NOT (comparison_count >= 10 AND comparison_population >= 30) AS used_alternate
        FROM cells)
    SELECT unit, year, dimension, outcome, "group", count, population, risk, comparison_risk,
        risk_ratio,
        CASE WHEN risk_ratio > 0 AND comparison_count > 0 THEN exp(ln(risk_ratio)
            - 1.959963984540054 * sqrt(1 / count - 1 / population
                                       + 1 / comparison_count - 1 / comparison_population))
        END AS risk_ratio_ci_low,
        CASE WHEN risk_ratio > 0 AND comparison_count > 0 THEN exp(ln(risk_ratio)
            + 1.959963984540054 * sqrt(1 / count - 1 / population
                                       + 1 / comparison_count - 1 / comparison_population))
        END AS risk_ratio_ci_high,
        alternate_risk_ratio, used_alternate,
        CASE WHEN meets_cell_size AND meets_n_size AND other_weight > 0
                  AND other_weighted_risk > 0
             THEN risk * other_weight / other_weighted_risk END AS weighted_risk_ratio,
        risk - comparison_risk AS risk_difference,
        count / nullif(cell_count, 0) AS composition,
        population / nullif(cell_population, 0) AS population_share,
        CASE WHEN meets_cell_size AND meets_n_size THEN risk / nullif(reference_rate, 0) END
            AS relative_rate_index,
        NULL::DOUBLE AS p_value, meets_cell_size, meets_n_size,
        coalesce(meets_cell_size AND meets_n_size
                 AND (CASE WHEN used_alternate THEN alternate_risk_ratio ELSE risk_ratio END)
                     >= 2.0, false) AS flagged
    FROM ratios
) TO {output} (FORMAT csv, HEADER true)
"""
"""Not part of the aim: the same query extended to every contract column that SQL can compute
(all but the exact p-values), written by DuckDB with its default number format. It shows how
much of the difference is the size of the job, and it cross-checks the engine's numbers."""
NUMERIC_CHECKS = (
    "risk",
    "comparison_risk",
    "risk_ratio",
    "risk_ratio_ci_low",
    "risk_ratio_ci_high",
    "alternate_risk_ratio",
    "weighted_risk_ratio",
    "risk_difference",
    "composition",
    "population_share",
    "relative_rate_index",
)
BOOLEAN_CHECKS = ("used_alternate", "meets_cell_size", "meets_n_size", "flagged")


def counts_generate(*, directory: Path, units: int, seed: int = 20240501) -> tuple[Path, Path]:
    """Write counts.csv (units x 7 groups x 2 outcomes) and state.csv into ``directory``."""
    rng = np.random.default_rng(seed)
    size = rng.lognormal(6.0, 0.8, units).astype(np.int64) + 10
    mix = rng.gamma(SHARES * 8 + 0.05, size=(units, len(GROUPS)))
    population = rng.multinomial(size, mix / mix.sum(axis=1, keepdims=True))
    school_effect = rng.lognormal(0.0, 0.5, (units, 1))
    counts = np.stack(
        [
            rng.binomial(population, np.clip(BASE_RISK[o] * school_effect, 0, 1))
            for o in range(len(OUTCOMES))
        ],
        axis=1,
    )
    columns = {
        "u": np.repeat(np.arange(units), len(OUTCOMES) * len(GROUPS)),
        "o": np.tile(np.repeat(np.arange(len(OUTCOMES)), len(GROUPS)), units),
        "g": np.tile(np.arange(len(GROUPS)), len(OUTCOMES) * units),
        "c": counts.reshape(-1),
        "p": np.repeat(population[:, None, :], len(OUTCOMES), axis=1).reshape(-1),
    }
    counts_path, state_path = directory / "counts.csv", directory / "state.csv"
    con = duckdb.connect()
    con.register("generated", columns)
    con.execute(
        f"""COPY (SELECT printf('S%06d', u) AS unit, '2021-22' AS year, 'race' AS dimension,
                         {list(OUTCOMES)}[o + 1] AS outcome, {list(GROUPS)}[g + 1] AS "group",
                         c AS count, p AS population FROM generated)
            TO {_literal(counts_path)} (FORMAT csv, HEADER true)"""  # noqa: S608 (constants)
    )
    con.execute(
        f"""COPY (SELECT 'US' AS unit, year, dimension, outcome, "group",
                         sum(count)::BIGINT AS count, sum(population)::BIGINT AS population
                  FROM read_csv({_literal(counts_path)}, header = true)
                  GROUP BY ALL ORDER BY ALL)
            TO {_literal(state_path)} (FORMAT csv, HEADER true)"""  # noqa: S608 (constants)
    )
    con.close()
    return counts_path, state_path


def cpu_seconds() -> float:
    """CPU time used so far by this process, all threads (DuckDB's included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def time_equity(*, counts: Path, state: Path, output: Path) -> tuple[float, float]:
    """(wall, CPU) seconds for one in-process ``secure equity`` run, CSV in to CSV out."""
    cpu, start = cpu_seconds(), time.perf_counter()
    code = equity_main(["--input", str(counts), "--state", str(state), "--output", str(output)])
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"secure equity exited with {code}")
    return elapsed, cpu_seconds() - cpu


def time_duckdb(*, sql: str, counts: Path, state: Path, output: Path) -> tuple[float, float]:
    """(wall, CPU) seconds for one hand-written DuckDB statement, CSV in to CSV out."""
    cpu, start = cpu_seconds(), time.perf_counter()
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # as the CLI does
    con.execute(sql.format(counts=_literal(counts), state=_literal(state), output=_literal(output)))
    con.close()
    return time.perf_counter() - start, cpu_seconds() - cpu


def time_subprocess(*, counts: Path, state: Path, output: Path) -> float:
    """Seconds for ``python -m secure.equity.cli`` as a fresh process (start-up and imports too)."""
    command = [sys.executable, "-m", "secure.equity.cli", "--input", str(counts)]
    command += ["--state", str(state), "--output", str(output)]
    start = time.perf_counter()
    subprocess.run(command, check=True)  # noqa: S603 (this interpreter, our own module)
    return time.perf_counter() - start


def stages_report(*, counts: Path, state: Path, output: Path) -> str:
    """One instrumented run, timing the stages ``secure equity`` goes through (diagnostics)."""
    marks = [time.perf_counter()]
    con = duckdb.connect()
    # The CLI's route: the Polars loader for a plain file, else the DuckDB loader.
    plain = counts_csv_read_plain(path=counts)
    source: InputSource
    if plain is not None:
        encoded, source = plain.counts, plain.frame
    else:
        loaded = counts_csv_load(con=con, path=counts, table="equity_input")
        encoded, source = loaded.counts, loaded.table
    marks.append(time.perf_counter())
    state_table = count_table_read_csv(path=state)
    totals = state_totals_from_table(counts=encoded, state=state_table)
    marks.append(time.perf_counter())
    result = equity_compute(counts=encoded, state=totals, config=EquityConfig())
    marks.append(time.perf_counter())
    results_write(con=con, source=source, result=result, destination=output, output_format="csv")
    marks.append(time.perf_counter())
    con.close()
    names = ("load and check", "state totals", "metrics", "write")
    return ", ".join(
        f"{name} {after - before:.2f} s"
        for name, before, after in zip(names, marks, marks[1:], strict=False)
    )


def outputs_agree(*, ours: Path, theirs: Path, numeric: tuple[str, ...]) -> tuple[int, float]:
    """(rows compared, largest relative difference) over the shared columns of two outputs.

    Raises SystemExit when a value is present on one side only or a true/false differs.
    """
    booleans = [
        name for name in BOOLEAN_CHECKS if numeric == NUMERIC_CHECKS or name == "used_alternate"
    ]
    differences = ", ".join(
        f"coalesce(abs(o.{n} - t.{n}) / greatest(abs(t.{n}), 1e-300), 0)" for n in numeric
    )
    mismatches = " OR ".join(
        [f"(o.{n} IS NULL) <> (t.{n} IS NULL)" for n in numeric]
        + [f"o.{n} <> t.{n}" for n in booleans]
    )
    con = duckdb.connect()
    row = con.execute(
        f"""SELECT count(*), max(greatest({differences})),
                   count(*) FILTER (WHERE {mismatches})
            FROM read_csv({_literal(ours)}, header = true) AS o
            JOIN read_csv({_literal(theirs)}, header = true) AS t
            USING (unit, outcome, "group")"""  # noqa: S608 (our own column names and paths)
    ).fetchone()
    con.close()
    assert row is not None
    compared, worst, mismatched = int(row[0]), float(row[1] or 0.0), int(row[2])
    if mismatched:
        raise SystemExit(f"the outputs disagree on which values exist in {mismatched} rows")
    return compared, worst


def main(argv: list[str] | None = None) -> int:
    """Generate the data, time both sides, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000, help="schools (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side (default 3)")
    parser.add_argument("--stages", action="store_true", help="also time the engine's stages once")
    options = parser.parse_args(argv)
    print(f"load average before: {_load()} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-equity-") as tmp:
        directory = Path(tmp)
        started = time.perf_counter()
        counts, state = counts_generate(directory=directory, units=options.units)
        rows = options.units * len(GROUPS) * len(OUTCOMES)
        print(f"generated {rows:,} rows in {time.perf_counter() - started:.1f} s")
        times: dict[str, list[float]] = {"equity": [], "query": [], "full": []}
        cpu: dict[str, list[float]] = {name: [] for name in times}
        outputs = {name: directory / f"{name}.csv" for name in times}
        for run in range(options.repeat):
            wall, used = time_equity(counts=counts, state=state, output=outputs["equity"])
            times["equity"].append(wall)
            cpu["equity"].append(used)
            for name, sql in (("query", BASELINE_SQL), ("full", FULL_SQL)):
                wall, used = time_duckdb(sql=sql, counts=counts, state=state, output=outputs[name])
                times[name].append(wall)
                cpu[name].append(used)
            print(
                f"run {run + 1}: secure equity {times['equity'][-1]:.2f} s, "
                f"DuckDB ratio query {times['query'][-1]:.2f} s, "
                f"DuckDB all-columns query {times['full'][-1]:.2f} s"
            )
        fresh = time_subprocess(counts=counts, state=state, output=outputs["equity"])
        print(f"as a fresh process (python -m secure.equity.cli): {fresh:.2f} s")
        if options.stages:
            report = stages_report(counts=counts, state=state, output=outputs["equity"])
            print(f"stages: {report}")
        for name, numeric in (
            ("query", ("risk_ratio", "alternate_risk_ratio")),
            ("full", NUMERIC_CHECKS),
        ):
            compared, worst = outputs_agree(
                ours=outputs["equity"], theirs=outputs[name], numeric=numeric
            )
            print(
                f"checked {compared:,} rows against the {name} output: "
                f"{len(numeric)} numeric columns agree to a relative {worst:.1e}"
            )
    ours, query, full = (min(times[name]) for name in ("equity", "query", "full"))
    ratio = ours / query
    verdict = "within" if ratio <= AIM else "outside"
    print(
        f"(for scale: the all-columns DuckDB query without p-values takes {full:.2f} s; "
        f"secure equity is {ours / full:.2f}x that)"
    )
    print(f"load average after: {_load()} (other work on the machine inflates wall times)")
    ours_cpu, query_cpu = min(cpu["equity"]), min(cpu["query"])
    print(
        f"(CPU time, which other load on the machine disturbs less: secure equity "
        f"{ours_cpu:.2f} s vs DuckDB SQL {query_cpu:.2f} s -> {ours_cpu / query_cpu:.2f}x)"
    )
    print(
        f"equity bench: secure equity {ours:.2f} s vs DuckDB SQL {query:.2f} s "
        f"(best of {options.repeat}, {rows:,} rows) -> ratio {ratio:.2f}x, "
        f"{verdict} the {AIM}x aim"
    )
    return 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` prints them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _literal(path: Path) -> str:
    """A path as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


if __name__ == "__main__":
    sys.exit(main())
