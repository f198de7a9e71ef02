"""The admin site's Chinese titles, and the login throttle's counters.

Counters may be deleted: that is how an administrator unblocks a user or an address locked
out by the throttle before the window passes. They cannot be added or edited.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gongxin.web.models import LoginCounter

admin.site.site_header = "工信 · 系统管理"
admin.site.site_title = "系统管理"
admin.site.index_title = "数据与用户"
admin.site.site_url = "/"


@admin.register(LoginCounter)
class LoginCounterAdmin(admin.ModelAdmin):
    list_display = ("key", "count", "window_start")
    search_fields = ("key",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
