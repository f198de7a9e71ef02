"""Key projects (重点项目): one row per project and year, its plan revisions and monthly reports.

A project's plan as first imported for a year is its **baseline** (``baseline_*`` fields, never
changed afterwards); the current plan is the latest revision. Every imported version of the plan
is kept in ``ProjectPlanRevision`` and every version of a month's report in ``ProjectProgress``
(``current`` marks the latest revision of a project-month, the one the figures read).
"""

from django.db import models

from gongxin.city.models import Chain, Region
from gongxin.registry.models import Enterprise

KIND_CHOICES = [(k, k) for k in ("强链", "延链", "补链", "技改", "新建", "其他")]
GRADE_CHOICES = [(k, k) for k in ("省重点", "市重点", "县重点")]
POOL_CHOICES = [(k, k) for k in ("储备", "计划", "实施")]

# The plan fields an import may revise; a revision stores all of them.
PLAN_FIELDS = (
    "name",
    "owner",
    "uscc",
    "region_id",
    "chain_id",
    "kind",
    "grade",
    "pool",
    "total_investment",
    "plan_investment",
    "plan_start",
    "plan_production",
    "lng",
    "lat",
)


class Project(models.Model):
    code = models.CharField("项目编号", max_length=32)
    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("项目名称", max_length=200)
    owner = models.CharField("项目单位", max_length=200)
    uscc = models.CharField("项目单位统一社会信用代码", max_length=18, blank=True)
    # Set when the USCC is in the roster at import time (a new investor need not be).
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="项目单位"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="所属区县")
    chain = models.ForeignKey(
        Chain, null=True, blank=True, on_delete=models.PROTECT, verbose_name="所属产业链"
    )
    kind = models.CharField("项目类型", max_length=8, choices=KIND_CHOICES)
    grade = models.CharField("项目级别", max_length=8, blank=True, choices=GRADE_CHOICES)
    pool = models.CharField("项目库", max_length=8, choices=POOL_CHOICES, default="实施")
    total_investment = models.FloatField("总投资(万元)")
    plan_investment = models.FloatField("年度计划投资(万元)")
    plan_start = models.DateField("计划开工日期", null=True, blank=True)
    plan_production = models.DateField("计划投产日期", null=True, blank=True)
    lng = models.FloatField("经度", null=True, blank=True)
    lat = models.FloatField("纬度", null=True, blank=True)
    baseline_plan_investment = models.FloatField("基线年度计划投资(万元)")
    baseline_plan_start = models.DateField("基线计划开工日期", null=True, blank=True)
    baseline_plan_production = models.DateField("基线计划投产日期", null=True, blank=True)
    revision = models.PositiveIntegerField("计划版本", default=1)
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        ordering = ["year", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="project_code_year")]
        indexes = [models.Index(fields=["year", "region"])]
        verbose_name = verbose_name_plural = "重点项目"

    def __str__(self) -> str:
        return f"{self.code} {self.name}（{self.year}）"


class ProjectPlanRevision(models.Model):
    """Every imported version of a project's plan; revision 1 is the baseline."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField("版本")
    recorded_at = models.DateTimeField("记录时间")
    actor = models.CharField("操作人", max_length=150)
    batch_id = models.BigIntegerField("导入批次", null=True, blank=True)
    values = models.JSONField("计划内容")
    changed = models.JSONField("变更字段", default=list)

    class Meta:
        ordering = ["project", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["project", "revision"], name="project_plan_revision")
        ]
        verbose_name = verbose_name_plural = "项目计划版本"

    def __str__(self) -> str:
        return f"{self.project} 第 {self.revision} 版"


class ProjectProgress(models.Model):
    """One version of a project's report for one month (values for that month alone)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress")
    ym = models.PositiveIntegerField("报告期")
    revision = models.PositiveIntegerField("版本", default=1)
    current = models.BooleanField("最新版本", default=True)
    recorded_at = models.DateTimeField("记录时间")
    batch_id = models.BigIntegerField("导入批次", null=True, blank=True)
    investment = models.FloatField("本月完成投资(万元)")
    started_on = models.DateField("实际开工日期", null=True, blank=True)
    in_stats_on = models.DateField("纳统日期", null=True, blank=True)
    production_on = models.DateField("实际投产日期", null=True, blank=True)
    problem = models.TextField("存在问题", blank=True)

    class Meta:
        ordering = ["project", "ym", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "ym", "revision"], name="project_progress_revision"
            )
        ]
        indexes = [models.Index(fields=["current", "ym"])]
        verbose_name = verbose_name_plural = "项目月度进展"

    def __str__(self) -> str:
        return f"{self.project} {self.ym} 第 {self.revision} 版"


class ProjectYtd(models.Model):
    """Derived: a project's year to date at the end of month ``ym`` (the figures read this).

    Kept by the progress import (``services.progress_record``) from the current revisions of
    ``ProjectProgress``, for every month from a project's first reported month of the year to
    December (a month without a report carries the month before forward), so the figures of a
    period are one indexed ``ym = period`` read instead of an aggregation of every month.
    ``services.projects_ytd_rebuild`` rebuilds it from the records.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ytd")
    ym = models.PositiveIntegerField("报告期")
    investment = models.FloatField("累计完成投资(万元)")
    started_on = models.DateField("实际开工日期", null=True, blank=True)
    in_stats_on = models.DateField("纳统日期", null=True, blank=True)
    production_on = models.DateField("实际投产日期", null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ym", "project"], name="project_ytd_month")]
        verbose_name = verbose_name_plural = "项目年初至今进展"

    def __str__(self) -> str:
        return f"{self.project_id} {self.ym}"
