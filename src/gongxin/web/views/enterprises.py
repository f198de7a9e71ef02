"""Enterprises: the scoped list (search, sort, pages, Excel export) and one enterprise's profile."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongxin.alerts.selectors import warnings_for_enterprise
from gongxin.appeals.selectors import enterprise_appeals
from gongxin.registry.access import access_enterprise
from gongxin.registry.models import Enterprise
from gongxin.registry.selectors import audit_entries, enterprise_spells
from gongxin.web import enterprise_table, figures
from gongxin.web.exports import enterprises_xlsx
from gongxin.web.periods import period_from_request, period_label, periods_available, year_to_date
from gongxin.web.scope import request_scope

PROFILE_SERIES: tuple[str, ...] = (
    "output_month",
    "output_growth_month",
    "sales_ytd",
    "sales_growth_ytd",
    "profit_ytd",
    "profit_growth_ytd",
    "electricity_month",
    "electricity_growth_month",
    "output_ytd",
    "output_growth_ytd",
)
AUDIT_ROWS = 50


def _table_context(request: HttpRequest) -> dict:
    available = periods_available()
    period = period_from_request(request, available)
    table = enterprise_table.TableRequest.parse(request.GET, period)
    return {
        "periods": available,
        "period": period,
        "table": table,
        "page": enterprise_table.table_page(request_scope(request), table),
        "columns": enterprise_table.FIGURE_COLUMNS,
        "text_columns": enterprise_table.TEXT_COLUMNS,
    }


def enterprise_list(request: HttpRequest) -> HttpResponse:
    context = _table_context(request)
    context["keep"] = [("q", context["table"].q)] if context["table"].q else []
    return render(request, "web/enterprises.html", context)


def enterprise_table_partial(request: HttpRequest) -> HttpResponse:
    """The table alone, for HTMX (search, sort, pages) and for member pages to load."""
    return render(request, "web/_enterprise_table.html", _table_context(request))


def enterprise_export(request: HttpRequest) -> FileResponse:
    """The filtered table as XLSX: every matching enterprise the user may see, no paging."""
    period = period_from_request(request, periods_available())
    table = enterprise_table.TableRequest.parse(request.GET, period)
    rows = enterprise_table.table_rows(request_scope(request), table)
    data = enterprises_xlsx(rows=rows, columns=enterprise_table.FIGURE_COLUMNS, period=period)
    return FileResponse(
        data,
        as_attachment=True,
        filename=f"企业列表-{period or '无数据'}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def enterprise_profile(request: HttpRequest, uscc: str) -> HttpResponse:
    scope = request_scope(request)
    try:
        enterprise = access_enterprise(scope, uscc)
    except Enterprise.DoesNotExist:
        # Missing and out-of-scope are the same answer (a county user learns nothing).
        raise Http404("no such enterprise") from None
    available = periods_available()
    period = period_from_request(request, available)
    series = (
        figures.enterprise_series(periods=year_to_date(period), scope=scope, uscc=enterprise.uscc)
        if period
        else []
    )
    memberships = enterprise.chainmembership_set.select_related("chain").order_by("chain__order")
    context = {
        "enterprise": enterprise,
        "periods": available,
        "period": period,
        "period_label": period_label(period) if period else "",
        "memberships": memberships,
        "spells": enterprise_spells(uscc=enterprise.uscc),
        "audit": audit_entries(entity="enterprise", key=enterprise.uscc, limit=AUDIT_ROWS),
        "warnings": warnings_for_enterprise(scope=scope, uscc=enterprise.uscc),
        "appeals": enterprise_appeals(request.user, enterprise.uscc),
        "series_columns": PROFILE_SERIES,
        "series": series,
        "chart_data": {
            "months": [f"{int(p[5:])}月" for p, _ in series],
            "trend": [
                {"name": figures.meta(ind).name, "values": [v.get(ind) for _, v in series]}
                for ind in ("output_growth_month", "electricity_growth_month")
            ],
            "bars": [
                {"name": figures.meta(ind).name, "values": [v.get(ind) for _, v in series]}
                for ind in ("output_month",)
            ],
        },
    }
    return render(request, "web/enterprise.html", context)
