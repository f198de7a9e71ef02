"""Cell types: turn one non-empty cell (CSV text or an XLSX value) into a typed value.

Each type is a small frozen dataclass with ``parse(cell)``, which returns the value or raises
:class:`CellError` with a Chinese reason; the column schemas (``schemas.py``) are built from them.
Empty cells never reach a type: "empty = missing" is the schema's rule, applied before.

For bulk reading, :func:`converter` gives a column's type as one fast callable that returns
exactly what ``parse`` returns and raises exactly what it raises: numbers take a short path for
the common plain cell (text that ``float()`` takes, a finite XLSX number) and hand anything else
to ``parse``; code-like types remember the result per distinct text cell (a monthly file repeats
a few thousand USCCs and a handful of months over 100,000 rows).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from gongxin.ingest.limits import period_problem
from gongxin.registry.periods import (
    ERR_YEAR_RANGE,
    YEAR_MAX,
    YEAR_MIN,
    PeriodError,
    ym_from_parts,
    ym_parse,
)
from gongxin.registry.uscc import uscc_normalise, uscc_problem

ERR_NOT_NUMBER = "应为数值，实为“{value}”"
ERR_THOUSANDS = "数值不应含千位分隔符：“{value}”应写为“{plain}”"
ERR_NOT_FINITE = "数值“{value}”超出可表示的范围（不是有限数）"
ERR_NOT_INTEGER = "应为整数，实为“{value}”"
ERR_MINIMUM = "应不小于 {minimum}，实为 {value}"
ERR_MAXIMUM = "应不大于 {maximum}，实为 {value}"
ERR_CHOICE = "应为 {choices} 之一，实为“{value}”"
ERR_CODE_DIGITS = "应为{digits}位数字代码，实为“{value}”"
ERR_CODE_LEADING_ZERO = (
    "应为{digits}位数字代码，实为“{value}”（Excel 可能去掉了开头的 0：请把该列设为文本格式）"
)
ERR_TOO_LONG = "超过 {max_length} 个字符"
ERR_NOT_TEXT = "应为文本，实为{what}"
ERR_MONTH_DATE = "应为 YYYY-MM 格式的年月，实为日期 {value}"

_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
# Distinct text cells remembered per converter (one import); beyond this, parse every time.
MEMO_LIMIT = 100_000
_MISSING = object()


class CellError(ValueError):
    """The cell does not hold a value of the column's type; the message says why."""


def show(cell: object) -> str:
    """A cell as the clerk typed it: ``12.0`` from Excel reads back as ``12``."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return str(cell).strip()


def converter(cell_type: object) -> Callable[[object], object]:
    """``cell_type.parse`` as a fast callable for many cells (same results, same errors)."""
    make = getattr(cell_type, "converter", None)
    return make() if make is not None else cell_type.parse  # type: ignore[attr-defined]


def _memoized(parse: Callable[[object], object]) -> Callable[[object], object]:
    """``parse`` remembering its result per distinct text or date cell (errors are not kept).

    Only ``str``, ``datetime`` and ``date`` cells are keys: numbers are not, as ``True == 1 ==
    1.0`` would share one entry while their parses differ. Results are immutable.
    """
    memo: dict[object, object] = {}
    keyed = (str, dt.datetime, dt.date)

    def convert(cell: object) -> object:
        if cell.__class__ not in keyed:
            return parse(cell)
        value = memo.get(cell, _MISSING)
        if value is _MISSING:
            value = parse(cell)
            if len(memo) < MEMO_LIMIT:
                memo[cell] = value
        return value

    return convert


class _Memoized:
    """Mixin: the type's converter is its ``parse`` memoized per distinct cell."""

    def converter(self) -> Callable[[object], object]:
        return _memoized(self.parse)  # type: ignore[attr-defined]


def _text(cell: object) -> str:
    """Text of a code-like cell, full-width characters folded (Chinese input methods)."""
    return unicodedata.normalize("NFKC", show(cell)).strip()


@dataclass(frozen=True)
class Text:
    max_length: int = 200
    description: str = "文本"

    def parse(self, cell: object) -> str:
        if isinstance(cell, bool | dt.date | dt.time | dt.timedelta):
            raise CellError(ERR_NOT_TEXT.format(what=show(cell)))
        value = show(cell)
        if len(value) > self.max_length:
            raise CellError(ERR_TOO_LONG.format(max_length=self.max_length))
        return value

    def converter(self) -> Callable[[object], str]:
        """``parse`` with a short path for a text cell within the length (``show`` of a
        ``str`` is the text stripped); anything else goes through ``parse``."""
        parse, limit = self.parse, self.max_length

        def convert(cell: object) -> str:
            if cell.__class__ is str:
                value = cell.strip()  # type: ignore[union-attr]
                if len(value) <= limit:
                    return value
            return parse(cell)

        return convert


@dataclass(frozen=True)
class Code(_Memoized):
    """A code from a list (region, industry, chain, series…); membership is checked by the kind.

    With ``digits``, the code is that many digits. A number cell in XLSX is padded with leading
    zeros (Excel turns a typed 0610 into the number 610); text is taken as written.
    """

    digits: int | None = None
    description: str = "代码"

    def parse(self, cell: object) -> str:
        is_number = isinstance(cell, float | int) and not isinstance(cell, bool)
        if is_number and self.digits and float(cell).is_integer() and 0 <= cell < 10**self.digits:
            return f"{int(cell):0{self.digits}d}"
        value = _text(cell)
        if self.digits and not (len(value) == self.digits and value.isdigit()):
            if value.isdigit() and len(value) < self.digits:
                raise CellError(ERR_CODE_LEADING_ZERO.format(digits=self.digits, value=value))
            raise CellError(ERR_CODE_DIGITS.format(digits=self.digits, value=value))
        return value


@dataclass(frozen=True)
class CodeList(_Memoized):
    """Codes separated by ``;`` (a full-width ``；`` too); order kept, repeats dropped."""

    separator: str = ";"
    description: str = "以 ; 分隔的代码"

    def parse(self, cell: object) -> tuple[str, ...]:
        parts = (p.strip() for p in _text(cell).split(self.separator))
        return tuple(dict.fromkeys(p for p in parts if p))


@dataclass(frozen=True)
class Uscc(_Memoized):
    """A unified social credit code; with ``check`` the GB 32100-2015 rules are applied here."""

    check: bool = True
    description: str = "统一社会信用代码"

    def parse(self, cell: object) -> str:
        code = uscc_normalise(show(cell))
        if self.check and (problem := uscc_problem(code)):
            raise CellError(problem)
        return code


@dataclass(frozen=True)
class Month(_Memoized):
    """``YYYY-MM`` as text, or an Excel date on the 1st (Excel turns a typed 2024-04 into one)."""

    description: str = "YYYY-MM"
    # A period of data (not a roster date): from 2000 to next month (``limits.period_problem``).
    recent: bool = False

    def parse(self, cell: object) -> int:
        ym = self._parse(cell)
        if self.recent and (problem := period_problem(ym, dt.date.today())):
            raise CellError(problem)
        return ym

    def _parse(self, cell: object) -> int:
        if isinstance(cell, dt.date):
            if cell.day != 1 or (isinstance(cell, dt.datetime) and cell.time() != dt.time()):
                raise CellError(ERR_MONTH_DATE.format(value=show(cell)))
            try:
                return ym_from_parts(cell.year, cell.month)
            except PeriodError as exc:
                raise CellError(str(exc)) from None
        try:
            return ym_parse(_text(cell))
        except PeriodError as exc:
            raise CellError(str(exc)) from None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


@dataclass(frozen=True)
class Number:
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    description: str = "数值"

    def parse(self, cell: object) -> float | int:
        if isinstance(cell, float | int) and not isinstance(cell, bool):
            value = float(cell)
            if not math.isfinite(value):
                raise CellError(ERR_NOT_NUMBER.format(value=show(cell)))
        elif isinstance(cell, str):
            text = unicodedata.normalize("NFKC", cell).strip()
            if _THOUSANDS.match(text):
                raise CellError(ERR_THOUSANDS.format(value=text, plain=text.replace(",", "")))
            if not _PLAIN_NUMBER.match(text):
                raise CellError(ERR_NOT_NUMBER.format(value=text))
            value = float(text)
            if not math.isfinite(value):  # 1e309 is a plain number that overflows
                raise CellError(ERR_NOT_FINITE.format(value=text))
        else:
            raise CellError(ERR_NOT_NUMBER.format(value=show(cell)))
        if self.integer and not value.is_integer():
            raise CellError(ERR_NOT_INTEGER.format(value=show(cell)))
        if self.minimum is not None and value < self.minimum:
            raise CellError(ERR_MINIMUM.format(minimum=_fmt(self.minimum), value=_fmt(value)))
        if self.maximum is not None and value > self.maximum:
            raise CellError(ERR_MAXIMUM.format(maximum=_fmt(self.maximum), value=_fmt(value)))
        return int(value) if self.integer else value

    def converter(self) -> Callable[[object], float | int]:
        """``parse`` with a short path for a plain number.

        A text cell goes first to ``float()``, which accepts what ``parse`` accepts — digits
        (any script's decimal digits, which NFKC either keeps or folds to ASCII), sign, point,
        exponent, surrounding whitespace — and more: ``_`` between digits, ``inf``/``nan``, and
        values that overflow to infinity. Those, and everything ``float()`` rejects, go to
        ``parse``, which gives its own value or reason. A test compares both on tricky cells.
        """
        parse, minimum, maximum, integer = self.parse, self.minimum, self.maximum, self.integer

        def convert(cell: object) -> float | int:
            cls = cell.__class__
            if cls is str:
                try:
                    value = float(cell)  # type: ignore[arg-type]
                except ValueError:
                    return parse(cell)
                if "_" in cell or value - value != 0.0:  # type: ignore[operator]
                    return parse(cell)  # underscores; inf, nan (value - value is nan)
            elif cls is float:
                value = cell  # type: ignore[assignment]
                if value - value != 0.0:
                    return parse(cell)
            elif cls is int:
                value = float(cell)  # type: ignore[arg-type]
            else:
                return parse(cell)
            if (
                (integer and not value.is_integer())
                or (minimum is not None and value < minimum)
                or (maximum is not None and value > maximum)
            ):
                return parse(cell)  # raises the reason
            return int(value) if integer else value

        return convert


@dataclass(frozen=True)
class Choice(_Memoized):
    choices: tuple[str, ...]
    description: str = "选项"

    def parse(self, cell: object) -> str:
        value = _text(cell)
        if value not in self.choices:
            raise CellError(ERR_CHOICE.format(choices="、".join(self.choices), value=value))
        return value


@dataclass(frozen=True)
class YesNo(_Memoized):
    """是 / 否 (an Excel TRUE/FALSE cell is accepted as the same)."""

    description: str = "是 / 否"

    def parse(self, cell: object) -> bool:
        if isinstance(cell, bool):
            return cell
        value = _text(cell)
        if value == "是":
            return True
        if value == "否":
            return False
        raise CellError(ERR_CHOICE.format(choices="是、否", value=value))


@dataclass(frozen=True)
class PeriodText(_Memoized):
    """A month or a year as written (``YYYY-MM`` / ``YYYY``); which one is valid is the kind's rule.

    Excel cells are folded back to what the clerk typed: a date on the 1st to ``YYYY-MM``, the
    number 2024 to ``2024``.
    """

    description: str = "YYYY-MM 或 YYYY"

    def parse(self, cell: object) -> str:
        if isinstance(cell, dt.date) and cell.day == 1:
            return f"{cell.year:04d}-{cell.month:02d}"
        return _text(cell)


ERR_DAY_FORMAT = "应为 YYYY-MM-DD 格式的日期（如 2024-05-06），实为“{value}”"
ERR_DAY_TIME = "应为日期，实为带时刻的 {value}"
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Day(_Memoized):
    """``YYYY-MM-DD`` as text, or an Excel date cell (midnight): a daily reading's day, a
    project's planned and actual dates, a chain activity's day.

    Memoized per distinct cell: a province's progress file has 240,000 rows with three date
    columns over a few hundred distinct days.
    """

    description: str = "YYYY-MM-DD"

    def parse(self, cell: object) -> dt.date:
        if isinstance(cell, dt.datetime):
            if cell.time() != dt.time():
                raise CellError(ERR_DAY_TIME.format(value=cell.isoformat(sep=" ")))
            cell = cell.date()
        if isinstance(cell, dt.date):
            day = cell
        else:
            text = unicodedata.normalize("NFKC", str(cell)).strip()
            match = _DAY.match(text)
            if not match:
                raise CellError(ERR_DAY_FORMAT.format(value=text))
            try:
                day = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                raise CellError(ERR_DAY_FORMAT.format(value=text)) from None
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            raise CellError(ERR_YEAR_RANGE.format(year=day.year, low=YEAR_MIN, high=YEAR_MAX))
        if problem := period_problem(day.year * 100 + day.month, dt.date.today(), str(day)):
            raise CellError(problem)
        return day
