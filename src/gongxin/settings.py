"""Django settings: one module, configured from the environment with typed helpers.

Environment:
  GONGXIN_DATA_DIR   where the embedded database and analytic files live (default: ./var if it
                     exists, else the source checkout's var; see gongxin/datadir.py)
  DATABASE_URL       overrides the embedded SQLite database (e.g. postgres://user@host/db)
  GONGXIN_CITY       path of a city configuration TOML (default: the bundled default city)
  GONGXIN_SECRET_KEY secret key; otherwise generated once into the data directory
  GONGXIN_DEBUG      1 for development error pages (never in production)
  GONGXIN_HTTPS      1 when users reach the platform over HTTPS: secure cookies, HSTS, redirect
  GONGXIN_HSTS_SECONDS  HSTS max-age when GONGXIN_HTTPS=1 (default one year; 0 turns it off)
  GONGXIN_PROXY_SSL_HEADER  1 to trust X-Forwarded-Proto from a TLS-terminating reverse proxy
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from gongxin.datadir import find_data_dir


class SettingsError(RuntimeError):
    """A setting in the environment is invalid; the message says which and why."""


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"环境变量 {name} 的值 {raw!r} 无效：应为 1 或 0")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"环境变量 {name} 的值 {raw!r} 无效：应为整数") from None


def env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name) or default).expanduser().resolve()


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DATA_DIR = find_data_dir()
ANALYTICS_DIR = DATA_DIR / "analytics"
CITY_CONFIG = os.environ.get("GONGXIN_CITY") or None


def _secret_key() -> str:
    if key := os.environ.get("GONGXIN_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    if not DATA_DIR.is_dir():
        # Never create a data directory by importing settings (that left an empty ./var behind
        # commands run elsewhere): `gongxin init` creates it, and the key is written next time.
        return secrets.token_urlsafe(50)
    key = secrets.token_urlsafe(50)
    # Written with O_EXCL so two processes starting at once cannot each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("GONGXIN_DEBUG", False)
ALLOWED_HOSTS = env_list("GONGXIN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongxin.city",
    "gongxin.registry",
    "gongxin.ingest",
    "gongxin.stats",
    "gongxin.dispatch",
    "gongxin.reports",
    "gongxin.web",
    "gongxin.api",
    "gongxin.alerts",
    "gongxin.projects",
    "gongxin.chains",
    "gongxin.appeals",
    # django-ninja's templates and static files: with it installed the API docs page uses the
    # bundled Swagger UI instead of loading it from a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongxin.web.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongxin.web.middleware.LoginRequiredMiddleware",
    "gongxin.web.middleware.ScopeMiddleware",
    "gongxin.web.middleware.AdminAccessMiddleware",
    "gongxin.web.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongxin.web.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "gongxin.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongxin.web.context_processors.platform",
            ],
        },
    },
]

WSGI_APPLICATION = "gongxin.wsgi.application"


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL")
    if url:
        try:
            return dj_database_url.parse(url, conn_max_age=60)
        except Exception as exc:  # the library raises several types for a malformed URL
            raise SettingsError(f"环境变量 DATABASE_URL 无效：{exc}") from exc
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "gongxin.sqlite3"),
        # WAL lets the web server read while an import writes.
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

# Uploads: a monthly file of a few thousand enterprises is well under this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
GONGXIN_MAX_IMPORT_BYTES = 50 * 1024 * 1024
# Import files are parsed in a child process with these limits (gongxin.ingest.worker).
GONGXIN_IMPORT_WORKER_MEMORY_MB = 2048
GONGXIN_IMPORT_WORKER_SECONDS = 600
# Months whose warnings an import re-evaluates after it commits (the latest it touched); 0 turns
# evaluation at import off (warnings are then evaluated when first listed). docs/alerts.md.
GONGXIN_ALERTS_AFTER_IMPORT = int(os.environ.get("GONGXIN_ALERTS_AFTER_IMPORT", "3"))

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Web and API (gongxin.web, gongxin.api); the reasons are in docs/web.md -------------------
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
CSRF_FAILURE_VIEW = "gongxin.web.views.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Login throttling (docs/security.md): password checks counted per (username, address), per
# username and per address within a window that starts at the first check; a full count
# blocks further attempts (HTTP 429) until the window ends; a success restarts the user's
# counts. Kept in the database so every thread and process of the server shares the counts.
GONGXIN_LOGIN_MAX_FAILURES = 5  # per (username, address)
GONGXIN_LOGIN_MAX_FAILURES_PER_USER = 10  # per username, from any address
GONGXIN_LOGIN_MAX_FAILURES_PER_IP = 30  # per address, over every username
GONGXIN_LOGIN_WINDOW_SECONDS = 15 * 60

# Only the platform's own origin. Inline styles are allowed because ECharts, HTMX's request
# indicator and the API docs page set style attributes; scripts never run inline (no
# 'unsafe-inline', no 'unsafe-eval' for script-src).
GONGXIN_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Static files are served by WhiteNoise straight from the apps' static directories, so
# `gongxin serve` needs no collectstatic step; `gongxin manage collectstatic` into STATIC_ROOT
# remains possible for a front web server.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# A bureau intranet is often plain HTTP: then secure-only cookies and HSTS would lock users
# out. GONGXIN_HTTPS=1 turns on everything that assumes TLS.
GONGXIN_HTTPS = env_bool("GONGXIN_HTTPS", False)
SESSION_COOKIE_SECURE = GONGXIN_HTTPS
CSRF_COOKIE_SECURE = GONGXIN_HTTPS
SECURE_SSL_REDIRECT = GONGXIN_HTTPS
SECURE_HSTS_SECONDS = env_int("GONGXIN_HSTS_SECONDS", 365 * 24 * 60 * 60) if GONGXIN_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GONGXIN_HTTPS
SECURE_HSTS_PRELOAD = False
if env_bool("GONGXIN_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # Preloading is for public domains in browsers' built-in lists; an intranet host cannot be.
    "security.W021",
]
if not GONGXIN_HTTPS:
    # Deliberate on plain HTTP (see docs/web.md): cookies cannot be secure-only, HSTS and the
    # HTTPS redirect cannot apply. `check --deploy` stays quiet about the choice, not about others.
    SILENCED_SYSTEM_CHECKS += ["security.W004", "security.W008", "security.W012", "security.W016"]

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
