"""Fact recognizers: spaCy components that find and normalize facts.

One module per fact type, its patterns and its normalizer side by side:

- ``money``        ``edz_money``        ``100 billion yuan ($15.44 billion)``
- ``percentages``  ``edz_percentages``  ``64.2 percent``, ``2.1 percentage points``
- ``years``        ``edz_years``        ``by 2025``, ``2021-25``
- ``counts``       ``edz_counts``       ``more than 1,500 biomedical companies``
- ``entities``     ``edz_entities``     ``Tianjin Economic and Tech Development Area (TEDA)``

The contract every component keeps (see :mod:`extractor.facts.base`): it writes
its spans, sorted by position and not overlapping, to ``doc.spans["edz_<kind>"]``
and sets ``span._.edz_<kind>`` to a frozen dataclass whose fields are the
record's fields for that fact, less ``text``/``start``/``end``/``sentence``
(those come from the span itself).
"""

from extractor.facts.base import FACT_COMPONENTS, fact_spans

__all__ = ["FACT_COMPONENTS", "fact_spans"]
