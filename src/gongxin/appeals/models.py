"""Appeals, their steps, and the pairing of service commissioners with enterprises."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongxin.city.models import Region
from gongxin.registry.models import Enterprise


class Status(models.TextChoices):
    SUBMITTED = "submitted", "待签收"
    RETURNED = "returned", "已退单待改派"
    ACCEPTED = "accepted", "办理中"
    ANSWERED = "answered", "已答复"
    RATED = "rated", "已评价"
    CLOSED = "closed", "已办结"
    MERGED = "merged", "已合并"
    WITHDRAWN = "withdrawn", "已撤回"


class Rating(models.TextChoices):
    SATISFIED = "满意", "满意"
    BASICALLY = "基本满意", "基本满意"
    UNSATISFIED = "不满意", "不满意"


class Source(models.TextChoices):
    LIVE = "live", "平台受理"
    HISTORY = "history", "历史导入"


class Appeal(models.Model):
    """One appeal of one enterprise, routed to one responsible unit (责任单位)."""

    code = models.CharField("诉求编号", max_length=32, unique=True)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="appeals", verbose_name="企业"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="所属区县")
    category = models.CharField("诉求类别", max_length=32)
    unit = models.CharField("责任单位", max_length=64, db_index=True)
    title = models.CharField("诉求标题", max_length=200)
    description = models.TextField("诉求内容", blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    source = models.CharField("来源", max_length=8, choices=Source.choices, default=Source.LIVE)
    submitted_by = models.CharField("提交人", max_length=150, blank=True)
    submitted_at = models.DateTimeField("提交时间", db_index=True)
    # When the appeal last reached its unit (submission or re-routing): the limits run from here.
    routed_at = models.DateTimeField("派单时间")
    accepted_at = models.DateTimeField("签收时间", null=True, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    sign_due = models.DateField("签收时限")
    answer_due = models.DateField("答复时限")
    solve_due = models.DateField("办结时限")
    answer = models.TextField("答复内容", blank=True)
    rating = models.CharField("评价", max_length=8, choices=Rating.choices, blank=True)
    solved = models.BooleanField("是否解决", null=True, blank=True)
    reopen_count = models.PositiveIntegerField("重办次数", default=0)
    extension_days = models.PositiveIntegerField("申请延期（工作日）", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, verbose_name="并入诉求"
    )
    batch = models.ForeignKey(
        "ingest.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "企业诉求"
        ordering = ["-submitted_at", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AppealEvent(models.Model):
    """One step of an appeal: who did what, when, from which state to which, with a note."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=24)
    actor = models.CharField("操作人", max_length=150)
    at = models.DateTimeField("时间")
    from_status = models.CharField("原状态", max_length=16, blank=True)
    to_status = models.CharField("新状态", max_length=16, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "诉求办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.action} {self.actor}"


class Commissioner(models.Model):
    """A service commissioner (服务专员) paired with one enterprise; one per enterprise."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="服务专员"
    )
    enterprise = models.OneToOneField(
        Enterprise, on_delete=models.CASCADE, related_name="commissioner", verbose_name="企业"
    )
    since = models.DateTimeField("结对时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "服务专员结对"

    def __str__(self) -> str:
        return f"{self.user} → {self.enterprise_id}"
