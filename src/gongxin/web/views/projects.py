"""Key projects on the battle map (重点项目挂图作战): the map and list, the export, one project.

Every read goes through ``gongxin.projects.selectors`` with the request's scope: a county user
sees its own region's projects only, and a project of another region answers 404 like one
that does not exist.
"""

from __future__ import annotations

import io
from urllib.parse import quote

import xlsxwriter
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from gongxin.bulk import gc_paused
from gongxin.city.config import load_city_config
from gongxin.city.models import Chain, Region
from gongxin.errors import UserError
from gongxin.projects.document import projects_document
from gongxin.projects.figures import LEVELS, ProjectFigures, ProjectStatus
from gongxin.projects.selectors import (
    KIND_ORDER,
    project_get,
    project_list_figures,
    project_months,
    project_periods,
    project_plan_history,
    project_problems,
    project_status_list,
    project_years,
    projects_group_figures,
)
from gongxin.registry.periods import PeriodError, ym_parse
from gongxin.reports.renderers import render as render_document
from gongxin.web.json_island import json_island
from gongxin.web.scope import request_scope
from gongxin.wording import against_time, number, rounded

PAGE_SIZE = 200
LEVEL_LABELS = {"red": "红色", "yellow": "黄色", "green": "绿色"}
# sort key -> (column header, value of a ProjectStatus row); None values sort last
SORTS = {
    "code": ("项目编号", lambda s: s.code),
    "name": ("项目名称", lambda s: s.name),
    "region": ("区县", lambda s: s.region),
    "chain": ("产业链", lambda s: s.chain or ""),
    "kind": ("类型", lambda s: s.kind),
    "plan": ("年度计划投资(万元)", lambda s: s.plan_investment),
    "ytd": ("累计完成投资(万元)", lambda s: s.investment_ytd),
    "completion": ("完成率(%)", lambda s: s.completion),
    "ahead": ("超时间进度(百分点)", lambda s: s.ahead_pp),
    "stage": ("阶段", lambda s: s.stage),
    "level": ("预警", lambda s: LEVELS.index(s.level)),
}
PLAN_LABELS = {
    "name": "项目名称", "owner": "项目单位", "uscc": "统一社会信用代码", "region": "所属区县",
    "chain": "产业链", "kind": "项目类型", "grade": "项目级别", "pool": "项目库",
    "total_investment": "总投资", "plan_investment": "年度计划投资", "plan_start": "计划开工日期",
    "plan_production": "计划投产日期", "lng": "经度", "lat": "纬度",
}  # fmt: skip
LEVEL_COLOURS = {"red": "#f5475b", "yellow": "#ffb020", "green": "#3ddc97"}


def _period(request: HttpRequest, available: list[str]) -> str | None:
    asked = request.GET.get("period", "")
    return asked if asked in available else (available[0] if available else None)


def _filters(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET.get(k, "").strip() for k in ("region", "chain", "kind", "level")}


def _filtered(statuses: list[ProjectStatus], filters: dict[str, str]) -> list[ProjectStatus]:
    out = statuses
    for key in ("region", "chain", "kind", "level"):
        if value := filters[key]:
            out = [s for s in out if getattr(s, key) == value]
    return out


def _sorted(statuses: list[ProjectStatus], sort: str, descending: bool) -> list[ProjectStatus]:
    key = SORTS.get(sort, SORTS["level"])[1]
    present = [s for s in statuses if key(s) is not None]
    missing = [s for s in statuses if key(s) is None]
    return sorted(present, key=key, reverse=descending) + missing


def _rows(figures: list[ProjectFigures], regions: dict, chains: dict) -> list[dict]:
    return [
        {
            "f": f,
            "region_name": regions.get(f.plan.region, f.plan.region),
            "chain_name": chains.get(f.plan.chain, f.plan.chain or "—"),
            "level_label": LEVEL_LABELS[f.level],
            "completion": "—" if f.completion is None else number(f.completion, 1),
            "ahead": "—" if f.ahead_pp is None else number(f.ahead_pp, 1),
        }
        for f in figures
    ]


def _figures_of(scope, ym: int, shown: list[ProjectStatus]) -> list[ProjectFigures]:
    """Full figures (with reasons) of ``shown``, in its order: one query for those codes."""
    if not shown:
        return []
    codes = [s.code for s in shown]
    by_code = {f.plan.code: f for f in project_list_figures(scope=scope, period=ym, codes=codes)}
    return [by_code[c] for c in codes]


def _context(request: HttpRequest, *, export: bool = False) -> dict:
    """The page's context; every project's figures without reasons (``project_status_list``)
    for the map, filters, sorting and totals, and full figures only for the rows shown (a
    province has 20,000 projects; the list shows 200 a page, the export all of them)."""
    scope = request_scope(request)
    available = project_periods(scope=scope)
    period = _period(request, available)
    filters = _filters(request)
    sort = request.GET.get("sort", "level")
    sort = sort if sort in SORTS else "level"
    descending = request.GET.get("dir", "asc" if sort == "level" else "desc") == "desc"
    regions = dict(Region.objects.values_list("code", "name"))
    chains = dict(Chain.objects.values_list("code", "name"))
    context = {
        "periods": available,
        "period": period,
        "filters": filters,
        "sort": sort,
        "descending": descending,
        "region_choices": [(c, n) for c, n in regions.items() if scope.sees_region(c)],
        "chain_choices": list(chains.items()),
        "kind_choices": KIND_ORDER,
        "level_choices": [(k, LEVEL_LABELS[k]) for k in LEVELS],
        "keep": [(k, v) for k, v in filters.items() if v],
    }
    if period is None:
        return context
    ym = ym_parse(period)
    everything = project_status_list(scope=scope, period=ym)
    shown = _sorted(_filtered(everything, filters), sort, descending)
    if export:
        context["rows"] = _rows(_figures_of(scope, ym, shown), regions, chains)
        return context
    [total] = projects_group_figures(scope=scope, period=ym, by="city", figures=shown)
    city_code = load_city_config().code
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    try:
        page = min(max(1, int(request.GET.get("page", 1))), pages)
    except ValueError:
        page = 1
    visible = shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    context.update(
        {
            "total": total.as_dict(),
            "total_completion": "—" if total.completion is None else number(total.completion, 1),
            "count": len(shown),
            "page_rows": _rows(_figures_of(scope, ym, visible), regions, chains),
            "page": page,
            "pages": pages,
            "page_keep": [
                *[(k, v) for k, v in filters.items() if v],
                ("sort", sort),
                ("dir", "desc" if descending else "asc"),
            ],
            "unplaced": [
                {"s": s, "region_name": regions.get(s.region, s.region)}
                for s in shown
                if s.lng is None
            ],
            "headers": [(key, label, key == sort) for key, (label, _) in SORTS.items()],
            "map_data": json_island(
                "battle-data",
                {
                    "map": {"name": city_code, "url": reverse("web:geo", args=[city_code])},
                    "colours": LEVEL_COLOURS,
                    "levels": LEVEL_LABELS,
                    # [lng, lat, code, name, level, completion, stage]: compact for 20,000
                    # points; the page builds a project's link from its code and writes the
                    # completion with the platform's rounding (numbers.js).
                    "url": reverse("web:project", args=["CODE"])
                    + f"?year={ym // 100}&period={period}",
                    "points": [
                        [s.lng, s.lat, s.code, s.name, s.level, s.completion, s.stage]
                        for s in shown
                        if s.lng is not None
                    ],
                },
            ),
        }
    )
    return context


def projects_page(request: HttpRequest) -> HttpResponse:
    # A status, a map point and JSON for each of a province's 20,000 projects (``bulk.py``).
    with gc_paused():
        return render(request, "web/projects.html", _context(request))


def projects_export(request: HttpRequest) -> FileResponse:
    """The filtered, sorted list as XLSX; codes and names are written as text cells."""
    with gc_paused():
        context = _context(request, export=True)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("重点项目")
    head = book.add_format({"bold": True, "bg_color": "#E8F0FC", "border": 1})
    money = book.add_format({"num_format": "#,##0.0"})
    pct = book.add_format({"num_format": "0.0"})
    headers = [
        "项目编号", "项目名称", "项目单位", "所属区县代码", "所属区县", "产业链", "项目类型",
        "年度计划投资(万元)", "累计完成投资(万元)", "完成率(%)", "时间进度(%)",
        "超时间进度(百分点)", "阶段", "预警级别", "原因",
    ]  # fmt: skip
    sheet.write_row(0, 0, headers, head)
    for r, row in enumerate(context.get("rows", []), start=1):
        f = row["f"]
        texts = [f.plan.code, f.plan.name, f.plan.owner, f.plan.region, row["region_name"],
                 row["chain_name"], f.plan.kind]  # fmt: skip
        for c, text in enumerate(texts):
            sheet.write_string(r, c, text)
        sheet.write_number(r, 7, f.plan.plan_investment, money)
        sheet.write_number(r, 8, f.investment_ytd, money)
        for c, value in ((9, f.completion), (10, f.time_progress), (11, f.ahead_pp)):
            if value is not None:
                sheet.write_number(r, c, value, pct)
        sheet.write_string(r, 12, f.stage)
        sheet.write_string(r, 13, row["level_label"])
        sheet.write_string(r, 14, "；".join(f.reasons))
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 2, 30)
    sheet.set_column(3, 14, 14)
    sheet.freeze_panes(1, 2)
    book.close()
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"重点项目-{context.get('period') or '无数据'}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def project_page(request: HttpRequest, code: str) -> HttpResponse:
    scope = request_scope(request)
    years = project_years(scope=scope, code=code)
    if not years:
        raise Http404("no such project")
    try:
        year = int(request.GET.get("year", years[0]))
    except ValueError:
        year = years[0]
    if year not in years:
        year = years[0]
    try:
        project = project_get(scope=scope, code=code, year=year)
    except UserError:
        raise Http404("no such project") from None
    periods = [p for p in project_periods(scope=scope) if p.startswith(str(year))]
    period = _period(request, periods) if periods else None
    ym = ym_parse(period) if period else year * 100 + 12
    [figures] = project_list_figures(scope=scope, period=ym, code=code) or [None]
    months = project_months(project=project, period=ym)
    history = project_plan_history(project=project)
    chart = {
        "months": [f"{m.ym % 100}月" for m in months],
        "trend": [
            {
                "name": "累计完成投资（万元）",
                "values": [rounded(m.investment_ytd, 1) for m in months],
            },
            {"name": "按时间进度计划（万元）", "values": [rounded(m.plan_ytd, 1) for m in months]},
        ],
    }
    context = {
        "project": project,
        "years": years,
        "year": year,
        "periods": periods,
        "period": period,
        "keep": [("year", year)],
        "figures": figures,
        "level_label": LEVEL_LABELS.get(figures.level, "") if figures else "",
        "completion": "—"
        if not figures or figures.completion is None
        else number(figures.completion, 1),
        "against_time": ""
        if not figures or figures.ahead_pp is None
        else against_time(figures.ahead_pp),
        "months": [{"label": f"{m.ym // 100}-{m.ym % 100:02d}", **vars(m)} for m in months],
        "history": [
            {"h": h, "changed": "、".join(PLAN_LABELS.get(f, f) for f in h.changed)}
            for h in history
        ],
        "problems": [
            {"p": p, "open_query": _problem_query(project, p.problem)}
            for p in project_problems(scope=scope, period=ym, code=code, year=year)
        ],
        # A reported problem can become a chain's 断点堵点 problem (issue 13): for those who act.
        "can_open_problem": _acts_on_problems(request),
        "chart_data": chart,
    }
    return render(request, "web/project.html", context)


def _problem_query(project, text: str) -> str:
    """The chain problem form's query, filled from a project's reported problem."""
    values = {"description": f"{project.name}（{project.code}）：{text}"}
    if project.chain_id:
        values["chain"] = project.chain_id
    if project.enterprise_id:
        values["uscc"] = project.enterprise_id
    return urlencode(values)


def _acts_on_problems(request: HttpRequest) -> bool:
    profile = getattr(request.user, "profile", None)
    return profile is not None and profile.role in ("city_admin", "county_user")


ERR_REPORT_PERIOD = "请选择有项目进展数据的报告期"
ERR_REPORT_FORMAT = "不支持的格式：{value}（可选 DOCX、XLSX）"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def projects_report_download(request: HttpRequest) -> HttpResponse:
    """The month's project lists as DOCX or XLSX, of the projects the user may see."""
    scope = request_scope(request)
    fmt = request.GET.get("format", "docx")
    period = request.GET.get("period", "")
    if fmt not in CONTENT_TYPES:
        return HttpResponse(ERR_REPORT_FORMAT.format(value=fmt), status=400)
    if period not in project_periods(scope=scope):
        return HttpResponse(ERR_REPORT_PERIOD, status=400)
    try:
        ym = ym_parse(period)
    except PeriodError:
        return HttpResponse(ERR_REPORT_PERIOD, status=400)
    data = render_document(projects_document(scope=scope, period=ym), fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = quote(f"{load_city_config().name}重点项目推进情况-{period}.{fmt}", safe="")
    response["Content-Disposition"] = (
        f"attachment; filename=\"projects-{period}.{fmt}\"; filename*=UTF-8''{name}"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
