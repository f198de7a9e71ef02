"""Daily electricity readings (日用电量) from the power company's feed, with every revision kept.

The pattern of ``stats.models.MonthlyReport``: re-importing an enterprise-day writes the next
revision; readers take, per enterprise-day, the highest revision recorded at or before the
moment asked (as-of), so nothing is ever replaced silently.
"""

from django.db import models

from gongxin.ingest.models import ImportBatch
from gongxin.registry.models import Enterprise


class DailyElectricity(models.Model):
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, db_column="uscc")
    day = models.DateField("日期")
    revision = models.PositiveIntegerField("修订版本", default=1)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField("入库时间", db_index=True)
    electricity = models.FloatField("日用电量")  # 万千瓦时

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "day", "revision"], name="uniq_daily_revision"
            )
        ]
        indexes = [models.Index(fields=["day"])]
        verbose_name = verbose_name_plural = "日用电量"

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.day} r{self.revision}"
