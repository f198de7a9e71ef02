"""Admin for warnings, evaluations and their events: read-only.

Dispositions go through the warnings center (or the CLI/API), whose services check the
transition, lock the row and write the event and the audit entry; the admin links there.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from gongxin.alerts.models import Evaluation, StoredWarning, WarningEvent
from gongxin.registry.admin import ReadOnlyAdmin, ReadOnlyInline


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = (
        "period", "at", "actor", "new", "changed", "updated", "resolved", "unchanged",
        "data_version",
    )  # fmt: skip
    list_filter = ("period",)
    search_fields = ("period", "actor")


class EventInline(ReadOnlyInline):
    model = WarningEvent
    fields = ("at", "actor", "action", "from_status", "to_status", "from_level", "to_level", "note")
    readonly_fields = fields


@admin.register(StoredWarning)
class StoredWarningAdmin(ReadOnlyAdmin):
    list_display = ("period", "level", "kind", "scope", "name", "region", "status", "firing")
    list_filter = ("period", "level", "kind", "scope", "status", "firing")
    search_fields = ("member", "name", "message")
    inlines = (EventInline,)

    def view_on_site(self, obj: StoredWarning) -> str | None:
        try:
            return reverse("web:alert", args=[obj.pk])
        except NoReverseMatch:
            return None


@admin.register(WarningEvent)
class WarningEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "warning", "actor", "action", "from_status", "to_status", "note")
    list_filter = ("action",)
    search_fields = ("actor", "note", "warning__name", "warning__member")
    list_select_related = ("warning",)
    show_full_result_count = False
