"""Admin for appeals and commissioner pairings: read-only.

Every step of an appeal goes through ``appeals.services.appeal_act`` (the one permission check,
the timeline event); commissioners are paired by ``gongxin import commissioners``.
"""

from __future__ import annotations

from django.contrib import admin

from gongxin.appeals.models import Appeal, AppealEvent, Commissioner
from gongxin.registry.admin import ReadOnlyAdmin, ReadOnlyInline


class AppealEventInline(ReadOnlyInline):
    model = AppealEvent
    fields = ("at", "actor", "action", "from_status", "to_status", "note")
    readonly_fields = fields


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "enterprise", "category", "unit", "status", "solve_due")
    list_filter = ("status", "category", "unit", "source")
    search_fields = ("code", "title", "enterprise__name", "enterprise__uscc")
    inlines = (AppealEventInline,)


@admin.register(Commissioner)
class CommissionerAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "user", "since")
    search_fields = ("enterprise__name", "enterprise__uscc", "user__username")


@admin.register(AppealEvent)
class AppealEventAdmin(ReadOnlyAdmin):
    list_display = ("appeal", "at", "actor", "action", "from_status", "to_status")
    list_filter = ("action",)
    search_fields = ("appeal__code", "actor")
