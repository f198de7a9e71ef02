"""A tiny reported city built through the models, and helpers to evaluate rules on it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


class TinyCity:
    """Enterprises, monthly reports and reference values written straight to the records.

    ``commit()`` bumps the data version, as an import does, so the engine's snapshot is rebuilt
    before the next read. A second ``report`` for the same enterprise-month is a revision.
    """

    def __init__(self) -> None:
        from gongxin.ingest.models import ImportBatch

        self.batch = ImportBatch.objects.create(
            kind="monthly", filename="tiny.csv", sha256="0" * 64, actor="test", status="committed"
        )
        self.clock = timezone.now() - timedelta(days=30)

    def _tick(self):
        self.clock += timedelta(seconds=1)
        return self.clock

    def enterprise(self, uscc, region, *, industry="3311", key=False, size="", leader=False,
                   from_ym=None, name=None):  # fmt: skip
        from gongxin.registry.models import AboveScaleSpell, ChainMembership, Enterprise

        e = Enterprise.objects.create(
            uscc=uscc, name=name or f"企业{uscc[-4:]}", region_id=region, industry_id=industry,
            key=key, size=size,
        )  # fmt: skip
        AboveScaleSpell.objects.create(enterprise=e, from_ym=from_ym)
        if leader:
            ChainMembership.objects.create(enterprise=e, chain_id="nonferrous", role="链主")
        return e

    def report(self, uscc, ym, output, output_py=None, *, electricity=None, electricity_py=None):
        from gongxin.stats.models import MonthlyReport

        revision = MonthlyReport.objects.filter(enterprise_id=uscc, ym=ym).count() + 1
        MonthlyReport.objects.create(
            enterprise_id=uscc, ym=ym, revision=revision, batch=self.batch,
            recorded_at=self._tick(), output=output, output_py=output_py,
            electricity=electricity, electricity_py=electricity_py,
        )  # fmt: skip

    def months(self, uscc, year, months, output, output_py, **kw):
        for month in months:
            self.report(uscc, year * 100 + month, output, output_py, **kw)

    def reference(self, series, scope, period, value):
        from gongxin.stats.models import ReferenceValue

        revision = ReferenceValue.objects.filter(series=series, scope=scope, period=period).count()
        ReferenceValue.objects.create(
            series=series, scope=scope, period=period, revision=revision + 1,
            recorded_at=self._tick(), value=value,
        )  # fmt: skip

    def commit(self) -> None:
        from gongxin.stats.models import DataVersion

        DataVersion.bump()


@pytest.fixture
def tiny(city, data_dir):
    return TinyCity()


def uscc(n: int, region: str = "371525") -> str:
    """An 18-character code for tests (the models do not check the check character)."""
    return f"91{region}MA{n:07d}X"


@pytest.fixture
def evaluate():
    """``evaluate(rules_yaml, period)`` → findings of those rules on the tiny city."""
    from gongxin.alerts.config import parse_alert_rules
    from gongxin.alerts.evaluate import rules_evaluate
    from gongxin.engine.period import Period
    from gongxin.stats.selectors import engine_current

    def _evaluate(text: str, period: str = "2024-04"):
        rules = parse_alert_rules(text, "test.yaml")
        return rules_evaluate(engine=engine_current(), rules=rules, period=Period.parse(period))

    return _evaluate


def by_member(findings) -> dict[str, object]:
    return {f.member: f for f in findings}
