"""Admin for key projects, their plan revisions and monthly progress: read-only.

Projects and progress change only through `gongxin import projects|project-progress` (and the
upload page), which keep the baseline, the revisions and the audit trail.
"""

from __future__ import annotations

from django.contrib import admin

from gongxin.projects.models import Project, ProjectPlanRevision, ProjectProgress, ProjectYtd
from gongxin.registry.admin import ReadOnlyAdmin


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("code", "year", "name", "owner", "region", "chain")
    list_filter = ("year", "region", "chain")
    search_fields = ("code", "name", "owner", "uscc")


@admin.register(ProjectPlanRevision)
class ProjectPlanRevisionAdmin(ReadOnlyAdmin):
    list_display = ("project", "revision", "recorded_at", "actor")
    search_fields = ("project__code", "project__name")


@admin.register(ProjectProgress)
class ProjectProgressAdmin(ReadOnlyAdmin):
    list_display = ("project", "ym", "revision", "current", "investment", "recorded_at")
    list_filter = ("ym", "current")
    search_fields = ("project__code", "project__name")


@admin.register(ProjectYtd)
class ProjectYtdAdmin(ReadOnlyAdmin):
    """Derived from the reports (``services.ytd_refresh``): shown, never edited."""

    list_display = ("project", "ym", "investment", "started_on", "in_stats_on", "production_on")
    list_filter = ("ym",)
    search_fields = ("project__code", "project__name")
