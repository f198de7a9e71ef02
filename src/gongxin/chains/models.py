"""The chain-chief system (产业链链长制): chain maps, activities, problems and 招商 targets.

Chains themselves (code, name, 链长) come from the city configuration (``city.Chain``); firms'
memberships from the roster (``registry.ChainMembership``). Nodes keep their parent as a code
within the chain, as the chain-map file gives it, so a re-import replaces a tree wholesale.
"""

from django.db import models

from gongxin.city.models import Chain
from gongxin.registry.models import Enterprise

STREAM_CHOICES = [(v, v) for v in ("上游", "中游", "下游")]
STRENGTH_CHOICES = [(v, v) for v in ("强", "弱", "缺", "风险")]
ACTIVITY_KIND_CHOICES = [(v, v) for v in ("问链", "巡链", "诊链")]
ACTIVITY_FORM_CHOICES = [
    (v, v) for v in ("调度会", "座谈会", "现场调研", "现场办公", "专题活动", "专家诊断")
]
CATEGORY_CHOICES = [
    (v, v) for v in ("要素保障", "融资", "用工", "技术", "市场", "审批", "配套", "其他")
]
TARGET_STAGE_CHOICES = [(v, v) for v in ("线索", "洽谈", "签约", "落地")]


class ProblemStatus(models.TextChoices):
    OPEN = "open", "待交办"
    ASSIGNED = "assigned", "已交办"
    IN_PROGRESS = "in_progress", "推进中"
    SOLVED = "solved", "已解决"
    CLOSED = "closed", "已销号"


DONE_STATUSES = frozenset({ProblemStatus.SOLVED, ProblemStatus.CLOSED})


class ChainNode(models.Model):
    chain = models.ForeignKey(Chain, on_delete=models.PROTECT, related_name="nodes")
    code = models.CharField("环节编号", max_length=32)
    parent = models.CharField("上级环节编号", max_length=32, blank=True)
    name = models.CharField("环节名称", max_length=100)
    stream = models.CharField("链段", max_length=4, choices=STREAM_CHOICES)
    classes = models.JSONField("行业代码", default=list)  # 4-digit GB/T 4754 classes
    strength = models.CharField("环节评估", max_length=4, blank=True, choices=STRENGTH_CHOICES)
    order = models.PositiveIntegerField("顺序", default=0)  # the row order of the file

    class Meta:
        ordering = ["chain", "order"]
        verbose_name = verbose_name_plural = "产业链环节"
        constraints = [
            models.UniqueConstraint(fields=["chain", "code"], name="uniq_chain_node"),
        ]

    def __str__(self) -> str:
        return f"{self.chain_id}/{self.code} {self.name}"


class ChainActivity(models.Model):
    """问链 / 巡链 / 诊链: one meeting, visit or diagnosis by a chain's leaders or experts."""

    chain = models.ForeignKey(Chain, on_delete=models.PROTECT, related_name="activities")
    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=4, choices=ACTIVITY_KIND_CHOICES)
    form = models.CharField("形式", max_length=8, choices=ACTIVITY_FORM_CHOICES)
    leader = models.CharField("带队", max_length=100)
    enterprises = models.JSONField("企业", default=list)  # USCCs
    summary = models.TextField("内容摘要")

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = verbose_name_plural = "链长活动"

    def __str__(self) -> str:
        return f"{self.date} {self.chain_id} {self.kind}"


class ChainProblem(models.Model):
    """A break point (断点) or blockage (堵点): worked like a warning until struck off (销号)."""

    code = models.CharField("问题编号", max_length=32, unique=True)
    chain = models.ForeignKey(Chain, on_delete=models.PROTECT, related_name="problems")
    node = models.CharField("环节编号", max_length=32, blank=True)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, null=True, blank=True, verbose_name="企业"
    )
    # The enterprise's region when the problem was opened: a county user works its own.
    region = models.CharField("所属区县", max_length=6, blank=True, db_index=True)
    category = models.CharField("类别", max_length=8, choices=CATEGORY_CHOICES)
    description = models.TextField("问题描述")
    owner_unit = models.CharField("责任单位", max_length=100, blank=True)
    opened_on = models.DateField("提出日期")
    deadline = models.DateField("办结时限")
    status = models.CharField(
        "状态", max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    solved_on = models.DateField("解决日期", null=True, blank=True)
    activity = models.ForeignKey(
        ChainActivity, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="来源活动"
    )

    class Meta:
        ordering = ["-opened_on", "code"]
        verbose_name = verbose_name_plural = "断点堵点问题"

    def __str__(self) -> str:
        return f"{self.code} {self.description[:20]}"

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES


class ChainProblemEvent(models.Model):
    """The history of a problem: every action, who took it and what it changed."""

    problem = models.ForeignKey(ChainProblem, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.CharField("操作人", max_length=150)
    action = models.CharField("动作", max_length=16)
    from_status = models.CharField("原状态", max_length=12, blank=True)
    to_status = models.CharField("新状态", max_length=12, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = verbose_name_plural = "问题处理记录"

    def __str__(self) -> str:
        return f"{self.problem_id} {self.action} {self.to_status}"


class ChainTarget(models.Model):
    """A 招商 target for a weak or missing node."""

    chain = models.ForeignKey(Chain, on_delete=models.PROTECT, related_name="targets")
    node = models.CharField("环节编号", max_length=32)
    company = models.CharField("目标企业", max_length=200)
    location = models.CharField("所在地", max_length=100, blank=True)
    stage = models.CharField("阶段", max_length=4, choices=TARGET_STAGE_CHOICES)
    project_code = models.CharField("项目编号", max_length=32, blank=True)

    class Meta:
        ordering = ["chain", "node", "company"]
        verbose_name = verbose_name_plural = "招商目标"
        constraints = [
            models.UniqueConstraint(fields=["chain", "node", "company"], name="uniq_chain_target"),
        ]

    def __str__(self) -> str:
        return f"{self.chain_id}/{self.node} {self.company}"
