"""报表: the monthly bulletin (月通报), the daily dispatch (日调度) and the weekly analysis
(周分析), built on request by the same builders and renderers as
``gongxin bulletin|dispatch|weekly`` (docs/reports.md), so a download is the CLI's document.

Who may generate which: the city's documents name enterprises of every region, so users who
see every region (city_admin, city_analyst — reading is allowed) generate them, and may choose
a county edition of the bulletin and dispatch (``region``). A county user gets the county
edition of their own county (their figures and firms, the city's figures as context: the
builders' ``region``), never the city's; asking for another county is 403. The weekly analysis
has no county edition: 403 for county users.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from gongxin.city.config import load_city_config
from gongxin.dispatch.selectors import daily_last_day, dispatch_day
from gongxin.dispatch.summary import parse_iso_week
from gongxin.engine.errors import EngineError
from gongxin.engine.period import Period
from gongxin.errors import UserError
from gongxin.reports.bulletin import bulletin_document
from gongxin.reports.dispatch_doc import (
    FIRM_HEADERS,
    GROUP_HEADERS,
    county_view,
    day_sentences,
    dispatch_document,
    firm_rows,
    group_row,
)
from gongxin.reports.renderers import RENDERERS
from gongxin.reports.renderers import render as render_document
from gongxin.reports.weekly import weekly_analysis, weekly_document
from gongxin.web.periods import periods_available
from gongxin.web.scope import request_scope
from gongxin.wording import chinese_date

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ERR_CITY_ONLY = (
    "周分析列有全市各县（市、区）的企业名称和数据，仅市级管理员和市级分析员可以生成和下载。"
    "区县用户可下载本县（市、区）的月通报和日调度（区县版）。"
)
ERR_OTHER_COUNTY = "只能生成本县（市、区）的区县版月通报和日调度。"
ERR_REGION = "县（市、区）代码 {value} 不在本市的区划中：请从列表中选择"
ERR_NO_PERIOD = "请选择报告期"
ERR_FORMAT = "不支持的格式：{value}（可选 DOCX、HTML、XLSX）"
ERR_NO_DATE = "请选择调度日期"
ERR_DATE = "日期 {value} 无效：应为 YYYY-MM-DD，如 2024-05-06"
ERR_NO_WEEK = "请选择周次"
ERR_NUMBER = "发文字号序号 {value} 无效：应为 1 至 9999 的整数，如 5（留空则按默认规则）"
ERR_ISSUED = "成文日期 {value} 无效：应为 YYYY-MM-DD，如 2024-05-20（留空则按默认规则）"
MAX_SERIAL = 9999


def _sees_every_region(request: HttpRequest) -> bool:
    # The scope, not the role name: what matters is whether the user may see every region's
    # enterprises, which is exactly what the documents contain.
    return request_scope(request).regions is None


def _forbidden(request: HttpRequest, message: str = ERR_CITY_ONLY) -> HttpResponse:
    return render(request, "403.html", {"message": message}, status=403)


class _OtherCounty(Exception):
    """A county user asked for another county's edition."""


def _edition(request: HttpRequest) -> str | None:
    """The county whose edition is asked (None: the city's documents). A county user always
    gets their own county; a city user the ``region`` chosen, if any."""
    scope = request_scope(request)
    asked = request.GET.get("region", "").strip()
    if scope.regions is None:
        if asked and asked not in load_city_config().region_codes:
            raise UserError(ERR_REGION.format(value=asked[:20]))
        return asked or None
    if asked and asked not in scope.regions:
        raise _OtherCounty
    return sorted(scope.regions)[0]


def _attachment(data: bytes, fmt: str, name: str, ascii_name: str) -> HttpResponse:
    """The document as a download; ``filename*`` (RFC 6266/5987) carries the Chinese name and
    ``filename`` an ASCII one for clients that cannot read it."""
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}.{fmt}"; '
        f"filename*=UTF-8''{quote(f'{name}.{fmt}', safe='')}"
    )
    # Generated from current data for one user: no shared cache may keep a copy.
    patch_cache_control(response, private=True, no_store=True)
    return response


def _parse_period(value: str) -> Period:
    if not value.strip():
        raise UserError(ERR_NO_PERIOD)
    try:
        return Period.parse(value)
    except EngineError as exc:
        raise UserError(str(exc)) from exc


def _parse_day(value: str) -> dt.date:
    if not value.strip():
        raise UserError(ERR_NO_DATE)
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(ERR_DATE.format(value=value.strip())) from None


def _parse_number(value: str) -> int | None:
    """The serial of 发文字号 from the form; empty means the default rule."""
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_SERIAL:
        raise UserError(ERR_NUMBER.format(value=value))
    return int(value)


def _parse_issued(value: str) -> dt.date | None:
    """成文日期 from the form; empty means the default rule."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(ERR_ISSUED.format(value=value)) from None


def _parse_week(value: str) -> dt.date:
    """The Monday of an ISO week ``YYYY-Www`` (what ``<input type="week">`` sends)."""
    if not value.strip():
        raise UserError(ERR_NO_WEEK)
    return parse_iso_week(value)


def _defaults() -> dict[str, str]:
    """The pickers' initial values: the latest month and the latest day with data."""
    periods = periods_available()
    last_day = daily_last_day()
    week = last_day.isocalendar() if last_day else None
    return {
        "period": periods[0] if periods else "",
        "date": last_day.isoformat() if last_day else "",
        "week": f"{week.year}-W{week.week:02d}" if week else "",
    }


def _page_context(request: HttpRequest) -> dict:
    asked = {key: request.GET.get(key, "").strip() for key in ("period", "date", "week")}
    defaults = _defaults()
    # 文号 and 成文日期 as typed, so a refused download shows them again to correct
    typed = {key: request.GET.get(key, "").strip()[:20] for key in ("number", "issued")}
    config = load_city_config()
    scope = request_scope(request)
    own = None if scope.regions is None else config.region(sorted(scope.regions)[0])
    return {
        "allowed": _sees_every_region(request),
        "county": own,  # a county user's region: the editions they get
        "regions": config.regions,
        "region": request.GET.get("region", "").strip()[:20],
        "city_only": ERR_CITY_ONLY,
        "periods": periods_available(),
        "formats": [(fmt, fmt.upper()) for fmt in RENDERERS],
        "has_daily": bool(defaults["date"]),
        "values": {key: asked[key] or defaults[key] for key in asked} | typed,
        "errors": {},
    }


def _dispatch_summary(value: str, region: str | None) -> dict:
    """What the 日调度 card shows inline: the document's own sentences and tables (a county
    user's: their county's only)."""
    try:
        d = dispatch_day(day=_parse_day(value))
        whom = "全市"
        if region is not None:
            d, _ = county_view(d, region)
            whom = d.city.name
    except UserError as exc:
        return {"dispatch_error": str(exc)}
    return {
        "dispatch": d,
        "dispatch_text": "".join(s.text for s in day_sentences(d, whom)),
        "group_headers": GROUP_HEADERS,
        "region_rows": [[g.name, *group_row(g)] for g in d.regions if g.firms],
        "firm_headers": FIRM_HEADERS,
        "firm_rows": firm_rows(d.halted),
    }


@require_GET
def reports_page(request: HttpRequest) -> HttpResponse:
    """The three cards; with ``?date=`` the day's dispatch summary too. An HTMX request (the
    查看 button) gets the summary alone; without JavaScript the button reloads the page."""
    context = _page_context(request)
    partial = request.headers.get("HX-Request") == "true"
    if partial or "date" in request.GET:
        county = context["county"]
        context.update(_dispatch_summary(context["values"]["date"], county and county.code))
    template = "web/reports_dispatch.html" if partial else "web/reports.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # the same URL answers two shapes
    return response


def _refused(request: HttpRequest, card: str, error: str) -> HttpResponse:
    """A failed download shows the page with the reason in the card that asked for it."""
    context = _page_context(request)
    context["errors"] = {card: error}
    return render(request, "web/reports.html", context, status=400)


@require_GET
def bulletin_download(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "docx")
    try:
        region = _edition(request)
    except _OtherCounty:
        return _forbidden(request, ERR_OTHER_COUNTY)
    except UserError as exc:
        return _refused(request, "bulletin", str(exc))
    try:
        if fmt not in RENDERERS:
            raise UserError(ERR_FORMAT.format(value=fmt or "（空）"))
        period = _parse_period(request.GET.get("period", ""))
        doc = bulletin_document(
            period=period.label(),
            date=_parse_issued(request.GET.get("issued", "")),
            number=_parse_number(request.GET.get("number", "")),
            actor=request.user.get_username(),
            region=region,
        )
    except UserError as exc:
        return _refused(request, "bulletin", str(exc))
    place = _place(region)
    name = f"{place}{period.ytd_label()}工业运行月通报"
    ascii_name = f"bulletin-{period.label()}" + (f"-{region}" if region else "")
    return _attachment(render_document(doc, fmt), fmt, name, ascii_name)


def _place(region: str | None) -> str:
    config = load_city_config()
    found = config.region(region) if region else None
    return found.name if found else config.name


@require_GET
def dispatch_download(request: HttpRequest) -> HttpResponse:
    try:
        region = _edition(request)
    except _OtherCounty:
        return _forbidden(request, ERR_OTHER_COUNTY)
    except UserError as exc:
        return _refused(request, "dispatch", str(exc))
    try:
        day = _parse_day(request.GET.get("date", ""))
        number = _parse_number(request.GET.get("number", ""))
        issued = _parse_issued(request.GET.get("issued", ""))
        doc = dispatch_document(
            dispatch_day(day=day), number_in_year=number, date=issued, region=region
        )
    except UserError as exc:
        return _refused(request, "dispatch", str(exc))
    name = f"{_place(region)}{chinese_date(day)}工业用电日调度"
    ascii_name = f"dispatch-{day.isoformat()}" + (f"-{region}" if region else "")
    return _attachment(render_document(doc, "docx"), "docx", name, ascii_name)


@require_GET
def weekly_download(request: HttpRequest) -> HttpResponse:
    if not _sees_every_region(request):
        return _forbidden(request)
    try:
        week = _parse_week(request.GET.get("week", "")).isocalendar()
        label = f"{week.year}-W{week.week:02d}"
        number = _parse_number(request.GET.get("number", ""))
        analysis = weekly_analysis(
            week=label,
            actor=request.user.get_username(),
            date=_parse_issued(request.GET.get("issued", "")),
        )
    except UserError as exc:
        return _refused(request, "weekly", str(exc))
    name = f"{load_city_config().name}{week.year}年第{week.week}周工业运行周分析"
    doc = weekly_document(analysis, number=number)
    return _attachment(render_document(doc, "docx"), "docx", name, f"weekly-{label}")
