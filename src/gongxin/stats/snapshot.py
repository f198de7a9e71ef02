"""Write the records into the analytic snapshot (a DuckDB file) that the engine reads.

The snapshot is derived: it can always be rebuilt from the records. Each one is written under a
temporary name and renamed into place, and ``CURRENT`` names the live file, so a reader never
sees half a snapshot. The snapshot carries the ``data_version`` it was built from; when the
records have moved on, ``snapshot_ensure`` rebuilds before anyone reads.
"""

from __future__ import annotations

import csv
import fcntl
import os
import tempfile
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from django.conf import settings
from django.utils import timezone

from gongxin.city.classifications import ENERGY_INTENSIVE_DIVISIONS
from gongxin.city.config import load_city_config
from gongxin.city.models import Chain, Division, Region
from gongxin.engine import derived
from gongxin.engine.schema import create_schema
from gongxin.registry.models import OWNERSHIP_CHOICES, SIZE_CHOICES
from gongxin.stats.models import MONTHLY_FIELDS

BOOLEAN_DIMENSIONS = {
    "high_tech": ("高技术制造业", "非高技术制造业"),
    "equipment": ("装备制造业", "非装备制造业"),
    "energy_intensive": ("六大高耗能行业", "非高耗能行业"),
    "key": ("重点企业", "非重点企业"),
}

_MONTHLY_COLUMNS = (
    "uscc",
    "ym",
    "revision",
    "recorded_at",
    *MONTHLY_FIELDS,
    "combined",
    "withdrawn_at",
)


def snapshot_meta(config: object, version: int) -> dict[str, str]:
    """The ``meta`` rows of a snapshot (the full build and the import's append alike)."""
    return {
        "data_version": str(version),
        "city_code": config.code,  # type: ignore[attr-defined]
        "city_name": config.name,  # type: ignore[attr-defined]
        "built_at": timezone.now().isoformat(),
        # January not published alone: the engine answers null for January aggregates
        "jan_feb_together": "1" if getattr(config, "publish_jan_feb_together", False) else "0",
    }


@dataclass(frozen=True)
class SnapshotInfo:
    path: Path
    data_version: int


def analytics_dir() -> Path:
    path = Path(settings.ANALYTICS_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def snapshot_current() -> SnapshotInfo | None:
    """The snapshot ``CURRENT`` names, or None if none was ever built."""
    pointer = analytics_dir() / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    path = analytics_dir() / name
    if not path.exists():
        return None
    version = int(name.removeprefix("snapshot-").removesuffix(".duckdb"))
    return SnapshotInfo(path=path, data_version=version)


@contextmanager
def snapshot_lock() -> Iterator[None]:
    with open(analytics_dir() / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def snapshot_ensure() -> SnapshotInfo:
    """Return a snapshot of the records' current version, building it if it is stale."""
    from gongxin.stats.models import DataVersion

    current = snapshot_current()
    version = DataVersion.current()
    if current is not None and current.data_version == version:
        return current
    with snapshot_lock():
        # Another process may have built it while we waited for the lock.
        current = snapshot_current()
        version = DataVersion.current()
        if current is not None and current.data_version == version:
            return current
        return _build(version)


def snapshot_rebuild() -> SnapshotInfo:
    """Rebuild from the records unconditionally (`gongxin rebuild`)."""
    from gongxin.stats.models import DataVersion

    with snapshot_lock():
        return _build(DataVersion.current())


def utc_naive(value: datetime) -> datetime:
    if timezone.is_aware(value):
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None)


def _naive_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else utc_naive(value)


def _copy_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Iterable[str],
    rows: Iterable[Iterable[object]],
    workdir: Path,
) -> None:
    """Bulk-load rows through a CSV file: DuckDB's COPY is far faster than executemany."""
    columns = list(columns)
    path = workdir / f"{table}.csv"
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
            count += 1
    if count:
        col_list = ", ".join(columns)
        con.execute(
            f"COPY {table} ({col_list}) FROM '{path}' (FORMAT csv, HEADER false, "
            "DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '', AUTO_DETECT false)"
        )
    path.unlink()


def _build(version: int) -> SnapshotInfo:
    from gongxin.registry.models import (
        AboveScaleSpell,
        AboveScaleSpellHistory,
        ChainMembership,
        ChainMembershipHistory,
        Enterprise,
        EnterpriseHistory,
    )
    from gongxin.stats.models import MonthlyReport, ReferenceValue

    config = load_city_config()
    directory = analytics_dir()
    final = directory / f"snapshot-{version}.duckdb"
    fd, tmp_name = tempfile.mkstemp(prefix=".building-", suffix=".duckdb", dir=directory)
    os.close(fd)
    os.unlink(tmp_name)  # DuckDB wants to create the file itself
    tmp = Path(tmp_name)
    with tempfile.TemporaryDirectory(dir=directory) as workdir:
        con = duckdb.connect(str(tmp))
        try:
            create_schema(con)
            meta = snapshot_meta(config, version)
            con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))

            members: list[tuple[str, str, str, str | None]] = [
                ("city", config.code, config.name, None)
            ]
            members += [("region", r.code, r.name, config.code) for r in Region.objects.all()]
            members += [("industry", d.code, d.name, None) for d in Division.objects.all()]
            members += [("chain", c.code, c.name, None) for c in Chain.objects.all()]
            for dim, (yes, no) in BOOLEAN_DIMENSIONS.items():
                members += [(dim, "1", yes, None), (dim, "0", no, None)]
            members += [("ownership", v, v, None) for v, _ in OWNERSHIP_CHOICES]
            members += [("size", v, v, None) for v, _ in SIZE_CHOICES]
            con.executemany("INSERT INTO member VALUES (?, ?, ?, ?)", members)

            equipment = config.equipment_divisions
            enterprises = (
                Enterprise.objects.select_related("industry")
                .order_by("uscc")
                .values_list(
                    "uscc",
                    "name",
                    "region_id",
                    "industry_id",
                    "industry__high_tech",
                    "ownership",
                    "size",
                    "key",
                    "land_mu",
                )
                .iterator(chunk_size=5000)
            )
            _copy_rows(
                con,
                "enterprise",
                (
                    "uscc",
                    "name",
                    "region",
                    "industry",
                    "division",
                    "high_tech",
                    "equipment",
                    "energy_intensive",
                    "ownership",
                    "size",
                    "key",
                    "land_mu",
                ),
                (
                    (
                        u,
                        n,
                        r,
                        i,
                        i[:2],
                        ht,
                        i[:2] in equipment,
                        i[:2] in ENERGY_INTENSIVE_DIVISIONS,
                        own or None,
                        size or None,
                        key,
                        land,
                    )
                    for u, n, r, i, ht, own, size, key, land in enterprises
                ),
                Path(workdir),
            )
            _copy_rows(
                con,
                "above_scale",
                ("uscc", "from_ym", "to_ym"),
                AboveScaleSpell.objects.values_list("enterprise_id", "from_ym", "to_ym").iterator(
                    chunk_size=5000
                ),
                Path(workdir),
            )
            _copy_rows(
                con,
                "enterprise_chain",
                ("uscc", "chain", "role"),
                (
                    (u, c, r or None)
                    for u, c, r in ChainMembership.objects.values_list(
                        "enterprise_id", "chain_id", "role"
                    ).iterator(chunk_size=5000)
                ),
                Path(workdir),
            )

            # The versioned registry (as-of requests apply it): valid-from/to in naive UTC.
            def _at(value: datetime | None) -> datetime | None:
                return None if value is None else utc_naive(value)

            _copy_rows(
                con,
                "enterprise_history",
                (
                    "uscc",
                    "region",
                    "industry",
                    "division",
                    "high_tech",
                    "equipment",
                    "energy_intensive",
                    "valid_from",
                    "valid_to",
                ),
                (
                    (
                        u,
                        r,
                        i,
                        i[:2],
                        ht,
                        i[:2] in equipment,
                        i[:2] in ENERGY_INTENSIVE_DIVISIONS,
                        _at(vf),
                        _at(vt),
                    )
                    for u, r, i, ht, vf, vt in EnterpriseHistory.objects.values_list(
                        "enterprise_id",
                        "region_id",
                        "industry_id",
                        "industry__high_tech",
                        "valid_from",
                        "valid_to",
                    ).iterator(chunk_size=5000)
                ),
                Path(workdir),
            )
            _copy_rows(
                con,
                "above_scale_history",
                ("uscc", "from_ym", "to_ym", "valid_from", "valid_to"),
                (
                    (u, f, t, _at(vf), _at(vt))
                    for u, f, t, vf, vt in AboveScaleSpellHistory.objects.values_list(
                        "enterprise_id", "from_ym", "to_ym", "valid_from", "valid_to"
                    ).iterator(chunk_size=5000)
                ),
                Path(workdir),
            )
            _copy_rows(
                con,
                "enterprise_chain_history",
                ("uscc", "chain", "role", "valid_from", "valid_to"),
                (
                    (u, c, r or None, _at(vf), _at(vt))
                    for u, c, r, vf, vt in ChainMembershipHistory.objects.values_list(
                        "enterprise_id", "chain_id", "role", "valid_from", "valid_to"
                    ).iterator(chunk_size=5000)
                ),
                Path(workdir),
            )
            monthly_fields = ["enterprise_id", *_MONTHLY_COLUMNS[1:-1], "batch__withdrawn_at"]
            _copy_rows(
                con,
                "monthly",
                _MONTHLY_COLUMNS,
                (
                    (
                        row[0],
                        row[1],
                        row[2],
                        utc_naive(row[3]),
                        *row[4:-1],
                        _naive_or_none(row[-1]),
                    )
                    for row in MonthlyReport.objects.order_by("ym", "enterprise_id", "revision")
                    .values_list(*monthly_fields)
                    .iterator(chunk_size=10000)
                ),
                Path(workdir),
            )
            _copy_rows(
                con,
                "reference",
                ("series", "scope", "period", "revision", "recorded_at", "value", "withdrawn_at"),
                (
                    (s, sc, p, rev, utc_naive(at), v, _naive_or_none(w))
                    for s, sc, p, rev, at, v, w in ReferenceValue.objects.values_list(
                        "series",
                        "scope",
                        "period",
                        "revision",
                        "recorded_at",
                        "value",
                        "batch__withdrawn_at",
                    ).iterator(chunk_size=5000)
                ),
                Path(workdir),
            )
            # Last: the derived table the engine reads for requests without as_of; it is
            # computed from the tables above and must see them complete.
            derived_build(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
    os.replace(tmp, final)
    pointer_tmp = directory / ".CURRENT.tmp"
    pointer_tmp.write_text(final.name, encoding="utf-8")
    os.replace(pointer_tmp, directory / "CURRENT")
    snapshot_prune(directory, keep=final.name)
    return SnapshotInfo(path=final, data_version=version)


def derived_build(
    con: duckdb.DuckDBPyConnection, *, reuse: str | None = None, added: Collection[int] = ()
) -> None:
    """``engine.derived.build`` in one transaction: committing each month's statement on its
    own writes it to the write-ahead log first, about a quarter more work for the same file
    (the transaction's rows are held until the commit: ≈ 90 MB more at 360,000 reports).
    ``reuse`` and ``added``: see ``derived.build``."""
    con.execute("BEGIN")
    try:
        derived.build(con, reuse=reuse, added=added)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def snapshot_prune(directory: Path, keep: str) -> None:
    """Remove superseded snapshots; a reader that still has one open keeps its inode."""
    for path in directory.glob("snapshot-*.duckdb"):
        if path.name != keep:
            path.unlink(missing_ok=True)
    for path in directory.glob(".building-*.duckdb"):
        if path.name != keep and (datetime.now().timestamp() - path.stat().st_mtime) > 3600:
            path.unlink(missing_ok=True)
