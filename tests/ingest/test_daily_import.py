"""Daily electricity imports: roster membership, one row per enterprise-day, revisions."""

import datetime as dt

from gongxin.dispatch.models import DailyElectricity
from gongxin.ingest.kinds import daily
from gongxin.ingest.problems import Problem
from gongxin.registry.models import AuditEntry
from tests.ingest.files import ALPHA, BETA, GAMMA

HEADER = ["日期", "统一社会信用代码", "日用电量"]


def test_it_imports_days_as_first_revisions(roster, importer, files):
    result = importer(
        "daily",
        files.csv(
            [
                HEADER,
                ["2024-05-06", ALPHA, "12.5"],
                ["2024-05-07", ALPHA, "0"],
                ["2024-05-06", BETA, "3"],
            ]
        ),
    )
    assert result.status == "committed", result.errors
    assert (result.summary["created"], result.summary["revisions"]) == (3, 3)
    row = DailyElectricity.objects.get(enterprise_id=ALPHA, day=dt.date(2024, 5, 6))
    assert (row.revision, row.electricity, row.batch_id) == (1, 12.5, result.batch_id)


def test_it_accepts_keys_and_excel_date_cells(roster, importer, files):
    result = importer(
        "daily",
        files.xlsx([["date", "uscc", "electricity"], [dt.datetime(2024, 5, 6), ALPHA, 4.25]]),
    )
    assert result.status == "committed", result.errors
    assert DailyElectricity.objects.get().day == dt.date(2024, 5, 6)


def test_it_rejects_bad_rows_by_row_and_column_and_writes_nothing(roster, importer, files):
    result = importer(
        "daily",
        files.csv(
            [
                HEADER,
                ["2024-05-06", ALPHA, "1"],
                ["2024-5-6", ALPHA, "-1"],
                ["2024-02-30", BETA, "abc"],
                ["2024-05-06", GAMMA, "1"],
                ["2024-05-06", ALPHA, "2"],
                ["2024-05-07", BETA, ""],
            ]
        ),
    )
    assert result.status == "rejected"
    assert result.errors == [
        Problem(3, "date", "应为 YYYY-MM-DD 格式的日期（如 2024-05-06），实为“2024-5-6”"),
        Problem(3, "electricity", "应不小于 0，实为 -1"),
        Problem(4, "date", "应为 YYYY-MM-DD 格式的日期（如 2024-05-06），实为“2024-02-30”"),
        Problem(4, "electricity", "应为数值，实为“abc”"),
        Problem(5, "uscc", daily.ERR_NOT_IN_ROSTER.format(uscc=GAMMA)),
        Problem(6, "date", daily.ERR_DUPLICATE_DAY.format(day="2024-05-06", other=2)),
        Problem(7, "electricity", "必填，不能为空"),
    ]
    assert DailyElectricity.objects.count() == 0


def test_reimporting_a_day_adds_a_revision_and_keeps_the_old_one(roster, importer, files):
    importer("daily", files.csv([HEADER, ["2024-05-06", ALPHA, "10"]]))
    same = importer("daily", files.csv([HEADER, ["2024-05-06", ALPHA, "10"]]))
    assert (same.summary["unchanged"], same.summary["written"]) == (1, 0)
    changed = importer("daily", files.csv([HEADER, ["2024-05-06", ALPHA, "11.5"]]))
    assert (changed.summary["revised"], changed.summary["revisions"]) == (1, 1)
    rows = DailyElectricity.objects.filter(enterprise_id=ALPHA).order_by("revision")
    assert [(r.revision, r.electricity) for r in rows] == [(1, 10.0), (2, 11.5)]
    entry = AuditEntry.objects.get(entity="daily", action="revise")
    assert (entry.key, entry.old, entry.new) == (f"{ALPHA}/2024-05-06", "10", "11.5")


def test_a_reading_far_above_the_usual_level_is_a_warning(roster, importer, files):
    history = [[f"2024-05-{d:02d}", ALPHA, "2"] for d in range(1, 8)]
    importer("daily", files.csv([HEADER, *history]))
    result = importer("daily", files.csv([HEADER, ["2024-05-08", ALPHA, "2000"]]))
    assert result.status == "committed"
    assert [(p.row, p.column) for p in result.warnings] == [(2, "electricity")]
    assert "可能单位有误" in result.warnings[0].message


def test_the_reading_as_of_a_moment_is_the_revision_known_then(roster, importer, files):
    from gongxin.dispatch.selectors import daily_readings

    importer("daily", files.csv([HEADER, ["2024-05-06", ALPHA, "10"]]))
    first = DailyElectricity.objects.get().recorded_at
    importer("daily", files.csv([HEADER, ["2024-05-06", ALPHA, "12"]]))
    day = dt.date(2024, 5, 6)
    assert daily_readings(first=day, last=day)[ALPHA][day] == 12.0
    as_of = first.replace(tzinfo=None) if first.tzinfo is None else first
    assert daily_readings(first=day, last=day, as_of=as_of)[ALPHA][day] == 10.0


def test_daily_readings_leave_the_data_version_and_the_snapshot_alone(roster, importer, files):
    """Daily data are read by dispatch from the database; the engine's snapshot does not hold
    them, so importing them must not make every cached indicator stale."""
    from gongxin.stats.models import DataVersion

    before = DataVersion.current()
    result = importer("daily", files.csv([HEADER, ["2024-05-06", ALPHA, "12.5"]]))
    assert result.status == "committed", result.errors
    assert DataVersion.current() == before
    assert DailyElectricity.objects.filter(enterprise_id=ALPHA).count() == 1
