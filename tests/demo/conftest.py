"""Demo cities shared by the demo tests: generating the full city takes a few seconds."""

import os
import subprocess
import sys

import pytest

from gongxin.demo import DEFAULT_SEED, generate, records


@pytest.fixture(scope="session")
def small_city():
    return generate(seed=DEFAULT_SEED, size=300)


@pytest.fixture(scope="session")
def full_city():
    return generate(seed=DEFAULT_SEED)


@pytest.fixture(scope="session")
def full_records(full_city):
    return records(full_city)


def gongxin(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`gongxin ARGS…` in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "gongxin", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.fixture(scope="session")
def demo_env(tmp_path_factory):
    """The full demo city loaded once by `gongxin init` and `gongxin demo`, for every test that
    checks a published figure through the CLI (monitoring, projects, chains, appeals)."""
    data = tmp_path_factory.mktemp("demo-city")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GONGXIN_CITY"}}
    env["GONGXIN_DATA_DIR"] = str(data)
    env["DJANGO_SETTINGS_MODULE"] = "gongxin.settings"
    for command in (("init", "-q"), ("demo", "--no-users")):
        done = gongxin(env, *command)
        assert done.returncode == 0, done.stderr
    return env
