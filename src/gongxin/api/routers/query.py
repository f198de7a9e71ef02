"""GET /api/v1/query: the engine's rows, exactly as `gongxin query --format json` prints them."""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import StringConstraints

from gongxin.api.schemas import PERIOD_PATTERN, Error, QueryRow
from gongxin.engine.catalog import default_catalog
from gongxin.errors import UserError

router = Router(tags=["指标"])

# The catalog's indicator ids and dimensions are the description's enums, so that an unknown
# one is refused by the schema (422) like any other malformed parameter.
_CATALOG = default_catalog()
IndicatorId = Literal[tuple(_CATALOG.indicators)]  # type: ignore[valid-type]
Dimension = Literal[tuple(_CATALOG.dimensions)]  # type: ignore[valid-type]
Period = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]


@router.get(
    "",
    response={200: list[QueryRow], 400: Error},
    exclude_unset=True,  # suppressed/note appear on withheld small cells only
    summary="查询指标",
    description=(
        "按报告期与分组维度查询一个或多个指标（indicator 可重复）。县区用户的 by=enterprise "
        "结果仅含本区县企业；不足3家企业的他区汇总值为 null，并带 suppressed=true 与 note"
        "（按统计法不公开）。as_of 为 ISO-8601 时刻，按当时已入库的数据计算（含企业名录）。"
        "filter=维度:代码（或 维度=代码，可重复）只计该成员的企业，"
        "如 filter=region:371522&by=industry 得到莘县各行业大类。"
    ),
)
def query(
    request: HttpRequest,
    indicator: Query[list[IndicatorId]],
    period: Query[Period],
    by: Dimension = "city",
    as_of: str | None = None,
    filter: Query[list[str]] = None,
):
    # Imported here: the engine opens the analytic snapshot, which a schema export never needs.
    from gongxin.confidentiality import protected_query
    from gongxin.engine import EngineError
    from gongxin.stats.selectors import engine_current, parse_as_of

    try:
        _, rows = protected_query(
            engine_current(),
            indicators=indicator,
            period=period,
            by=by,
            as_of=parse_as_of(as_of),
            scope=request.actor.scope,
            filters=filter or [],
        )
    except (EngineError, UserError) as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, rows)
