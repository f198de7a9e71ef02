"""Stored warnings, the evaluations that produced them, and every step taken on them.

A warning is stored when a period is evaluated, so that a colour once published never changes
silently when data are revised: only an explicit re-evaluation changes it, and that change is
kept as a ``WarningEvent`` like any disposition. A warning that no longer fires is marked
(``firing = False``), never deleted, so its history and dispositions stay.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Level(models.TextChoices):
    RED = "red", "红色预警"
    YELLOW = "yellow", "黄色预警"
    BLUE = "blue", "蓝色提示"


# Most severe first: the order of lists and of escalation.
LEVEL_ORDER = (Level.RED, Level.YELLOW, Level.BLUE)


class Status(models.TextChoices):
    OPEN = "open", "待处置"
    ASSIGNED = "assigned", "已交办"
    ACKNOWLEDGED = "acknowledged", "已签收"
    CLOSED = "closed", "已办结"
    REOPENED = "reopened", "重新打开"


class WarningScope(models.TextChoices):
    CITY = "city", "全市"
    REGION = "region", "县市区"
    INDUSTRY = "industry", "行业大类"
    CHAIN = "chain", "产业链"
    ENTERPRISE = "enterprise", "企业"
    PROJECT = "project", "重点项目"
    APPEAL = "appeal", "企业诉求"


class Evaluation(models.Model):
    """One run of the rules over one period: what was found new, changed and resolved."""

    period = models.CharField("报告期", max_length=7, db_index=True)  # YYYY-MM
    at = models.DateTimeField("评估时间", auto_now_add=True)
    actor = models.CharField("操作人", max_length=150)
    as_of = models.DateTimeField("数据时点", null=True, blank=True)
    data_version = models.PositiveBigIntegerField("数据版本", null=True, blank=True)
    rules_source = models.CharField("规则文件", max_length=500, blank=True)
    new = models.PositiveIntegerField("新增", default=0)
    changed = models.PositiveIntegerField("级别变化", default=0)
    updated = models.PositiveIntegerField("数值更新", default=0)
    resolved = models.PositiveIntegerField("不再触发", default=0)
    unchanged = models.PositiveIntegerField("未变", default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = verbose_name_plural = "预警评估"

    def __str__(self) -> str:
        return f"{self.period} #{self.pk}"


class StoredWarning(models.Model):
    """One warning of one period: a rule kind firing on one member of one scope."""

    period = models.CharField("报告期", max_length=7)
    kind = models.CharField("预警类型", max_length=32)
    scope = models.CharField("范围", max_length=16, choices=WarningScope.choices)
    member = models.CharField("对象代码", max_length=32)
    name = models.CharField("对象名称", max_length=200)
    # The enterprise's region, or the member itself for a region warning; blank otherwise.
    region = models.CharField("所属区县", max_length=6, blank=True, db_index=True)
    level = models.CharField("级别", max_length=8, choices=Level.choices)
    indicator = models.CharField("指标", max_length=64, blank=True)
    value = models.FloatField("值", null=True, blank=True)
    threshold = models.FloatField("阈值", null=True, blank=True)
    message = models.TextField("说明")
    status = models.CharField(
        "处置状态", max_length=16, choices=Status.choices, default=Status.OPEN
    )
    firing = models.BooleanField("仍触发", default=True)
    evaluated_at = models.DateTimeField("评估时间")
    resolved_at = models.DateTimeField("不再触发时间", null=True, blank=True)
    first_evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="+", verbose_name="首次评估"
    )
    last_evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="+", verbose_name="最近评估"
    )
    assigned_region = models.CharField("交办区县", max_length=6, blank=True)
    assigned_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="交办人员",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "kind", "scope", "member"], name="uniq_warning_per_period"
            )
        ]
        indexes = [models.Index(fields=["period", "firing"])]
        ordering = ["period", "id"]
        verbose_name = verbose_name_plural = "预警"

    def __str__(self) -> str:
        return f"{self.period} {self.kind} {self.member}"


class WarningEvent(models.Model):
    """One step in a warning's life: fired, re-evaluated, assigned, noted, closed …"""

    warning = models.ForeignKey(StoredWarning, on_delete=models.CASCADE, related_name="events")
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.CharField("操作人", max_length=150)
    action = models.CharField("动作", max_length=16)
    from_status = models.CharField("原状态", max_length=16, blank=True)
    to_status = models.CharField("新状态", max_length=16, blank=True)
    from_level = models.CharField("原级别", max_length=8, blank=True)
    to_level = models.CharField("新级别", max_length=8, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "预警处置记录"

    def __str__(self) -> str:
        return f"{self.warning_id} {self.action}"
