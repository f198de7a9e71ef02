"""How warnings phrase figures: the wording of a Chinese statistical bulletin."""

from __future__ import annotations

from gongxin import wording
from gongxin.engine.period import Period

LEVEL_NAMES = {"red": "红色预警", "yellow": "黄色预警", "blue": "蓝色提示"}
STATUS_NAMES = {
    "open": "待处置",
    "assigned": "已交办",
    "acknowledged": "已签收",
    "closed": "已办结",
    "reopened": "重新打开",
}
SCOPE_NAMES = {
    "city": "全市",
    "region": "县市区",
    "industry": "行业",
    "chain": "产业链",
    "enterprise": "企业",
    "project": "重点项目",
    "appeal": "企业诉求",
}  # every ``WarningScope`` (tests/alerts/test_scope_names.py)
# How a ranking names the members it ranks among: 全市11个县市区, 32个行业大类 …
DIM_WORDS = {"region": "县市区", "industry": "行业大类", "chain": "产业链"}


def published(value: float | None, decimals: int = 1) -> float | None:
    """The figure as a bulletin publishes it (``gongxin.wording.rounded``: half up, exact).

    Bands compare the published figure, so a gap printed as −2.0 is classified as −2.0.
    """
    return None if value is None else wording.rounded(value, decimals)


def shown_gap(value: float | None, other: float | None) -> float | None:
    """``value − other`` of the figures as published (7.2 − 7.9 = −0.7 for 7.24 and 7.86).

    Gap rules classify and word this difference, so the message's gap always equals the
    difference of the two figures it quotes.
    """
    if value is None or other is None:
        return None
    return float(wording.gap_value(value, other))


def number(value: float, decimals: int = 1) -> str:
    """As every other output writes it, thousands grouped (``1,234.5``)."""
    return wording.number(value, decimals, grouping=True)


def growth(value: float) -> str:
    """增长3.1% / 下降1.2% / 持平 — ``gongxin.wording.growth``."""
    return wording.growth(value)


def ytd(period: Period) -> str:
    """1—4月; January is 1月 alone."""
    return f"1—{period.month}月" if period.month > 1 else "1月"


def month(period: Period) -> str:
    return f"{period.month}月"


def previous_ytd(period: Period) -> str:
    """The year-to-date window of the previous month (February's is 1月)."""
    return ytd(Period(period.year, period.month - 1)) if period.month > 1 else ""
