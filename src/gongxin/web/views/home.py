"""The cockpit (驾驶舱): the month's headline figures, the map, rankings and the year's trend."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gongxin.city.config import load_city_config
from gongxin.registry.models import Role
from gongxin.scope import Scope
from gongxin.web import figures, map_ramp
from gongxin.web.enterprise_table import Row, TableRequest, table_rows
from gongxin.web.periods import period_from_request, period_label, periods_available, year_to_date
from gongxin.web.scope import request_scope
from gongxin.web.sections import SECTIONS
from gongxin.web.warnings_panel import open_warnings


@dataclass(frozen=True)
class Card:
    indicator: str
    value: float | int | None
    details: tuple[tuple[str, float | int | None], ...] = ()  # (indicator, value) lines
    wide: bool = False
    city: float | int | None = None  # the city's value beside a county's (county view only)


# The headline cards: (indicator, its detail lines, wide).
CARDS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    (
        "va_growth_ytd",
        (
            "target_va_growth",
            "va_gap_to_target_ytd",
            "benchmark_province_va_growth_ytd",
            "benchmark_nation_va_growth_ytd",
        ),
        True,
    ),
    ("va_growth_month", ("va_growth_ytd_change",), False),
    ("output_ytd", ("output_growth_ytd",), False),
    ("profit_ytd", ("profit_growth_ytd",), False),
    ("electricity_growth_ytd", ("electricity_ytd",), False),
    ("enterprises", ("growth_firm_share_ytd",), False),
    ("stalled_firms", ("loss_ratio_ytd",), False),
)


# A county's first card: its rank and target instead of the province and nation benchmarks
# (those are published for the city only).
COUNTY_FIRST_DETAILS: tuple[str, ...] = ("va_rank_ytd", "target_va_growth", "va_gap_to_target_ytd")
# How many of the county's own enterprises the county view lists (largest output first).
COUNTY_ENTERPRISES = 10


# The customary short forms of development-zone names (X经济技术开发区 → 经开区).
ZONE_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("经济技术开发区", "经开区"),
    ("高新技术产业开发区", "高新区"),
    ("旅游度假区", "度假区"),
)


def zone_short_name(name: str, city_short: str) -> str:
    """``X经济技术开发区`` → ``经开区``; other names lose only the city's prefix."""
    for suffix, short in ZONE_SUFFIXES:
        if name.endswith(suffix):
            return short
    return name.removeprefix(city_short)


def zone_labels() -> dict[str, str]:
    """Every zone's map name → its short label (zones without data are labelled too)."""
    config = load_city_config()
    return {
        r.name: zone_short_name(r.name, config.short_name)
        for r in config.regions
        if r.kind == "zone"
    }


def cockpit_region(request: HttpRequest, scope: Scope) -> str | None:
    """The county whose cockpit a request shows, or None for the city.

    A county user lands on their county (``?view=city`` shows the city, one click away); a city
    user lands on the city.
    """
    if scope.regions is None or len(scope.regions) != 1 or request.GET.get("view") == "city":
        return None
    return next(iter(scope.regions))


def _ranked(members: list[figures.Member], dim: str) -> list[dict]:
    section = SECTIONS[dim]
    # Zones are drawn schematically inside 东昌府区; the map labels them by their short names.
    config = load_city_config()
    zones = {r.code for r in config.regions if r.kind == "zone"}
    items = [
        {
            "code": m.code,
            "name": m.name,
            "value": m.values.get("va_growth_ytd"),
            "url": section.member_link(m.code),
            "zone": m.code in zones,
            "short": zone_short_name(m.name, config.short_name) if m.code in zones else m.name,
        }
        for m in members
    ]
    return sorted(items, key=lambda i: (i["value"] is None, -(i["value"] or 0)))


def home(request: HttpRequest) -> HttpResponse:
    profile = getattr(request.user, "profile", None)
    if profile is not None and profile.role in (Role.UNIT_USER, Role.ENTERPRISE):
        return redirect("appeals:list")  # units and firms work in 诉求通, not in monitoring
    scope = request_scope(request)
    available = periods_available()
    period = period_from_request(request, available)
    context: dict = {"scope": scope, "periods": available, "period": period}
    if period is None:
        return render(request, "web/home.html", context)

    city_code = load_city_config().code
    county = cockpit_region(request, scope)
    months = year_to_date(period)
    city_series = figures.series(periods=months, dim="city", code=city_code, scope=scope)
    city = dict(city_series[-1][1])
    series = (
        figures.series(periods=months, dim="region", code=county, scope=scope)
        if county
        else city_series
    )
    shown = dict(series[-1][1])
    cards = []
    for ind, details, wide in CARDS:
        if county and ind == CARDS[0][0]:
            details = COUNTY_FIRST_DETAILS
        cards.append(
            Card(
                ind,
                shown.get(ind),
                tuple((d, shown.get(d)) for d in details),
                wide,
                city.get(ind) if county else None,
            )
        )
    regions = figures.members(period=period, dim="region", scope=scope)
    ramp = map_ramp.quantile_ramp([m.values.get("va_growth_ytd") for m in regions])
    chart_data = {
        "months": [f"{int(p[5:])}月" for p in months],
        "sparks": {ind: [v.get(ind) for _, v in series] for ind, _, _ in CARDS},
        "trend": [
            {"name": figures.meta(ind).name, "values": [v.get(ind) for _, v in series]}
            for ind in ("va_growth_ytd", "va_growth_month")
        ],
        "regions": _ranked(regions, "region"),
        "divisions": _ranked(
            figures.members(period=period, dim="industry", scope=scope), "industry"
        ),
        "map": {
            "name": city_code,
            "url": reverse("web:geo", args=[city_code]),
            "indicator": figures.meta("va_growth_ytd").name,
            "highlight": county,
            "zones": zone_labels(),
            "pieces": [p.as_json() for p in ramp],
        },
    }
    county_member = figures.member(period=period, dim="region", code=county) if county else None
    context.update(
        period_label=period_label(period),
        county=county_member,
        cards=cards,
        city_values=shown,  # the member on show: the county on a county's cockpit
        chart_data=chart_data,
        regions=sorted(regions, key=lambda m: m.values.get("va_rank_ytd") or 99),
        warnings=open_warnings(period=period, scope=scope),
        top_enterprises=_county_enterprises(scope, period, county) if county else [],
        zone_figures=_zone_figures(regions),
    )
    return render(request, "web/home.html", context)


def _zone_figures(regions: list[figures.Member]) -> list[tuple[str, figures.Member]]:
    """``(short name, member)`` of the zones: their labels on the map are names only."""
    shorts = zone_labels()
    return [(shorts[m.name], m) for m in regions if m.name in shorts]


def _county_enterprises(scope: Scope, period: str, county: str) -> list[Row]:
    """The county's largest enterprises by output this year (the scope admits only its own)."""
    request = TableRequest(period=period, dim="region", member=county, sort="output_ytd")
    return [r for r in table_rows(scope, request) if r.values][:COUNTY_ENTERPRISES]
