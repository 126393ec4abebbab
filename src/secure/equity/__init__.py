"""SECURE's equity engine: racial and ethnic disproportionality by the published methods.

A plain Python library (no Django): count tables in, metrics out. Methods and sources are in
docs/methods.md; every function names its source in its docstring.

* IDEA significant disproportionality, 34 CFR 300.646-300.647, and the IDEA Data Center's
  technical assistance guide (Bollmer, Bethel, Munk & Bitterman, 2014): ``metrics``, ``flags``.
* OJJDP's relative rate index: ``rri``.
* Katz intervals, Fisher's exact and chi-square tests: ``stats``.
* Privacy-safe publication (primary and complementary suppression, rounding): ``suppression``.
* Count tables from the app database, CSV / Parquet records and CRDC files: ``counting``.
* The ``secure equity`` command: ``cli``.
"""

from .config import EquityConfig
from .engine import METRIC_COLUMNS, EquityResult, equity_compute, equity_for_table
from .errors import EquityInputError
from .flags import identified, multi_year_streaks
from .loading import count_table_read_csv
from .suppression import SuppressedTable, suppress_table
from .tables import CountTable, count_table_from_rows

__all__ = [
    "METRIC_COLUMNS",
    "CountTable",
    "EquityConfig",
    "EquityInputError",
    "EquityResult",
    "SuppressedTable",
    "count_table_from_rows",
    "count_table_read_csv",
    "equity_compute",
    "equity_for_table",
    "identified",
    "multi_year_streaks",
    "suppress_table",
]
