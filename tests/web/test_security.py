"""Security headers, no external URLs, escaping, and a clean `check --deploy`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import gongxin

WEB = Path(gongxin.__file__).parent / "web"
SRC = Path(gongxin.__file__).parent.parent

pytestmark = pytest.mark.django_db


def test_pages_carry_the_security_headers(login, alice):
    response = login(alice).get("/")
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline scripts, no eval
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_login_page_carries_the_security_headers_too(client, city):
    response = client.get("/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    cookie = response.cookies["csrftoken"]
    assert cookie["samesite"] == "Lax" and cookie["httponly"]


# src/href attributes and CSS url()/@import pointing off the platform.
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import\s+["']?(?:https?:)?//)""",
    re.IGNORECASE,
)


def test_templates_and_static_files_load_nothing_from_other_sites():
    files = [p for p in WEB.rglob("*") if p.suffix in {".html", ".css", ".js", ".svg"}]
    assert any(p.name == "echarts.min.js" for p in files)
    offenders = [
        f"{p.relative_to(WEB)}: {m.group(0)}"
        for p in files
        for m in EXTERNAL.finditer(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    for template in (WEB / "templates").rglob("*.html"):
        assert "<script>" not in template.read_text(encoding="utf-8"), template  # CSP: no inline


def test_the_vendored_assets_are_served_to_anyone(client):
    for path, marker in [
        ("/static/vendor/echarts.min.js", b"echarts"),
        ("/static/vendor/htmx.min.js", b"htmx"),
        ("/static/web/css/app.css", b"--c-primary"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert marker in b"".join(response.streaming_content)


def test_the_vendored_versions_match_package_json():
    import json

    root = SRC.parent
    if not (root / "package.json").exists():
        pytest.skip("not a source checkout")
    package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    deps = package["dependencies"]
    echarts = (WEB / "static/vendor/echarts.min.js").read_text(encoding="utf-8")
    htmx = (WEB / "static/vendor/htmx.min.js").read_text(encoding="utf-8")
    assert f'"{deps["echarts"]}"' in echarts
    assert f'"{deps["htmx.org"]}"' in htmx
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in deps.values())  # exact versions


def test_user_text_is_escaped(client, city):
    response = client.post("/login/", {"username": "<script>x()</script>", "password": "p"})
    html = response.content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script>x()" not in html


@pytest.mark.parametrize("https", ["0", "1"])
def test_the_deploy_check_is_clean_with_production_settings(tmp_path, https):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongxin.settings",
        "GONGXIN_DATA_DIR": str(tmp_path),
        "GONGXIN_DEBUG": "0",
        "GONGXIN_HTTPS": https,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("GONGXIN_SECRET_KEY", None)  # the generated key, as in production
    env.pop("DATABASE_URL", None)
    # Browser tests relax async safety for their own process; production never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_https_mode_turns_on_secure_cookies_and_hsts(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongxin.settings",
        "GONGXIN_DATA_DIR": str(tmp_path),
        "GONGXIN_HTTPS": "1",
        "GONGXIN_HSTS_SECONDS": "3600",
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True", "True", "True", "3600"], result.stderr


def test_scoped_pages_and_api_json_are_private_no_store(login, bob, enterprises):
    """Issue 10: a shared office computer's cache or a proxy must not keep a county's pages."""
    from gongxin.api.services import token_create
    from gongxin.registry.permissions import Actor

    client = login(bob)
    for url in ("/", "/enterprises/", "/enterprises/table/", "/enterprises/export/", "/uploads/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
    raw = token_create(username="bob", actor=Actor.system("test"))
    api = client.get("/api/v1/enterprises", headers={"Authorization": f"Bearer {raw}"})
    assert api.status_code == 200 and api["Cache-Control"] == "private, no-store"
    assert client.get("/api/v1/enterprises")["Cache-Control"] == "private, no-store"  # 401
    static = client.get("/static/vendor/htmx.min.js")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
