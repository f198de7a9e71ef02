"""The cockpit's open-warnings panel, if the warnings app is installed (it is being built).

Until ``gongxin.alerts`` exists the cockpit shows a placeholder; once it does, its selector
``alerts_for_period(*, period, scope)`` feeds the panel without a change here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from gongxin.scope import Scope

PANEL_SIZE = 8


@dataclass(frozen=True)
class Panel:
    available: bool
    items: tuple[dict, ...] = ()
    total: int = 0
    url: str | None = None


def _field(item: object, name: str) -> object:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def open_warnings(*, period: str, scope: Scope) -> Panel:
    try:
        selectors = importlib.import_module("gongxin.alerts.selectors")
        alerts_for_period = selectors.alerts_for_period
    except (ImportError, AttributeError):
        return Panel(available=False)
    try:
        url: str | None = reverse("web:alerts")
    except NoReverseMatch:
        url = None
    items = [
        {k: _field(a, k) for k in ("level", "name", "message", "status")}
        for a in alerts_for_period(period=period, scope=scope)
    ]
    items = [i for i in items if i["status"] != "closed"]  # acknowledged still needs action
    return Panel(True, tuple(items[:PANEL_SIZE]), len(items), url)
