"""Writes for the web layer: the login throttle's counters.

Atomic under concurrency: a password may be checked only after ``login_attempt_reserve`` has
taken one unit of every counter (pair, user, address) with a conditional UPDATE
(``count = count + 1 WHERE count < limit``), which the database applies one at a time per
row — so 40 simultaneous guesses check exactly ``limit`` passwords, never more. A success
gives the units back (the pair and user counts restart; the address keeps the others' counts).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.conf import settings
from django.db import IntegrityError, OperationalError
from django.db.models import F
from django.utils import timezone

from gongxin.web.models import LoginCounter
from gongxin.web.selectors import login_throttle_limits

T = TypeVar("T")
# SQLite answers a write that meets another thread's write with "database is locked" (shared-
# cache test databases immediately, files after the busy timeout); the statement did nothing
# and may be repeated.
LOCKED_RETRIES = 400
LOCKED_PAUSE = 0.005


def _retrying(write: Callable[[], T]) -> T:
    for attempt in range(LOCKED_RETRIES):
        try:
            return write()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(LOCKED_PAUSE)
    raise AssertionError("unreachable")


def _window_start():
    return timezone.now() - timedelta(seconds=settings.GONGXIN_LOGIN_WINDOW_SECONDS)


def _take(key: str, limit: int) -> bool:
    """Take one unit of ``key``'s counter if it is below ``limit``; False if it is not."""
    now, since = timezone.now(), _window_start()

    def create() -> None:
        with contextlib.suppress(IntegrityError):  # another thread created it first: fine
            LoginCounter.objects.get_or_create(key=key, defaults={"window_start": now})

    _retrying(create)
    # A counter whose window has passed starts again (at most one thread resets it: after the
    # reset its window_start is now).
    _retrying(
        lambda: LoginCounter.objects.filter(key=key, window_start__lt=since).update(
            count=0, window_start=now
        )
    )
    taken = _retrying(
        lambda: LoginCounter.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1)
    )
    return taken == 1


def _give_back(key: str) -> None:
    _retrying(
        lambda: LoginCounter.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)
    )


def login_attempt_reserve(*, username: str, ip: str) -> bool:
    """Reserve one password check for ``username`` from ``ip``; False when throttled.

    Units taken before a full counter is met are given back, so a refused attempt costs the
    other counters nothing.
    """
    _retrying(lambda: LoginCounter.objects.filter(window_start__lt=_window_start()).delete())
    taken: list[str] = []
    for key, limit in login_throttle_limits(username=username, ip=ip):
        if not _take(key, limit):
            for done in taken:
                _give_back(done)
            return False
        taken.append(key)
    return True


def login_attempt_succeeded(*, username: str, ip: str) -> None:
    """The password was right: this user's counts restart; the address gives back one unit."""
    pair, user, address = (key for key, _ in login_throttle_limits(username=username, ip=ip))
    _retrying(lambda: LoginCounter.objects.filter(key__in=[pair, user]).delete())
    _give_back(address)
