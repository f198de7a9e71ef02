"""Report periods: ``YYYY-MM`` text in requests, ``ym = year * 100 + month`` in the snapshot."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongxin.engine.errors import BAD_PERIOD, EngineError

_PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int
    # The city publishes January and February together (1—2月): January is not published
    # alone, February's figures are the 1—2月 figures and February has no previous month.
    jan_feb: bool = False

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise EngineError(BAD_PERIOD.format(value=repr(text)))
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def ym(self) -> int:
        return self.year * 100 + self.month

    @property
    def first_ym(self) -> int:
        """January of the period's year: year-to-date windows start here."""
        return self.year * 100 + 1

    @property
    def previous(self) -> Period | None:
        """The previous month of the same year; None in January (a new YTD starts), and in
        February when January is not published alone."""
        if self.month == 1 or (self.month == 2 and self.jan_feb):
            return None
        return Period(self.year, self.month - 1, self.jan_feb)

    @property
    def unpublished(self) -> bool:
        """January of a city that publishes 1—2月 together: no figures of its own."""
        return self.jan_feb and self.month == 1

    def month_start(self, ym: int) -> int:
        """First ym of the "period month" window ending at ``ym``: 1—2月 in such a February."""
        return ym - 1 if self.jan_feb and ym % 100 == 2 else ym

    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def ytd_label(self) -> str:
        """How a bulletin names the window: 1—2月 for February, 3月 alone never occurs."""
        return f"{self.year}年1—{self.month}月" if self.month > 1 else f"{self.year}年1月"

    def __str__(self) -> str:
        return self.label()
