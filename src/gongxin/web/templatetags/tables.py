"""Attributes of sortable tables and their 万元/亿元 money columns.

A money cell carries both renderings (``data-wan`` and ``data-yi``), rounded here through the
one rounding path (``figures.fig`` → ``wording``); the page's switch only swaps the texts, so the
browser formats no number. ``data-sort`` carries the raw value for click-to-sort.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from gongxin.engine.catalog import default_catalog
from gongxin.web.templatetags.figures import fig, in_yi, unit

register = template.Library()

MONEY_UNIT = "万元"


@register.filter
def is_money(indicator: str) -> bool:
    ind = default_catalog().indicators.get(indicator)
    return ind is not None and ind.unit == MONEY_UNIT


@register.simple_tag
def sort_value(value: object) -> str:
    """The raw value a column sorts by (empty for no figure: such rows sort last)."""
    return "" if value is None or value == "" else repr(float(value))


@register.simple_tag
def money_attrs(value: object, indicator: str) -> str:
    """``data-wan``/``data-yi`` of a money cell; nothing for other indicators."""
    if not is_money(indicator):
        return ""
    return format_html(' data-wan="{}" data-yi="{}"', fig(value, indicator), in_yi(value))


@register.simple_tag
def unit_html(indicator: str) -> str:
    """A header's unit in （）; a money unit is marked for the 万元/亿元 switch."""
    text = unit(indicator)
    if not text:
        return ""
    if is_money(indicator):
        return format_html("<small>（<span data-money-unit>{}</span>）</small>", text)
    return format_html("<small>（{}）</small>", text)
