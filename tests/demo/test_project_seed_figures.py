"""The full demo, loaded by `gongxin demo` and queried through `gongxin projects`, gives the
key-project figures the city published: the generator writes records only (scaled towards the
targets in ``demo/projects.py``), the figures are computed from what was imported.
"""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _gongxin(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gongxin", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory):
    data = tmp_path_factory.mktemp("demo-projects")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GONGXIN_CITY"}}
    env["GONGXIN_DATA_DIR"] = str(data)
    env["DJANGO_SETTINGS_MODULE"] = "gongxin.settings"
    for command in (("init", "-q"), ("demo", "--no-users")):
        done = _gongxin(env, *command)
        assert done.returncode == 0, done.stderr
    return env


def city(env, period: str) -> dict:
    done = _gongxin(env, "projects", "--period", period, "--by", "city", "--format", "json")
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
    table = _gongxin(demo_env, "projects", "--period", "2023-11", "--by", "city")
    assert "128.5" in table.stdout
