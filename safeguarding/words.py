"""Small helpers for the dashboard's sentences."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 value', '2 values', '1,204 values'."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: its first letter lowered, unless it starts an abbreviation (ICPCs, DNA)."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and sum(c.isupper() for c in first) > 1:
        return label
    return label[:1].lower() + label[1:]
