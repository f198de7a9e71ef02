"""Issuing, checking and revoking API tokens; issuing and revoking are in the audit log."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongxin.api.models import ApiToken
from gongxin.api.tokens import PREFIX_LENGTH, TOKEN_PREFIX, token_generate, token_hash
from gongxin.errors import UserError
from gongxin.registry.models import AuditEntry
from gongxin.registry.permissions import TOKEN_MANAGE, Actor, actor_require
from gongxin.registry.users import scope_for_user

ERR_UNKNOWN_USER = "用户 {name} 不存在：请先用 gongxin createuser 创建"

# Recording every use would write to the database on every call; a minute's precision is enough
# to tell a token in use from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)


def _user_by_name(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise UserError(ERR_UNKNOWN_USER.format(name=username))
    return user


@transaction.atomic
def token_create(*, username: str, actor: Actor) -> str:
    """Issue a new token for the user and return it; it is shown once and stored hashed.

    Only an actor with TOKEN_MANAGE (the command line, a city admin) issues tokens.
    """
    actor_require(actor, TOKEN_MANAGE)
    user = _user_by_name(username)
    try:
        scope_for_user(user)  # a user without a role could not use the token
    except PermissionError as exc:
        raise UserError(str(exc)) from exc
    raw = token_generate()
    token = ApiToken.objects.create(
        user=user, token_hash=token_hash(raw), prefix=raw[:PREFIX_LENGTH]
    )
    AuditEntry.objects.create(
        actor=actor.name, action="token_create", entity="user", key=username, new=token.prefix
    )
    return raw


@transaction.atomic
def token_revoke_all(*, username: str, actor: Actor) -> int:
    """Revoke every active token of the user; returns how many were revoked."""
    actor_require(actor, TOKEN_MANAGE)
    user = _user_by_name(username)
    count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    AuditEntry.objects.create(
        actor=actor.name, action="token_revoke_all", entity="user", key=username, new=str(count)
    )
    return count


def token_authenticate(*, raw: str):
    """The active user owning this active token (noting the token's use), or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
