"""Drill-down pages: a dimension's members ranked, and one member over the months of the year."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongxin.city.config import load_city_config
from gongxin.web import figures
from gongxin.web.periods import period_from_request, period_label, periods_available, year_to_date
from gongxin.web.scope import request_scope
from gongxin.web.sections import GENERIC_DIMS, SECTIONS, Section

# Columns of a section's table (targets only where the catalog defines them: city, region).
LIST_COLUMNS: tuple[str, ...] = (
    "va_growth_ytd",
    "base_coverage_ytd",  # how much of the output the growth covers (methodology)
    "va_rank_ytd",
    "va_rank_change",
    "va_growth_month",
    "va_contribution_ytd",
    "va_pull_ytd",
    "output_ytd",
    "output_growth_ytd",
    "profit_ytd",
    "electricity_growth_ytd",
    "enterprises",
    "stalled_firms",
)
TARGET_COLUMNS: tuple[str, ...] = ("target_va_growth", "va_gap_to_target_ytd")
TARGET_DIMS = ("region",)

# A member's months (table rows) and its headline figures.
SERIES_COLUMNS: tuple[str, ...] = (
    "va_growth_ytd",
    "base_coverage_ytd",
    "va_growth_month",
    "va_rank_ytd",
    "output_ytd",
    "output_growth_ytd",
    "profit_ytd",
    "electricity_growth_ytd",
    "enterprises",
    "stalled_firms",
)
MEMBER_KPIS: tuple[str, ...] = (
    "va_growth_ytd",
    "va_rank_ytd",
    "va_contribution_ytd",
    "va_pull_ytd",
    "output_ytd",
    "profit_ytd",
    "electricity_growth_ytd",
    "enterprises",
)


# The city ranks among no one: its total row leaves these blank.
RANK_COLUMNS = ("va_rank_ytd", "va_rank_change")
# Tables open sorted by the main figure (largest first), not by code; the page re-sorts on click.
TABLE_SORT = "va_growth_ytd"


def sorted_members(members: list[figures.Member]) -> list[figures.Member]:
    """Members by ``TABLE_SORT`` descending; members without the figure last, by code."""
    present = [m for m in members if m.values.get(TABLE_SORT) is not None]
    absent = [m for m in members if m.values.get(TABLE_SORT) is None]
    present.sort(key=lambda m: -m.values[TABLE_SORT])
    return present + sorted(absent, key=lambda m: m.code)


def _city_total(period: str, code: str) -> figures.Member | None:
    """The 全市 row: the city's own figures from the engine (never a sum made here)."""
    found = figures.member(period=period, dim="city", code=code)
    return figures.Member(found.code, "全市", found.values) if found else None


def _section(dim: str) -> Section:
    if dim not in SECTIONS:
        raise Http404("no such dimension")
    return SECTIONS[dim]


def section_page(request: HttpRequest, dim: str) -> HttpResponse:
    section = _section(dim)
    available = periods_available()
    period = period_from_request(request, available)
    context: dict = {"section": section, "periods": available, "period": period}
    if period is not None:
        members = figures.members(period=period, dim=dim, scope=request_scope(request))
        columns = LIST_COLUMNS + (TARGET_COLUMNS if dim in TARGET_DIMS else ())
        city_code = load_city_config().code
        context.update(
            period_label=period_label(period),
            columns=columns,
            rows=[(m, section.member_link(m.code)) for m in sorted_members(members)],
            sorted_by=TABLE_SORT,
            rank_columns=RANK_COLUMNS,
            total=_city_total(period, city_code),
            with_target=dim in TARGET_DIMS,
            chart_data={
                "ranked": sorted(
                    (
                        {
                            "code": m.code,
                            "name": m.name,
                            "value": m.values.get("va_growth_ytd"),
                            "url": section.member_link(m.code),
                        }
                        for m in members
                    ),
                    key=lambda i: (i["value"] is None, -(i["value"] or 0)),
                )
            },
            generic=[SECTIONS[d] for d in GENERIC_DIMS] if dim == "industry" else [],
        )
    return render(request, "web/section.html", context)


def member_page(request: HttpRequest, dim: str, code: str) -> HttpResponse:
    section = _section(dim)
    scope = request_scope(request)
    available = periods_available()
    period = period_from_request(request, available)
    if period is None:
        raise Http404("no data")
    current = figures.member(period=period, dim=dim, code=code, scope=scope)
    if current is None:
        raise Http404("no such member")
    months = year_to_date(period)
    series = figures.series(periods=months, dim=dim, code=code, scope=scope)
    # A county's page shows its own divisions, chains and high-tech share (aggregates).
    breakdowns = []
    if dim == "region":
        # Division codes are the national classification's (13 农副食品加工业), worth a column;
        # chain codes are the platform's identifiers (agrifood) and are not shown.
        breakdowns = [
            (title, figures.within(period=period, dim=dim, code=code, by=by), show_code)
            for title, by, show_code in (
                ("本区县各行业大类", "industry", True),
                ("本区县各产业链", "chain", False),
            )
        ]
    # Enterprise-level data of a region is for that region's users (and the city) only.
    sees_enterprises = dim != "region" or scope.sees_region(code)
    context = {
        "section": section,
        "member": current,
        "periods": available,
        "period": period,
        "period_label": period_label(period),
        "kpis": MEMBER_KPIS,
        "series_columns": SERIES_COLUMNS,
        "series": series,
        "sees_enterprises": sees_enterprises,
        "breakdowns": breakdowns,
        "breakdown_columns": figures.WITHIN_INDICATORS,
        "high_tech_share": (
            figures.high_tech_share(period=period, region=code) if breakdowns else None
        ),
        "table_query": f"period={period}&dim={dim}&member={code}",
        "chart_data": {
            "months": [f"{int(p[5:])}月" for p in months],
            "trend": [
                {"name": figures.meta(ind).name, "values": [v.get(ind) for _, v in series]}
                for ind in ("va_growth_ytd", "va_growth_month", "output_growth_ytd")
            ],
        },
    }
    return render(request, "web/member.html", context)
