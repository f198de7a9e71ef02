"""Plain-text tables that line up with Chinese text (CLI output and the text of documents)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from gongxin import wording


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right_align: Sequence[bool] | None = None
) -> str:
    """Columns separated by two spaces; numbers right-aligned where ``right_align`` says."""
    right_align = right_align or [False] * len(headers)
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(_pad(h, w, r) for h, w, r in zip(headers, widths, right_align, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append(
            "  ".join(_pad(c, w, r) for c, w, r in zip(row, widths, right_align, strict=True))
        )
    return "\n".join(line.rstrip() for line in lines)


def format_number(value: float | int | None, decimals: int) -> str:
    """A table cell: half up on the exact value (``wording.number``), thousands grouped."""
    return wording.number(value, decimals, grouping=True)
