"""A slow, loop-by-loop reading of the published definitions, to check the vectorised engine.

Written independently of ``secure.equity`` from the formulas in docs/methods.md; the p-values
come from SciPy's own ``fisher_exact`` and ``chi2_contingency``.
"""

from __future__ import annotations

import math
from collections import defaultdict

from scipy import stats

Row = dict[str, object]


def _div(top: float, bottom: float) -> float | None:
    return None if bottom == 0 else top / bottom


def naive_metrics(
    rows: list[Row],
    *,
    state_rows: list[Row] | None = None,
    min_cell: int = 10,
    min_n: int = 30,
    threshold: float = 2.0,
    confidence: float = 0.95,
    reference: str = "White",
    fisher_below: float = 5.0,
) -> list[dict[str, object]]:
    """Every contract metric for every row, computed one row at a time."""
    cells: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        cells[(row["unit"], row["year"], row["dimension"], row["outcome"])].append(row)
    state: dict[tuple, dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in state_rows if state_rows is not None else rows:
        scope = (row["year"], row["dimension"], row["outcome"])
        before = state[scope].get(row["group"], (0, 0))
        state[scope][row["group"]] = (before[0] + row["count"], before[1] + row["population"])
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    out = []
    for row in rows:
        cell = cells[(row["unit"], row["year"], row["dimension"], row["outcome"])]
        others = [r for r in cell if r["group"] != row["group"]]
        a, n = row["count"], row["population"]
        ca, cn = sum(r["count"] for r in others), sum(r["population"] for r in others)
        risk, comparison = _div(a, n), _div(ca, cn)
        meets_cell, meets_n = a >= min_cell, n >= min_n
        ok = meets_cell and meets_n
        rr = _div(risk, comparison) if ok and risk is not None and comparison else None

        groups = state[(row["year"], row["dimension"], row["outcome"])]
        sa = sum(v[0] for g, v in groups.items() if g != row["group"])
        sn = sum(v[1] for g, v in groups.items() if g != row["group"])
        state_ok = sa >= min_cell and sn >= min_n
        state_risk = _div(sa, sn)
        arr = (
            _div(risk, state_risk) if ok and state_ok and risk is not None and state_risk else None
        )
        used_alternate = not (ca >= min_cell and cn >= min_n)

        total_state = sum(v[1] for v in groups.values())
        weights = {g: v[1] / total_state for g, v in groups.items()} if total_state else {}
        present = [r for r in others if r["population"] > 0]
        top = sum(weights.get(r["group"], 0.0) for r in present)
        bottom = sum(weights.get(r["group"], 0.0) * r["count"] / r["population"] for r in present)
        wrr = risk * top / bottom if ok and risk is not None and top > 0 and bottom > 0 else None

        reference_row = next((r for r in cell if r["group"] == reference), None)
        rri = None
        if reference_row is not None and ok and risk is not None:
            ra, rn = reference_row["count"], reference_row["population"]
            if ra >= min_cell and rn >= min_n and ra > 0:
                rri = risk / (ra / rn)

        low = high = None
        if rr is not None and rr > 0 and a > 0 and ca > 0:
            se = math.sqrt(1 / a - 1 / n + 1 / ca - 1 / cn)
            low, high = rr * math.exp(-z * se), rr * math.exp(z * se)

        p = None
        if n > 0 and cn > 0:
            table = [[a, n - a], [ca, cn - ca]]
            total = n + cn
            expected_min = min(n, cn) * min(a + ca, total - a - ca) / total
            if expected_min < fisher_below or a + ca == 0 or a + ca == total:
                p = stats.fisher_exact(table).pvalue
            else:
                p = stats.chi2_contingency(table, correction=False).pvalue

        applicable = arr if used_alternate else rr
        out.append(
            {
                "risk": risk,
                "comparison_risk": comparison,
                "risk_ratio": rr,
                "risk_ratio_ci_low": low,
                "risk_ratio_ci_high": high,
                "alternate_risk_ratio": arr,
                "used_alternate": used_alternate,
                "weighted_risk_ratio": wrr,
                "risk_difference": None
                if risk is None or comparison is None
                else risk - comparison,
                "composition": _div(a, a + ca),
                "population_share": _div(n, n + cn),
                "relative_rate_index": rri,
                "p_value": p,
                "meets_cell_size": meets_cell,
                "meets_n_size": meets_n,
                "flagged": bool(ok and applicable is not None and applicable >= threshold),
            }
        )
    return out
