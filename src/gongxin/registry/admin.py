"""Django admin (系统管理) for the registry, users and the audit log; the read-only base.

The admin is a window on the records, not a second way to write them: imports, services and
``gongxin init`` keep the audit log, the revisions and the analytic snapshot's data version in
step, and an admin form would bypass all three. So almost every model is shown read-only
(``ReadOnlyAdmin``); users and their roles are the exception — they have no other web editor —
and their saves are audited and keep ``is_staff`` tied to the city_admin role, so that only a
city administrator ever reaches the admin.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from gongxin.registry.models import (
    AboveScaleSpell,
    AboveScaleSpellHistory,
    AuditEntry,
    ChainMembership,
    ChainMembershipHistory,
    Enterprise,
    EnterpriseHistory,
    Role,
    UserProfile,
)
from gongxin.registry.permissions import USER_MANAGE
from gongxin.registry.users import actor_for_user


class ReadOnlyAdmin(admin.ModelAdmin):
    """List, search and view; no add, change or delete (records are truth, revisions are kept)."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


# --- enterprises: maintained by the roster import (数据上传 → 企业名录), audited there ---------


class SpellInline(ReadOnlyInline):
    model = AboveScaleSpell
    fields = ("from_ym", "to_ym")


class MembershipInline(ReadOnlyInline):
    model = ChainMembership
    fields = ("chain", "role")


@admin.register(Enterprise)
class EnterpriseAdmin(ReadOnlyAdmin):
    list_display = ("uscc", "name", "region", "industry", "size", "key", "updated_at")
    list_filter = ("region", "key", "size", "ownership")
    search_fields = ("uscc", "name")
    list_select_related = ("region", "industry")
    inlines = (SpellInline, MembershipInline)


@admin.register(AboveScaleSpell)
class AboveScaleSpellAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "from_ym", "to_ym")
    search_fields = ("enterprise__uscc", "enterprise__name")
    list_select_related = ("enterprise",)


@admin.register(ChainMembership)
class ChainMembershipAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "chain", "role")
    list_filter = ("chain", "role")
    search_fields = ("enterprise__uscc", "enterprise__name")
    list_select_related = ("enterprise", "chain")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "entity", "key", "field", "old", "new", "batch_id")
    list_filter = ("entity", "action")
    search_fields = ("actor", "key", "action", "new")
    date_hierarchy = "at"
    show_full_result_count = False  # the log grows without bound; skip the second COUNT


# --- users: the one editable model, its role inline -------------------------------------------


class UserProfileInline(admin.StackedInline):
    model = UserProfile
    can_delete = False
    extra = 1
    max_num = 1
    verbose_name = verbose_name_plural = "角色与区县"


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)  # roles are UserProfile.role, not groups


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = (UserProfileInline,)
    list_display = ("username", "role", "region", "is_active", "last_login")
    list_filter = ("profile__role", "profile__region", "is_active")
    list_select_related = ("profile__region",)
    search_fields = ("username",)
    # Staff and superuser follow the role (see save_related); groups and per-user permissions
    # are not how this platform grants access.
    readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("状态", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )

    def _may_manage(self, request: HttpRequest) -> bool:
        # The role table decides (not Django's per-model permissions): user.manage.
        try:
            return actor_for_user(request.user).can(USER_MANAGE)
        except PermissionError:
            return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_manage(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may_manage(request)

    @admin.display(description="角色")
    def role(self, user) -> str:
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile else "（未分配）"

    @admin.display(description="所属区县")
    def region(self, user) -> str:
        profile = getattr(user, "profile", None)
        return profile.region.name if profile and profile.region else ""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user = form.instance
        profile = UserProfile.objects.filter(user=user).first()
        is_admin = profile is not None and profile.role == Role.CITY_ADMIN
        if (user.is_staff, user.is_superuser) != (is_admin, is_admin):
            user.is_staff = user.is_superuser = is_admin
            user.save(update_fields=["is_staff", "is_superuser"])
        AuditEntry.objects.create(
            actor=request.user.get_username(),
            action="user_update" if change else "user_create",
            entity="user",
            key=user.username,
            field="role",
            new=f"{profile.role} {profile.region_id or ''}".strip() if profile else "",
        )


# The versioned registry (valid-from / valid-to), written by the roster services: read-only.
@admin.register(EnterpriseHistory)
class EnterpriseHistoryAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "region", "industry", "valid_from", "valid_to")
    search_fields = ("enterprise__uscc", "enterprise__name")


@admin.register(AboveScaleSpellHistory)
class AboveScaleSpellHistoryAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "from_ym", "to_ym", "valid_from", "valid_to")
    search_fields = ("enterprise__uscc", "enterprise__name")


@admin.register(ChainMembershipHistory)
class ChainMembershipHistoryAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "chain", "role", "valid_from", "valid_to")
    search_fields = ("enterprise__uscc", "enterprise__name")
