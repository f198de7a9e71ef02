"""The import log: one batch per file a user tried to import, committed or rejected."""

from django.db import models


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        ROSTER = "roster", "企业名录"
        MONTHLY = "monthly", "月度运行数据"
        REFERENCE = "reference", "参考数据"
        DAILY = "daily", "日用电量"
        # The programme's files (shared/docs/programme-contract.md); each has a module in kinds/.
        PROJECTS = "projects", "重点项目清单"
        PROJECT_PROGRESS = "project-progress", "项目月度进展"
        CHAIN_MAP = "chain-map", "产业链图谱"
        CHAIN_ACTIVITIES = "chain-activities", "链长活动"
        CHAIN_PROBLEMS = "chain-problems", "断点堵点问题"
        CHAIN_TARGETS = "chain-targets", "招商目标"
        COMMISSIONERS = "commissioners", "服务专员"
        APPEALS = "appeals", "企业诉求"

    class Status(models.TextChoices):
        COMMITTED = "committed", "已导入"
        REJECTED = "rejected", "未导入（有错误）"

    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    filename = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("校验和", max_length=64)
    size = models.BigIntegerField("字节数", default=0)
    actor = models.CharField("操作人", max_length=150)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices)
    rows = models.PositiveIntegerField("数据行数", default=0)
    # {"errors": [...], "warnings": [...], "summary": {...}} as shown to the user.
    report = models.JSONField("导入报告", default=dict)
    # A committed import taken back as a whole (ingest.withdraw): its records stay (revisions
    # are never deleted) but stop counting from this moment; as-of before it still sees them.
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.CharField("撤回人", max_length=150, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "导入批次"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename} ({self.get_status_display()})"
