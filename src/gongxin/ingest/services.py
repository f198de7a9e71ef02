"""Import a file, all or nothing: read, validate every row, then write in one transaction.

``import_file`` is the one entry point for the CLI and the web upload:

1. read the file (``reader.py``) and map its header to the kind's columns (``columns.py``);
2. parse every row and run the kind's checks, collecting *every* problem;
3. any problem → nothing is written; the attempt is logged as a rejected ``ImportBatch`` (its own
   small transaction: the import log, not data) and the problems are returned;
4. otherwise one transaction writes the records, their audit entries, the committed batch with
   its report, and bumps the data version; after it commits the analytic snapshot is refreshed
   so the engine sees the data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongxin.bulk import gc_paused
from gongxin.errors import UserError
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import ImportKind, WriteContext, import_kinds
from gongxin.ingest.limits import LIMITS
from gongxin.ingest.models import ImportBatch
from gongxin.ingest.parsing import Parsed, with_headers
from gongxin.ingest.problems import Problem, sort_problems
from gongxin.ingest.reader import FileFormatError
from gongxin.ingest.signals import import_committed, touched_periods
from gongxin.ingest.worker import WorkerError, parse_bounded
from gongxin.registry.models import AuditEntry

ERR_UNKNOWN_KIND = "未知的导入类型“{kind}”：可用 {kinds}"
ERR_FILE_NOT_FOUND = "文件不存在：{path}"
ERR_TOO_LARGE = "文件过大（{size:.1f} MB，上限 {limit:.0f} MB）：请拆分后分批导入"
ERR_CONCURRENT = "导入期间数据被另一次导入同时修改：本次未写入任何数据，请重新导入"
MSG_COMMITTED = "{label}导入完成，{details}"
MSG_NOTHING = "{label}文件只有表头、没有数据行：没有需要导入的内容"
MSG_REJECTED = "{label}未导入：发现 {count} 个问题，未写入任何数据；请修改文件后重新导入"
WARN_SNAPSHOT = (
    "数据已导入，但分析快照未能更新（{detail}）：查询前会自动重建，也可运行 gongxin rebuild"
)

# Problems kept in a rejected batch's report (the count is always kept).
STORED_PROBLEMS = 1000

COMMITTED = "committed"
REJECTED = "rejected"
EMPTY = "empty"


@dataclass
class ImportResult:
    kind: str
    label: str
    filename: str
    status: str  # COMMITTED, REJECTED or EMPTY (header only: nothing to import)
    message: str
    batch_id: int | None = None
    rows: int = 0
    summary: dict[str, int] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != REJECTED

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "file": self.filename,
            "status": self.status,
            "message": self.message,
            "batch": self.batch_id,
            "rows": self.rows,
            "summary": self.summary,
            "error_count": len(self.errors),
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def import_kind_get(*, kind: str) -> ImportKind:
    kinds = import_kinds()
    if kind not in kinds:
        raise UserError(ERR_UNKNOWN_KIND.format(kind=kind, kinds="、".join(kinds)))
    return kinds[kind]


def _fingerprint(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


Gate = Callable[[list[Record]], list[Problem]]


def import_file(
    *,
    kind: str,
    path: Path,
    actor: str,
    filename: str | None = None,
    gate: Gate | None = None,
) -> ImportResult:
    """Import ``path`` as ``kind``; the result says what was written or why nothing was.

    The file is parsed in a bounded worker process (``worker.py``). ``gate``, if given, sees the
    parsed records first: any problem it returns rejects the file with those problems alone (the
    web upload's scope check, which must not tell a county user more about other rows).

    Raises :class:`UserError` only for a request that cannot be an import attempt at all (an
    unknown kind, a missing file); every problem with the file's content is in the result.
    """
    spec = import_kind_get(kind=kind)
    path = Path(path)
    if not path.is_file():
        raise UserError(ERR_FILE_NOT_FOUND.format(path=path))
    filename = filename or path.name
    sha256, size = _fingerprint(path)
    batch_fields = {
        "kind": kind,
        "filename": filename[:255],
        "sha256": sha256,
        "size": size,
        "actor": actor,
    }
    result = ImportResult(
        kind=kind, label=spec.label, filename=filename, status=REJECTED, message=""
    )

    limit = settings.GONGXIN_MAX_IMPORT_BYTES
    if size > limit:
        problem = Problem(None, None, ERR_TOO_LARGE.format(size=size / 2**20, limit=limit / 2**20))
        return _reject(result, [problem], [], batch_fields)
    # Receiving, checking and writing hundreds of thousands of records: see ``bulk.py``.
    with gc_paused():
        changed, touched = _import(spec, path, actor, gate, result, batch_fields)
    if changed:
        # After commit and snapshot: e.g. the warnings of the touched periods are evaluated.
        import_committed.send(
            sender=ImportKind, kind=kind, periods=touched, actor=actor, batch_id=result.batch_id
        )
    return result


def _import(
    spec: ImportKind,
    path: Path,
    actor: str,
    gate: Gate | None,
    result: ImportResult,
    batch_fields: dict,
) -> tuple[bool, frozenset | None]:
    """Parse, check, write and refresh the snapshot; whether the snapshot's data changed, and
    the periods the file touched (None for a kind without periods). ``result`` is filled in.
    """
    kind = spec.name
    try:
        parsed = parse_bounded(
            kind=kind,
            path=path,
            limits=LIMITS,
            memory_mb=settings.GONGXIN_IMPORT_WORKER_MEMORY_MB,
            seconds=settings.GONGXIN_IMPORT_WORKER_SECONDS,
        )
    except (FileFormatError, WorkerError) as exc:
        _reject(result, [Problem(None, None, str(exc))], [], batch_fields)
        return False, None
    if gate is not None and (problems := gate(parsed.records)):
        result.rows = len(parsed.records)
        _reject(result, problems, [], batch_fields, parsed)
        return False, None
    required = {c.key for c in spec.schema.columns if c.required}
    if parsed.records and required <= parsed.present:
        # Rows with a bad cell are checked too (their bad values are None), so one pass over
        # the file reports every problem, not only the first kind of problem. Without a
        # required column the cross-row checks would only repeat that one problem.
        findings = spec.check(parsed.records, parsed.present)
        parsed.errors += findings.errors
        parsed.warnings += findings.warnings
    result.rows = len(parsed.records)
    if parsed.errors:
        _reject(result, parsed.errors, parsed.warnings, batch_fields, parsed)
        return False, None
    if not parsed.records:
        result.status = EMPTY
        result.message = MSG_NOTHING.format(label=spec.label)
        result.warnings = with_headers(parsed.warnings, spec.schema, parsed.headers)
        batch = ImportBatch.objects.create(
            status=ImportBatch.Status.COMMITTED, rows=0, report=_report(result), **batch_fields
        )
        result.batch_id = batch.pk
        return False, None
    try:
        version, ctx = _commit(spec, parsed, result, batch_fields, actor)
    except IntegrityError:
        _reject(result, [Problem(None, None, ERR_CONCURRENT)], parsed.warnings, batch_fields)
        return False, None
    if not version:
        return False, None
    touched = touched_periods(spec.schema.keys, parsed.records)
    del parsed  # the records are written; the snapshot needs at most ctx.monthly_rows
    _refresh_snapshot(result, version, ctx)
    return True, touched


def _commit(
    spec: ImportKind, parsed: Parsed, result: ImportResult, batch_fields: dict, actor: str
) -> tuple[int, WriteContext]:
    """Write in one transaction; the data version it set (0: nothing written) and the context."""
    from gongxin.stats.models import DataVersion

    now = timezone.now()
    version = 0
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            status=ImportBatch.Status.COMMITTED, rows=len(parsed.records), **batch_fields
        )
        ctx = WriteContext(batch=batch, actor=actor, now=now, present=parsed.present)
        result.summary = spec.write(parsed.records, ctx)
        result.status = COMMITTED
        result.batch_id = batch.pk
        result.warnings = with_headers(parsed.warnings, spec.schema, parsed.headers)
        details = spec.summary_line(result.summary)
        result.message = MSG_COMMITTED.format(label=spec.label, details=details)
        AuditEntry.objects.create(
            actor=actor,
            action="import",
            entity=spec.name,
            key=f"batch:{batch.pk}",
            field="",
            old="",
            new=f"{result.filename}：{details}",
            batch_id=batch.pk,
        )
        if result.summary.get("written", 0) and spec.in_snapshot:
            # Nothing new (an identical re-import), or records the snapshot does not hold, leave
            # the version, and so the snapshot and the engine's caches, as they are.
            version = DataVersion.bump()
        batch.report = _report(result)
        batch.save(update_fields=["report"])
    return version, ctx


def _refresh_snapshot(result: ImportResult, version: int, ctx: WriteContext) -> None:
    import duckdb

    from gongxin.ingest.snapshot_append import snapshot_append_monthly
    from gongxin.stats.snapshot import snapshot_ensure

    try:
        # Appending the new monthly rows to the previous snapshot gives what a rebuild gives,
        # without reading every record back; it declines when it cannot be sure of that.
        if not ctx.monthly_rows or not snapshot_append_monthly(
            version=version, rows=ctx.monthly_rows, recorded_at=ctx.now
        ):
            snapshot_ensure()
    except (OSError, duckdb.Error) as exc:
        # The records are committed and are the truth; a stale snapshot is rebuilt before use.
        result.warnings.append(Problem(None, None, WARN_SNAPSHOT.format(detail=exc)))


def _report(result: ImportResult) -> dict[str, object]:
    report = result.as_dict()
    report["errors"] = report["errors"][:STORED_PROBLEMS]  # type: ignore[index]
    return report


def _reject(
    result: ImportResult,
    errors: list[Problem],
    warnings: list[Problem],
    batch_fields: dict,
    parsed: Parsed | None = None,
) -> ImportResult:
    schema = import_kind_get(kind=result.kind).schema
    if parsed is not None:
        errors = with_headers(errors, schema, parsed.headers)
        warnings = with_headers(warnings, schema, parsed.headers)
    result.status = REJECTED
    result.errors = sort_problems(errors, order=list(schema.keys))
    result.warnings = warnings
    result.summary = {}
    result.message = MSG_REJECTED.format(label=result.label, count=len(errors))
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            status=ImportBatch.Status.REJECTED,
            rows=result.rows,
            report=_report(result),
            **batch_fields,
        )
    result.batch_id = batch.pk
    return result
