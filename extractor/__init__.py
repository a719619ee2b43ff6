"""edz-extractor: typed, validated JSON records of the facts that news articles
about China's economic development zones state.

>>> from extractor import extract
>>> record = extract("The zone drew 100 billion yuan ($15.44 billion) in 2020.", format="plain")
>>> record.money[0].amount, record.money[0].currency
(100000000000, 'CNY')
"""

from typing import TYPE_CHECKING, Any

from extractor._version import __version__

if TYPE_CHECKING:
    from extractor.analyst import read_records, table
    from extractor.api import extract, extract_file
    from extractor.errors import EdzError
    from extractor.record import Record


def __getattr__(name: str) -> Any:
    # The pydantic models take ~70 ms to build, the cleaner (lxml, bs4) more:
    # only when first used, so that `edz --help`, `edz diff` and the start of
    # every command (where a Ctrl-C must already be handled, see launch.py) do
    # not wait for them. Nothing but the version is imported with the package.
    if name == "Record":
        from extractor.record import Record

        return Record
    if name in ("extract", "extract_file"):
        from extractor import api

        return getattr(api, name)
    if name in ("read_records", "table"):
        from extractor import analyst

        return getattr(analyst, name)
    if name == "EdzError":
        from extractor.errors import EdzError

        return EdzError
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")


__all__ = [
    "EdzError",
    "Record",
    "__version__",
    "extract",
    "extract_file",
    "read_records",
    "table",
]
