"""Load the demo files through the platform's real importers, as a user would.

Files go in the order a bureau receives them: roster, reference series, the monthly files, the
corrections. A file already imported by the demo (same content, by its SHA-256) is skipped, so
running ``gongxin demo`` again never duplicates anything and an interrupted load resumes.
The demo refuses to mix into a database that holds other enterprise data or another demo.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gongxin.errors import UserError

DEMO_ACTOR = "demo"

ERR_OTHER_DATA = (
    "数据库中已有 {count} 家企业的数据（并非演示数据）：演示数据不会混入真实数据。"
    "请为演示另设数据目录（例如 GONGXIN_DATA_DIR=./var-demo gongxin demo），"
    "或加 --files-only 只生成文件"
)
ERR_OTHER_DEMO = (
    "数据库中已载入另一份演示数据（不同的 --seed 或规模）：不会重复载入。"
    "请另设数据目录（GONGXIN_DATA_DIR）后再运行，或使用与上次相同的参数"
)


@dataclass
class LoadOutcome:
    imported: list[tuple[str, object]] = field(default_factory=list)  # (file, ImportResult)
    skipped: list[str] = field(default_factory=list)  # files already imported earlier
    failed: tuple[str, object] | None = None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_initialised(actor: str = DEMO_ACTOR) -> None:
    """What ``gongxin init`` does: migrate, load city configuration and classifications.

    Both steps are idempotent, so running them on an initialised database changes nothing.
    """
    from django.conf import settings
    from django.core.management import call_command

    from gongxin.city.services import city_sync

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    city_sync(actor=actor)


def files_to_import(files: list[tuple[str, Path]]) -> tuple[list[tuple[str, Path]], list[str]]:
    """The files still to import and those the demo imported before (skipped).

    Raises :class:`UserError` when the database holds data the demo must not mix with.
    """
    from gongxin.ingest.models import ImportBatch
    from gongxin.registry.models import Enterprise

    done = set(
        ImportBatch.objects.filter(
            actor=DEMO_ACTOR, status=ImportBatch.Status.COMMITTED
        ).values_list("sha256", flat=True)
    )
    enterprises = Enterprise.objects.count()
    if enterprises and not done:
        raise UserError(ERR_OTHER_DATA.format(count=enterprises))
    hashes = {path.name: sha256(path) for _, path in files}
    if done - set(hashes.values()):
        raise UserError(ERR_OTHER_DEMO)
    todo = [(kind, path) for kind, path in files if hashes[path.name] not in done]
    skipped = [path.name for _, path in files if hashes[path.name] in done]
    return todo, skipped


def load_files(
    files: list[tuple[str, Path]],
    *,
    progress: Callable[[str, object], None] | None = None,
) -> LoadOutcome:
    """Import ``files`` ((kind, path) in order) as actor ``demo``; stop at the first failure."""
    from gongxin.ingest.services import import_file

    todo, skipped = files_to_import(files)
    outcome = LoadOutcome(skipped=skipped)
    for kind, path in todo:
        result = import_file(kind=kind, path=path, actor=DEMO_ACTOR)
        if progress:
            progress(path.name, result)
        if not result.ok:
            outcome.failed = (path.name, result)
            break
        outcome.imported.append((path.name, result))
    return outcome


@dataclass(frozen=True)
class DatabaseCounts:
    enterprises: int
    months: int
    reports: int  # enterprise-months
    revisions: int  # stored monthly rows, all revisions
    corrected: int  # enterprise-months with more than one revision
    reference: int


def database_counts() -> DatabaseCounts:
    from django.db.models import Count

    from gongxin.registry.models import Enterprise
    from gongxin.stats.models import MonthlyReport, ReferenceValue

    monthly = MonthlyReport.objects
    pairs = monthly.values("enterprise_id", "ym").annotate(n=Count("id"))
    return DatabaseCounts(
        enterprises=Enterprise.objects.count(),
        months=monthly.values("ym").distinct().count(),
        reports=pairs.count(),
        revisions=monthly.count(),
        corrected=pairs.filter(n__gt=1).count(),
        reference=ReferenceValue.objects.count(),
    )
