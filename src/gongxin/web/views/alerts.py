"""The warnings center (预警中心): a period's red/yellow/blue warnings, one warning's figures and
history, and the dispositions (交办, 签收, 跟进记录, 办结, 重新打开) through the alerts services.

Visibility is the alerts app's (``warning_access``): a county user sees aggregate warnings of
every region but enterprise warnings of its own region only; anything else is a 404, exactly
like a warning that does not exist. Acting is narrower (``warning_check_actionable``): only on
warnings of one's own region, else 403 with the Chinese reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from gongxin.alerts import services
from gongxin.alerts.access import WarningForbidden, warning_access, warning_check_actionable
from gongxin.alerts.models import LEVEL_ORDER, Status, StoredWarning
from gongxin.alerts.rules import RULE_KINDS
from gongxin.alerts.selectors import (
    ERR_UNKNOWN_LEVEL,
    alerts_for_period,
    alerts_stale,
    evaluation_latest,
    warning_as_dict,
    warning_history,
)
from gongxin.alerts.wording import LEVEL_NAMES, SCOPE_NAMES, STATUS_NAMES
from gongxin.city.models import Region
from gongxin.errors import UserError
from gongxin.registry.permissions import (
    WARNING_ACT,
    WARNING_EVALUATE,
    Forbidden,
    forbidden_message,
)
from gongxin.scope import Scope
from gongxin.web.periods import period_from_request, periods_available
from gongxin.web.scope import request_actor, request_scope

KIND_NAMES: dict[str, str] = {kind: module.TITLE for kind, module in RULE_KINDS.items()}
# Member pages by warning scope; the city's own warnings link nowhere (the cockpit is the city).
MEMBER_URLS = {
    "enterprise": "web:enterprise",
    "region": "web:region",
    "industry": "web:industry",
    "chain": "web:chain",
    "project": "web:project",
}
# Which dispositions a status allows (docs/alerts.md, "Dispositions"): the page offers only
# these; the services still refuse anything else posted from a stale page.
ACTIONS_FOR_STATUS: dict[str, tuple[str, ...]] = {
    Status.OPEN: ("assign", "acknowledge", "note", "close"),
    Status.ASSIGNED: ("assign", "acknowledge", "note", "close"),
    Status.ACKNOWLEDGED: ("assign", "note", "close"),
    Status.REOPENED: ("assign", "acknowledge", "note", "close"),
    Status.CLOSED: ("reopen",),
}
ERR_UNKNOWN_ACTION = "未知处置动作：{action}"
ERR_NO_PERIOD = "报告期 {period} 尚无月度运行数据"


@dataclass(frozen=True)
class Filters:
    """The list's query: what the form sent, validated later by the selector."""

    period: str | None
    level: str = ""
    kind: str = ""
    region: str = ""
    status: str = ""
    include_resolved: bool = False

    @classmethod
    def parse(cls, request: HttpRequest) -> Filters:
        get = request.GET
        return cls(
            period=period_from_request(request, periods_available()),
            level=get.get("level", "").strip(),
            kind=get.get("kind", "").strip(),
            region=get.get("region", "").strip(),
            status=get.get("status", "").strip(),
            include_resolved=get.get("all") == "1",
        )


def _member_url(scope: str, member: str) -> str | None:
    name = MEMBER_URLS.get(scope)
    if name is None:
        return None
    try:
        return reverse(name, args=[member])
    except NoReverseMatch:  # the page is not built (yet): plain text
        return None


def _region_names() -> dict[str, str]:
    return dict(Region.objects.order_by("order", "code").values_list("code", "name"))


def _row(warning: StoredWarning, regions: dict[str, str]) -> dict:
    """What the list and the detail show of one warning: the contract's keys, named in Chinese."""
    item = warning_as_dict(warning)
    item.update(
        level_name=LEVEL_NAMES.get(warning.level, warning.level),
        kind_name=KIND_NAMES.get(warning.kind, warning.kind),
        scope_name=SCOPE_NAMES.get(warning.scope, warning.scope),
        status_name=STATUS_NAMES.get(warning.status, warning.status),
        region_name=regions.get(warning.region, warning.region),
        url=_member_url(warning.scope, warning.member),
        detail_url=reverse("web:alert", args=[warning.pk]),
    )
    return item


def _can_evaluate(request: HttpRequest) -> bool:
    """Whether to offer 重新评估 (the service decides again when it is posted)."""
    return request_actor(request).can(WARNING_EVALUATE)


def _center_context(request: HttpRequest, filters: Filters) -> dict:
    scope = request_scope(request)
    regions = _region_names()
    context: dict = {
        "filters": filters,
        "periods": periods_available(),
        "levels": [(lv.value, LEVEL_NAMES[lv.value]) for lv in LEVEL_ORDER],
        "kinds": sorted(KIND_NAMES.items(), key=lambda kv: list(RULE_KINDS).index(kv[0])),
        "regions": list(regions.items()),
        "statuses": list(STATUS_NAMES.items()),
        "can_evaluate": _can_evaluate(request),
        "rows": [],
        "counts": {},
        "total": 0,
    }
    if filters.period is None:
        return context
    try:
        # The first listing of a period evaluates and stores it, as the CLI and the API do.
        services.alerts_ensure(period=filters.period, actor=request.user.get_username())
        # Counted before the level filter, so that every chip says what choosing it would show.
        warnings = alerts_for_period(
            period=filters.period,
            scope=scope,
            kind=filters.kind or None,
            region=filters.region or None,
            status=filters.status or None,
            include_resolved=filters.include_resolved,
        )
        if filters.level and filters.level not in LEVEL_NAMES:
            raise UserError(ERR_UNKNOWN_LEVEL.format(value=filters.level))
    except UserError as exc:
        context["error"] = str(exc)
        return context
    counts = Counter(w.level for w in warnings)
    shown = [w for w in warnings if not filters.level or w.level == filters.level]
    context.update(
        rows=[_row(w, regions) for w in shown],
        counts=dict(counts),
        total=len(warnings),
        evaluation=evaluation_latest(period=filters.period),
        stale=alerts_stale(period=filters.period),
    )
    return context


@require_GET
def alert_center(request: HttpRequest) -> HttpResponse:
    """The page; an HTMX request (a filter changed) gets the filters and the list alone."""
    context = _center_context(request, Filters.parse(request))
    partial = request.headers.get("HX-Request") == "true"
    template = "web/_alert_center.html" if partial else "web/alerts.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # the same URL answers two shapes
    return response


def _visible_or_404(scope: Scope, warning_id: int) -> StoredWarning:
    try:
        return warning_access(scope, warning_id)
    except StoredWarning.DoesNotExist:
        # Missing and out-of-scope are the same answer (a county user learns nothing).
        raise Http404("no such warning") from None


def _assignees(request: HttpRequest, warning: StoredWarning) -> list[tuple[str, str]]:
    """Users the service would accept as assignees, labelled with role and region."""
    return [
        (
            u.username,
            f"{u.username}（{u.profile.get_role_display()}"
            + (f" {u.profile.region.name}" if u.profile.region else "")
            + "）",
        )
        for u in services.warning_assignees(actor=request_actor(request), warning=warning)
    ]


def _detail_context(request: HttpRequest, warning: StoredWarning) -> dict:
    scope = request_scope(request)
    regions = _region_names()
    actor = request_actor(request)
    try:
        warning_check_actionable(scope, warning)
        forbidden = "" if actor.can(WARNING_ACT) else forbidden_message(actor, WARNING_ACT)
    except WarningForbidden as exc:
        forbidden = str(exc)
    history = [
        {
            "event": e,
            "action_name": services.ACTION_NAMES.get(e.action, e.action),
            "from_status": STATUS_NAMES.get(e.from_status, e.from_status),
            "to_status": STATUS_NAMES.get(e.to_status, e.to_status),
            "from_level": LEVEL_NAMES.get(e.from_level, e.from_level),
            "to_level": LEVEL_NAMES.get(e.to_level, e.to_level),
        }
        for e in warning_history(warning=warning)
    ]
    assign_regions = [
        (code, name)
        for code, name in regions.items()
        if scope.regions is None or code in scope.regions
    ]
    return {
        "warning": _row(warning, regions),
        "stored": warning,
        "assigned_region": regions.get(warning.assigned_region, warning.assigned_region),
        "assigned_user": warning.assigned_user.username if warning.assigned_user else "",
        "history": history,
        "forbidden": forbidden,
        "actions": () if forbidden else ACTIONS_FOR_STATUS.get(warning.status, ()),
        "assign_regions": assign_regions,
        "assignees": _assignees(request, warning) if not forbidden else [],
        "back": reverse("web:alerts") + "?" + urlencode({"period": warning.period}),
    }


@require_GET
def alert_detail(request: HttpRequest, warning_id: int) -> HttpResponse:
    warning = _visible_or_404(request_scope(request), warning_id)
    return render(request, "web/alert_detail.html", _detail_context(request, warning))


def _act(request: HttpRequest, warning: StoredWarning, action: str) -> StoredWarning:
    """Call the action's service: it checks the role, the warning's scope and the assignee."""
    actor = request_actor(request)
    note = request.POST.get("note", "")
    if action == "assign":
        region = request.POST.get("region", "").strip() or None
        user = request.POST.get("user", "").strip() or None
        return services.warning_assign(
            actor=actor, warning=warning, region=region, user=user, note=note
        )
    act = services.WARNING_ACTIONS.get(action)
    if act is None:
        raise UserError(ERR_UNKNOWN_ACTION.format(action=action or "（空）"))
    return act(actor=actor, warning=warning, note=note)


@require_POST
def alert_action(request: HttpRequest, warning_id: int) -> HttpResponse:
    """One disposition; success redirects to the detail, a refusal shows why on it."""
    warning = _visible_or_404(request_scope(request), warning_id)
    action = request.POST.get("action", "")
    try:
        _act(request, warning, action)
    except Forbidden as exc:
        return _refused(request, warning, str(exc), status=403)
    except StoredWarning.DoesNotExist:
        raise Http404("no such warning") from None
    except UserError as exc:
        return _refused(request, warning, str(exc), status=400)
    messages.success(request, f"已{services.ACTION_NAMES.get(action, action)}")
    return redirect("web:alert", warning_id=warning.pk)


def _refused(request: HttpRequest, warning: StoredWarning, error: str, *, status: int):
    warning.refresh_from_db()
    context = _detail_context(request, warning)
    context.update(error=error, posted=request.POST)
    return render(request, "web/alert_detail.html", context, status=status)


@require_POST
def alerts_reevaluate(request: HttpRequest) -> HttpResponse:
    """Re-run the rules for a period (explicit: stored colours never change silently)."""
    actor = request_actor(request)
    if not actor.can(WARNING_EVALUATE):
        message = forbidden_message(actor, WARNING_EVALUATE)
        return render(request, "403.html", {"message": message}, status=403)
    period = request.POST.get("period", "")
    if period not in periods_available():
        messages.error(request, ERR_NO_PERIOD.format(period=period or "（空）"))
        return redirect("web:alerts")
    try:
        ev = services.alerts_evaluate(period=period, actor=actor)
    except Forbidden as exc:
        return render(request, "403.html", {"message": str(exc)}, status=403)
    except UserError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"{period} 预警已重新评估：新增 {ev.new}，级别变化 {ev.changed}，"
            f"数值更新 {ev.updated}，不再触发 {ev.resolved}，未变 {ev.unchanged}",
        )
    return redirect(reverse("web:alerts") + "?" + urlencode({"period": period}))
