"""edz-extractor: typed, validated JSON records of the facts that news articles
about China's economic development zones state.

>>> from extractor import extract
>>> record = extract("The zone drew 100 billion yuan ($15.44 billion) in 2020.", format="plain")
>>> record.money[0].amount, record.money[0].currency
(100000000000, 'CNY')
"""

from extractor._version import __version__
from extractor.api import extract, extract_file
from extractor.errors import EdzError
from extractor.record import Record

__all__ = ["EdzError", "Record", "__version__", "extract", "extract_file"]
