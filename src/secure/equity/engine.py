"""The equity engine: count table in, every metric out, one vectorised pass.

This module only wires the published methods together (each lives, with its source, in
``metrics``, ``rri``, ``stats`` and ``flags``); see docs/methods.md for the plain-language
account and docs/decisions/0010 for why the arithmetic is NumPy.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from . import flags, metrics, rri, stats
from .config import EquityConfig
from .encoding import EncodedCounts, count_table_encode
from .metrics import BoolArray, FloatArray, IntArray
from .state import StateTotals, state_totals_from_table, state_totals_from_units
from .tables import CountTable

METRIC_COLUMNS = (
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
)
"""The metric columns of the output contract, in order (after the input columns)."""
_THREADED_FROM_ROWS = 50_000


@dataclass(frozen=True, kw_only=True)
class EquityResult:
    """Every metric for every input row, in input order; NaN means "cannot be computed"."""

    risk: FloatArray
    comparison_risk: FloatArray
    risk_ratio: FloatArray
    risk_ratio_ci_low: FloatArray
    risk_ratio_ci_high: FloatArray
    alternate_risk_ratio: FloatArray
    used_alternate: BoolArray
    weighted_risk_ratio: FloatArray
    risk_difference: FloatArray
    composition: FloatArray
    population_share: FloatArray
    relative_rate_index: FloatArray
    p_value: FloatArray
    meets_cell_size: BoolArray
    meets_n_size: BoolArray
    flagged: BoolArray
    applicable_ratio: FloatArray
    """The ratio the threshold is applied to (alternate when ``used_alternate``)."""
    composition_difference: FloatArray
    """Composition minus population share (IDC guide's difference in composition)."""

    def columns(self) -> dict[str, np.ndarray]:
        """The output-contract metric columns, by name, in contract order."""
        return {name: getattr(self, name) for name in METRIC_COLUMNS}

    def __len__(self) -> int:
        return int(self.risk.shape[0])


def equity_compute(
    *, counts: EncodedCounts, state: StateTotals, config: EquityConfig
) -> EquityResult:
    """Compute every metric of the output contract for every row of an encoded count table."""
    a, n, cell, n_cells = counts.count, counts.population, counts.cell, counts.n_cells
    comparison_count, comparison_population = metrics.comparison_totals(
        count=a, population=n, cell=cell, n_cells=n_cells
    )
    tests = partial(
        stats.two_by_two_p,
        a=a,
        b=n - a,
        c=comparison_count,
        d=comparison_population - comparison_count,
        fisher_below_expected=config.fisher_below_expected,
        continuity_correction=config.continuity_correction,
    )
    ratios = partial(
        _ratios,
        counts=counts,
        state=state,
        config=config,
        comparison_count=comparison_count,
        comparison_population=comparison_population,
    )
    if counts.n_rows < _THREADED_FROM_ROWS:
        return replace(ratios(), p_value=tests())
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The significance tests are the costliest part; NumPy releases the GIL, so they
        # run beside the ratios.
        p_values = pool.submit(tests)
        return replace(ratios(), p_value=p_values.result())


def _ratios(
    *,
    counts: EncodedCounts,
    state: StateTotals,
    config: EquityConfig,
    comparison_count: IntArray,
    comparison_population: IntArray,
) -> EquityResult:
    """Every metric except the p-value (left as NaN for the caller to fill)."""
    a, n, cell, n_cells = counts.count, counts.population, counts.cell, counts.n_cells
    risk = metrics.risk(count=a, population=n)
    comparison_risk = metrics.risk(count=comparison_count, population=comparison_population)
    meets_cell = metrics.meets_cell_size(count=a, min_cell=config.min_cell)
    meets_n = metrics.meets_n_size(population=n, min_n=config.min_n)
    eligible = meets_cell & meets_n

    risk_ratio = metrics.risk_ratio(risk=risk, comparison_risk=comparison_risk, eligible=eligible)
    used_alternate = metrics.needs_alternate(
        comparison_count=comparison_count,
        comparison_population=comparison_population,
        min_cell=config.min_cell,
        min_n=config.min_n,
    )

    scope = counts.row_scope
    state_group_count = state.group_count[scope, counts.group]
    state_group_population = state.group_population[scope, counts.group]
    state_comparison_count = state.total_count[scope] - state_group_count
    state_comparison_population = state.total_population[scope] - state_group_population
    state_comparison_ok = ~metrics.needs_alternate(
        comparison_count=state_comparison_count,
        comparison_population=state_comparison_population,
        min_cell=config.min_cell,
        min_n=config.min_n,
    )
    alternate = metrics.alternate_risk_ratio(
        risk=risk,
        state_comparison_risk=metrics.risk(
            count=state_comparison_count, population=state_comparison_population
        ),
        eligible=eligible & state_comparison_ok,
    )
    weighted = metrics.weighted_risk_ratio(
        risk=risk,
        population=n,
        weight=metrics.safe_divide(
            numerator=state_group_population, denominator=state.total_population[scope]
        ),
        cell=cell,
        n_cells=n_cells,
        eligible=eligible,
    )

    composition = metrics.composition(count=a, cell=cell, n_cells=n_cells)
    share = metrics.population_share(population=n, cell=cell, n_cells=n_cells)

    min_count, min_base = config.rri_count_minimum, config.rri_base_minimum
    reference_code = (
        counts.group_labels.index(config.reference)
        if config.reference in counts.group_labels
        else None
    )
    relative_rate = rri.relative_rate_index(
        rate=risk,
        reference_rate=rri.reference_rate(
            count=a,
            base=n,
            cell=cell,
            group=counts.group,
            reference_code=reference_code,
            n_cells=n_cells,
            min_count=min_count,
            min_base=min_base,
        ),
        eligible=rri.rate_eligible(count=a, base=n, min_count=min_count, min_base=min_base),
    )

    low, high = stats.katz_interval(
        ratio=risk_ratio,
        count=a,
        population=n,
        comparison_count=comparison_count,
        comparison_population=comparison_population,
        confidence=config.confidence,
    )
    applicable = flags.applicable_ratio(
        risk_ratio=risk_ratio, alternate_risk_ratio=alternate, used_alternate=used_alternate
    )
    return EquityResult(
        risk=risk,
        comparison_risk=comparison_risk,
        risk_ratio=risk_ratio,
        risk_ratio_ci_low=low,
        risk_ratio_ci_high=high,
        alternate_risk_ratio=alternate,
        used_alternate=used_alternate,
        weighted_risk_ratio=weighted,
        risk_difference=metrics.risk_difference(risk=risk, comparison_risk=comparison_risk),
        composition=composition,
        population_share=share,
        relative_rate_index=relative_rate,
        p_value=np.full(a.shape[0], np.nan),
        meets_cell_size=meets_cell,
        meets_n_size=meets_n,
        flagged=flags.ratio_flagged(
            ratio=applicable,
            meets_cell_size=meets_cell,
            meets_n_size=meets_n,
            threshold=config.threshold,
        ),
        applicable_ratio=applicable,
        composition_difference=metrics.composition_difference(
            composition=composition, population_share=share
        ),
    )


def equity_for_table(
    *,
    table: CountTable,
    state: CountTable | None = None,
    config: EquityConfig | None = None,
) -> EquityResult:
    """Library entry point: metrics for an in-memory count table (state totals optional).

    Without ``state`` the sum of all units in ``table`` serves as the state, as in the CLI.
    """
    counts = count_table_encode(table=table)
    totals = (
        state_totals_from_units(counts=counts)
        if state is None
        else state_totals_from_table(counts=counts, state=state)
    )
    return equity_compute(counts=counts, state=totals, config=config or EquityConfig())
