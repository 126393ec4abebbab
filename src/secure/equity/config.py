"""Settings of one equity analysis: sizes, threshold, confidence level, reference group, test rule."""

from __future__ import annotations

import math
from dataclasses import dataclass

BAD_SIZE = "{name} must be a whole number of at least 0, got {value!r}"
BAD_THRESHOLD = "threshold must be a positive number, got {value!r}"
BAD_CONFIDENCE = "confidence must be between 0 and 1 (exclusive), got {value!r}"
BAD_FISHER_RULE = "fisher_below_expected must be a number of at least 0, got {value!r}"


@dataclass(frozen=True, kw_only=True)
class EquityConfig:
    """Parameters of the IDEA and OJJDP methods, with the regulation's presumptive defaults.

    Sources: 34 CFR 300.647(b)(1) (the State sets a risk ratio threshold, a minimum cell size
    and a minimum n-size; a cell size of no more than 10 and an n-size of no more than 30 are
    presumptively reasonable). The Fisher/chi-square switch and the
    relative rate index minimums are this project's choices (docs/methods.md).
    """

    min_cell: int = 10
    """Minimum numerator (children with the outcome), 34 CFR 300.647(a)(3)."""
    min_n: int = 30
    """Minimum denominator (children enrolled), 34 CFR 300.647(a)(4)."""
    threshold: float = 2.0
    """Risk ratio threshold, 34 CFR 300.647(a)(7); flagged at or above it."""
    confidence: float = 0.95
    """Two-sided confidence level of the Katz interval."""
    reference: str = "White"
    """Reference group of the relative rate index (OJJDP uses White youth)."""
    fisher_below_expected: float = 5.0
    """Fisher's exact test when any expected cell count is below this; chi-square otherwise."""
    continuity_correction: bool = False
    """Apply Yates's continuity correction to the chi-square test."""
    rri_min_count: int | None = None
    """Minimum count at a decision point for a relative rate index; None means min_cell."""
    rri_min_base: int | None = None
    """Minimum base (population or earlier stage) for a relative rate index; None means min_n."""

    def __post_init__(self) -> None:
        for name in ("min_cell", "min_n", "rri_min_count", "rri_min_base"):
            value = getattr(self, name)
            if value is None and name.startswith("rri_"):
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(BAD_SIZE.format(name=name, value=value))
        if not _is_real(self.threshold) or not self.threshold > 0:
            raise ValueError(BAD_THRESHOLD.format(value=self.threshold))
        if not _is_real(self.confidence) or not 0 < self.confidence < 1:
            raise ValueError(BAD_CONFIDENCE.format(value=self.confidence))
        if not _is_real(self.fisher_below_expected) or self.fisher_below_expected < 0:
            raise ValueError(BAD_FISHER_RULE.format(value=self.fisher_below_expected))

    @property
    def rri_count_minimum(self) -> int:
        """The minimum count that applies to relative rate indexes."""
        return self.min_cell if self.rri_min_count is None else self.rri_min_count

    @property
    def rri_base_minimum(self) -> int:
        """The minimum base that applies to relative rate indexes."""
        return self.min_n if self.rri_min_base is None else self.rri_min_base


def _is_real(value: object) -> bool:
    """Whether value is a finite int or float (booleans excluded)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
