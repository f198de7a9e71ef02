"""Admin for API tokens: read-only, with one action — revoke (audited, like the CLI's)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from gongxin.api.models import ApiToken
from gongxin.registry.admin import ReadOnlyAdmin
from gongxin.registry.models import AuditEntry


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    # Tokens are issued by `gongxin token` (shown once); the hash is of no use to a reader.
    list_display = ("prefix", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "user__username")
    list_select_related = ("user",)
    exclude = ("token_hash",)
    actions = ("revoke",)

    @admin.action(description="吊销所选令牌")
    def revoke(self, request: HttpRequest, queryset) -> None:
        with transaction.atomic():
            tokens = list(queryset.filter(revoked_at__isnull=True).select_related("user"))
            now = timezone.now()
            for token in tokens:
                token.revoked_at = now
                token.save(update_fields=["revoked_at"])
                AuditEntry.objects.create(
                    actor=request.user.get_username(), action="token_revoke", entity="user",
                    key=token.user.username, new=token.prefix,
                )  # fmt: skip
        self.message_user(request, f"已吊销 {len(tokens)} 个令牌", messages.SUCCESS)
