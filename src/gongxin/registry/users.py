"""User services: create or update a user with a role, and derive the user's Scope."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from gongxin.city.models import Region
from gongxin.errors import UserError
from gongxin.registry.models import AuditEntry, Role, UserProfile
from gongxin.registry.permissions import ERR_NO_ROLE, USER_MANAGE, Actor, actor_require
from gongxin.scope import Scope

ERR_UNKNOWN_ROLE = "未知角色 {role}：应为 city_admin、city_analyst 或 county_user"
ERR_REGION_REQUIRED = "county_user 角色必须用 --region 指定所属区县代码"
ERR_REGION_NOT_ALLOWED = "{role} 角色可查看全市，不应指定 --region"
ERR_UNKNOWN_REGION = "区县代码 {region} 不在城市配置中"
ERR_EMPTY_PASSWORD = "密码为空：请从标准输入提供密码"
ERR_NO_PROFILE = "用户 {name} 未分配角色，无权访问"


@transaction.atomic
def user_create_or_update(
    *, username: str, role: str, password: str, region: str | None = None, actor: Actor
) -> tuple[object, bool]:
    """Create the user or update its role, region and password. Returns (user, created).

    Only an actor with USER_MANAGE (the city admin, the command line) may; the admin site's
    user form goes through ``user_saved`` below.
    """
    actor_require(actor, USER_MANAGE)
    if role not in Role.values:
        raise UserError(ERR_UNKNOWN_ROLE.format(role=role))
    if role == Role.COUNTY_USER and not region:
        raise UserError(ERR_REGION_REQUIRED)
    if role != Role.COUNTY_USER and region:
        raise UserError(ERR_REGION_NOT_ALLOWED.format(role=role))
    region_obj = None
    if region:
        region_obj = Region.objects.filter(code=region).first()
        if region_obj is None:
            raise UserError(ERR_UNKNOWN_REGION.format(region=region))
    if not password:
        raise UserError(ERR_EMPTY_PASSWORD)
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise UserError("密码不符合要求：" + "；".join(exc.messages)) from exc
    user.set_password(password)
    user.is_staff = role == Role.CITY_ADMIN
    user.is_superuser = role == Role.CITY_ADMIN
    user.is_active = True
    user.save()
    profile = UserProfile.objects.filter(user=user).first()
    old = (profile.role, profile.region_id) if profile else None
    UserProfile.objects.update_or_create(user=user, defaults={"role": role, "region": region_obj})
    AuditEntry.objects.create(
        actor=actor.name,
        action="user_create" if created else "user_update",
        entity="user",
        key=username,
        field="role",
        old="" if old is None else f"{old[0]} {old[1] or ''}".strip(),
        new=f"{role} {region or ''}".strip(),
    )
    return user, created


def scope_for_user(user) -> Scope:
    """The one place a user's visibility is derived from its role; no role, no access."""
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    if profile is None:
        raise PermissionError(ERR_NO_PROFILE.format(name=getattr(user, "username", "")))
    if profile.role == Role.COUNTY_USER:
        return Scope.county(profile.region_id)
    return Scope.everything()


def actor_for_user(user) -> Actor:
    """The actor for a logged-in user or a token's user; PermissionError without an active role."""
    if user is None or not getattr(user, "is_active", False):
        raise PermissionError(ERR_NO_ROLE.format(name=getattr(user, "username", "")))
    scope = scope_for_user(user)  # PermissionError without a profile
    return Actor(name=user.get_username(), role=user.profile.role, scope=scope, user=user)
