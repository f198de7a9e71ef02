"""Who may do what: the role → permission table, as data, and the actor every service takes.

Every action service (``warning_assign``, ``alerts_evaluate``, ``import_authorise``,
``token_create``, ``user_create_or_update`` …) takes ``actor: Actor`` and calls
``actor_require(actor, PERMISSION)`` before anything else; views, API routers and CLI
commands only build the actor (``registry.users.actor_for_user`` from the logged-in user or
the token's user, ``Actor.system`` for the command line, whose operator already holds the
database) and call the service. A new role (``unit_user``, ``enterprise`` …) is one more
entry in ``ROLE_PERMISSIONS``.

Permissions say what kind of action a role may take; *where* (which region's warnings or
enterprises) is the actor's ``Scope``, checked by each service against its target.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from gongxin.errors import UserError
from gongxin.scope import Scope

# --- permissions --------------------------------------------------------------------------------
WARNING_ACT = "warning.act"  # 交办、签收、跟进、办结、重新打开 (within the scope)
WARNING_EVALUATE = "warning.evaluate"  # 重新评估 a period's warnings
IMPORT_ANY = "import.any"  # every import kind, every region
IMPORT_OWN_REGION = "import.own_region"  # monthly and daily data of the actor's region only
IMPORT_WITHDRAW = "import.withdraw"  # 撤回 a whole committed import
TOKEN_MANAGE = "token.manage"  # issue and revoke API tokens
USER_MANAGE = "user.manage"  # create and update users and their roles
ADMIN_SITE = "admin.site"  # the Django admin (系统管理)

PERMISSION_NAMES: dict[str, str] = {
    WARNING_ACT: "处置预警",
    WARNING_EVALUATE: "重新评估预警",
    IMPORT_ANY: "导入数据",
    IMPORT_OWN_REGION: "导入数据",
    IMPORT_WITHDRAW: "撤回导入",
    TOKEN_MANAGE: "管理接口令牌",
    USER_MANAGE: "管理用户",
    ADMIN_SITE: "进入系统管理",
}

ALL_PERMISSIONS = frozenset(PERMISSION_NAMES)

# The command line's operator: whoever runs `gongxin` on the server already holds the database
# and the files, so the CLI acts with every permission (and is audited under its own name).
SYSTEM = "system"

# The one table. Keys are registry.models.Role values (and SYSTEM); see docs/security.md.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    SYSTEM: ALL_PERMISSIONS,
    "city_admin": ALL_PERMISSIONS,
    # "reads everything, changes nothing" (data-contract.md, "Users, web and API").
    "city_analyst": frozenset(),
    "county_user": frozenset({WARNING_ACT, IMPORT_OWN_REGION}),
    # 诉求通's parties act on appeals by their relation to each one (appeals.workflow decides
    # which step, appeals.services checks it); they hold none of the monitoring permissions.
    "unit_user": frozenset(),
    "enterprise": frozenset(),
}

# Import kinds a county user may upload with IMPORT_OWN_REGION (its own enterprises' rows).
COUNTY_IMPORT_KINDS = ("monthly", "daily")

ROLE_NAMES = {
    SYSTEM: "命令行",
    "city_admin": "市级管理员",
    "city_analyst": "市级分析员",
    "county_user": "县区用户",
    "unit_user": "责任单位用户",
    "enterprise": "企业用户",
}

ERR_FORBIDDEN = "{role}无权{action}"
ERR_READ_ONLY = "市级分析员只能查看数据，无权{action}"
ERR_NO_ROLE = "用户 {name} 未分配角色或已停用，无权访问"
ERR_IMPORT_KIND = "{role}只能导入本区县企业的月度或日调度数据，不能导入“{kind}”"


class Forbidden(UserError):
    """The actor may not do this (an HTTP 403, a non-zero CLI exit)."""


def operator_name() -> str:
    """Who the server's command line is, for the audit log: ``GONGXIN_ACTOR`` or ``cli:<user>``."""
    return os.environ.get("GONGXIN_ACTOR") or f"cli:{getpass.getuser()}"


@dataclass(frozen=True)
class Actor:
    """Who acts: the name written to the audit log, the role and what the role may see."""

    name: str
    role: str
    scope: Scope
    user: object | None = None  # the Django user, None for the command line

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(name=name, role=SYSTEM, scope=Scope.everything())

    @property
    def permissions(self) -> frozenset[str]:
        return ROLE_PERMISSIONS.get(self.role, frozenset())

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


def forbidden_message(actor: Actor, permission: str) -> str:
    action = PERMISSION_NAMES.get(permission, permission)
    if actor.role == "city_analyst":
        return ERR_READ_ONLY.format(action=action)
    return ERR_FORBIDDEN.format(role=actor.role_name, action=action)


def actor_require(actor: Actor, permission: str) -> None:
    """Raise Forbidden (with the Chinese reason) unless the actor's role grants ``permission``."""
    if not isinstance(actor, Actor):
        raise TypeError("actor must be an Actor (actor_for_user or Actor.system)")
    if not actor.can(permission):
        raise Forbidden(forbidden_message(actor, permission))


def import_kinds_allowed(actor: Actor, kinds: list[str]) -> list[str]:
    """The subset of ``kinds`` the actor may import (in the given order)."""
    if actor.can(IMPORT_ANY):
        return list(kinds)
    if actor.can(IMPORT_OWN_REGION):
        return [k for k in kinds if k in COUNTY_IMPORT_KINDS]
    return []


def import_authorise(*, actor: Actor, kind: str) -> None:
    """Whether the actor may import ``kind`` at all; a region-bound actor's rows are checked
    against its scope by the caller's scope check (``web.uploads.scope_problems``)."""
    if actor.can(IMPORT_ANY):
        return
    if actor.can(IMPORT_OWN_REGION):
        if kind in COUNTY_IMPORT_KINDS:
            return
        raise Forbidden(ERR_IMPORT_KIND.format(role=actor.role_name, kind=kind))
    raise Forbidden(forbidden_message(actor, IMPORT_ANY))
