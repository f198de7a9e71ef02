"""Reference series (参考数据) in long format: one value per row; see ``ingest/series.py``.

A value already stored for ``(series, scope, period)`` gets a new revision when it differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gongxin.city.config import load_city_config
from gongxin.city.models import Division, Region
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.limits import period_problem
from gongxin.ingest.schemas import REFERENCE
from gongxin.ingest.series import BENCHMARK, BENCHMARK_SCOPES, DIVISION, MONTH, SERIES, TARGET
from gongxin.registry.periods import PeriodError, year_parse, ym_format, ym_parse
from gongxin.stats.services import ReferenceFigure, reference_values_record

ERR_UNKNOWN_SERIES = "未知序列“{series}”：可用 {known}"
ERR_DIVISION_SCOPE = "序列 {series} 的范围应为 B、C、D 门类的2位行业大类代码，实为“{scope}”"
ERR_BENCHMARK_SCOPE = "序列 {series} 的范围应为 province（全省）或 nation（全国），实为“{scope}”"
ERR_TARGET_SCOPE = "序列 {series} 的范围应为 city（全市）或城市配置中的区县代码，实为“{scope}”"
ERR_VALUE_ABOVE_MINIMUM = "序列 {series} 的值应大于 {minimum}，实为 {value}"
ERR_VALUE_AT_MOST_MAXIMUM = "序列 {series} 的值应不大于 {maximum}，实为 {value}"
ERR_DUPLICATE = "与第 {other} 行重复（同一序列、范围和期）"
WARN_UNUSUAL = "序列 {series} 的值 {value} 超出常见范围 {low}–{high}：请核实（{unit}）"

CITY_SCOPE = "city"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class _Scopes:
    def __init__(self) -> None:
        self.city = load_city_config().code
        self.divisions = set(Division.objects.values_list("code", flat=True))
        self.regions = set(Region.objects.values_list("code", flat=True))

    def normalise(self, kind: str, scope: str) -> str | None:
        """The scope as stored, or None if it is not valid for the series' kind of scope."""
        if kind == DIVISION:
            return scope if scope in self.divisions else None
        if kind == BENCHMARK:
            return scope.lower() if scope.lower() in BENCHMARK_SCOPES else None
        if kind == TARGET:
            if scope.lower() == CITY_SCOPE or scope == self.city:
                return self.city
            return scope if scope in self.regions else None
        raise ValueError(kind)


_SCOPE_ERRORS = {
    DIVISION: ERR_DIVISION_SCOPE,
    BENCHMARK: ERR_BENCHMARK_SCOPE,
    TARGET: ERR_TARGET_SCOPE,
}


def _key(rec: Record, scopes: _Scopes, findings: Findings) -> tuple[str, str, str] | None:
    """Validate one row against its series; its (series, scope, period) key as stored."""
    name = rec["series"]
    series = SERIES.get(name) if name else None
    if name and series is None:
        known = "、".join(SERIES)
        findings.error(rec.row, "series", ERR_UNKNOWN_SERIES.format(series=name, known=known))
    if series is None:
        return None
    ok = rec.ok
    scope = rec["scope"]
    if scope is not None:
        stored = scopes.normalise(series.scope, scope)
        if stored is None:
            ok = False
            findings.error(
                rec.row, "scope", _SCOPE_ERRORS[series.scope].format(series=name, scope=scope)
            )
        scope = stored
    period = rec["period"]
    if period is not None:
        try:
            period = (
                ym_format(ym_parse(period)) if series.period == MONTH else str(year_parse(period))
            )
        except PeriodError as exc:
            ok = False
            findings.error(rec.row, "period", str(exc))
        else:
            ym = int(period.replace("-", "")) if series.period == MONTH else int(period) * 100 + 1
            if problem := period_problem(ym, dt.date.today(), period):
                ok = False
                findings.error(rec.row, "period", problem)
    value = rec["value"]
    if value is not None:
        if series.minimum is not None and value <= series.minimum:
            ok = False
            findings.error(
                rec.row,
                "value",
                ERR_VALUE_ABOVE_MINIMUM.format(
                    series=name, minimum=_fmt(series.minimum), value=_fmt(value)
                ),
            )
        elif series.maximum is not None and value > series.maximum:
            ok = False
            findings.error(
                rec.row,
                "value",
                ERR_VALUE_AT_MOST_MAXIMUM.format(
                    series=name, maximum=_fmt(series.maximum), value=_fmt(value)
                ),
            )
        elif series.usual and not series.usual[0] <= value <= series.usual[1]:
            findings.warn(
                rec.row,
                "value",
                WARN_UNUSUAL.format(
                    series=name,
                    value=_fmt(value),
                    low=_fmt(series.usual[0]),
                    high=_fmt(series.usual[1]),
                    unit=series.unit,
                ),
            )
    if not ok:
        return None
    return (name, scope, period)


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    scopes = _Scopes()
    first_row: dict[tuple[str, str, str], int] = {}
    for rec in records:
        key = _key(rec, scopes, findings)
        if key is None:
            continue
        if key in first_row:
            findings.error(rec.row, "period", ERR_DUPLICATE.format(other=first_row[key]))
        else:
            first_row[key] = rec.row
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    # check() accepted every row, so normalising again cannot fail.
    scopes = _Scopes()
    findings = Findings()
    figures = []
    for rec in records:
        key = _key(rec, scopes, findings)
        assert key is not None
        figures.append(ReferenceFigure(*key, value=rec["value"]))
    summary = reference_values_record(
        figures=figures, batch=ctx.batch, actor=ctx.actor, now=ctx.now
    )
    return {"rows": len(records), "written": summary.revisions, **summary.as_dict()}


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增 {s['created']} 个值，修订 {s['revised']} 个（生成新版本），"
        f"与已有数据相同 {s['unchanged']} 个"
    )


KIND = ImportKind(
    name="reference", schema=REFERENCE, check=check, write=write, summary_line=summary_line
)
