"""GET /api/v1/chains and /api/v1/chains/{code}: the chain-chief figures, within the scope.

The same objects as ``gongxin chains --format json`` (and ``--nodes``), from the same
selectors: a county user gets its own region's 链主 names and problems only.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

from gongxin.api.schemas import Error
from gongxin.errors import UserError

router = Router(tags=["产业链"])


class ChainFigures(Schema):
    chain: str
    name: str
    flagship: bool
    period: str
    as_of: str
    chief_leaders: list[str]
    leaders: list[str]
    team: str
    chief_firms: list[str]
    enterprises: int
    output_ytd: float | None
    va_growth_ytd: float | None
    nodes: int
    leaf_nodes: int
    covered_leaves: int
    coverage: float | None
    weak_nodes: int
    missing_nodes: int
    risk_nodes: int
    problems: int
    problems_open: int
    problems_overdue: int
    problems_solved: int
    resolution_rate: float | None
    activities_ytd: int
    targets: int


class ChainNodeOut(Schema):
    node: str
    parent: str | None
    name: str
    stream: str
    classes: list[str]
    enterprises: int
    strength: str
    computed_strength: str
    assessed: bool
    leaf: bool


class ChainProblemOut(Schema):
    code: str
    chain: str
    node: str | None
    uscc: str | None
    enterprise: str | None
    region: str | None
    category: str
    description: str
    owner_unit: str
    opened_on: str
    deadline: str
    status: str
    solved_on: str | None
    overdue: bool | None


class ChainDetail(ChainFigures):
    node_list: list[ChainNodeOut]
    problem_list: list[ChainProblemOut]


@router.get(
    "",
    response={200: list[ChainFigures], 400: Error},
    summary="产业链指标",
    description=(
        "每条产业链一个对象，截至报告期末（与 gongxin chains --format json 相同）。"
        "县区用户的链主名单和问题数只含本区县企业。"
    ),
)
def chain_list(request: HttpRequest, period: str):
    from gongxin.chains.selectors import chains_figures

    try:
        return Status(200, chains_figures(period=period, scope=request.scope))
    except UserError as exc:
        return Status(400, {"detail": str(exc)})


@router.get(
    "/{code}",
    response={200: ChainDetail, 400: Error, 404: Error},
    summary="产业链详情",
    description=(
        "该链的指标、环节（node_list，同 --nodes）和问题清单（problem_list，县区用户仅本区县）。"
    ),
)
def chain_detail(request: HttpRequest, code: str, period: str):
    from gongxin.chains.selectors import chain_nodes, chain_problems, chains_figures
    from gongxin.city.models import Chain

    if not Chain.objects.filter(code=code).exists():
        return Status(404, {"detail": "未找到该产业链"})
    try:
        (figures,) = chains_figures(period=period, chain=code, scope=request.scope)
        nodes = chain_nodes(chain=code, period=period, scope=request.scope)
        problems = chain_problems(chain=code, period=period, scope=request.scope)
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, {**figures, "node_list": nodes, "problem_list": problems})
