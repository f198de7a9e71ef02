"""Monthly enterprise reports and reference series, with every revision kept.

A re-imported enterprise-month is a new row with the next revision number; the engine reads,
per enterprise-month, the highest revision recorded at or before the moment asked (as-of).
"""

from django.db import models

from gongxin.ingest.models import ImportBatch
from gongxin.registry.models import Enterprise

MEASURES = ("output", "sales", "export", "revenue", "profit", "electricity")
# A report's figures in the order imports and the snapshot carry them.
MONTHLY_FIELDS: tuple[str, ...] = (
    *MEASURES,
    "employees",
    *(f"{m}_py" for m in MEASURES),
)


class MonthlyReport(models.Model):
    # No index of its own on ``uscc``: the unique key (uscc, ym, revision) starts with it and
    # serves every look-up by enterprise. No index on ``recorded_at`` either: as-of reads run
    # on the analytic snapshot, no query here filters or sorts by it. Each index cost an
    # import's write about a sixth of its time (docs/performance.md).
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, db_column="uscc", db_index=False
    )
    ym = models.PositiveIntegerField("报告期")  # year * 100 + month
    revision = models.PositiveIntegerField("修订版本", default=1)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField("入库时间")

    output = models.FloatField("工业总产值(当年价格)")
    sales = models.FloatField("工业销售产值", null=True, blank=True)
    export = models.FloatField("出口交货值", null=True, blank=True)
    revenue = models.FloatField("营业收入", null=True, blank=True)
    profit = models.FloatField("利润总额", null=True, blank=True)
    electricity = models.FloatField("用电量", null=True, blank=True)
    employees = models.PositiveIntegerField("从业人员", null=True, blank=True)
    output_py = models.FloatField("上年同期工业总产值", null=True, blank=True)
    sales_py = models.FloatField("上年同期工业销售产值", null=True, blank=True)
    export_py = models.FloatField("上年同期出口交货值", null=True, blank=True)
    revenue_py = models.FloatField("上年同期营业收入", null=True, blank=True)
    profit_py = models.FloatField("上年同期利润总额", null=True, blank=True)
    electricity_py = models.FloatField("上年同期用电量", null=True, blank=True)
    # A 1—2月 report (January and February together), stored as February's row: its figures
    # (and *_py) cover both months; see docs/methodology.md, "1—2月".
    combined = models.BooleanField("1—2月合并报送", default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "ym", "revision"], name="uniq_monthly_revision"
            )
        ]
        indexes = [models.Index(fields=["ym"])]
        verbose_name = verbose_name_plural = "月度运行数据"

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.ym} r{self.revision}"


class ReferenceValue(models.Model):
    series = models.CharField("序列", max_length=64)
    scope = models.CharField("范围", max_length=32)
    period = models.CharField("期", max_length=7)  # YYYY-MM or YYYY, as imported
    revision = models.PositiveIntegerField("修订版本", default=1)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, null=True, blank=True)
    recorded_at = models.DateTimeField("入库时间")
    value = models.FloatField("值")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "scope", "period", "revision"], name="uniq_reference_revision"
            )
        ]
        verbose_name = verbose_name_plural = "参考数据"

    def __str__(self) -> str:
        return f"{self.series} {self.scope} {self.period} r{self.revision}"


class DataVersion(models.Model):
    """A counter bumped in the same transaction as every change to the records.

    The analytic snapshot records the version it was built from; a mismatch means stale.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveBigIntegerField("版本号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "数据版本"

    def __str__(self) -> str:
        return f"数据版本 {self.version}"

    @classmethod
    def bump(cls) -> int:
        """Increment inside the caller's transaction; returns the new version."""
        obj, _ = cls.objects.select_for_update().get_or_create(id=1)
        obj.version += 1
        obj.save(update_fields=["version"])
        return obj.version

    @classmethod
    def current(cls) -> int:
        obj = cls.objects.filter(id=1).first()
        return obj.version if obj else 0
