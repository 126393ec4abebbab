"""Equity flags on the dashboards, computed by the equity engine (``secure.equity``).

The district-level count table of the incident records goes in; when the partnership has
imported CRDC files with state comparison schools for the same year, outcome and dimension,
their totals are the state of the engine's alternate risk ratio.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from secure.equity import EquityConfig, EquityInputError, count_table_from_rows, equity_for_table
from secure.partnerships.models import Partnership

from .dimensions import export_group_labels
from .models import CrdcCount
from .models.choices import Dimension
from .scope import DataScope
from .selectors.counts import crdc_count_table, record_count_table

FLAG_DIMENSIONS = (
    Dimension.RACE,
    Dimension.SEX,
    Dimension.DISABILITY,
    Dimension.EL,
    Dimension.AGE_BAND,
)


@dataclass(frozen=True)
class GroupFlag:
    risk_ratio: float | None
    flagged: bool
    meets_sizes: bool


@dataclass(frozen=True)
class Flags:
    by_group: dict[str, GroupFlag]
    threshold: float
    state_used: bool
    note: str = ""


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 2)


def equity_flags(
    *,
    partnership: Partnership,
    outcome: str,
    dimension: str,
    year: str,
    source: str = "records",
    config: EquityConfig | None = None,
    scope: DataScope | None = None,
) -> Flags | None:
    """Risk ratios and flags per group code for the district in one year (None: nothing to flag)."""
    if dimension not in FLAG_DIMENSIONS:
        return None
    config = config or EquityConfig()
    select = crdc_count_table if source == "crdc" else record_count_table
    table = select(
        partnership=partnership,
        outcome=outcome,
        dimension=dimension,
        year=year,
        unit="district",
        scope=scope,
    )
    rows = [row for row in table.rows if row["count"] <= row["population"]]
    if len(rows) < 2:
        return None
    state_rows: list[dict[str, object]] = []
    has_comparison = (
        CrdcCount.objects.for_partnership(partnership)
        .filter(school_year=year, measure=outcome, crdc_school__school__isnull=True)
        .exists()
    )
    if has_comparison and dimension != Dimension.AGE_BAND:
        state = crdc_count_table(
            partnership=partnership,
            outcome=outcome,
            dimension=dimension,
            year=year,
            comparison=True,
        )
        state_rows = [row for row in state.rows if row["count"] <= row["population"]]
    try:
        result = equity_for_table(
            table=count_table_from_rows(rows=rows),
            state=count_table_from_rows(rows=state_rows) if state_rows else None,
            config=config,
        )
    except EquityInputError as error:
        return Flags(by_group={}, threshold=config.threshold, state_used=False, note=str(error))
    code_of = {
        label: code
        for code, label in export_group_labels(dimension=dimension, partnership=partnership).items()
    }
    by_group = {}
    for index, row in enumerate(rows):
        by_group[code_of.get(str(row["group"]), str(row["group"]))] = GroupFlag(
            risk_ratio=_number(result.applicable_ratio[index]),
            flagged=bool(result.flagged[index]),
            meets_sizes=bool(result.meets_cell_size[index] and result.meets_n_size[index]),
        )
    return Flags(by_group=by_group, threshold=config.threshold, state_used=bool(state_rows))
