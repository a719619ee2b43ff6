"""The analyst stage, after records: records read back as tables (``edz table``) and
as one HTML report with charts (``edz report``).

>>> from extractor import read_records, table
>>> rows = table(read_records(["records/"]), "money")   # doctest: +SKIP
"""

from extractor.analyst.records import read_records
from extractor.analyst.table import COLUMNS, KINDS, table

__all__ = ["COLUMNS", "KINDS", "read_records", "table"]
