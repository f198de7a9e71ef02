"""The 诉求通 pages. Views only parse, call a selector or service, and render; every permission
is decided by ``appeals.services`` (acting) and ``appeals.selectors`` (seeing)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gongxin.appeals.deadlines import working_days_left
from gongxin.appeals.models import Status
from gongxin.appeals.report import appeals_report_document
from gongxin.appeals.selectors import (
    appeal_visible,
    appeals_visible,
    may_submit_for,
    parties,
    stats_rows,
)
from gongxin.appeals.services import appeal_act, appeal_submit
from gongxin.appeals.stats import RATES, ranking, rates
from gongxin.appeals.workflow import ACTIONS, available
from gongxin.city.appeal_categories import appeal_config
from gongxin.engine.period import Period
from gongxin.errors import UserError
from gongxin.registry.models import Role
from gongxin.reports.renderers import render as render_document
from gongxin.wording import number, rounded

PAGE_SIZE = 100
STATUS_NAMES = dict(Status.choices)
RATE_NAMES = {
    "response_rate": "响应率",
    "on_time_rate": "按时办结率",
    "solve_rate": "解决率",
    "satisfaction_rate": "满意率",
}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _due_class(appeal, today: dt.date) -> tuple[str, str]:
    """A colour and a word for the appeal's solve limit: late, today/tomorrow, or fine."""
    if appeal.status in ("closed", "merged", "withdrawn"):
        return "", ""
    left = working_days_left(appeal.solve_due, today)
    if left < 0:
        return "due-late", "已超期"
    if left <= 1:
        return "due-soon", "即将超期" if left else "今日到期"
    return "", f"剩{left}个工作日"


@require_GET
def appeal_inbox(request: HttpRequest) -> HttpResponse:
    """The appeals the user may see: for a unit its inbox, for a firm its own."""
    state = request.GET.get("state", "").strip()
    qs = appeals_visible(request.user)
    if state == "open":
        qs = qs.exclude(status__in=("closed", "merged", "withdrawn"))
    elif state in Status.values:
        qs = qs.filter(status=state)
    total = qs.count()
    today = timezone.localdate()
    rows = []
    for appeal in (
        qs.order_by("solve_due", "-submitted_at")[:PAGE_SIZE] if state == "open" else qs[:PAGE_SIZE]
    ):
        css, due_text = _due_class(appeal, today)
        rows.append({"appeal": appeal, "css": css, "due_text": due_text})
    submit_for = may_submit_for(request.user)
    return render(
        request,
        "appeals/inbox.html",
        {
            "rows": rows,
            "total": total,
            "shown": len(rows),
            "state": state,
            "states": [("open", "未办结"), *Status.choices],
            "can_submit": submit_for is None or submit_for.exists(),
        },
    )


def _submit_choices(request: HttpRequest):
    firms = may_submit_for(request.user)
    return None if firms is None else list(firms.order_by("name").values_list("uscc", "name"))


def appeal_new(request: HttpRequest) -> HttpResponse:
    """Intake (受理): a firm for itself, a commissioner for its firms, the city for any firm."""
    firms = _submit_choices(request)
    if firms == []:
        raise Http404("您没有可提交诉求的企业")
    posted = request.POST if request.method == "POST" else {}
    error = ""
    if request.method == "POST":
        try:
            done = appeal_submit(
                actor=request.user,
                uscc=posted.get("uscc", "").strip(),
                category=posted.get("category", ""),
                title=posted.get("title", ""),
                description=posted.get("description", ""),
            )
        except PermissionError as exc:
            error = str(exc)
        except UserError as exc:
            error = str(exc)
        else:
            messages.success(request, f"诉求 {done.appeal.code} 已提交，派至{done.appeal.unit}")
            for dup in done.duplicates:
                messages.warning(
                    request, f"可能重复：{dup.code}“{dup.title}”（{dup.get_status_display()}）"
                )
            return redirect("appeals:detail", code=done.appeal.code)
    return render(
        request,
        "appeals/new.html",
        {
            "firms": firms,
            "categories": list(appeal_config().categories.values()),
            "posted": posted,
            "error": error,
        },
        status=400 if error else 200,
    )


def _detail_context(request: HttpRequest, appeal) -> dict:
    mine = parties(request.user, appeal)
    css, due_text = _due_class(appeal, timezone.localdate())
    return {
        "appeal": appeal,
        "timeline": [
            {
                "event": e,
                "label": ACTIONS[e.action].label if e.action in ACTIONS else "提交",
                "moved": e.from_status != e.to_status,
                "from_name": STATUS_NAMES.get(e.from_status, "—"),
                "to_name": STATUS_NAMES.get(e.to_status, e.to_status),
            }
            for e in appeal.events.all()
        ],
        "actions": available(appeal.status, mine),
        "units": [u for u in appeal_config().units if u != appeal.unit],
        "due_css": css,
        "due_text": due_text,
    }


@require_GET
def appeal_page(request: HttpRequest, code: str) -> HttpResponse:
    appeal = appeal_visible(request.user, code)
    if appeal is None:
        raise Http404("诉求不存在或不在您的查看范围内")
    return render(request, "appeals/detail.html", _detail_context(request, appeal))


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


@require_POST
def appeal_action(request: HttpRequest, code: str) -> HttpResponse:
    post = request.POST
    solved = {"是": True, "否": False}.get(post.get("solved", ""))
    try:
        appeal_act(
            actor=request.user,
            code=code,
            action=post.get("action", ""),
            note=post.get("note", ""),
            unit=post.get("unit") or None,
            rating=post.get("rating") or None,
            solved=solved,
            days=_int_or_none(post.get("days")),
            into=(post.get("into") or "").strip() or None,
        )
    except LookupError as exc:
        raise Http404(str(exc)) from exc
    except (PermissionError, UserError) as exc:
        appeal = appeal_visible(request.user, code)
        context = _detail_context(request, appeal) | {"error": str(exc), "posted": post}
        status = 403 if isinstance(exc, PermissionError) else 400
        return render(request, "appeals/detail.html", context, status=status)
    messages.success(request, f"已{ACTIONS[post['action']].label}")
    return redirect("appeals:detail", code=code)


def _window(request: HttpRequest) -> tuple[dt.date, dt.date, str]:
    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("start") or f"{today.year}-01-01")
        end = dt.date.fromisoformat(request.GET.get("end") or today.isoformat())
    except ValueError:
        return dt.date(today.year, 1, 1), today, "日期格式应为 YYYY-MM-DD，已改用今年以来"
    if end < start:
        return start, start, "结束日期早于开始日期，已改为同一天"
    return start, end, ""


def _monthly(appeals, start: dt.date, end: dt.date) -> dict:
    """Per month of the window: appeals submitted, and the month's solve and on-time rates."""
    months, submitted, solve, on_time = [], [], [], []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        last = min(end, nxt - dt.timedelta(days=1))
        city = stats_rows(appeals, start=max(day, start), end=last, by=None)[-1]
        r = rates(city.counts)
        months.append(f"{day.year}年{day.month}月")
        submitted.append(city.counts["appeals"])
        solve.append(None if r["solve_rate"] is None else rounded(r["solve_rate"], 1))
        on_time.append(None if r["on_time_rate"] is None else rounded(r["on_time_rate"], 1))
        day = nxt
    return {"months": months, "appeals": submitted, "solve_rate": solve, "on_time_rate": on_time}


@require_GET
def appeal_stats_page(request: HttpRequest) -> HttpResponse:
    start, end, error = _window(request)
    appeals = appeals_visible(request.user)
    rows = stats_rows(appeals, start=start, end=end, by="unit")
    city = rows[-1]
    rankings = []
    for rate in RATES:
        ranked = [
            {
                "place": place,
                "name": row.name,
                "text": _rate_text(rates(row.counts)[rate]),
                "counts": row.counts,
            }
            for place, row in ranking(rows, rate)
        ]
        rankings.append({"key": rate, "name": RATE_NAMES[rate], "rows": ranked})
    city_rates = {RATE_NAMES[k]: v for k, v in rates(city.counts).items()}
    return render(
        request,
        "appeals/stats.html",
        {
            "start": start,
            "end": end,
            "error": error,
            "city": city,
            "city_rates": [(name, _rate_text(v)) for name, v in city_rates.items()],
            "rankings": rankings,
            "chart": _monthly(appeals, start, end),
            "periods": _report_periods(),
            "can_report": _city_role(request),
        },
    )


def _city_role(request: HttpRequest) -> bool:
    profile = getattr(request.user, "profile", None)
    return profile is not None and profile.role in (Role.CITY_ADMIN, Role.CITY_ANALYST)


def _rate_text(value: float | None) -> str:
    return "—" if value is None else number(value, 1)


def _report_periods() -> list[str]:
    today = timezone.localdate()
    out, year, month = [], today.year, today.month
    for _ in range(24):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append(f"{year:04d}-{month:02d}")
    return out


@require_GET
def appeal_report_download(request: HttpRequest) -> HttpResponse:
    """The monthly 通报 of all appeals: city roles only (it names every unit and firm)."""
    if not _city_role(request):
        message = "企业诉求月度通报涉及全市各单位和企业，仅市级用户可生成"
        return render(request, "403.html", {"message": message}, status=403)
    fmt = request.GET.get("format", "docx")
    try:
        period = Period.parse(request.GET.get("period", ""))
        if fmt not in CONTENT_TYPES:
            raise UserError("格式应为 docx 或 xlsx")
    except Exception as exc:
        return render(request, "403.html", {"message": str(exc)}, status=400)
    data = render_document(appeals_report_document(period=period), fmt)
    name = f"{period.year}年{period.month}月企业诉求办理情况通报.{fmt}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
