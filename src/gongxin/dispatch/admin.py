"""Admin for the daily electricity feed: read-only, every revision kept (as monthly reports)."""

from __future__ import annotations

from django.contrib import admin

from gongxin.dispatch.models import DailyElectricity
from gongxin.registry.admin import ReadOnlyAdmin


@admin.register(DailyElectricity)
class DailyElectricityAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "day", "revision", "electricity", "recorded_at", "batch")
    list_filter = ("day",)
    search_fields = ("enterprise__uscc", "enterprise__name")
    list_select_related = ("enterprise", "batch")
    date_hierarchy = "day"
    show_full_result_count = False
