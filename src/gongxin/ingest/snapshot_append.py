"""Refresh the analytic snapshot after a monthly import by appending, not rebuilding.

A committed monthly import adds monthly-report rows and nothing else the snapshot holds
(enterprises, spells, chains, reference series and members are untouched; the batch, its audit
entries and the data version are not in the snapshot). So the snapshot of the new data version
is the previous one plus those rows. Rebuilding it from every record costs a read of the whole
``MonthlyReport`` table through the ORM (≈2.5 s for 100,000 rows); appending costs the new rows
only, which the import still holds in memory.

The result is exactly what ``stats.snapshot`` builds from scratch, step for step: a fresh file
made by ``create_schema``; ``meta`` written as the full build writes it; every base table but
``monthly`` copied row for row from the previous snapshot; ``monthly`` = previous rows ∪ new
rows in the full build's order (``ym, uscc, revision``, a unique key); then, as the full
build's last step, the derived tables (``engine.derived.build``) computed from those. A test
builds both and compares every table of the two files.

The shortcut is taken only when it is provably the same, under the snapshot lock:

* the live snapshot is of version ``V - 1`` and the records are at ``V``, the version this
  import's transaction set — so this import is the only change in between;
* the previous snapshot's base tables have the columns ``create_schema`` makes now (a
  snapshot written by an older release is rebuilt instead; derived tables are recomputed);
* none of the new rows' keys ``(uscc, ym, revision)`` is in the previous snapshot already (a
  full build that raced with this import's commit could have read them).

Otherwise it returns None and the caller rebuilds in full (``snapshot_ensure``). The publishing
steps — temporary name, rename, ``CURRENT``, pruning — are the full build's own.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np

from gongxin.city.config import load_city_config
from gongxin.engine.schema import TABLES, create_schema
from gongxin.stats import snapshot as snap
from gongxin.stats.services import MONTHLY_FIELDS, MONTHLY_INSERT

# Where the snapshot's monthly columns are in a row as MONTHLY_INSERT orders it.
_USCC, _YM, _REVISION = (MONTHLY_INSERT.index(c) for c in ("enterprise", "ym", "revision"))
_FIGURES = [MONTHLY_INSERT.index(c) for c in MONTHLY_FIELDS]
_COMBINED = MONTHLY_INSERT.index("combined")
_FIGURE_COLUMNS = ", ".join(MONTHLY_FIELDS)


def snapshot_append_monthly(
    *, version: int, rows: list[tuple], recorded_at: datetime
) -> snap.SnapshotInfo | None:
    """The snapshot of ``version``: the previous one plus ``rows``, or None if that is not sound.

    ``rows`` are the monthly reports the import inserted, in ``MONTHLY_INSERT`` order, all
    recorded at ``recorded_at``; ``version`` is the data version the import's commit set. The
    list is emptied once its rows are staged for DuckDB (100,000 tuples are worth freeing).
    """
    from gongxin.stats.models import DataVersion

    with snap.snapshot_lock():
        current = snap.snapshot_current()
        if current is not None and current.data_version == version:
            return current  # someone built it meanwhile
        if current is None or current.data_version != version - 1:
            return None
        if DataVersion.current() != version or not rows:
            return None  # another change was committed after this import's
        return _append(current, version, rows, snap.utc_naive(recorded_at))


def _staged(rows: Sequence[tuple]) -> dict[str, np.ndarray]:
    """The new rows column by column, for DuckDB to scan (NaN reads as NULL: never a value)."""
    columns = list(zip(*rows, strict=True))
    staged = {
        "uscc": np.array(columns[_USCC], dtype=object),
        "ym": np.array(columns[_YM], dtype=np.int64),
        "revision": np.array(columns[_REVISION], dtype=np.int64),
    }
    for name, index in zip(MONTHLY_FIELDS, _FIGURES, strict=True):
        staged[name] = np.array(columns[index], dtype=np.float64)  # None → NaN → NULL
    staged["combined"] = np.array(columns[_COMBINED], dtype=bool)
    return staged


def _same_layout(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the previous snapshot's base tables are the ones ``create_schema`` makes now."""
    names = ", ".join(f"'{t}'" for t in TABLES)
    query = (
        "SELECT table_name, column_index, column_name, data_type FROM duckdb_columns() "
        f"WHERE database_name = ? AND schema_name = 'main' AND table_name IN ({names}) "
        "ORDER BY ALL"
    )
    database = con.execute("SELECT current_database()").fetchone()[0]
    return con.execute(query, [database]).fetchall() == con.execute(query, ["prev"]).fetchall()


def _append(
    previous: snap.SnapshotInfo, version: int, rows: list[tuple], recorded_at: datetime
) -> snap.SnapshotInfo | None:
    config = load_city_config()
    directory = snap.analytics_dir()
    final = directory / f"snapshot-{version}.duckdb"
    fd, tmp_name = tempfile.mkstemp(prefix=".building-", suffix=".duckdb", dir=directory)
    os.close(fd)
    os.unlink(tmp_name)  # DuckDB wants to create the file itself
    tmp = Path(tmp_name)
    published = False
    try:
        con = duckdb.connect(str(tmp))
        try:
            create_schema(con)
            path = str(previous.path).replace("'", "''")
            con.execute(f"ATTACH '{path}' AS prev (READ_ONLY)")
            if not _same_layout(con):
                return None
            added = {row[_YM] for row in rows}
            con.register("staged", _staged(rows))
            rows.clear()  # staged: free the row tuples before DuckDB's own work
            overlap = con.execute(
                "SELECT count(*) FROM prev.monthly JOIN staged USING (uscc, ym, revision)"
            ).fetchone()[0]
            if overlap:
                return None
            meta = snap.snapshot_meta(config, version)
            con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
            for table in TABLES:
                if table not in ("meta", "monthly"):
                    con.execute(f"INSERT INTO {table} SELECT * FROM prev.{table}")
            con.execute(
                "INSERT INTO monthly SELECT * FROM ("
                "SELECT * FROM prev.monthly UNION ALL "
                f"SELECT uscc, ym, revision, ?::TIMESTAMP, {_FIGURE_COLUMNS}, combined, NULL "
                "FROM staged"
                ") ORDER BY ym, uscc, revision",
                [recorded_at],
            )
            con.unregister("staged")
            # As the full build's last step: the derived tables, from the complete base tables;
            # the previous snapshot's rows of the months the new reports cannot change are
            # copied, not recomputed (``derived.build``, ``reuse``).
            snap.derived_build(con, reuse="prev", added=added)
            con.execute("DETACH prev")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, final)
        published = True
    finally:
        if not published:
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)
    pointer_tmp = directory / ".CURRENT.tmp"
    pointer_tmp.write_text(final.name, encoding="utf-8")
    os.replace(pointer_tmp, directory / "CURRENT")
    snap.snapshot_prune(directory, keep=final.name)
    return snap.SnapshotInfo(path=final, data_version=version)
