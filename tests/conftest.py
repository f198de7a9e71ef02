"""Shared fixtures."""

import pytest

# Fixtures shared by a capability's tests across tests/<app>/ and tests/api/.
pytest_plugins = ["tests.appeals.fixtures"]


@pytest.fixture
def data_dir(settings, tmp_path):
    """A fresh data directory (analytic snapshots) for one test."""
    settings.DATA_DIR = tmp_path
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    return tmp_path


@pytest.fixture
def city(db):
    """The default city configuration and classifications, synchronised into the test DB."""
    from gongxin.city.services import city_sync

    return city_sync(actor="test")


@pytest.fixture
def run_cli(capsys):
    """Run `gongxin ARGS…` in-process; returns (exit code, stdout, stderr)."""
    from gongxin.cli.main import main

    def _run(*args: str, stdin: str | None = None):
        import io
        import sys

        old_stdin = sys.stdin
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            code = main(list(args))
        finally:
            sys.stdin = old_stdin
        out, err = capsys.readouterr()
        return code, out, err

    return _run
