"""Text from partners and visitors made safe to keep and show: control characters removed."""

from __future__ import annotations

import re

# C0 and C1 control characters other than tab and newline, and the Unicode line/paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean_text(value: object) -> str:
    """The text with control characters removed and line endings made plain (None becomes '')."""
    if value is None:
        return ""
    return _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))
