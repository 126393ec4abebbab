"""Confidence intervals for risk ratios and significance tests for 2x2 tables, vectorised.

A 2x2 table here is ``a`` (group, outcome), ``b`` (group, no outcome), ``c`` (comparison,
outcome), ``d`` (comparison, no outcome).

Sources:

* D. Katz, J. Baptista, S. P. Azen & M. C. Pike, "Obtaining confidence intervals for the
  risk ratio in cohort studies", *Biometrics* 34 (1978) 469-474 -- the log interval.
* R. A. Fisher, *Statistical Methods for Research Workers* (1925 and later editions) and
  *The Design of Experiments* (1935) -- the exact test; two-sided p-value as the sum of the
  probabilities of all tables no more probable than the observed one (the convention of
  R's ``fisher.test`` and SciPy's ``fisher_exact``).
* K. Pearson (1900) -- the chi-square test; F. Yates (1934) -- the continuity correction.
* W. G. Cochran, "Some methods for strengthening the common chi-square tests",
  *Biometrics* 10 (1954) 417-451 -- the usual advice that the chi-square approximation needs
  expected counts of about 5 or more.

**This project's rule** (configurable through ``EquityConfig``): Fisher's exact test when any
expected count is below 5 or a margin is zero, Pearson's chi-square (no continuity
correction) otherwise.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numpy.typing import NDArray
from scipy import special

from .metrics import BoolArray, FloatArray, IntArray

TIE_TOLERANCE = 1e-7
"""Tables whose probability is within this relative distance of the observed one count as
ties (R's ``fisher.test`` uses the same 1 + 1e-7)."""
_BATCH_ELEMENTS = 1 << 18
"""Elements (tables x support width) per Fisher batch: fewer, larger NumPy calls hold the GIL
less often, which matters when the p-values run beside the ratios (results do not depend on
it)."""
_COLUMN_SUM_BELOW = 16
_COLUMN_MAX_BELOW = 64
"""Fisher batches narrower than these are summed / maximised column by column, which for
short rows is several times faster than NumPy's per-row reduction (``_row_sums``)."""
_LOG_FACTORIAL_TABLE_LIMIT = 2_000_000
_DISTINCT_FROM_ROWS = 1_000
"""Below this many tables, finding the distinct ones costs more than it saves."""
_DISTINCT_AT_MOST = 0.5
"""Fisher's test runs once per distinct table only when at most this share of the tables is
distinct: numbering them (a sort) costs about half as much per table as the test itself."""
_CHI_SQUARE_SPLIT_FROM = 20_000
"""Values per thread, at least, when the chi-square tail probabilities are split."""


def z_value(*, confidence: float) -> float:
    """The standard normal quantile for a two-sided interval at ``confidence`` (1.96 for 0.95)."""
    return float(special.ndtri(1.0 - (1.0 - confidence) / 2.0))


def katz_interval(
    *,
    ratio: FloatArray,
    count: IntArray,
    population: IntArray,
    comparison_count: IntArray,
    comparison_population: IntArray,
    confidence: float,
) -> tuple[FloatArray, FloatArray]:
    """Katz log interval: exp(ln RR -/+ z sqrt(1/a - 1/n1 + 1/c - 1/n2)).

    Source: Katz et al., Biometrics 34 (1978). NaN where the ratio is missing or a count
    with the outcome is zero (the logarithm is then undefined).
    """
    ok = np.flatnonzero(np.isfinite(ratio) & (ratio > 0) & (count > 0) & (comparison_count > 0))
    a = count[ok].astype(np.float64)
    c = comparison_count[ok].astype(np.float64)
    n1 = population[ok].astype(np.float64)
    n2 = comparison_population[ok].astype(np.float64)
    spread = z_value(confidence=confidence) * np.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    centre = np.log(ratio[ok])
    low = np.full(ratio.shape, np.nan)
    high = np.full(ratio.shape, np.nan)
    low[ok] = np.exp(centre - spread)
    high[ok] = np.exp(centre + spread)
    return low, high


def expected_minimum(*, a: IntArray, b: IntArray, c: IntArray, d: IntArray) -> FloatArray:
    """The smallest expected cell count under independence: min row total x min column total / N."""
    total = (a + b + c + d).astype(np.float64)
    rows = np.minimum(a + b, c + d).astype(np.float64)
    columns = np.minimum(a + c, b + d).astype(np.float64)
    out = np.zeros(total.shape)
    np.divide(rows * columns, total, out=out, where=total > 0)
    return out


def chi_square_p(
    *, a: IntArray, b: IntArray, c: IntArray, d: IntArray, continuity_correction: bool = False
) -> FloatArray:
    """Pearson's chi-square test of a 2x2 table, one degree of freedom; NaN if a margin is zero.

    Source: Pearson (1900); Yates (1934) when ``continuity_correction``; the statistic is
    N (|ad - bc| - correction)^2 / (row1 row2 col1 col2).
    """
    fa, fb, fc, fd = (x.astype(np.float64) for x in (a, b, c, d))
    total = fa + fb + fc + fd
    margins = (fa + fb) * (fc + fd) * (fa + fc) * (fb + fd)
    difference = np.abs(fa * fd - fb * fc)
    if continuity_correction:
        difference = np.maximum(difference - total / 2.0, 0.0)
    statistic = np.full(total.shape, np.nan)
    np.divide(total * difference**2, margins, out=statistic, where=margins > 0)
    return _chi_square_tail(statistic)


def _chi_square_tail(statistic: FloatArray) -> FloatArray:
    """``chdtrc(1, x)`` element by element, split over threads for large arrays.

    SciPy's incomplete gamma takes about a microsecond per value and releases the GIL, so
    halves run in parallel; each value is computed alone, so the result is the same.
    """
    workers = min(os.cpu_count() or 1, statistic.shape[0] // _CHI_SQUARE_SPLIT_FROM)
    if workers <= 1:
        return np.asarray(special.chdtrc(1.0, statistic), dtype=np.float64)
    out = np.empty(statistic.shape[0])
    bounds = [statistic.shape[0] * k // workers for k in range(workers + 1)]

    def solve(part: int) -> None:
        start, stop = bounds[part], bounds[part + 1]
        out[start:stop] = special.chdtrc(1.0, statistic[start:stop])

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(solve, range(workers)))
    return out


def fisher_exact_p(*, a: IntArray, b: IntArray, c: IntArray, d: IntArray) -> FloatArray:
    """Fisher's exact test of a 2x2 table, two-sided (all tables no more probable than observed).

    Source: Fisher (1925, 1935). Exact hypergeometric probabilities from log-factorials,
    evaluated for many tables at once in padded batches.
    """
    a, b, c, d = (np.asarray(x, dtype=np.int64) for x in (a, b, c, d))
    size = a.shape[0]
    out = np.full(size, np.nan)
    if size == 0:
        return out
    draws = a + b
    successes = a + c
    total = a + b + c + d
    low = np.maximum(0, draws + successes - total)
    high = np.minimum(draws, successes)
    width = high - low + 1
    log_factorial = _log_factorials(int(total.max()))
    # Tables are padded to the widest support in their batch; batches group similar widths.
    bucket = np.ceil(np.log2(np.maximum(width, 1))).astype(np.int64)
    chunks: list[tuple[NDArray[np.int64], int]] = []
    for level in np.flatnonzero(np.bincount(bucket)).tolist():
        rows = np.flatnonzero(bucket == level)
        span = int(width[rows].max())
        step = max(1, _BATCH_ELEMENTS // span)
        chunks.extend((rows[i : i + step], span) for i in range(0, rows.shape[0], step))

    def solve(chunk: tuple[NDArray[np.int64], int]) -> None:
        rows, span = chunk
        out[rows] = _fisher_batch(
            observed=a[rows],
            draws=draws[rows],
            successes=successes[rows],
            total=total[rows],
            low=low[rows],
            high=high[rows],
            span=span,
            log_factorial=log_factorial,
        )

    workers = min(len(chunks), os.cpu_count() or 1)
    if workers > 1:
        # NumPy releases the GIL inside its loops, so batches run in parallel threads.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(solve, chunks))
    else:
        for chunk in chunks:
            solve(chunk)
    return out


def two_by_two_p(
    *,
    a: IntArray,
    b: IntArray,
    c: IntArray,
    d: IntArray,
    fisher_below_expected: float = 5.0,
    continuity_correction: bool = False,
) -> FloatArray:
    """p-value by the project's rule: Fisher when an expected count is small, else chi-square.

    NaN when either row of the table is empty (no group or no comparison group).
    """
    valid = ((a + b) > 0) & ((c + d) > 0)
    degenerate = ((a + c) == 0) | ((b + d) == 0)
    small = expected_minimum(a=a, b=b, c=c, d=d) < fisher_below_expected
    use_fisher: BoolArray = valid & (small | degenerate)
    use_chi: BoolArray = valid & ~use_fisher
    out = np.full(a.shape[0], np.nan)
    # Row numbers, found once, rather than each mask searched again for every array.
    fisher_rows, chi_rows = np.flatnonzero(use_fisher), np.flatnonzero(use_chi)
    if fisher_rows.size:
        out[fisher_rows] = _fisher_distinct_p(
            a=a[fisher_rows], b=b[fisher_rows], c=c[fisher_rows], d=d[fisher_rows]
        )
    if chi_rows.size:
        out[chi_rows] = chi_square_p(
            a=a[chi_rows],
            b=b[chi_rows],
            c=c[chi_rows],
            d=d[chi_rows],
            continuity_correction=continuity_correction,
        )
    return out


def _fisher_distinct_p(*, a: IntArray, b: IntArray, c: IntArray, d: IntArray) -> FloatArray:
    """``fisher_exact_p`` computed once per distinct table (a, b, c, d) and spread back.

    Many units share tables (small schools with no one suspended, say). The four counts are
    packed into one 64-bit key when each fits in 16 bits; otherwise every row is computed.
    The p-value of a table does not depend on the other tables, so the result is identical.
    """
    if a.shape[0] < _DISTINCT_FROM_ROWS or max(int(x.max()) for x in (a, b, c, d)) >= 1 << 16:
        return fisher_exact_p(a=a, b=b, c=c, d=d)
    import polars as pl  # here, so that importing the library does not load Polars (0.14 s)

    key = (a.astype(np.int64) << 48) | (b << 32) | (c << 16) | d
    # Counting the distinct tables by hashing (Polars, in parallel) is cheap; numbering
    # them is not, so it is done only when enough tables repeat.
    if pl.Series(key).n_unique() > _DISTINCT_AT_MOST * a.shape[0]:
        return fisher_exact_p(a=a, b=b, c=c, d=d)
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    distinct = fisher_exact_p(a=a[first], b=b[first], c=c[first], d=d[first])
    return distinct[inverse.reshape(-1)]


def _fisher_batch(
    *,
    observed: IntArray,
    draws: IntArray,
    successes: IntArray,
    total: IntArray,
    low: IntArray,
    high: IntArray,
    span: int,
    log_factorial: FloatArray | None,
) -> FloatArray:
    """Two-sided Fisher p-values for tables whose supports are at most ``span`` wide.

    Works with log-probabilities relative to the observed table and divides by the total
    probability of the support (which is 1), so the constant factor never has to be formed.
    Padding beyond a table's support is given probability zero. The work is done in a few
    reused arrays (``out=``), each value by the same operations in the same order as
    ``_fisher_batch_gamma`` (which a test checks bit for bit).
    """
    if log_factorial is None:
        return _fisher_batch_gamma(
            observed=observed,
            draws=draws,
            successes=successes,
            total=total,
            low=low,
            high=high,
            span=span,
        )
    rows = observed.shape[0]
    failures = total - successes
    x = np.add(low[:, None], np.arange(span, dtype=np.int64)[None, :])
    inside = x <= high[:, None]
    # Past its support a row repeats its last table (x = high): the row's maximum is
    # unchanged, and those weights are zeroed after the exponential, which gives the same
    # zeros as exp(-inf) without exp's slow path for infinities.
    np.minimum(x, high[:, None], out=x)
    index = np.empty((rows, span), dtype=np.int64)
    term = np.empty((rows, span))
    spread = np.take(log_factorial, x, mode="clip")
    np.subtract(successes[:, None], x, out=index)
    np.add(spread, np.take(log_factorial, index, out=term, mode="clip"), out=spread)
    np.subtract(draws[:, None], x, out=index)
    np.add(spread, np.take(log_factorial, index, out=term, mode="clip"), out=spread)
    np.add((failures - draws)[:, None], x, out=index)
    np.add(spread, np.take(log_factorial, index, out=term, mode="clip"), out=spread)
    observed_spread = _log_factorial_terms(observed, successes, draws, failures, log_factorial)
    relative = np.subtract(observed_spread[:, None], spread, out=spread)
    weight = np.subtract(relative, _row_max(relative)[:, None], out=term)
    np.exp(weight, out=weight)
    np.multiply(weight, inside, out=weight)
    kept = np.multiply(weight, relative <= math.log1p(TIE_TOLERANCE), out=relative)
    p = _row_sums(kept)
    p /= _row_sums(weight)
    return np.minimum(p, 1.0, out=p)


def _row_max(matrix: FloatArray) -> FloatArray:
    """``matrix.max(axis=1)``; column by column when rows are short (NumPy's per-row loop is
    slow for them). The maximum does not depend on the order."""
    if matrix.shape[1] >= _COLUMN_MAX_BELOW:
        return np.asarray(matrix.max(axis=1), dtype=np.float64)
    out = matrix[:, 0].copy()
    for column in range(1, matrix.shape[1]):
        np.maximum(out, matrix[:, column], out=out)
    return out


def _row_sums(matrix: FloatArray) -> FloatArray:
    """``matrix.sum(axis=1)`` bit for bit, column by column when rows are short.

    NumPy sums a row of fewer than 8 values one after another from 0.0, and a row of 8 to
    128 values in 8 running sums (value ``i`` goes to sum ``i % 8`` for whole blocks of 8),
    combined as ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), then the rest one by one.
    The same additions in the same order, on whole columns, give the same doubles (a test
    compares every width) at a fraction of the per-row cost.
    """
    width = matrix.shape[1]
    if width >= _COLUMN_SUM_BELOW:
        return np.asarray(matrix.sum(axis=1), dtype=np.float64)
    if width < 8:
        out = np.zeros(matrix.shape[0])
        for column in range(width):
            out += matrix[:, column]
        return out
    sums = [matrix[:, column].copy() for column in range(8)]
    blocked = width - width % 8
    for start in range(8, blocked, 8):
        for lane in range(8):
            sums[lane] += matrix[:, start + lane]
    out = ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]))
    for column in range(blocked, width):
        out += matrix[:, column]
    return out


def _fisher_batch_gamma(
    *,
    observed: IntArray,
    draws: IntArray,
    successes: IntArray,
    total: IntArray,
    low: IntArray,
    high: IntArray,
    span: int,
) -> FloatArray:
    """``_fisher_batch`` for supports too large for a table of log-factorials (``gammaln``)."""
    x = low[:, None] + np.arange(span, dtype=np.int64)[None, :]
    inside = x <= high[:, None]
    x = np.where(inside, x, low[:, None])
    failures = total - successes
    spread = _log_factorial_terms(x, successes[:, None], draws[:, None], failures[:, None], None)
    observed_spread = _log_factorial_terms(observed, successes, draws, failures, None)
    relative = np.where(inside, observed_spread[:, None] - spread, -np.inf)
    weight = np.exp(relative - relative.max(axis=1, keepdims=True))
    keep = relative <= math.log1p(TIE_TOLERANCE)
    p = np.where(keep, weight, 0.0).sum(axis=1) / weight.sum(axis=1)
    return np.minimum(p, 1.0)


def _log_factorial_terms(
    x: IntArray,
    successes: IntArray,
    draws: IntArray,
    failures: IntArray,
    log_factorial: FloatArray | None,
) -> FloatArray:
    """log x! + log (K-x)! + log (n-x)! + log (F-n+x)!: the part of -log P(X = x) that varies."""

    def lf(values: IntArray) -> FloatArray:
        if log_factorial is not None:
            return log_factorial[values]
        return np.asarray(special.gammaln(values + 1.0), dtype=np.float64)

    return lf(x) + lf(successes - x) + lf(draws - x) + lf(failures - draws + x)


def _log_factorials(largest: int) -> FloatArray | None:
    """A table of log(k!) for k = 0..largest, or None when that would be too big to keep."""
    if largest > _LOG_FACTORIAL_TABLE_LIMIT:
        return None
    return np.asarray(special.gammaln(np.arange(largest + 1, dtype=np.float64) + 1.0))
