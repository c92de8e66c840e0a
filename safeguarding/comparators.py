"""The DfE benchmarks an indicator is set beside: England, the region and statistical neighbours."""

from __future__ import annotations

KEYS = ("england", "region", "neighbours")
# As a heading, legend, column or menu entry.
LABELS = {"england": "England", "region": "Region", "neighbours": "Statistical neighbours"}
# Inside a sentence: "12% below the region (41.0)".
IN_SENTENCE = {"england": "England", "region": "the region", "neighbours": "statistical neighbours"}


def label(key: str, region_name: str = "") -> str:
    """A comparator's heading, the region by its own name when it is known."""
    return region_name if key == "region" and region_name else LABELS[key]


def in_sentence(key: str | None) -> str:
    """A comparator's name inside a sentence (England when none is set)."""
    return IN_SENTENCE.get(key or "england", IN_SENTENCE["england"])
