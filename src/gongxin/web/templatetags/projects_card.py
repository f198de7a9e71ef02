"""``{% projects_card %}``: the cockpit's key-project card (one include, beside others' cards).

Reads the projects' figures for the cockpit's month (or the latest month with project reports
before it) within the request's scope.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from gongxin.projects.selectors import project_periods, projects_group_figures
from gongxin.registry.periods import ym_parse
from gongxin.wording import number

register = template.Library()


@register.inclusion_tag("web/_projects_card_body.html", takes_context=True)
def projects_card(context) -> dict:
    request = context["request"]
    scope = request.scope
    cockpit = context.get("period") or ""
    periods = [p for p in project_periods(scope=scope) if not cockpit or p <= cockpit]
    if not periods:
        return {"available": False}
    period = periods[0]
    [total] = projects_group_figures(scope=scope, period=ym_parse(period), by="city")
    figures = total.as_dict()
    return {
        "available": True,
        "period": period,
        "total": figures,
        "completion": "—" if figures["completion"] is None else number(figures["completion"], 1),
        "ahead": "—" if figures["ahead_pp"] is None else number(figures["ahead_pp"], 1),
        "url": reverse("web:projects") + f"?period={period}",
    }


@register.simple_tag(takes_context=True)
def project_report_periods(context) -> list[str]:
    """The months a project report can be generated for (reports page card)."""
    return project_periods(scope=context["request"].scope)
