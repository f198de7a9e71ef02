"""User services: create or update a user with a role, and derive the user's Scope."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from gongxin.city.appeal_categories import appeal_config
from gongxin.city.models import Region
from gongxin.errors import UserError
from gongxin.registry.models import AuditEntry, Enterprise, Role, UserProfile
from gongxin.registry.permissions import ERR_NO_ROLE, USER_MANAGE, Actor, actor_require
from gongxin.scope import Scope

ERR_UNKNOWN_ROLE = (
    "未知角色 {role}：应为 city_admin、city_analyst、county_user、unit_user 或 enterprise"
)
ERR_REGION_REQUIRED = "county_user 角色必须用 --region 指定所属区县代码"
ERR_REGION_NOT_ALLOWED = "{role} 角色可查看全市，不应指定 --region"
ERR_UNKNOWN_REGION = "区县代码 {region} 不在城市配置中"
ERR_UNIT_REQUIRED = "unit_user 角色必须用 --unit 指定责任单位名称"
ERR_UNIT_NOT_ALLOWED = "只有 unit_user 角色可以指定 --unit"
ERR_UNKNOWN_UNIT = "责任单位“{unit}”不在诉求类别配置中，应为：{units}"
ERR_USCC_REQUIRED = "enterprise 角色必须用 --uscc 指定企业的统一社会信用代码"
ERR_USCC_NOT_ALLOWED = "只有 enterprise 角色可以指定 --uscc"
ERR_UNKNOWN_USCC = "统一社会信用代码 {uscc} 不在企业名录中"
ERR_EMPTY_PASSWORD = "密码为空：请从标准输入提供密码"
ERR_NO_PROFILE = "用户 {name} 未分配角色，无权访问"


@transaction.atomic
def user_create_or_update(
    *,
    username: str,
    role: str,
    password: str,
    region: str | None = None,
    unit: str | None = None,
    uscc: str | None = None,
    actor: Actor,
) -> tuple[object, bool]:
    """Create the user or update its role, region (unit, enterprise) and password.

    Returns (user, created). Only an actor with USER_MANAGE (the city admin, the command line)
    may; the admin site's user form goes through ``user_saved`` below.
    """
    actor_require(actor, USER_MANAGE)
    if role not in Role.values:
        raise UserError(ERR_UNKNOWN_ROLE.format(role=role))
    if role == Role.COUNTY_USER and not region:
        raise UserError(ERR_REGION_REQUIRED)
    if role != Role.COUNTY_USER and region:
        raise UserError(ERR_REGION_NOT_ALLOWED.format(role=role))
    unit, enterprise = _unit_and_enterprise(role, unit, uscc)
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
    UserProfile.objects.update_or_create(
        user=user,
        defaults={
            "role": role,
            "region": region_obj,
            "unit": unit or "",
            "enterprise": enterprise,
        },
    )
    AuditEntry.objects.create(
        actor=actor.name,
        action="user_create" if created else "user_update",
        entity="user",
        key=username,
        field="role",
        old="" if old is None else f"{old[0]} {old[1] or ''}".strip(),
        new=f"{role} {region or unit or uscc or ''}".strip(),
    )
    return user, created


def _unit_and_enterprise(role: str, unit: str | None, uscc: str | None):
    """Check the unit of a unit_user and the enterprise of an enterprise user."""
    if role == Role.UNIT_USER:
        if not unit:
            raise UserError(ERR_UNIT_REQUIRED)
        units = appeal_config().units
        if unit not in units:
            raise UserError(ERR_UNKNOWN_UNIT.format(unit=unit, units="、".join(units)))
    elif unit:
        raise UserError(ERR_UNIT_NOT_ALLOWED)
    enterprise = None
    if role == Role.ENTERPRISE:
        if not uscc:
            raise UserError(ERR_USCC_REQUIRED)
        enterprise = Enterprise.objects.filter(uscc=uscc).first()
        if enterprise is None:
            raise UserError(ERR_UNKNOWN_USCC.format(uscc=uscc))
    elif uscc:
        raise UserError(ERR_USCC_NOT_ALLOWED)
    return unit, enterprise


def scope_for_user(user) -> Scope:
    """The one place a user's visibility is derived from its role; no role, no access."""
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    if profile is None:
        raise PermissionError(ERR_NO_PROFILE.format(name=getattr(user, "username", "")))
    if profile.role == Role.COUNTY_USER:
        return Scope.county(profile.region_id)
    if profile.role in (Role.UNIT_USER, Role.ENTERPRISE):
        return Scope.no_enterprises(profile.unit or profile.get_role_display())
    return Scope.everything()


def actor_for_user(user) -> Actor:
    """The actor for a logged-in user or a token's user; PermissionError without an active role."""
    if user is None or not getattr(user, "is_active", False):
        raise PermissionError(ERR_NO_ROLE.format(name=getattr(user, "username", "")))
    scope = scope_for_user(user)  # PermissionError without a profile
    return Actor(name=user.get_username(), role=user.profile.role, scope=scope, user=user)


@transaction.atomic
def placeholder_users_create(
    *, users: list[tuple[str, str, str | None]], actor: Actor
) -> list[str]:
    """Create accounts that cannot log in yet: (username, role, region) of city or county users.

    For people who are listed before they get a password (service commissioners of a demo or a
    first roll-out); an administrator sets a password with `gongxin createuser` later. Existing
    users are left as they are. Returns the usernames created.
    """
    actor_require(actor, USER_MANAGE)
    User = get_user_model()
    existing = set(
        User.objects.filter(username__in=[u[0] for u in users]).values_list("username", flat=True)
    )
    created = []
    for username, role, region in users:
        if username in existing:
            continue
        if role not in (Role.CITY_ADMIN, Role.CITY_ANALYST, Role.COUNTY_USER):
            raise UserError(ERR_UNKNOWN_ROLE.format(role=role))
        if (role == Role.COUNTY_USER) != bool(region):
            raise UserError(ERR_REGION_REQUIRED)
        user = User(username=username, is_active=True)
        user.set_unusable_password()
        user.save()
        UserProfile.objects.create(user=user, role=role, region_id=region)
        created.append(username)
    if created:
        AuditEntry.objects.create(
            actor=actor.name, action="user_create", entity="user", key=f"{len(created)} users",
            field="role", old="", new="、".join(created),
        )  # fmt: skip
    return created
