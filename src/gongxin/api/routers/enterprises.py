"""GET /api/v1/enterprises and /api/v1/enterprises/{uscc}, within the caller's scope.

Enterprises are fetched only through ``gongxin.registry.access``: an enterprise outside the
caller's scope answers exactly like one that does not exist (404, same body).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from gongxin.api.schemas import EnterpriseDetail, EnterpriseItem, Error
from gongxin.registry.access import access_enterprise, enterprises_visible
from gongxin.registry.models import Enterprise

router = Router(tags=["企业"])

ERR_NOT_FOUND = "未找到该企业"


def enterprises_filtered(
    qs: QuerySet[Enterprise], *, region: str | None, industry: str | None, q: str | None
) -> QuerySet[Enterprise]:
    """Narrow an already scoped queryset by the list's filters."""
    if region:
        qs = qs.filter(region_id=region)
    if industry:
        # A 2-digit division or a 4-digit class: both are prefixes of the class code.
        qs = qs.filter(industry__code__startswith=industry)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(uscc__startswith=q.strip().upper()))
    return qs


@router.get(
    "",
    response=list[EnterpriseItem],
    summary="企业列表",
    description=(
        "分页（page，每页 50 条）；region 区县代码，industry 行业大类或小类代码，"
        "q 企业名称或信用代码。县区用户仅见本区县企业。"
    ),
)
@paginate(PageNumberPagination)
def enterprise_list(
    request: HttpRequest,
    region: str | None = None,
    industry: str | None = None,
    q: str | None = None,
):
    qs = enterprises_visible(request.scope).select_related("region", "industry")
    return enterprises_filtered(qs, region=region, industry=industry, q=q).order_by("uscc")


@router.get("/{uscc}", response={200: EnterpriseDetail, 404: Error}, summary="企业详情")
def enterprise_detail(request: HttpRequest, uscc: str):
    try:
        e = access_enterprise(request.scope, uscc)
    except Enterprise.DoesNotExist:
        return Status(404, {"detail": ERR_NOT_FOUND})
    return Status(200, e)
