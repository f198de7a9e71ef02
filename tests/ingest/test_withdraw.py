"""Withdrawing a whole import (issue 10): revisions stop counting from that moment, as-of keeps
them, audited, once only; monthly, reference and daily; never a roster; city admins only."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from django.utils import timezone

from gongxin.dispatch.selectors import daily_readings
from gongxin.errors import UserError
from gongxin.ingest import withdraw
from gongxin.ingest.models import ImportBatch
from gongxin.ingest.withdraw import batch_withdraw
from gongxin.registry.models import AuditEntry
from gongxin.registry.permissions import Actor
from gongxin.registry.users import actor_for_user
from gongxin.stats.models import MonthlyReport
from gongxin.stats.selectors import engine_current
from gongxin.stats.snapshot import snapshot_current
from tests.ingest.files import ALPHA

MONTHLY = ["period", "uscc", "output", "output_py"]
OPERATOR = Actor.system("cli:tester")


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _output(period: str, as_of: dt.datetime | None = None):
    result = engine_current().query(indicators=["output_ytd"], period=period, as_of=as_of)
    return result.value("output_ytd", "371500")


def test_a_withdrawn_monthly_import_stops_counting_and_as_of_still_sees_it(roster, importer, files):
    first = importer("monthly", files.csv([MONTHLY, ["2024-03", ALPHA, "100", "100"]]))
    wrong = importer("monthly", files.csv([MONTHLY, ["2024-03", ALPHA, "500", "100"]]))
    assert (first.status, wrong.status) == ("committed", "committed")
    assert _output("2024-03") == 500
    before = timezone.now()

    result = batch_withdraw(actor=OPERATOR, batch=wrong.batch_id)

    assert "已撤回导入批次" in result.message
    assert _output("2024-03") == 100  # revision 2 no longer counts
    assert _output("2024-03", as_of=_utc(before)) == 500  # but did before the withdrawal
    batch = ImportBatch.objects.get(pk=wrong.batch_id)
    assert batch.withdrawn_at is not None and batch.withdrawn_by == "cli:tester"
    entry = AuditEntry.objects.get(action="withdraw")
    assert (entry.actor, entry.key, entry.batch_id) == (
        "cli:tester",
        f"batch:{wrong.batch_id}",
        wrong.batch_id,
    )
    # the snapshot was rebuilt and carries the withdrawal
    con = duckdb.connect(str(snapshot_current().path), read_only=True)
    withdrawn = con.execute(
        "SELECT revision FROM monthly WHERE withdrawn_at IS NOT NULL"
    ).fetchall()
    con.close()
    assert withdrawn == [(2,)]
    # never twice
    with pytest.raises(UserError, match=r"已于 .* 撤回，不能重复撤回"):
        batch_withdraw(actor=OPERATOR, batch=wrong.batch_id)
    # the same figure imported again is a new revision (3), not "unchanged" against the
    # withdrawn one
    again = importer("monthly", files.csv([MONTHLY, ["2024-03", ALPHA, "500", "100"]]))
    assert again.summary["revised"] == 1
    assert MonthlyReport.objects.filter(enterprise_id=ALPHA, ym=202403).count() == 3
    assert _output("2024-03") == 500


def test_withdrawing_every_revision_leaves_no_report(roster, importer, files):
    only = importer("monthly", files.csv([MONTHLY, ["2024-03", ALPHA, "100", "100"]]))
    batch_withdraw(actor=OPERATOR, batch=only.batch_id)
    assert _output("2024-03") is None
    back = importer("monthly", files.csv([MONTHLY, ["2024-03", ALPHA, "100", "100"]]))
    assert (back.summary["created"], back.summary["revisions"]) == (1, 1)
    assert sorted(MonthlyReport.objects.filter(ym=202403).values_list("revision", flat=True)) == [
        1,
        2,
    ]


def test_reference_and_daily_imports_can_be_withdrawn(roster, importer, files):
    ref = importer(
        "reference",
        files.csv([["series", "scope", "period", "value"], ["ppi", "32", "2024-04", "97"]]),
    )
    batch_withdraw(actor=OPERATOR, batch=ref.batch_id)
    con = duckdb.connect(str(snapshot_current().path), read_only=True)
    rows = con.execute(
        "SELECT value, withdrawn_at IS NOT NULL FROM reference WHERE series = 'ppi' "
        "AND scope = '32' AND period = '2024-04'"
    ).fetchall()
    con.close()
    assert rows == [(97.0, True)]

    day = importer(
        "daily", files.csv([["date", "uscc", "electricity"], ["2024-05-06", ALPHA, "12"]])
    )
    before = timezone.now()
    batch_withdraw(actor=OPERATOR, batch=day.batch_id)
    first = last = dt.date(2024, 5, 6)
    assert daily_readings(first=first, last=last) == {}
    assert daily_readings(first=first, last=last, as_of=before) == {ALPHA: {first: 12.0}}


def test_what_cannot_be_withdrawn(roster, importer, files):
    with pytest.raises(UserError, match="企业名录导入不能撤回"):
        batch_withdraw(actor=OPERATOR, batch=roster.batch_id)
    bad = importer("monthly", files.csv([MONTHLY, ["2024-03", ALPHA, "abc", "1"]]))
    with pytest.raises(UserError, match="未导入任何数据"):
        batch_withdraw(actor=OPERATOR, batch=bad.batch_id)
    with pytest.raises(UserError, match="不存在"):
        batch_withdraw(actor=OPERATOR, batch=999_999)
    assert not AuditEntry.objects.filter(action="withdraw").exists()


@pytest.mark.parametrize(("name", "allowed"), [("alice", True), ("dave", False), ("bob", False)])
def test_only_a_city_admin_may_withdraw(roster, importer, files, name, allowed):
    from tests.web.personas import persona

    user = actor_for_user(persona(name))
    batch = importer("monthly", files.csv([MONTHLY, ["2024-03", ALPHA, "100", "100"]]))
    row = ImportBatch.objects.get(pk=batch.batch_id)
    assert withdraw.batch_withdraw_allowed(actor=user, batch=row) is allowed
    if allowed:
        batch_withdraw(actor=user, batch=row)
        assert ImportBatch.objects.get(pk=row.pk).withdrawn_by == name
    else:
        with pytest.raises(withdraw.WithdrawNotAllowed):
            batch_withdraw(actor=user, batch=row)
        assert ImportBatch.objects.get(pk=row.pk).withdrawn_at is None


def test_the_cli_withdraws_a_batch_once(roster, importer, files, run_cli):
    batch = importer("monthly", files.csv([MONTHLY, ["2024-03", ALPHA, "100", "100"]]))
    code, out, err = run_cli("import", "withdraw", str(batch.batch_id))
    assert code == 0, err
    assert f"已撤回导入批次 #{batch.batch_id}" in out
    code, _, err = run_cli("import", "withdraw", str(batch.batch_id))
    assert code != 0 and "不能重复撤回" in err
    code, _, err = run_cli("import", "withdraw", "abc")
    assert code != 0 and "导入批次号应为整数" in err
