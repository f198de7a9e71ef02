"""Admin for the chain-chief records: read-only; changes go through imports and the services,
which check the actor and keep the history and the audit log."""

from __future__ import annotations

from django.contrib import admin

from gongxin.chains.models import (
    ChainActivity,
    ChainNode,
    ChainProblem,
    ChainProblemEvent,
    ChainTarget,
)
from gongxin.registry.admin import ReadOnlyAdmin


@admin.register(ChainNode)
class ChainNodeAdmin(ReadOnlyAdmin):
    list_display = ("chain", "code", "name", "parent", "stream", "strength")
    list_filter = ("chain", "stream")


@admin.register(ChainActivity)
class ChainActivityAdmin(ReadOnlyAdmin):
    list_display = ("date", "chain", "kind", "form", "leader")
    list_filter = ("chain", "kind")
    date_hierarchy = "date"


@admin.register(ChainProblem)
class ChainProblemAdmin(ReadOnlyAdmin):
    list_display = ("code", "chain", "category", "owner_unit", "opened_on", "deadline", "status")
    list_filter = ("chain", "status", "category")
    search_fields = ("code", "description", "enterprise__name")


@admin.register(ChainProblemEvent)
class ChainProblemEventAdmin(ReadOnlyAdmin):
    list_display = ("problem", "at", "actor", "action", "from_status", "to_status")
    list_select_related = ("problem",)


@admin.register(ChainTarget)
class ChainTargetAdmin(ReadOnlyAdmin):
    list_display = ("chain", "node", "company", "location", "stage", "project_code")
    list_filter = ("chain", "stage")
