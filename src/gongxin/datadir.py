"""Where the data directory is, found the same way from any working directory.

1. ``GONGXIN_DATA_DIR`` when set;
2. else ``./var`` when it exists in the working directory;
3. else the ``var`` of the source checkout when gongxin runs from one (an editable install,
   as ``make install`` makes) and that ``var`` exists;
4. else ``./var`` — which ``gongxin init`` creates; every other command refuses a data directory
   that was never initialised (``uninitialised_message``) instead of creating an empty one.

Plain functions without Django, so that settings and the command line share them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV = "GONGXIN_DATA_DIR"
DIR_NAME = "var"


def source_checkout() -> Path | None:
    """The repository this package runs from (``src/gongxin`` under a ``pyproject.toml``)."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "src").is_dir() else None


def find_data_dir(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(ENV):
        return Path(env[ENV]).expanduser().resolve()
    local = (cwd or Path.cwd()) / DIR_NAME
    if local.is_dir():
        return local.resolve()
    checkout = source_checkout()
    if checkout is not None and (checkout / DIR_NAME).is_dir():
        return (checkout / DIR_NAME).resolve()
    return local.resolve()


def uninitialised_message(path: Path) -> str:
    """What a clerk is told when the data directory has no database yet."""
    return (
        f"数据目录 {path} 中没有平台数据库（尚未初始化）。"
        f"请在平台所在目录中运行命令，或设置环境变量 {ENV} 指向已有的数据目录"
        f"（如 export {ENV}=/srv/gongxin/var）；新建数据目录请先运行 gongxin init。"
    )


def database_missing() -> str | None:
    """The Chinese refusal when Django's embedded database file does not exist yet, else None.

    Call after Django is set up. Without this check an embedded SQLite file is created empty on
    the spot and the command fails with ``no such table``.
    """
    from django.conf import settings
    from django.db import connection

    name = str(connection.settings_dict.get("NAME") or "")
    in_memory = name.startswith("file:") or ":memory:" in name or not name
    if connection.vendor == "sqlite" and not in_memory and not Path(name).exists():
        return uninitialised_message(Path(settings.DATA_DIR))
    return None
