"""The appeals figures of ``shared/docs/programme-contract.md`` §3, over plain facts.

An appeal counts in the window when it was submitted in the window (dates inclusive, local
time); its steps are judged as of the window's end (a step after it has not happened yet).
Merged and withdrawn appeals are left out: no unit owed them an answer.

- ``appeals``: submitted in the window;
- ``closed``: closed by the window's end; ``solved``: of those, closed with 是否解决 = 是;
- ``signed_on_time`` / ``answered_on_time`` / ``closed_on_time``: the step happened by the
  window's end and on or before its limit's last day;
- ``overdue_open``: not closed at the window's end and its solve limit ended before that day;
- ``rated`` and the ratings counted by the window's end;
- ``response_rate`` = signed_on_time ÷ appeals × 100; ``on_time_rate`` = closed_on_time ÷
  closed × 100; ``solve_rate`` = solved ÷ closed × 100; ``satisfaction_rate`` = (满意 + 基本满意)
  ÷ rated × 100. A rate is ``None`` on a zero denominator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gongxin.wording import rounded

COUNTS = (
    "appeals", "closed", "solved", "signed_on_time", "answered_on_time", "closed_on_time",
    "overdue_open", "rated", "satisfied",
)  # fmt: skip
RATES = {
    "response_rate": ("signed_on_time", "appeals"),
    "on_time_rate": ("closed_on_time", "closed"),
    "solve_rate": ("solved", "closed"),
    "satisfaction_rate": ("satisfied", "rated"),
}
BY = ("unit", "category", "region")


@dataclass(frozen=True)
class AppealFacts:
    """What the figures need of one appeal; days are local calendar days."""

    code: str
    unit: str
    category: str
    region: str
    submitted: dt.date
    accepted: dt.date | None
    answered: dt.date | None
    closed: dt.date | None
    rated: dt.date | None
    rating: str
    solved: bool | None
    sign_due: dt.date
    answer_due: dt.date
    solve_due: dt.date
    excluded: bool = False  # merged or withdrawn


def _by(day: dt.date | None, end: dt.date) -> bool:
    return day is not None and day <= end


def appeal_counts(facts: AppealFacts, end: dt.date) -> dict[str, int]:
    """One appeal's contribution to each count, judged at ``end``."""
    closed = _by(facts.closed, end)
    rated = _by(facts.rated, end) and bool(facts.rating)
    return {
        "appeals": 1,
        "closed": int(closed),
        "solved": int(closed and facts.solved is True),
        "signed_on_time": int(_by(facts.accepted, end) and facts.accepted <= facts.sign_due),
        "answered_on_time": int(_by(facts.answered, end) and facts.answered <= facts.answer_due),
        "closed_on_time": int(closed and facts.closed <= facts.solve_due),
        "overdue_open": int(not closed and facts.solve_due < end),
        "rated": int(rated),
        "satisfied": int(rated and facts.rating in ("满意", "基本满意")),
    }


def rates(counts: dict[str, int]) -> dict[str, float | None]:
    return {
        name: (counts[num] * 100.0 / counts[den] if counts[den] else None)
        for name, (num, den) in RATES.items()
    }


@dataclass(frozen=True)
class StatsRow:
    member: str
    name: str
    counts: dict[str, int]
    total: bool = False  # the whole city's row, last

    def as_dict(self) -> dict:
        return {"member": self.member, "name": self.name, **self.counts, **rates(self.counts)}


def appeal_stats(
    facts: Iterable[AppealFacts],
    *,
    start: dt.date,
    end: dt.date,
    by: str | None = None,
    names: Callable[[str], str] = str,
    city: tuple[str, str] = ("city", "全市"),
) -> list[StatsRow]:
    """Per member of ``by`` (sorted by code/name), then the whole city; without ``by`` the city."""
    if by is not None and by not in BY:
        raise ValueError(f"by must be one of {BY}")
    total = dict.fromkeys(COUNTS, 0)
    members: dict[str, dict[str, int]] = {}
    for f in facts:
        if f.excluded or not start <= f.submitted <= end:
            continue
        counts = appeal_counts(f, end)
        for key, value in counts.items():
            total[key] += value
        if by is not None:
            bucket = members.setdefault(getattr(f, by), dict.fromkeys(COUNTS, 0))
            for key, value in counts.items():
                bucket[key] += value
    rows = [StatsRow(m, names(m), members[m]) for m in sorted(members)]
    rows.append(StatsRow(city[0], city[1], total, total=True))
    return rows


def ranking(rows: list[StatsRow], rate: str) -> list[tuple[int, StatsRow]]:
    """Members (not the city) ranked by ``rate``, best first; equal rates share a rank.

    Rates are compared as published (rounded to one decimal, half up) so that two units shown
    with the same figure never get different places; members without the rate come last.
    """

    members = [r for r in rows if not r.total]
    keyed = []
    for row in members:
        value = rates(row.counts)[rate]
        keyed.append((None if value is None else rounded(value, 1), row))
    keyed.sort(key=lambda kv: (kv[0] is None, -(kv[0] or 0), kv[1].member))
    out: list[tuple[int, StatsRow]] = []
    for i, (value, row) in enumerate(keyed):
        if i and value == keyed[i - 1][0]:
            out.append((out[-1][0], row))
        else:
            out.append((i + 1, row))
    return out
