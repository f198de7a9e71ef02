"""Display of engine values: rounded as the catalog says, units as a reader expects them."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from gongxin import wording
from gongxin.confidentiality import FOOTNOTE
from gongxin.engine.catalog import default_catalog
from gongxin.reconciliation import ESTIMATE, FLAG_PP, OFFICIAL, reconcile

register = template.Library()

# The JSON keeps the contract's unit codes; a page shows these instead.
DISPLAY_UNITS = {"pp": "个百分点", "rank": "", "count": "家", "%": "%"}


def number(value: object, decimals: int) -> str:
    """``1234567.8`` → ``1,234,567.8``; ``None`` → ``—`` (undefined, e.g. growth on no base)."""
    if value is None or value == "":
        return "—"
    return wording.number(float(value), decimals, grouping=True)


@register.filter
def fig(value: object, indicator: str) -> str:
    """A value of ``indicator`` rounded to the catalog's display decimals."""
    ind = default_catalog().indicators.get(indicator)
    return number(value, ind.decimals if ind else 1)


@register.filter
def num(value: object, decimals: int = 1) -> str:
    """A level that is not a catalog indicator (a stored report's output), half up."""
    return number(value, int(decimals))


@register.filter
def growth(value: object) -> str:
    """A growth in a sentence: 增长7.9% / 下降3.1% / 持平 (``wording.growth``)."""
    if value is None or value == "":
        return "—"
    return wording.growth(float(value))


def _withheld(item: object) -> bool:
    if isinstance(item, tuple | list):
        return any(_withheld(i) for i in item)
    return bool(getattr(item, "suppressed", False))


@register.simple_tag
def withheld_note(*groups: object) -> str:
    """注：不足3家，按统计法不公开 — under a table or page that withholds a member's figures."""
    for group in groups:
        items = group if isinstance(group, list | tuple) else [group]
        if any(_withheld(item) for item in items):
            return format_html('<p class="note withheld-note">{}</p>', FOOTNOTE)
    return ""


@register.simple_tag
def reconciliation(values: dict | None) -> str:
    """测算 7.9% / 统计局 7.6%，差0.3个百分点 — flagged beyond 0.5 pp; empty without both."""
    found = reconcile((values or {}).get(ESTIMATE), (values or {}).get(OFFICIAL))
    if found is None:
        return ""
    if found.flagged:
        return format_html(
            '<p class="reconcile reconcile-flagged" data-reconcile="flagged">{}'
            ' <strong class="flag">偏差超过{}个百分点，请核实测算</strong></p>',
            found.text(),
            wording.number(FLAG_PP),
        )
    return format_html('<p class="reconcile" data-reconcile="ok">{}</p>', found.text())


@register.filter
def unit(indicator: str) -> str:
    ind = default_catalog().indicators.get(indicator)
    return "" if ind is None else DISPLAY_UNITS.get(ind.unit, ind.unit)


# A headline card shows 亿 where a table shows 万: 2,310.01 亿元 fits a card, 23,100,131.1 万元
# ran into its neighbour at 1920 px. The full 万 figure stays in the card's tooltip.
HEADLINE_UNITS = {"万元": "亿元", "万千瓦时": "亿千瓦时"}
YI_DECIMALS = 2  # 亿 with two decimals keeps the precision of whole 百万


def in_yi(value: object) -> str:
    """A figure in 万 written in 亿 (cards, and the tables' 万元/亿元 switch)."""
    if value is None or value == "":
        return "—"
    return number(float(value) / 10000, YI_DECIMALS)


@register.filter
def headline(value: object, indicator: str) -> str:
    """A value as a headline card shows it: in 亿 for the 万 units, else as ``fig``."""
    ind = default_catalog().indicators.get(indicator)
    if ind is None or ind.unit not in HEADLINE_UNITS:
        return fig(value, indicator)
    return in_yi(value)


@register.filter
def headline_unit(indicator: str) -> str:
    ind = default_catalog().indicators.get(indicator)
    if ind is not None and ind.unit in HEADLINE_UNITS:
        return HEADLINE_UNITS[ind.unit]
    return unit(indicator)


@register.filter
def label(indicator: str) -> str:
    ind = default_catalog().indicators.get(indicator)
    return indicator if ind is None else ind.name


@register.filter
def series_label(indicator: str) -> str:
    """A column of month-by-month rows: say which figures are year-to-date (累计)."""
    name = label(indicator)
    return f"{name}（累计）" if indicator.endswith("_ytd") and "累计" not in name else name


@register.filter
def trend(value: object) -> str:
    """CSS class: rising red, falling green (Chinese statistics' convention)."""
    if value is None or value == "":
        return ""
    # The colour follows the figure shown: a growth that reads 0.0 (持平) is neither.
    shown = wording.rounded(float(value))
    return "up" if shown > 0 else "down" if shown < 0 else ""


@register.filter
def get(mapping: dict, key: str) -> object:
    return mapping.get(key) if mapping else None


@register.filter
def ym(value: int | None) -> str:
    """``202404`` → ``2024-04``."""
    return "" if not value else f"{value // 100}-{value % 100:02d}"


@register.simple_tag
def sort_query(table: object, key: str) -> str:
    """Query string sorting ``table`` by ``key``: a second click on the sorted column flips it."""
    if table.sort == key:  # type: ignore[attr-defined]
        desc = not table.desc  # type: ignore[attr-defined]
    else:
        desc = key not in ("uscc", "name", "region", "industry")
    return table.query(sort=key, dir="desc" if desc else "asc", page=1)  # type: ignore[attr-defined]


@register.simple_tag
def page_query(table: object, number: int) -> str:
    return table.query(page=number)  # type: ignore[attr-defined]
