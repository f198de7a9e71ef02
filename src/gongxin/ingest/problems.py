"""One problem found in an import file, printed the way the data contract promises.

``row 5, column output: 应为数值，实为“12万”`` — row numbers count the header as row 1, as a
spreadsheet shows them; the column is the contract's English key (or, for a header cell that
matches no key, the header text itself); the reason is Chinese, for the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How many problems an import report lists; the rest are counted. A file with thousands of
# problems is almost always one systematic mistake (a wrong column, 元 for 万元), and the first
# few hundred show it.
MAX_LISTED = 200


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None
    column: str | None
    message: str
    # The column as the file's header names it (``工业总产值(当年价格)``), for reports shown to
    # the clerk; ``column`` stays the contract's key (``row N, column K`` in the CLI).
    header: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return f"row {self.row}: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "column": self.column,
            "header": self.header or self.column,
            "message": self.message,
        }


def sort_problems(problems: list[Problem], order: list[str] | None = None) -> list[Problem]:
    """File-level problems first, then by row, then by column in ``order`` (the schema's)."""
    rank = {key: i for i, key in enumerate(order or [])}
    return sorted(
        problems,
        key=lambda p: (-1 if p.row is None else p.row, rank.get(p.column or "", len(rank))),
    )


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names the column at ``index``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
