"""Admin for the monthly reports and reference values: read-only, every revision kept.

A correction is a new revision written by an import (so that as-of queries and the audit stay
true); editing a row here would rewrite history silently.
"""

from __future__ import annotations

from django.contrib import admin

from gongxin.registry.admin import ReadOnlyAdmin
from gongxin.stats.models import DataVersion, MonthlyReport, ReferenceValue


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ReadOnlyAdmin):
    list_display = (
        "enterprise", "ym", "revision", "output", "sales", "profit", "electricity",
        "recorded_at", "batch",
    )  # fmt: skip
    list_filter = ("ym", "revision")
    search_fields = ("enterprise__uscc", "enterprise__name")
    list_select_related = ("enterprise", "batch")
    show_full_result_count = False


@admin.register(ReferenceValue)
class ReferenceValueAdmin(ReadOnlyAdmin):
    list_display = ("series", "scope", "period", "revision", "value", "recorded_at", "batch")
    list_filter = ("series",)
    search_fields = ("series", "scope", "period")
    list_select_related = ("batch",)


@admin.register(DataVersion)
class DataVersionAdmin(ReadOnlyAdmin):
    list_display = ("id", "version")
