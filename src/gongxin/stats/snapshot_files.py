"""Find the current analytic snapshot without Django: what a read-only command needs to start.

`gongxin query` answers from the snapshot; importing Django, its ORM and every app just to read
one counter costs a cold process most of a second. This module reads the same two facts
``stats.snapshot.snapshot_ensure`` does — the snapshot ``CURRENT`` names, and the data version
in the relational database — straight from the files: the ``CURRENT`` pointer, and the
embedded SQLite database (``stats_dataversion``, read-only). When the two agree the snapshot
is current and can be read; otherwise (a stale snapshot to rebuild, a PostgreSQL database via
``DATABASE_URL``, no database yet) it returns None and the caller takes the Django path.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

_TABLE = "stats_dataversion"  # stats.models.DataVersion
# settings.TIME_ZONE, repeated here so that reading it needs no Django (a test keeps them equal)
LOCAL_TIME_ZONE = "Asia/Shanghai"


ERR_BAD_AS_OF = (
    "--as-of 的值 {value!r} 无效：应为 ISO-8601 日期或时间，如 2024-05-20 或 2024-05-20T15:30"
)


class AsOfError(ValueError):
    """An --as-of value that is not an ISO-8601 date or time."""


def as_of_utc(value: str | None, time_zone: str = LOCAL_TIME_ZONE) -> datetime | None:
    """ISO-8601 date or date-time; without a zone it is local time (``time_zone``).

    Returned in UTC without tzinfo, as the snapshot stores ``recorded_at``. A bare date means
    the end of that day: "as of 2024-05-20" includes what was recorded on the 20th.
    """
    if not value:
        return None
    try:
        if len(value) == 10:
            moment = datetime.fromisoformat(value).replace(
                hour=23, minute=59, second=59, microsecond=999999
            )
        else:
            moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise AsOfError(value) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return moment.astimezone(UTC).replace(tzinfo=None)


def data_dir() -> Path:
    """``GONGXIN_DATA_DIR`` as ``gongxin.settings`` resolves it."""
    return Path(os.environ.get("GONGXIN_DATA_DIR") or "./var").expanduser().resolve()


def current_snapshot_path() -> Path | None:
    """The current snapshot's path if it is provably of the records' data version, else None."""
    if os.environ.get("DATABASE_URL"):
        return None
    directory = data_dir()
    pointer = directory / "analytics" / "CURRENT"
    database = directory / "gongxin.sqlite3"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = directory / "analytics" / name
    if not path.exists() or not database.exists():
        return None
    try:
        snapshot_version = int(name.removeprefix("snapshot-").removesuffix(".duckdb"))
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
        try:
            row = con.execute(f"SELECT version FROM {_TABLE} WHERE id = 1").fetchone()
        finally:
            con.close()
    except (ValueError, sqlite3.Error):
        return None
    version = int(row[0]) if row else 0
    return path if version == snapshot_version else None
