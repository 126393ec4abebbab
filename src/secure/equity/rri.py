"""OJJDP's relative rate index (RRI), the disproportionate minority contact measure.

Source: Office of Juvenile Justice and Delinquency Prevention, *Disproportionate Minority
Contact Technical Assistance Manual*, 4th ed. (2009), chapter 1 ("Identification"): at each
decision point, a group's rate is its count at that point divided by its count at the base
(the preceding stage, or the youth population for the first point); the relative rate index
is that rate divided by the reference group's rate (White youth by default).

The manual leaves minimum counts to the analyst. **This project's choice**, configurable: an
index is computed only when both the group and the reference group have at least
``min_count`` at the decision point and at least ``min_base`` at its base (defaults: the IDEA
minimum cell size 10 and n-size 30, so one set of sizes governs the whole report).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .metrics import BoolArray, FloatArray, IntArray, safe_divide


def rate_eligible(*, count: IntArray, base: IntArray, min_count: int, min_base: int) -> BoolArray:
    """Whether a rate is large enough to enter an index (the project's minimum rule)."""
    return np.asarray((count >= min_count) & (base >= min_base))


def reference_rate(
    *,
    count: IntArray,
    base: IntArray,
    cell: IntArray,
    group: IntArray,
    reference_code: int | None,
    n_cells: int,
    min_count: int,
    min_base: int,
) -> FloatArray:
    """For every row, the reference group's rate in the same cell (NaN if absent or too small).

    Source: OJJDP DMC manual (2009), ch. 1 -- the comparison is with the reference group's
    rate at the same decision point in the same jurisdiction.
    """
    rates = np.full(n_cells, np.nan)
    if reference_code is not None:
        rows = np.flatnonzero(group == reference_code)
        usable = rate_eligible(
            count=count[rows], base=base[rows], min_count=min_count, min_base=min_base
        )
        rates[cell[rows]] = np.where(
            usable, safe_divide(numerator=count[rows], denominator=base[rows]), np.nan
        )
    return rates[cell]


def relative_rate_index(
    *, rate: FloatArray, reference_rate: FloatArray, eligible: BoolArray
) -> FloatArray:
    """Relative rate index: a group's rate over the reference group's rate at the same point.

    Source: OJJDP DMC manual (2009), ch. 1. NaN when the reference rate is zero or missing or
    the group is below the project's minimums.
    """
    index = safe_divide(numerator=rate, denominator=reference_rate)
    return np.where(eligible, index, np.nan)


def decision_point_rates(
    *,
    population: Sequence[int] | IntArray,
    stages: Mapping[str, Sequence[int] | IntArray],
    bases: Mapping[str, str] | None = None,
) -> dict[str, tuple[FloatArray, IntArray]]:
    """Rate at each decision point (in order) and the base it was divided by.

    Each stage's base is the stage before it, or ``population`` for the first, unless
    ``bases`` names another earlier stage (the manual bases detention, for example, on
    referrals rather than on diversion). Source: OJJDP DMC manual (2009), ch. 1.
    """
    previous = np.asarray(population, dtype=np.int64)
    seen: dict[str, IntArray] = {"population": previous}
    out: dict[str, tuple[FloatArray, IntArray]] = {}
    for name, values in stages.items():
        counts = np.asarray(values, dtype=np.int64)
        base_name = (bases or {}).get(name)
        if base_name is not None and base_name not in seen:
            raise ValueError(f"stage {name!r} is based on {base_name!r}, which does not precede it")
        base = seen[base_name] if base_name is not None else previous
        out[name] = (safe_divide(numerator=counts, denominator=base), base)
        seen[name] = counts
        previous = counts
    return out


def relative_rate_indexes(
    *,
    groups: Sequence[str],
    population: Sequence[int] | IntArray,
    stages: Mapping[str, Sequence[int] | IntArray],
    reference: str = "White",
    bases: Mapping[str, str] | None = None,
    min_count: int = 10,
    min_base: int = 30,
) -> dict[str, FloatArray]:
    """Relative rate indexes of every group at every decision point of one jurisdiction.

    ``groups`` labels the positions of ``population`` and of each stage's counts. Source:
    OJJDP DMC manual (2009), ch. 1; minimums are the project's choice (module docstring).
    """
    labels = list(groups)
    reference_position = labels.index(reference) if reference in labels else None
    cell = np.zeros(len(labels), dtype=np.int64)
    codes = np.arange(len(labels), dtype=np.int64)
    out: dict[str, FloatArray] = {}
    for name, (rate, base) in decision_point_rates(
        population=population, stages=stages, bases=bases
    ).items():
        counts = np.asarray(stages[name], dtype=np.int64)
        reference_rates = reference_rate(
            count=counts,
            base=base,
            cell=cell,
            group=codes,
            reference_code=reference_position,
            n_cells=1,
            min_count=min_count,
            min_base=min_base,
        )
        eligible = rate_eligible(count=counts, base=base, min_count=min_count, min_base=min_base)
        out[name] = relative_rate_index(
            rate=rate, reference_rate=reference_rates, eligible=eligible
        )
    return out
