"""Which periods to evaluate after an import: the months it touched, the latest few.

Pure; ``services.alerts_after_import`` supplies the months that have monthly data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Evaluating one month reads the engine over every enterprise; a file of 18 months (the demo's
# history) re-evaluates only the latest ones, which are the ones people work on.
LATEST = 3

_MONTHS = re.compile(r"^(\d{4})-?(\d{2})(?:\s*~\s*(\d{2}))?$")
_YEAR = re.compile(r"^(\d{4})$")


def months_of(value: object) -> tuple[set[int], set[int]]:
    """``(months as YYYYMM, whole years)`` a period value names.

    ``202404`` / ``"2024-04"`` → a month; ``"2024-01~02"`` (1—2月 combined) → January and
    February; ``"2024"`` or ``2024`` (a yearly reference series) → the whole year.
    """
    if isinstance(value, int):
        return ({value}, set()) if value > 9999 else (set(), {value})
    text = str(value).strip()
    if match := _YEAR.match(text):
        return set(), {int(match.group(1))}
    if match := _MONTHS.match(text):
        year, first, last = int(match.group(1)), int(match.group(2)), match.group(3)
        months = range(first, int(last) + 1) if last else (first,)
        return {year * 100 + m for m in months}, set()
    return set(), set()


def periods_to_evaluate(
    touched: Iterable[object] | None, with_data: Iterable[int], latest: int = LATEST
) -> list[int]:
    """The months (YYYYMM, ascending) whose warnings an import should re-evaluate.

    ``touched`` is what the import names (``None``: it may touch every month, e.g. the roster);
    ``with_data`` the months that have monthly reports (a month without data has no warnings).
    At most ``latest`` months, the most recent ones.
    """
    available = set(with_data)
    if touched is None:
        chosen = available
    else:
        months: set[int] = set()
        years: set[int] = set()
        for value in touched:
            m, y = months_of(value)
            months |= m
            years |= y
        chosen = {ym for ym in available if ym in months or ym // 100 in years}
    return sorted(chosen)[-latest:] if latest else []
