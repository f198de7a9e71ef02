"""Enterprises, their above-scale history and chain positions; user roles; the audit log."""

from django.conf import settings
from django.db import models

from gongxin.city.models import Chain, IndustryClass, Region

OWNERSHIP_CHOICES = [(v, v) for v in ("国有", "集体", "私营", "外商投资", "港澳台投资", "其他")]
SIZE_CHOICES = [(v, v) for v in ("大型", "中型", "小型", "微型")]
CHAIN_ROLE_CHOICES = [(v, v) for v in ("链主", "骨干", "配套")]


class Enterprise(models.Model):
    uscc = models.CharField("统一社会信用代码", max_length=18, primary_key=True)
    name = models.CharField("企业名称", max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="所属区县")
    industry = models.ForeignKey(IndustryClass, on_delete=models.PROTECT, verbose_name="行业")
    ownership = models.CharField(
        "登记注册类型", max_length=8, blank=True, choices=OWNERSHIP_CHOICES
    )
    size = models.CharField("企业规模", max_length=4, blank=True, choices=SIZE_CHOICES)
    land_mu = models.FloatField("用地面积(亩)", null=True, blank=True)
    key = models.BooleanField("重点企业", default=False)
    chains = models.ManyToManyField(Chain, through="ChainMembership", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["uscc"]
        verbose_name = verbose_name_plural = "企业"
        indexes = [models.Index(fields=["region"])]

    def __str__(self) -> str:
        return self.name


class AboveScaleSpell(models.Model):
    """One spell above designated size; entering and leaving are history, not overwrites.

    Periods are ``ym`` integers (year * 100 + month); NULL from = since always, NULL to = still.
    """

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="spells")
    from_ym = models.PositiveIntegerField("纳入规上年月", null=True, blank=True)
    to_ym = models.PositiveIntegerField("退出规上年月", null=True, blank=True)

    class Meta:
        ordering = ["enterprise", "from_ym"]
        verbose_name = verbose_name_plural = "规上期间"

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.from_ym or '…'}–{self.to_ym or '…'}"


class ChainMembership(models.Model):
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE)
    chain = models.ForeignKey(Chain, on_delete=models.PROTECT)
    role = models.CharField("链上角色", max_length=4, blank=True, choices=CHAIN_ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "chain"], name="uniq_chain_membership")
        ]
        verbose_name = verbose_name_plural = "产业链企业"

    def __str__(self) -> str:
        return f"{self.chain_id} {self.enterprise_id} {self.role}".strip()


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", "市级管理员"
    CITY_ANALYST = "city_analyst", "市级分析员"
    COUNTY_USER = "county_user", "县区用户"
    UNIT_USER = "unit_user", "责任单位用户"
    ENTERPRISE = "enterprise", "企业用户"


class UserProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name="所属区县"
    )
    # unit_user: the responsible unit (责任单位) it acts for, a unit of the appeal categories.
    unit = models.CharField("责任单位", max_length=64, blank=True)
    # enterprise: the firm whose appeals it submits, follows and rates.
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所属企业",
    )

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="county_user") | models.Q(region__isnull=False),
                name="county_user_has_region",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="unit_user") | ~models.Q(unit=""),
                name="unit_user_has_unit",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="enterprise") | models.Q(enterprise__isnull=False),
                name="enterprise_user_has_enterprise",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} {self.region_id or ''}".strip()


class AuditEntry(models.Model):
    """Who changed what, when: one row per changed field (or per whole-record action)."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.CharField("操作人", max_length=150)
    action = models.CharField("操作", max_length=32)
    entity = models.CharField("对象类型", max_length=32)
    key = models.CharField("对象", max_length=64, db_index=True)
    field = models.CharField("字段", max_length=64, blank=True)
    old = models.TextField("原值", blank=True)
    new = models.TextField("新值", blank=True)
    batch_id = models.BigIntegerField("导入批次", null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = verbose_name_plural = "审计日志"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.entity} {self.key}"


class EnterpriseHistory(models.Model):
    """An enterprise's region and industry from ``valid_from`` to ``valid_to`` (recorded time).

    Written by the registry services whenever either changes (a roster import, a form), so that
    ``--as-of`` can apply the registry as it stood then; NULL ``valid_to`` = still valid.
    """

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="history")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="所属区县")
    industry = models.ForeignKey(IndustryClass, on_delete=models.PROTECT, verbose_name="行业")
    valid_from = models.DateTimeField("生效时间", db_index=True)
    valid_to = models.DateTimeField("失效时间", null=True, blank=True)

    class Meta:
        ordering = ["enterprise", "valid_from"]
        verbose_name = verbose_name_plural = "企业区县行业历史"

    def __str__(self) -> str:
        since = f"{self.valid_from:%Y-%m-%d}"
        return f"{self.enterprise_id} {self.region_id} {self.industry_id} {since}"


class AboveScaleSpellHistory(models.Model):
    """A spell above scale as the registry held it from ``valid_from`` to ``valid_to``."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="spell_history"
    )
    from_ym = models.PositiveIntegerField("纳入规上年月", null=True, blank=True)
    to_ym = models.PositiveIntegerField("退出规上年月", null=True, blank=True)
    valid_from = models.DateTimeField("生效时间", db_index=True)
    valid_to = models.DateTimeField("失效时间", null=True, blank=True)

    class Meta:
        ordering = ["enterprise", "valid_from"]
        verbose_name = verbose_name_plural = "规上期间历史"

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.from_ym or '…'}–{self.to_ym or '…'}"


class ChainMembershipHistory(models.Model):
    """A chain membership as the registry held it from ``valid_from`` to ``valid_to``."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="chain_history"
    )
    chain = models.ForeignKey(Chain, on_delete=models.PROTECT)
    role = models.CharField("链上角色", max_length=4, blank=True, choices=CHAIN_ROLE_CHOICES)
    valid_from = models.DateTimeField("生效时间", db_index=True)
    valid_to = models.DateTimeField("失效时间", null=True, blank=True)

    class Meta:
        ordering = ["enterprise", "valid_from"]
        verbose_name = verbose_name_plural = "产业链企业历史"

    def __str__(self) -> str:
        return f"{self.chain_id} {self.enterprise_id} {self.valid_from:%Y-%m-%d}"
