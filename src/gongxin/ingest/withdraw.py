"""Withdraw a whole committed import (撤回导入): its revisions stop counting from that moment.

Nothing is deleted — revisions are kept, as everywhere. The batch gets ``withdrawn_at``; every
reader takes "the latest revision recorded by T whose import was not withdrawn by T" (the
engine through the snapshot's ``withdrawn_at`` column, daily electricity and the import checks
through the batch), so ``--as-of`` before the withdrawal still sees the figures, and a later
import of the same month is numbered after the withdrawn revision.

``batch_withdraw`` is the one place that decides who may do it: a city admin on the web; on the
command line the server's operator (who runs every other ``gongxin`` command, imports included).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongxin.errors import UserError
from gongxin.ingest.kinds import import_kinds
from gongxin.ingest.models import ImportBatch
from gongxin.registry.models import AuditEntry
from gongxin.registry.permissions import IMPORT_WITHDRAW, Actor

# Kinds whose records are revisions that a withdrawal can stop counting. A roster is a
# register, not revisions of figures: it is corrected by importing a corrected roster.
WITHDRAWABLE = ("monthly", "reference", "daily")

ERR_NOT_ALLOWED = "只有市级管理员可以撤回导入"
ERR_NO_BATCH = "导入批次 #{batch} 不存在"
ERR_NOT_COMMITTED = "导入批次 #{batch} 未导入任何数据（{status}），无需撤回"
ERR_ALREADY = "导入批次 #{batch} 已于 {at} 由 {by} 撤回，不能重复撤回"
ERR_ROSTER = "企业名录导入不能撤回：名录的更正请导入一份更正后的企业名录"
ERR_KIND = "{label}导入不能撤回：只有月度运行数据、参考数据和日用电量导入可以撤回"
MSG_DONE = "已撤回导入批次 #{batch}（{label}，{filename}）：其数据自 {at} 起不再计入"
WARN_SNAPSHOT = (
    "撤回已生效，但分析快照未能更新（{detail}）：查询前会自动重建，也可运行 gongxin rebuild"
)


class WithdrawNotAllowed(UserError):
    """The actor may not withdraw imports (the web answers 403)."""


@dataclass
class WithdrawResult:
    batch: ImportBatch
    message: str
    warnings: list[str]


def _actor_name(actor: Actor) -> str:
    """The actor's name for the log, or WithdrawNotAllowed (the role table: city admin, CLI)."""
    if not actor.can(IMPORT_WITHDRAW):
        raise WithdrawNotAllowed(ERR_NOT_ALLOWED)
    return actor.name


def batch_withdraw_allowed(*, actor: Actor, batch: ImportBatch) -> bool:
    """Whether the history should offer ``actor`` a withdraw button for ``batch``."""
    try:
        _actor_name(actor)
    except UserError:
        return False
    return (
        batch.status == ImportBatch.Status.COMMITTED
        and batch.withdrawn_at is None
        and batch.kind in WITHDRAWABLE
        and batch.rows > 0
    )


def batch_withdraw(*, actor: Actor, batch: ImportBatch | int) -> WithdrawResult:
    """Withdraw ``batch`` as ``actor``; raises UserError with the reason when it cannot."""
    from gongxin.stats.models import DataVersion

    name = _actor_name(actor)
    pk = batch.pk if isinstance(batch, ImportBatch) else int(batch)
    now = timezone.now()
    version = 0
    with transaction.atomic():
        row = ImportBatch.objects.select_for_update().filter(pk=pk).first()
        if row is None:
            raise UserError(ERR_NO_BATCH.format(batch=pk))
        if row.withdrawn_at is not None:
            at = timezone.localtime(row.withdrawn_at).strftime("%Y-%m-%d %H:%M")
            raise UserError(ERR_ALREADY.format(batch=pk, at=at, by=row.withdrawn_by))
        if row.kind == ImportBatch.Kind.ROSTER:
            raise UserError(ERR_ROSTER)
        if row.kind not in WITHDRAWABLE:
            raise UserError(ERR_KIND.format(label=row.get_kind_display()))
        if row.status != ImportBatch.Status.COMMITTED or row.rows == 0:
            status = row.get_status_display() if row.rows else "只有表头"
            raise UserError(ERR_NOT_COMMITTED.format(batch=pk, status=status))
        row.withdrawn_at = now
        row.withdrawn_by = name
        row.save(update_fields=["withdrawn_at", "withdrawn_by"])
        AuditEntry.objects.create(
            actor=name,
            action="withdraw",
            entity=row.kind,
            key=f"batch:{pk}",
            field="",
            old=f"{row.filename}：已导入",
            new="已撤回",
            batch_id=pk,
        )
        if import_kinds()[row.kind].in_snapshot:
            version = DataVersion.bump()
    at = timezone.localtime(now).strftime("%Y-%m-%d %H:%M:%S")
    result = WithdrawResult(
        batch=row,
        message=MSG_DONE.format(
            batch=pk, label=row.get_kind_display(), filename=row.filename, at=at
        ),
        warnings=[],
    )
    if version:
        import duckdb

        from gongxin.stats.snapshot import snapshot_ensure

        try:
            snapshot_ensure()
        except (OSError, duckdb.Error) as exc:
            result.warnings.append(WARN_SNAPSHOT.format(detail=exc))
    return result
