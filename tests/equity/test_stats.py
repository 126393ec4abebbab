"""Katz intervals, Fisher's exact test, the chi-square test and the rule that picks between them."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special
from scipy import stats as scipy_stats

from secure.equity import stats
from secure.equity.stats import (
    chi_square_p,
    expected_minimum,
    fisher_exact_p,
    katz_interval,
    two_by_two_p,
    z_value,
)


def arrays(*values: int) -> list[np.ndarray]:
    return [np.array([v], dtype=np.int64) for v in values]


def test_fisher_reproduces_the_lady_tasting_tea():
    """Fisher, The Design of Experiments (1935), ch. II: 8 cups, 4 of each kind.

    Of the 70 ways to pick 4 cups, 1 gets all right and 16 get three right, so three right
    has a two-sided p-value of (1 + 16 + 16 + 1) / 70 and four right of 2 / 70.
    """
    a, b, c, d = arrays(3, 1, 1, 3)
    assert fisher_exact_p(a=a, b=b, c=c, d=d)[0] == pytest.approx(34 / 70, rel=1e-12)
    a, b, c, d = arrays(4, 0, 0, 4)
    assert fisher_exact_p(a=a, b=b, c=c, d=d)[0] == pytest.approx(2 / 70, rel=1e-12)


def exact_two_sided(a: int, b: int, c: int, d: int) -> Fraction:
    """Two-sided Fisher p-value in exact rational arithmetic (ties are exact)."""
    row, col, total = a + b, a + c, a + b + c + d
    denominator = comb(total, row)

    def probability(x: int) -> Fraction:
        return Fraction(comb(col, x) * comb(total - col, row - x), denominator)

    observed = probability(a)
    low, high = max(0, row + col - total), min(row, col)
    return sum(
        (probability(x) for x in range(low, high + 1) if probability(x) <= observed),
        Fraction(0),
    )


table = st.tuples(*(st.integers(0, 25) for _ in range(4))).filter(lambda t: sum(t) > 0)


@settings(max_examples=150, deadline=None)
@given(tables=st.lists(table, min_size=1, max_size=20))
def test_fisher_matches_exact_rational_arithmetic(tables):
    """Vectorised Fisher p-values equal exact fractions computed with integer binomials."""
    a, b, c, d = (np.array(column, dtype=np.int64) for column in zip(*tables, strict=True))
    got = fisher_exact_p(a=a, b=b, c=c, d=d)
    for index, t in enumerate(tables):
        assert got[index] == pytest.approx(float(exact_two_sided(*t)), rel=1e-9)


def test_fisher_agrees_with_scipy_on_school_sized_tables():
    """Tables of a few hundred students give SciPy's fisher_exact p-values."""
    rng = np.random.default_rng(7)
    a = rng.integers(0, 15, 200)
    b = rng.integers(20, 400, 200)
    c = rng.integers(0, 60, 200)
    d = rng.integers(100, 900, 200)
    got = fisher_exact_p(a=a, b=b, c=c, d=d)
    want = [
        scipy_stats.fisher_exact([[x, y], [z, w]]).pvalue
        for x, y, z, w in zip(a, b, c, d, strict=True)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-8)


def test_chi_square_of_a_hand_computed_table():
    """[[10, 20], [30, 40]]: statistic 100 * 200^2 / (30*70*40*60) = 0.79365, p = 0.37300."""
    a, b, c, d = arrays(10, 20, 30, 40)
    assert chi_square_p(a=a, b=b, c=c, d=d)[0] == pytest.approx(0.372998483613, rel=1e-9)


def test_chi_square_agrees_with_scipy_with_and_without_yates():
    """Pearson's test, with and without the continuity correction, as SciPy computes it."""
    rng = np.random.default_rng(3)
    a, b, c, d = (rng.integers(5, 300, 100) for _ in range(4))
    for correction in (False, True):
        got = chi_square_p(a=a, b=b, c=c, d=d, continuity_correction=correction)
        want = [
            scipy_stats.chi2_contingency([[x, y], [z, w]], correction=correction).pvalue
            for x, y, z, w in zip(a, b, c, d, strict=True)
        ]
        np.testing.assert_allclose(got, want, rtol=1e-9)


def test_rule_uses_fisher_below_an_expected_count_of_five_and_chi_square_otherwise():
    """Expected minimum 4.5 goes to Fisher; 50 goes to chi-square; the switch is configurable."""
    small = arrays(3, 7, 42, 48)  # min row 10, min column 45, N 100: expected 4.5
    large = arrays(30, 70, 40, 60)
    assert expected_minimum(a=small[0], b=small[1], c=small[2], d=small[3])[0] == 4.5
    fisher = fisher_exact_p(a=small[0], b=small[1], c=small[2], d=small[3])[0]
    chi = chi_square_p(a=small[0], b=small[1], c=small[2], d=small[3])[0]
    assert fisher != pytest.approx(chi)
    assert two_by_two_p(a=small[0], b=small[1], c=small[2], d=small[3])[0] == fisher
    assert (
        two_by_two_p(a=small[0], b=small[1], c=small[2], d=small[3], fisher_below_expected=4.0)[0]
        == chi
    )
    big = two_by_two_p(a=large[0], b=large[1], c=large[2], d=large[3])[0]
    assert big == chi_square_p(a=large[0], b=large[1], c=large[2], d=large[3])[0]


def test_no_p_value_without_a_comparison_group():
    """A table whose comparison row is empty has no test (NaN); an all-zero outcome gives 1."""
    none = two_by_two_p(*(), **dict(zip("abcd", arrays(3, 7, 0, 0), strict=True)))
    assert np.isnan(none[0])
    ones = two_by_two_p(**dict(zip("abcd", arrays(0, 40, 0, 60), strict=True)))
    assert ones[0] == 1.0


def test_katz_interval_of_a_hand_computed_ratio():
    """Hand-computed (not from Katz et al.): a=40 of 200 against c=50 of 800, RR = 3.2.

    SE(ln RR) = sqrt(1/40 - 1/200 + 1/50 - 1/800) = sqrt(0.03875) = 0.196850; 95 percent:
    3.2 * exp(-/+ 1.959964 * 0.196850) = 2.175659 .. 4.706620; 90 percent: 2.314887 .. 4.423541.
    """
    count, population, comparison, comparison_population = arrays(40, 200, 50, 800)
    ratio = np.array([3.2])
    for confidence, low, high in ((0.95, 2.1756588, 4.7066204), (0.90, 2.3148874, 4.4235413)):
        got_low, got_high = katz_interval(
            ratio=ratio,
            count=count,
            population=population,
            comparison_count=comparison,
            comparison_population=comparison_population,
            confidence=confidence,
        )
        assert got_low[0] == pytest.approx(low, rel=1e-7)
        assert got_high[0] == pytest.approx(high, rel=1e-7)


def test_katz_interval_is_empty_without_a_ratio_or_with_a_zero_count():
    """No interval when the ratio is missing or a count with the outcome is zero."""
    count, population, comparison, comparison_population = (
        np.array([0, 10, 10]),
        np.array([50, 50, 50]),
        np.array([5, 0, 5]),
        np.array([90, 90, 90]),
    )
    low, high = katz_interval(
        ratio=np.array([0.0, np.inf, np.nan]),
        count=count,
        population=population,
        comparison_count=comparison,
        comparison_population=comparison_population,
        confidence=0.95,
    )
    assert np.isnan(low).all() and np.isnan(high).all()


def test_z_value_for_common_confidence_levels():
    """1.959964 for 95 percent and 2.575829 for 99 percent (standard normal quantiles)."""
    assert z_value(confidence=0.95) == pytest.approx(1.959963985, rel=1e-9)
    assert z_value(confidence=0.99) == pytest.approx(2.575829304, rel=1e-9)


def test_fisher_on_state_sized_tables_uses_log_gamma_and_matches_scipy():
    """Over two million children the factorial table is skipped; results are unchanged."""
    a, b, c, d = (
        np.array(v, dtype=np.int64)
        for v in ([3, 0], [2_000_000, 1_500_000], [5, 4], [1_000_000, 900_000])
    )
    got = fisher_exact_p(a=a, b=b, c=c, d=d)
    want = [
        scipy_stats.fisher_exact([[3, 2_000_000], [5, 1_000_000]]).pvalue,
        scipy_stats.fisher_exact([[0, 1_500_000], [4, 900_000]]).pvalue,
    ]
    np.testing.assert_allclose(got, want, rtol=1e-7)


def test_repeated_tables_are_computed_once_with_identical_p_values():
    """Many small schools share a table; the rule computes each distinct table once.

    Thousands of rows drawn from a few dozen tables (plus some zero margins) give exactly the
    p-values of computing every row, and agree with SciPy.
    """
    rng = np.random.default_rng(7)
    pool = rng.integers(0, 40, size=(30, 4))
    pool[0] = (0, 25, 0, 180)
    pick = rng.integers(0, pool.shape[0], 5000)
    a, b, c, d = (pool[pick, k].astype(np.int64) for k in range(4))
    got = two_by_two_p(a=a, b=b, c=c, d=d, fisher_below_expected=1e9)
    valid = ((a + b) > 0) & ((c + d) > 0)
    every_row = np.full(a.shape[0], np.nan)
    every_row[valid] = fisher_exact_p(a=a[valid], b=b[valid], c=c[valid], d=d[valid])
    np.testing.assert_array_equal(got, every_row)
    for row in pool:
        if row[0] + row[1] > 0 and row[2] + row[3] > 0:
            want = scipy_stats.fisher_exact([[row[0], row[1]], [row[2], row[3]]]).pvalue
            mask = (a == row[0]) & (b == row[1]) & (c == row[2]) & (d == row[3])
            np.testing.assert_allclose(got[mask], want, rtol=1e-9)


def test_chi_square_split_over_threads_gives_the_same_p_values():
    """Large arrays are split between threads; every value is what one call would give."""
    rng = np.random.default_rng(3)
    size = 100_000
    a, b, c, d = (rng.integers(0, 400, size).astype(np.int64) for _ in range(4))
    got = chi_square_p(a=a, b=b, c=c, d=d)
    fa, fb, fc, fd = (x.astype(np.float64) for x in (a, b, c, d))
    margins = (fa + fb) * (fc + fd) * (fa + fc) * (fb + fd)
    statistic = np.full(size, np.nan)
    np.divide(
        (fa + fb + fc + fd) * np.abs(fa * fd - fb * fc) ** 2,
        margins,
        out=statistic,
        where=margins > 0,
    )
    np.testing.assert_array_equal(got, special.chdtrc(1.0, statistic))


def test_mostly_distinct_tables_are_computed_row_by_row_with_the_same_p_values():
    """When few tables repeat, Fisher's test runs on every row; the p-values are unchanged."""
    rng = np.random.default_rng(5)
    size = 4000
    a, b, c, d = (rng.integers(1, 300, size).astype(np.int64) for _ in range(4))
    got = two_by_two_p(a=a, b=b, c=c, d=d, fisher_below_expected=1e9)
    every_row = fisher_exact_p(a=a, b=b, c=c, d=d)
    np.testing.assert_array_equal(got, every_row)
    for row in range(0, size, 997):
        table = [[a[row], b[row]], [c[row], d[row]]]
        want = scipy_stats.fisher_exact(table).pvalue
        np.testing.assert_allclose(got[row], want, rtol=1e-9)


@pytest.mark.parametrize("width", range(1, 40))
def test_column_sums_and_maxima_equal_numpys_row_reductions_bit_for_bit(width):
    """Short rows are reduced column by column, in NumPy's own order of additions."""
    rng = np.random.default_rng(width)
    matrix = rng.random((500, width)) * np.exp(rng.normal(0.0, 12.0, (500, width)))
    matrix[rng.random(matrix.shape) < 0.3] = 0.0
    np.testing.assert_array_equal(
        stats._row_sums(matrix).view(np.int64), matrix.sum(axis=1).view(np.int64)
    )
    np.testing.assert_array_equal(stats._row_max(matrix), matrix.max(axis=1))


def test_fisher_batches_give_the_same_bits_with_or_without_the_factorial_table(monkeypatch):
    """The in-place batch (factorial table, column reductions, zeroed padding) and the plain
    one (log-gamma, -inf padding, NumPy's row sums) give identical p-values, for supports
    from 1 to a few hundred tables wide."""
    rng = np.random.default_rng(11)
    size = 30_000
    scale = rng.choice([3, 20, 150, 900], size)
    a, b, c, d = (rng.integers(0, scale).astype(np.int64) for _ in range(4))
    table = stats.fisher_exact_p(a=a, b=b, c=c, d=d)
    monkeypatch.setattr(stats, "_LOG_FACTORIAL_TABLE_LIMIT", -1)
    gamma = stats.fisher_exact_p(a=a, b=b, c=c, d=d)
    np.testing.assert_array_equal(table.view(np.int64), gamma.view(np.int64))
