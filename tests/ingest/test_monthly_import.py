"""Monthly imports: roster membership, one row per enterprise-month, revisions, warnings."""

from gongxin.ingest import cells
from gongxin.ingest.kinds import monthly
from gongxin.ingest.problems import Problem
from gongxin.registry.models import AuditEntry
from gongxin.stats.models import DataVersion, MonthlyReport
from tests.ingest.files import ALPHA, BETA, GAMMA

HEADER = [
    "报告期",
    "统一社会信用代码",
    "工业总产值(当年价格)",
    "工业销售产值",
    "用电量",
    "从业人员",
]


def test_it_imports_several_months_as_first_revisions(roster, importer, files, data_dir):
    version = DataVersion.current()
    result = importer(
        "monthly",
        files.csv(
            [
                HEADER,
                ["2024-01", ALPHA, "1200.5", "1100", "35.2", "300"],
                ["2024-02", ALPHA, "1300", "", "", ""],
                ["2024-01", BETA, "80", "79", "2", "40"],
            ]
        ),
    )
    assert result.status == "committed", result.errors
    assert (result.summary["created"], result.summary["revisions"]) == (3, 3)
    report = MonthlyReport.objects.get(enterprise_id=ALPHA, ym=202401)
    assert (report.revision, report.output, report.sales, report.employees) == (
        1,
        1200.5,
        1100,
        300,
    )
    assert MonthlyReport.objects.get(enterprise_id=ALPHA, ym=202402).sales is None
    assert DataVersion.current() == version + 1
    assert (data_dir / "analytics" / "CURRENT").read_text().endswith(f"{version + 1}.duckdb")


def test_it_rejects_an_enterprise_missing_from_the_roster_and_a_repeated_month(
    roster, importer, files
):
    result = importer(
        "monthly",
        files.csv(
            [
                HEADER,
                ["2024-01", ALPHA, "1", "", "", ""],
                ["2024-01", GAMMA, "1", "", "", ""],
                ["2024-01", ALPHA.lower(), "2", "", "", ""],
            ]
        ),
    )
    assert result.errors == [
        Problem(3, "uscc", monthly.ERR_NOT_IN_ROSTER.format(uscc=GAMMA)),
        Problem(4, "period", monthly.ERR_DUPLICATE_MONTH.format(period="2024-01", other=2)),
    ]
    assert MonthlyReport.objects.count() == 0


def test_it_rejects_bad_values_by_row_and_column(roster, importer, files):
    result = importer(
        "monthly",
        files.csv(
            [
                [*HEADER, "利润总额"],
                ["2024-1", ALPHA, "", "-5", "1,000", "12.5", "-30"],
            ]
        ),
    )
    assert result.errors == [
        Problem(2, "period", "应为 YYYY-MM 格式的年月（如 2024-04），实为“2024-1”"),
        Problem(2, "output", "必填，不能为空"),
        Problem(2, "sales", cells.ERR_MINIMUM.format(minimum="0", value="-5")),
        Problem(2, "electricity", cells.ERR_THOUSANDS.format(value="1,000", plain="1000")),
        Problem(2, "employees", cells.ERR_NOT_INTEGER.format(value="12.5")),
    ]


def test_a_file_with_one_bad_row_writes_nothing(roster, importer, files):
    before = (MonthlyReport.objects.count(), AuditEntry.objects.count(), DataVersion.current())
    result = importer(
        "monthly",
        files.csv(
            [
                HEADER,
                ["2024-01", ALPHA, "100", "", "", ""],
                ["2024-01", BETA, "abc", "", "", ""],
            ]
        ),
    )
    assert result.status == "rejected"
    assert (
        MonthlyReport.objects.count(),
        AuditEntry.objects.count(),
        DataVersion.current(),
    ) == before


def test_a_re_imported_month_is_a_new_revision_and_the_old_one_is_kept(roster, importer, files):
    importer("monthly", files.csv([HEADER, ["2024-01", ALPHA, "100", "90", "5", "30"]]))
    result = importer("monthly", files.csv([HEADER, ["2024-01", ALPHA, "110", "90", "5", "30"]]))
    assert (result.summary["revised"], result.summary["revisions"]) == (1, 1)
    revisions = MonthlyReport.objects.filter(enterprise_id=ALPHA, ym=202401).order_by("revision")
    assert list(revisions.values_list("revision", "output")) == [(1, 100.0), (2, 110.0)]
    assert list(
        AuditEntry.objects.filter(action="revise").values_list("key", "field", "old", "new")
    ) == [(f"{ALPHA}/2024-01", "output", "100", "110")]


def test_an_identical_re_import_is_counted_unchanged_and_writes_no_revision(
    roster, importer, files
):
    rows = [HEADER, ["2024-01", ALPHA, "100", "90", "5", "30"]]
    importer("monthly", files.csv(rows))
    version = DataVersion.current()
    result = importer("monthly", files.csv(rows))
    assert (result.summary["unchanged"], result.summary["revisions"]) == (1, 0)
    assert MonthlyReport.objects.count() == 1
    assert DataVersion.current() == version


def test_a_correction_file_keeps_the_columns_it_does_not_have(roster, importer, files):
    importer("monthly", files.csv([HEADER, ["2024-01", ALPHA, "100", "90", "5", "30"]]))
    importer("monthly", files.csv([["period", "uscc", "output"], ["2024-01", ALPHA, "101"]]))
    latest = MonthlyReport.objects.get(enterprise_id=ALPHA, ym=202401, revision=2)
    assert (latest.output, latest.sales, latest.electricity, latest.employees) == (101, 90, 5, 30)


def test_suspicious_values_are_warnings_that_do_not_block(roster, importer, files):
    history = [HEADER] + [[f"2024-0{m}", ALPHA, "100", "95", "5", "30"] for m in (1, 2, 3)]
    importer("monthly", files.csv(history))
    result = importer(
        "monthly",
        files.csv(
            [
                HEADER,
                ["2024-04", ALPHA, "1000000", "950000", "5", "30"],  # 元 for 万元
                ["2024-04", BETA, "100", "160", "3", "20"],  # sales far above output
                ["2024-05", BETA, "0", "0", "2.5", "20"],  # electricity without output
            ]
        ),
    )
    assert result.status == "committed"
    assert result.warnings == [
        Problem(
            2,
            "output",
            monthly.WARN_SCALE.format(
                label="工业总产值(当年价格)", value="1000000", median="100", ratio=10000
            ),
        ),
        Problem(
            2,
            "sales",
            monthly.WARN_SCALE.format(
                label="工业销售产值", value="950000", median="95", ratio=10000
            ),
        ),
        Problem(
            3, "sales", monthly.WARN_SALES_ABOVE_OUTPUT.format(sales="160", output="100", ratio=1.6)
        ),
        Problem(4, "output", monthly.WARN_ELECTRICITY_NO_OUTPUT.format(electricity="2.5")),
    ]
    assert MonthlyReport.objects.filter(ym__in=[202404, 202405]).count() == 3
