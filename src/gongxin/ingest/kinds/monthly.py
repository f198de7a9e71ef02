"""Monthly enterprise reports (月度运行数据): one row per enterprise and month, values for that
month alone. A month already stored for an enterprise becomes a new revision (``stats.services``).

Suspicious but possible values are warnings — reported with the import, never blocking it:

* a value at least ``SCALE_FACTOR`` times the same row's ``*_py`` (the enterprise's own figure a
  year earlier);
* a value at least ``SCALE_FACTOR`` times the enterprise's usual level — the median of its stored
  months other than this one (latest revisions), given at least ``HISTORY_MIN_MONTHS`` of them
  with a positive median. The usual cause is 元 entered for 万元 (a factor of 10,000) or 千瓦时
  for 万千瓦时;
* sales above ``SALES_OUTPUT_FACTOR`` × output (sales from stock can exceed output a little);
* electricity used while output is 0 (a stalled plant keeps some load, but it is worth a call).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from django.db import connection

from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.schemas import MONTHLY
from gongxin.registry.periods import JanFeb, ym_format
from gongxin.registry.selectors import chunked, enterprise_usccs
from gongxin.stats.models import MonthlyReport
from gongxin.stats.services import MONTHLY_FIELDS, MonthlyFigures, monthly_reports_record

ERR_NOT_IN_ROSTER = "统一社会信用代码 {uscc} 不在企业名录中：请先导入该企业的名录信息"
ERR_DUPLICATE_MONTH = "该企业 {period} 的数据与第 {other} 行重复"
WARN_SCALE = (
    "{label} {value} 是该企业以往月份中位数 {median} 的 {ratio:.0f} 倍：可能单位有误"
    "（金额应为万元，电量应为万千瓦时），请核实"
)
WARN_PY_SCALE = (
    "{label} {value} 是本行上年同期值 {py} 的 {ratio:.0f} 倍：可能单位有误"
    "（金额应为万元，电量应为万千瓦时），请核实"
)
WARN_SALES_ABOVE_OUTPUT = "工业销售产值 {sales} 是工业总产值 {output} 的 {ratio:.1f} 倍，请核实"
WARN_ELECTRICITY_NO_OUTPUT = "工业总产值为 0 但用电量为 {electricity}：请核实是否停产或漏报产值"

SCALE_FACTOR = 100.0
HISTORY_MIN_MONTHS = 3
SALES_OUTPUT_FACTOR = 1.5
# Measures whose level is compared with the enterprise's history (profit changes sign).
SCALE_MEASURES = ("output", "sales", "export", "revenue", "electricity")

_LABELS = {c.key: c.label for c in MONTHLY.columns}
# Slots in Record.values (the checks run once per row: index, not look up by key).
_USCC, _PERIOD, _OUTPUT, _SALES, _ELECTRICITY = (
    MONTHLY.index[k] for k in ("uscc", "period", "output", "sales", "electricity")
)
_SCALE_SLOTS = tuple((key, MONTHLY.index[key]) for key in SCALE_MEASURES)
# (key, slot, slot of its *_py) for every measure the row can compare with its own last year.
_PY_SLOTS = tuple(
    (key, MONTHLY.index[key], MONTHLY.index[f"{key}_py"])
    for key in SCALE_MEASURES
    if f"{key}_py" in MONTHLY.index
)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _history(usccs: Sequence[str]) -> dict[str, dict[int, tuple[float | None, ...]]]:
    """``uscc → {ym: SCALE_MEASURES values}`` of the latest stored revision of each month."""
    history: dict[str, dict[int, tuple[float | None, ...]]] = {}
    for chunk in chunked(list(usccs)):
        query = (
            MonthlyReport.objects.filter(enterprise_id__in=chunk, batch__withdrawn_at__isnull=True)
            .order_by("revision")
            .values_list("enterprise_id", "ym", *SCALE_MEASURES)
        )
        # The ORM's SQL on a plain cursor: the columns need no conversion (text, integers,
        # floats), and per-row converters cost seconds at 360,000 stored months.
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(10000):
                for uscc, ym, *values in rows:
                    history.setdefault(uscc, {})[ym] = tuple(values)
    return history


class _UsualLevel:
    """Medians of an enterprise's stored months, excluding the month being imported.

    Each enterprise's stored values are sorted once per measure; the median without one month
    is then read off by position (the month's value skipped), the same number
    ``statistics.median`` gives for the other months' values — a re-imported file excludes a
    different month on every row, and sorting again for each was most of its check.
    """

    def __init__(self, history: dict[str, dict[int, tuple[float | None, ...]]]) -> None:
        self._history = history
        self._sorted: dict[str, list[list[float]]] = {}

    def sorted_values(
        self, uscc: str, ym: int
    ) -> tuple[list[list[float]], tuple[float | None, ...] | None] | None:
        """Per measure, the enterprise's stored values sorted, and the values of month ``ym``
        (to be left out: None if not stored); None for an enterprise with nothing stored."""
        months = self._history.get(uscc)
        if not months:
            return None
        columns = self._sorted.get(uscc)
        if columns is None:
            columns = [
                sorted(v[i] for v in months.values() if v[i] is not None)
                for i in range(len(SCALE_MEASURES))
            ]
            self._sorted[uscc] = columns
        return columns, months.get(ym)

    def medians(self, uscc: str, ym: int) -> tuple[float | None, ...] | None:
        """Per measure, the median of the stored months other than ``ym`` (None: too few)."""
        found = self.sorted_values(uscc, ym)
        if found is None:
            return None
        columns, excluded = found
        return tuple(
            _median_without(values, None if excluded is None else excluded[i])
            for i, values in enumerate(columns)
        )


def _median_without(values: list[float], skip: float | None) -> float | None:
    """``statistics.median`` of sorted ``values`` without one occurrence of ``skip`` (None:
    without nothing); None when fewer than ``HISTORY_MIN_MONTHS`` values remain."""
    n = len(values)
    if skip is None:
        if n < HISTORY_MIN_MONTHS:
            return None
        if n % 2:
            return values[n // 2]
        return (values[n // 2 - 1] + values[n // 2]) / 2
    n -= 1
    if n < HISTORY_MIN_MONTHS:
        return None
    gap = bisect_left(values, skip)  # the skipped value's position: later ones move down one

    def at(i: int) -> float:
        return values[i] if i < gap else values[i + 1]

    if n % 2:
        return at(n // 2)
    return (at(n // 2 - 1) + at(n // 2)) / 2


def _warn_values(rec: Record, findings: Findings, usual: _UsualLevel) -> None:
    values = rec.values
    output, sales, electricity = values[_OUTPUT], values[_SALES], values[_ELECTRICITY]
    if output and sales is not None and sales > SALES_OUTPUT_FACTOR * output:
        findings.warn(
            rec.row,
            "sales",
            WARN_SALES_ABOVE_OUTPUT.format(
                sales=_num(sales), output=_num(output), ratio=sales / output
            ),
        )
    if output == 0 and electricity:
        findings.warn(
            rec.row, "output", WARN_ELECTRICITY_NO_OUTPUT.format(electricity=_num(electricity))
        )
    for key, slot, py_slot in _PY_SLOTS:
        value, py = values[slot], values[py_slot]
        if py and py > 0 and value is not None and value >= SCALE_FACTOR * py:
            findings.warn(
                rec.row,
                key,
                WARN_PY_SCALE.format(
                    label=_LABELS[key], value=_num(value), py=_num(py), ratio=value / py
                ),
            )
    found = usual.sorted_values(values[_USCC], values[_PERIOD])
    if found is None:
        return
    columns, excluded = found
    for i, (key, slot) in enumerate(_SCALE_SLOTS):
        value = values[slot]
        stored = columns[i]
        # Every median of stored values is at least their minimum: a value under 100× the
        # minimum cannot be 100× the median, and most rows stop here without a median.
        if value is None or not stored or value < SCALE_FACTOR * stored[0]:
            continue
        median = _median_without(stored, None if excluded is None else excluded[i])
        if median and value >= SCALE_FACTOR * median:
            findings.warn(
                rec.row,
                key,
                WARN_SCALE.format(
                    label=_LABELS[key], value=_num(value), median=_num(median), ratio=value / median
                ),
            )


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    roster = enterprise_usccs()
    first_row: dict[tuple[str, int], int] = {}
    known: list[Record] = []
    for rec in records:
        uscc, ym = rec.values[_USCC], rec.values[_PERIOD]
        if uscc is None:
            continue
        if uscc not in roster:
            findings.error(rec.row, "uscc", ERR_NOT_IN_ROSTER.format(uscc=uscc))
            continue
        if ym is None:
            continue
        if (uscc, ym) in first_row:
            findings.error(
                rec.row,
                "period",
                ERR_DUPLICATE_MONTH.format(period=ym_format(ym), other=first_row[(uscc, ym)]),
            )
            continue
        first_row[(uscc, ym)] = rec.row
        if rec.ok:
            known.append(rec)
    if findings.errors:
        return findings  # warnings about a file that will not be imported only distract
    usual = _UsualLevel(_history(sorted({r.values[_USCC] for r in known})))
    for rec in known:
        _warn_values(rec, findings, usual)
    return findings


def _values(records: Sequence[Record]) -> Iterator[list[object]]:
    return (r.values for r in records)


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    uscc, period = MONTHLY.index["uscc"], MONTHLY.index["period"]
    slots = [MONTHLY.index[name] for name in MONTHLY_FIELDS]
    first = slots[0]
    if slots == list(range(first, first + len(slots))):  # the schema lists them in this order
        end = first + len(slots)
        figures = [
            MonthlyFigures(v[uscc], v[period], tuple(v[first:end]), type(v[period]) is JanFeb)
            for v in _values(records)
        ]
    else:
        figures = [
            MonthlyFigures(
                v[uscc], v[period], tuple(v[i] for i in slots), type(v[period]) is JanFeb
            )
            for v in _values(records)
        ]
    summary = monthly_reports_record(
        figures=figures,
        batch=ctx.batch,
        actor=ctx.actor,
        now=ctx.now,
        carry=frozenset(MONTHLY_FIELDS) - ctx.present,
    )
    ctx.monthly_rows.extend(summary.rows)
    return {"rows": len(records), "written": summary.revisions, **summary.as_dict()}


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增企业月度数据 {s['created']} 条，修订 {s['revised']} 条"
        f"（生成新版本），与已有数据相同 {s['unchanged']} 条；共写入 {s['revisions']} 个版本"
    )


KIND = ImportKind(
    name="monthly", schema=MONTHLY, check=check, write=write, summary_line=summary_line
)
