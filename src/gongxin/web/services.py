"""Writes for the web layer: the login-failure record behind throttling."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from gongxin.web.models import LoginFailure
from gongxin.web.selectors import login_throttle_key


def login_failure_record(*, username: str, ip: str) -> None:
    """Count one failed login and forget failures that have left the window."""
    since = timezone.now() - timedelta(seconds=settings.GONGXIN_LOGIN_WINDOW_SECONDS)
    LoginFailure.objects.filter(at__lt=since).delete()
    LoginFailure.objects.create(username=login_throttle_key(username=username), ip=ip)


def login_failures_clear(*, username: str, ip: str) -> None:
    """A successful login starts the count afresh for this username and address."""
    LoginFailure.objects.filter(username=login_throttle_key(username=username), ip=ip).delete()
