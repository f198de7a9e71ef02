"""Admin for the city configuration: regions, chains, the industry classification.

Read-only: they are files (the city TOML and the classifications) loaded by ``gongxin init``,
which audits every change; an edit here would be overwritten by the next ``init``.
"""

from __future__ import annotations

from django.contrib import admin

from gongxin.city.models import Chain, Division, IndustryClass, Region
from gongxin.registry.admin import ReadOnlyAdmin


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "order")
    list_filter = ("kind",)
    search_fields = ("code", "name")


@admin.register(Chain)
class ChainAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "flagship", "order")
    list_filter = ("flagship",)
    search_fields = ("code", "name")


@admin.register(Division)
class DivisionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "section")
    list_filter = ("section",)
    search_fields = ("code", "name")


@admin.register(IndustryClass)
class IndustryClassAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "division", "high_tech")
    list_filter = ("high_tech", "division__section")
    search_fields = ("code", "name")
    list_select_related = ("division",)
