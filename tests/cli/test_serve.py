"""`gongxin serve` really serves the web UI, the API and static files with waitress."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import gongxin
from gongxin.cli.serve import ERR_NOT_INITIALISED
from gongxin.datadir import uninitialised_message

SRC = Path(gongxin.__file__).parent.parent


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongxin.settings",
        "GONGXIN_DATA_DIR": str(data_dir),
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)  # the embedded SQLite in the temporary data directory
    return env


def _gongxin(*args: str, env: dict[str, str], timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "gongxin", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes, dict[str, str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def test_serve_refuses_to_start_before_init(tmp_path):
    result = _gongxin("serve", "--port", str(_free_port()), env=_env(tmp_path))
    assert result.returncode != 0
    # The command line refuses before serve's own check (ERR_NOT_INITIALISED, for a database
    # that exists but needs migrating) can run: a data directory without a database.
    assert uninitialised_message(tmp_path) in result.stderr or ERR_NOT_INITIALISED in result.stderr
    assert not (tmp_path / "gongxin.sqlite3").exists()  # nothing created by asking


def test_serve_answers_pages_api_and_static_files(tmp_path):
    env = _env(tmp_path)
    init = _gongxin("init", "-q", env=env)
    assert init.returncode == 0, init.stderr
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gongxin", "serve", "--port", str(port), "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body, headers = _get(f"{base}/login/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"server did not start: {server.communicate(timeout=5)}")
                time.sleep(0.2)
        assert status == 200
        assert "登录" in body.decode("utf-8")
        assert "default-src 'self'" in headers["Content-Security-Policy"]

        status, body, _ = _get(f"{base}/static/vendor/echarts.min.js")
        assert status == 200 and len(body) > 100_000

        status, _, headers = _get(f"{base}/")
        assert status == 302 and headers["Location"].startswith("/login/")

        status, body, _ = _get(f"{base}/api/v1/catalog")
        assert status == 401
    finally:
        server.terminate()
        try:
            out, _ = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _ = server.communicate()
    assert f"http://127.0.0.1:{port}/" in out
