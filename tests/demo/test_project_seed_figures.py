"""The full demo, loaded by `gongxin demo` and queried through `gongxin projects`, gives the
key-project figures the city published: the generator writes records only (scaled towards the
targets in ``demo/projects.py``), the figures are computed from what was imported.
"""

import json

import pytest

from tests.demo.conftest import gongxin

pytestmark = pytest.mark.slow


def city(env, period: str) -> dict:
    done = gongxin(env, "projects", "--period", period, "--by", "city", "--format", "json")
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    return row


def test_april_2024_as_published(demo_env):
    row = city(demo_env, "2024-04")
    assert row["projects"] == 100
    assert row["investment_ytd"] == pytest.approx(953_000, abs=0.05)
    assert f"{row['completion']:.1f}" == "57.7"


def test_november_2023_as_published(demo_env):
    row = city(demo_env, "2023-11")
    assert (row["projects"], row["started"], row["in_production"]) == (100, 100, 30)
    assert f"{row['completion']:.1f}" == "128.5"
    table = gongxin(demo_env, "projects", "--period", "2023-11", "--by", "city")
    assert "128.5" in table.stdout
