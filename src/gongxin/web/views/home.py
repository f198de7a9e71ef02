"""The cockpit (驾驶舱): the month's headline figures, the map, rankings and the year's trend."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gongxin.city.config import load_city_config
from gongxin.registry.models import Role
from gongxin.web import figures
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


def _ranked(members: list[figures.Member], dim: str) -> list[dict]:
    section = SECTIONS[dim]
    # Zones are drawn schematically inside 东昌府区; the map names them on hover only.
    zones = {r.code for r in load_city_config().regions if r.kind == "zone"}
    items = [
        {
            "code": m.code,
            "name": m.name,
            "value": m.values.get("va_growth_ytd"),
            "url": section.member_link(m.code),
            "zone": m.code in zones,
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
    months = year_to_date(period)
    series = figures.series(periods=months, dim="city", code=city_code)
    city = dict(series[-1][1])
    cards = [
        Card(ind, city.get(ind), tuple((d, city.get(d)) for d in details), wide)
        for ind, details, wide in CARDS
    ]
    regions = figures.members(period=period, dim="region")
    chart_data = {
        "months": [f"{int(p[5:])}月" for p in months],
        "sparks": {ind: [v.get(ind) for _, v in series] for ind, _, _ in CARDS},
        "trend": [
            {"name": figures.meta(ind).name, "values": [v.get(ind) for _, v in series]}
            for ind in ("va_growth_ytd", "va_growth_month")
        ],
        "regions": _ranked(regions, "region"),
        "divisions": _ranked(figures.members(period=period, dim="industry"), "industry"),
        "map": {
            "name": city_code,
            "url": reverse("web:geo", args=[city_code]),
            "indicator": figures.meta("va_growth_ytd").name,
        },
    }
    context.update(
        period_label=period_label(period),
        cards=cards,
        chart_data=chart_data,
        regions=sorted(regions, key=lambda m: m.values.get("va_rank_ytd") or 99),
        warnings=open_warnings(period=period, scope=scope),
    )
    return render(request, "web/home.html", context)
