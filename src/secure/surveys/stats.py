"""Scale scores and reliability, as plain functions of numbers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def scale_score(values: Sequence[float | None], *, min_share: float = 0.5) -> float | None:
    """The mean of the answered items, when at least ``min_share`` of the items were answered."""
    answered = [v for v in values if v is not None]
    if not values or len(answered) < min_share * len(values) or not answered:
        return None
    return sum(answered) / len(answered)


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of respondents (rows) by items (columns), complete rows only.

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the total), with sample
    variances (ddof=1). None when it is undefined: fewer than two items or two respondents, or
    totals that do not vary.
    """
    data = np.asarray(rows, dtype=float)
    if data.ndim != 2 or data.shape[0] < 2 or data.shape[1] < 2:
        return None
    k = data.shape[1]
    total_variance = data.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return None
    item_variances = data.var(axis=0, ddof=1).sum()
    return float(k / (k - 1) * (1 - item_variances / total_variance))
