"""Reads for the web layer: the login throttle's keys and limits."""

from __future__ import annotations

from django.conf import settings


def login_throttle_key(*, username: str) -> str:
    """Usernames are compared case-folded so that ``Alice`` and ``alice`` share one count."""
    return username.strip().casefold()[:150]


def login_throttle_limits(*, username: str, ip: str) -> list[tuple[str, int]]:
    """``(counter key, limit)`` per (user, address), per user and per address, in that order.

    The pair is the tightest (a clerk mistyping); the user's limit stops a guesser moving
    between addresses; the address's limit slows one machine spraying many usernames.
    """
    name = login_throttle_key(username=username)
    return [
        (f"pair:{name}|{ip}", settings.GONGXIN_LOGIN_MAX_FAILURES),
        (f"user:{name}", settings.GONGXIN_LOGIN_MAX_FAILURES_PER_USER),
        (f"ip:{ip}", settings.GONGXIN_LOGIN_MAX_FAILURES_PER_IP),
    ]
