"""Reads for the web layer."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from gongxin.web.models import LoginFailure


def login_throttle_key(*, username: str) -> str:
    """Usernames are compared case-folded so that ``Alice`` and ``alice`` share one count."""
    return username.strip().casefold()[:150]


def login_is_throttled(*, username: str, ip: str) -> bool:
    """Whether this username from this address has used up its failures in the window."""
    since = timezone.now() - timedelta(seconds=settings.GONGXIN_LOGIN_WINDOW_SECONDS)
    failures = LoginFailure.objects.filter(
        username=login_throttle_key(username=username), ip=ip, at__gte=since
    ).count()
    return failures >= settings.GONGXIN_LOGIN_MAX_FAILURES
