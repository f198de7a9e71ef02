"""The warnings a report quotes, from the alerts app when it is installed.

Reports never invent warnings: without the app (``gongxin.alerts`` not installed) a report
says so in one sentence (``ALERTS_DISABLED``) and leaves the colour cards empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps

ALERTS_DISABLED = "预警模块未启用，本期未列入红黄蓝预警及处置情况。"
LEVEL_NAMES = {"red": "红色预警", "yellow": "黄色预警", "blue": "蓝色提示"}
LEVEL_CARDS = {"red": "红", "yellow": "黄", "blue": "蓝"}
STATUS_NAMES = {
    "open": "待处置",
    "assigned": "已交办",
    "acknowledged": "已签收",
    "closed": "已办结",
    "reopened": "重新打开",
}
LEVELS = ("red", "yellow", "blue")


@dataclass
class WarningsView:
    enabled: bool
    items: list[dict] = field(default_factory=list)  # the contract's dicts, most severe first

    def region_card(self, region: str) -> str | None:
        """The most severe level of the warnings on the region itself (scope region)."""
        for item in self.items:
            if item["scope"] == "region" and item["member"] == region:
                return item["level"]
        return None

    def count(self, *, level: str | None = None, statuses: tuple[str, ...] = ()) -> int:
        return sum(
            1
            for w in self.items
            if (level is None or w["level"] == level) and (not statuses or w["status"] in statuses)
        )


def alerts_installed() -> bool:
    return apps.is_installed("gongxin.alerts")


def warnings_for_period(
    *, period: str, actor: str, evaluate: bool = True, region: str | None = None
) -> WarningsView:
    """The period's warnings (evaluated first if they never were, when ``evaluate``); with
    ``region``, those of that county and its enterprises only (a county edition)."""
    if not alerts_installed():
        return WarningsView(False)
    from gongxin.alerts.selectors import alerts_for_period, warning_as_dict
    from gongxin.scope import Scope

    if evaluate:
        from gongxin.alerts.services import alerts_ensure

        alerts_ensure(period=period, actor=actor)
    scope = Scope.everything() if region is None else Scope.county(region)
    items = alerts_for_period(period=period, scope=scope, region=region)
    return WarningsView(True, [warning_as_dict(w) for w in items])
