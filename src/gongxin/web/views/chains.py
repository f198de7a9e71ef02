"""产业链 pages (链长制): the 12 chains as cards; a chain's map, figures, log, problems, targets.

They take over ``/chains/`` and ``/chains/<code>/`` from the generic dimension pages and keep
the chain's monitoring figures (the engine ``--by chain``) on the chain page. Reads go through
``gongxin.chains.selectors`` with the request's scope; every change is one service of
``gongxin.chains.services``, which checks the actor (a city_analyst reads only).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongxin.chains import selectors as sel
from gongxin.chains import services
from gongxin.chains.models import (
    CATEGORY_CHOICES,
    TARGET_STAGE_CHOICES,
    ChainActivity,
    ChainNode,
    ChainProblem,
    ProblemStatus,
)
from gongxin.errors import UserError
from gongxin.registry.access import access_enterprise, enterprises_visible
from gongxin.registry.models import Enterprise, Role
from gongxin.web import figures
from gongxin.web.periods import period_from_request, period_label, periods_available, year_to_date
from gongxin.web.scope import request_scope

STRENGTH_COLOURS = {"强": "#1c9c63", "弱": "#e0a100", "缺": "#d23b3b", "风险": "#8e44ad"}
MONITOR_KPIS = ("va_growth_ytd", "output_ytd", "output_growth_ytd", "enterprises")
ACTION_NAMES = {
    "assign": "交办", "note": "推进记录", "solve": "解决", "close": "销号", "reopen": "重新打开",
    "open": "提出", "import": "导入",
}  # fmt: skip
ACTIONS_FOR_STATUS = {
    ProblemStatus.OPEN: ("assign", "note", "solve"),
    ProblemStatus.ASSIGNED: ("assign", "note", "solve"),
    ProblemStatus.IN_PROGRESS: ("assign", "note", "solve"),
    ProblemStatus.SOLVED: ("close", "reopen"),
    ProblemStatus.CLOSED: ("reopen",),
}
STATUS_NAMES = dict(ProblemStatus.choices)
ERR_BAD_DATE = "日期格式应为 YYYY-MM-DD，实为“{value}”"
ERR_UNKNOWN_ACTION = "未知操作“{action}”"
ERR_CATEGORY = "问题类别应为 {choices} 之一"
ERR_BRIEF_CITY_ONLY = "链长工作简报列有全市各县（市、区）的企业，仅市级管理员和市级分析员可以生成。"
ERR_BRIEF_PERIOD = "报告期 {period} 无月度数据：请选择已有数据的月份"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
def chain_brief_download(request: HttpRequest) -> HttpResponse:
    """The 链长工作简报 DOCX from the reports page: city roles only, like the other documents
    (it names enterprises of every region)."""
    from urllib.parse import quote

    from django.utils.cache import patch_cache_control

    from gongxin.reports.chain_brief import chain_brief_document
    from gongxin.reports.renderers import render as render_document

    if request_scope(request).regions is not None:
        return render(request, "403.html", {"message": ERR_BRIEF_CITY_ONLY}, status=403)
    code, period = request.GET.get("chain", ""), request.GET.get("period", "")
    try:
        chain = sel.chain_get(code)
        if period not in periods_available():
            raise UserError(ERR_BRIEF_PERIOD.format(period=period or "（空）"))
        data = render_document(chain_brief_document(chain=code, period=period), "docx")
    except UserError as exc:
        messages.error(request, str(exc))
        return redirect("web:reports")
    name = f"{chain.name}产业链链长工作简报（{period}）.docx"
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="chain-brief-{code}-{period}.docx"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _can_act(request: HttpRequest) -> bool:
    profile = getattr(request.user, "profile", None)
    return profile is not None and profile.role != Role.CITY_ANALYST


def _period(request: HttpRequest) -> tuple[list[str], str | None]:
    available = periods_available()
    return available, period_from_request(request, available)


@require_GET
def chains_page(request: HttpRequest) -> HttpResponse:
    available, period = _period(request)
    context: dict = {"periods": available, "period": period, "cards": []}
    if period is not None:
        context.update(
            period_label=period_label(period),
            cards=sel.chains_figures(period=period, scope=request_scope(request)),
        )
    return render(request, "web/chains.html", context)


def _tree(chain_name: str, nodes: list[dict], code: str, period: str) -> dict:
    """The ECharts tree: a root named for the chain, its top segments, and their children."""
    from gongxin.chains.tree import nested

    payload = {
        n["node"]: {
            "name": f"{n['name']}（{n['enterprises']}）",
            "node": n["node"],
            "strength": n["strength"],
            "stream": n["stream"],
            "url": reverse("web:chain_node_firms", args=[code, n["node"]]) + f"?period={period}",
            "itemStyle": {"color": STRENGTH_COLOURS.get(n["strength"], "#637083")},
        }
        for n in nodes
    }
    parents = {n["node"]: n["parent"] for n in nodes}
    return {"name": chain_name, "children": nested(parents, payload)}


def _problem_row(p: ChainProblem, day: dt.date | None) -> dict:
    row = sel.problem_dict(p, day)
    row["status_name"] = STATUS_NAMES.get(p.status, p.status)
    row["url"] = reverse("web:chain_problem", args=[p.code])
    return row


@require_GET
def chain_page(request: HttpRequest, code: str) -> HttpResponse:
    scope = request_scope(request)
    try:
        chain = sel.chain_get(code)
    except UserError:
        raise Http404("no such chain") from None
    available, period = _period(request)
    if period is None:
        raise Http404("no data")
    (card,) = sel.chains_figures(period=period, chain=code, scope=scope)
    nodes = sel.chain_nodes(chain=code, period=period, scope=scope)
    months = year_to_date(period)
    series = figures.series(periods=months, dim="chain", code=code)
    monitor = figures.member(period=period, dim="chain", code=code)
    firms = (
        enterprises_visible(scope)
        .filter(chainmembership__chain_id=code, chainmembership__role__in=("链主", "骨干"))
        .values_list("uscc", "name", "region__name", "chainmembership__role")
        .order_by("chainmembership__role", "name")
    )
    day = sel.last_day(sel.period_parse(period))
    # The period's list: problems opened by its last day, in their current state.
    problems = (
        sel.problems_visible(scope)
        .filter(chain_id=code, opened_on__lte=day)
        .order_by("-opened_on", "code")
    )
    targets = sel.chain_targets(chain=code)
    node_names = {n["node"]: n["name"] for n in nodes}
    by_stage = [
        (stage, [(t, node_names.get(t.node, t.node)) for t in targets if t.stage == stage])
        for stage, _ in TARGET_STAGE_CHOICES
    ]
    context = {
        "chain": chain,
        "card": card,
        "periods": available,
        "period": period,
        "period_label": period_label(period),
        "nodes": nodes,
        "monitor": monitor.values if monitor else {},
        "kpis": MONITOR_KPIS,
        "firms": list(firms),
        "activities": sel.chain_activities(chain=code)[:60],
        "problems": [_problem_row(p, day) for p in problems[:300]],
        "by_stage": by_stage,
        "can_act": _can_act(request),
        "strength_colours": STRENGTH_COLOURS.items(),
        "chart_data": {
            "tree": _tree(chain.name, nodes, code, period),
            "months": [f"{int(p[5:])}月" for p in months],
            "trend": [
                {"name": figures.meta(ind).name, "values": [v.get(ind) for _, v in series]}
                for ind in ("va_growth_ytd", "output_growth_ytd")
            ],
        },
    }
    return render(request, "web/chain.html", context)


@require_GET
def chain_node_firms(request: HttpRequest, code: str, node: str) -> HttpResponse:
    """A node's firms within the scope (the map's click target, an HTMX fragment)."""
    _, period = _period(request)
    if period is None:
        raise Http404("no data")
    try:
        nodes = {
            n["node"]: n
            for n in sel.chain_nodes(chain=code, period=period, scope=request_scope(request))
        }
    except UserError:
        raise Http404("no such chain") from None
    if node not in nodes:
        raise Http404("no such node")
    firms = sel.node_firms(chain=code, node=node, period=period, scope=request_scope(request))
    return render(
        request,
        "web/_chain_node_firms.html",
        {"node": nodes[node], "firms": firms, "period": period},
    )


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(ERR_BAD_DATE.format(value=value)) from None


def _visible_problem(request: HttpRequest, code: str) -> ChainProblem:
    try:
        return sel.problem_access(request_scope(request), code)
    except ChainProblem.DoesNotExist:
        raise Http404("no such problem") from None


def _problem_context(request: HttpRequest, problem: ChainProblem) -> dict:
    problem.refresh_from_db()
    history = [
        {
            "event": e,
            "action_name": ACTION_NAMES.get(e.action, e.action),
            "from_status": STATUS_NAMES.get(e.from_status, e.from_status),
            "to_status": STATUS_NAMES.get(e.to_status, e.to_status),
        }
        for e in problem.events.all()
    ]
    can_act = _can_act(request)
    if can_act:
        try:
            services.check_actor(request.user, problem)
        except services.ProblemForbidden:
            can_act = False
    node = ChainNode.objects.filter(chain_id=problem.chain_id, code=problem.node).first()
    return {
        "problem": _problem_row(problem, dt.date.today()),
        "node_name": f"{node.name}（{node.code}）" if node else problem.node,
        "stored": problem,
        "history": history,
        "actions": ACTIONS_FOR_STATUS.get(problem.status, ()) if can_act else (),
        "today": dt.date.today().isoformat(),
    }


@require_GET
def problem_detail(request: HttpRequest, code: str) -> HttpResponse:
    problem = _visible_problem(request, code)
    return render(request, "web/chain_problem.html", _problem_context(request, problem))


def _act(request: HttpRequest, problem: ChainProblem, action: str) -> ChainProblem:
    post, actor = request.POST, request.user
    note = post.get("note", "")
    if action == "assign":
        return services.problem_assign(
            actor=actor, problem=problem, owner_unit=post.get("owner_unit", ""), note=note
        )
    if action == "note":
        return services.problem_note(actor=actor, problem=problem, note=note)
    if action == "solve":
        return services.problem_solve(
            actor=actor, problem=problem, solved_on=_date(post.get("solved_on", "")), note=note
        )
    if action == "close":
        return services.problem_close(actor=actor, problem=problem, note=note)
    if action == "reopen":
        return services.problem_reopen(actor=actor, problem=problem, note=note)
    raise UserError(ERR_UNKNOWN_ACTION.format(action=action or "（空）"))


@require_POST
def problem_action(request: HttpRequest, code: str) -> HttpResponse:
    """One step of the workflow; HTMX gets the problem panel back, a plain POST a redirect."""
    problem = _visible_problem(request, code)
    action = request.POST.get("action", "")
    status, error = 200, ""
    try:
        _act(request, problem, action)
    except services.ProblemForbidden as exc:
        status, error = 403, str(exc)
    except UserError as exc:
        status, error = 400, str(exc)
    partial = request.headers.get("HX-Request") == "true"
    if status == 200 and not partial:
        messages.success(request, f"已{ACTION_NAMES.get(action, action)}")
        return redirect("web:chain_problem", code=problem.code)
    context = _problem_context(request, problem)
    context.update(error=error, posted=request.POST)
    template = "web/_chain_problem_panel.html" if partial else "web/chain_problem.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def problem_new(request: HttpRequest) -> HttpResponse:
    """Open a problem from a chain page, an activity (``?activity=``) or a firm (``?uscc=``)."""
    scope = request_scope(request)
    source = request.POST if request.method == "POST" else request.GET
    enterprise: Enterprise | None = None
    activity: ChainActivity | None = None
    if source.get("uscc"):
        try:
            enterprise = access_enterprise(scope, source["uscc"])
        except Enterprise.DoesNotExist:
            raise Http404("no such enterprise") from None
    if source.get("activity"):
        if not str(source["activity"]).isdigit():
            raise Http404("no such activity")
        activity = ChainActivity.objects.filter(pk=source["activity"]).first()
        if activity is None:
            raise Http404("no such activity")
    chains = list(sel.chain_choices())
    member_of = (
        list(enterprise.chainmembership_set.values_list("chain_id", flat=True))
        if enterprise
        else []
    )
    chain = (
        source.get("chain")
        or (activity.chain_id if activity else "")
        or (member_of[0] if member_of else "")
    )
    context = {
        "chains": chains,
        "chain": chain,
        "enterprise": enterprise,
        "activity": activity,
        "categories": [c for c, _ in CATEGORY_CHOICES],
        "posted": source,
        "today": dt.date.today().isoformat(),
        "can_act": _can_act(request),
    }
    if request.method == "GET":
        return render(request, "web/chain_problem_new.html", context)
    try:
        if source.get("category") not in context["categories"]:
            raise UserError(ERR_CATEGORY.format(choices="、".join(context["categories"])))
        sel.chain_get(source.get("chain", ""))
        problem = services.problem_open(
            actor=request.user,
            chain=source["chain"],
            category=source["category"],
            description=source.get("description", ""),
            opened_on=_date(source.get("opened_on", "")),
            deadline=_date(source.get("deadline", "")),
            node=source.get("node", "").strip(),
            enterprise=enterprise,
            owner_unit=source.get("owner_unit", "").strip(),
            activity=activity,
        )
    except services.ProblemForbidden as exc:
        context["error"] = str(exc)
        return render(request, "web/chain_problem_new.html", context, status=403)
    except UserError as exc:
        context["error"] = str(exc)
        return render(request, "web/chain_problem_new.html", context, status=400)
    messages.success(request, f"已提出问题 {problem.code}")
    return redirect("web:chain_problem", code=problem.code)
