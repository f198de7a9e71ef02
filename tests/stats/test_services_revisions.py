"""Monthly and reference writes: revisions, unchanged figures, carried columns."""

import pytest
from django.utils import timezone

from gongxin.ingest.models import ImportBatch
from gongxin.registry.services import EnterpriseFacts, enterprises_upsert
from gongxin.stats.models import MonthlyReport, ReferenceValue
from gongxin.stats.services import (
    MONTHLY_FIELDS,
    MonthlyFigures,
    ReferenceFigure,
    monthly_reports_record,
    reference_values_record,
)

ALPHA = "91110000600037341L"


@pytest.fixture
def batch(city):
    enterprises_upsert(
        facts=[EnterpriseFacts(uscc=ALPHA, name="阿尔法", region="371502", industry="3216")],
        actor="test",
    )
    return ImportBatch.objects.create(
        kind="monthly", filename="f.csv", sha256="0", actor="t", status="committed"
    )


def figures(output, sales=None):
    values = dict.fromkeys(MONTHLY_FIELDS) | {"output": output, "sales": sales}
    return MonthlyFigures(uscc=ALPHA, ym=202404, values=tuple(values[f] for f in MONTHLY_FIELDS))


def test_monthly_revisions_count_up_and_identical_figures_write_nothing(batch):
    now = timezone.now()
    first = monthly_reports_record(figures=[figures(100.0, 90.0)], batch=batch, actor="a", now=now)
    same = monthly_reports_record(figures=[figures(100.0, 90.0)], batch=batch, actor="a", now=now)
    changed = monthly_reports_record(figures=[figures(120.0)], batch=batch, actor="a", now=now)
    assert (first.created, same.unchanged, changed.revised) == (1, 1, 1)
    assert list(
        MonthlyReport.objects.order_by("revision").values_list("revision", "output", "sales")
    ) == [(1, 100.0, 90.0), (2, 120.0, None)]
    assert MonthlyReport.objects.get(revision=2).recorded_at == now


def test_carried_fields_come_from_the_latest_revision(batch):
    now = timezone.now()
    monthly_reports_record(figures=[figures(100.0, 90.0)], batch=batch, actor="a", now=now)
    monthly_reports_record(
        figures=[figures(120.0)], batch=batch, actor="a", now=now, carry=frozenset({"sales"})
    )
    assert MonthlyReport.objects.get(revision=2).sales == 90.0


def test_reference_values_get_revisions(batch):
    now = timezone.now()
    item = ReferenceFigure(series="ppi", scope="32", period="2024-04", value=98.0)
    reference_values_record(figures=[item], batch=batch, actor="a", now=now)
    summary = reference_values_record(figures=[item], batch=batch, actor="a", now=now)
    assert summary.unchanged == 1
    reference_values_record(
        figures=[ReferenceFigure(series="ppi", scope="32", period="2024-04", value=97.0)],
        batch=batch,
        actor="a",
        now=now,
    )
    assert list(ReferenceValue.objects.filter(series="ppi").values_list("revision", "value")) == [
        (1, 98.0),
        (2, 97.0),
    ]
