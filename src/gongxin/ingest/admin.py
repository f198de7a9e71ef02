"""Admin for the import log: every file anyone tried to import, read-only (it is the record)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from gongxin.ingest.models import ImportBatch
from gongxin.registry.admin import ReadOnlyAdmin


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "kind", "filename", "status", "rows", "size", "actor")
    list_filter = ("kind", "status")
    search_fields = ("filename", "actor", "sha256")
    date_hierarchy = "created_at"

    def view_on_site(self, obj: ImportBatch) -> str | None:
        # The upload page's report reads better than the raw JSON field.
        try:
            return reverse("web:upload_batch", args=[obj.pk])
        except NoReverseMatch:
            return None
