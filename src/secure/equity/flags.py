"""Thresholds and the multi-year rule: when a ratio flags a unit, and for how many years running.

Sources: 34 CFR 300.647(a)(7) and (b) (the State applies its risk ratio threshold to the
risk ratio, or to the alternate risk ratio when the unit's comparison group is too small);
34 CFR 300.647(d)(1) (a State need not identify an LEA until it has exceeded the threshold
"for up to three prior consecutive years").

The regulation speaks of a ratio that *exceeds* the threshold; this project's output
contract flags a ratio *at or above* it (the two differ only at exact equality).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .encoding import column_code, combined_key, dense_codes
from .metrics import BoolArray, FloatArray, IntArray
from .tables import CountTable

BAD_YEARS_REQUIRED = "years_required must be a whole number of at least 1, got {value!r}"
_LEADING_YEAR = re.compile(r"\s*(\d{4})")


def applicable_ratio(
    *, risk_ratio: FloatArray, alternate_risk_ratio: FloatArray, used_alternate: BoolArray
) -> FloatArray:
    """The ratio the regulation applies: the alternate one when the unit's comparison is too small.

    Source: 34 CFR 300.647(b).
    """
    return np.where(used_alternate, alternate_risk_ratio, risk_ratio)


def ratio_flagged(
    *,
    ratio: FloatArray,
    meets_cell_size: BoolArray,
    meets_n_size: BoolArray,
    threshold: float,
) -> BoolArray:
    """Whether a ratio is at or above the threshold for a group that meets both minimum sizes.

    Source: 34 CFR 300.647(a)(7), (b) and (c)(1).
    """
    with np.errstate(invalid="ignore"):
        reached = np.nan_to_num(ratio, nan=-np.inf) >= threshold
    return np.asarray(reached & meets_cell_size & meets_n_size)


def year_ordinals(*, years: Sequence[str]) -> dict[str, int]:
    """Give each year label a number such that consecutive years differ by exactly one.

    Labels that start with a four-digit year ("2021", "2021-22") use that year, so a missing
    year breaks a run; otherwise the sorted labels are numbered 0, 1, 2, ...
    """
    distinct = sorted(set(years))
    parsed = {label: _LEADING_YEAR.match(label) for label in distinct}
    if all(match is not None for match in parsed.values()):
        return {label: int(match.group(1)) for label, match in parsed.items() if match}
    return {label: position for position, label in enumerate(distinct)}


def consecutive_years_exceeded(
    *, series: IntArray, ordinal: IntArray, flagged: BoolArray
) -> IntArray:
    """For each row, how many consecutive years up to its own the same series was flagged.

    ``series`` identifies (unit, dimension, outcome, group) and ``ordinal`` the year (see
    ``year_ordinals``). A row that is not flagged has 0. Source: 34 CFR 300.647(d)(1).
    """
    size = series.shape[0]
    streak = np.zeros(size, dtype=np.int64)
    if size == 0:
        return streak
    order = np.lexsort((ordinal, series))
    s, o, f = series[order], ordinal[order], flagged[order]
    link = np.zeros(size, dtype=bool)
    link[1:] = (s[1:] == s[:-1]) & (o[1:] == o[:-1] + 1) & f[1:] & f[:-1]
    position = np.arange(size)
    run_start = np.maximum.accumulate(np.where(link, 0, position))
    streak[order] = np.where(f, position - run_start + 1, 0)
    return streak


def identified(*, streak: IntArray, years_required: int) -> BoolArray:
    """Whether the threshold was reached in at least ``years_required`` consecutive years.

    Source: 34 CFR 300.647(d)(1) lets a State wait "up to three prior consecutive years",
    so 1, 2 or 3 are the regulatory choices; larger values are allowed for other analyses.
    """
    if isinstance(years_required, bool) or not isinstance(years_required, int):
        raise ValueError(BAD_YEARS_REQUIRED.format(value=years_required))
    if years_required < 1:
        raise ValueError(BAD_YEARS_REQUIRED.format(value=years_required))
    return np.asarray(streak >= years_required)


def multi_year_streaks(*, table: CountTable, flagged: BoolArray) -> IntArray:
    """Consecutive flagged years for every row of a (multi-year) count table."""
    series = dense_codes(
        key=combined_key(
            columns=[
                column_code(values=table.unit),
                column_code(values=table.dimension),
                column_code(values=table.outcome),
                column_code(values=table.group),
            ]
        )
    )[0]
    numbers = year_ordinals(years=[str(year) for year in table.year])
    ordinal = np.fromiter((numbers[str(year)] for year in table.year), np.int64, len(table))
    return consecutive_years_exceeded(series=series, ordinal=ordinal, flagged=flagged)
