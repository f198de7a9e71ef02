"""Template tags of the 产业链 pages: the configured chains, for pickers on shared pages."""

from __future__ import annotations

from django import template

from gongxin.chains.selectors import chain_choices

register = template.Library()


@register.simple_tag
def chain_list():
    return list(chain_choices())
