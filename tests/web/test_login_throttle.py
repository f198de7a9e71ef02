"""Issue 10: login throttling is atomic under concurrency (threads, real database rows).

40–60 simultaneous wrong passwords for one user used to get 11 checked, not 5: the count was
read, then the password checked, then the failure written. Now a check is reserved by one
conditional UPDATE first. These tests run on SQLite and, in `make test-postgres`, on a real
PostgreSQL server.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from gongxin.web.models import LoginCounter
from gongxin.web.services import login_attempt_reserve

pytestmark = pytest.mark.django_db(transaction=True)


def _concurrently(n: int, attempt) -> list:
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        from django.db import connections

        try:
            barrier.wait()
            results[i] = attempt(i)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_40_concurrent_guesses_for_one_user_check_exactly_the_limit(settings):
    results = _concurrently(40, lambda i: login_attempt_reserve(username="alice", ip="10.0.0.1"))
    assert results.count(True) == settings.GONGXIN_LOGIN_MAX_FAILURES  # 5, not 11
    assert LoginCounter.objects.get(key="pair:alice|10.0.0.1").count == 5
    # Refused attempts gave back what they took: the user and the address were charged 5 too.
    assert LoginCounter.objects.get(key="user:alice").count == 5
    assert LoginCounter.objects.get(key="ip:10.0.0.1").count == 5


def test_40_concurrent_guesses_from_many_addresses_stop_at_the_users_limit(settings):
    results = _concurrently(40, lambda i: login_attempt_reserve(username="Alice", ip=f"10.0.{i}.1"))
    assert results.count(True) == settings.GONGXIN_LOGIN_MAX_FAILURES_PER_USER  # 10


def test_the_login_view_checks_no_more_passwords_than_the_limit(alice, settings):
    """Through the real view: 40 threads post a wrong password; 5 get the 'wrong password'
    page (their password was checked), the rest 429."""
    from django.test import Client

    def post(i: int) -> int:
        return Client().post("/login/", {"username": "alice", "password": "guess"}).status_code

    if connection.vendor == "sqlite":
        pytest.skip("the shared in-memory SQLite test database locks whole tables per thread")
    statuses = _concurrently(40, post)
    assert statuses.count(200) == settings.GONGXIN_LOGIN_MAX_FAILURES
    assert statuses.count(429) == 40 - settings.GONGXIN_LOGIN_MAX_FAILURES
