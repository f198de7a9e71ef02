"""After a monthly import the snapshot is the previous one plus the new rows, exactly as rebuilt.

``ingest.snapshot_append`` appends instead of rebuilding; these tests build both and compare
every table (rows and their order; ``meta`` but for ``built_at``), and check that it declines —
leaving the full rebuild to ``snapshot_ensure`` — whenever it cannot be sure.
"""

import shutil

import duckdb
import pytest
from django.utils import timezone

from gongxin.engine.schema import TABLES
from gongxin.ingest import snapshot_append
from gongxin.stats import snapshot
from gongxin.stats.models import DataVersion
from gongxin.stats.services import MONTHLY_INSERT
from tests.ingest.files import ALPHA, BETA

MONTHLY_HEADER = [
    "period", "uscc", "output", "sales", "export", "revenue", "profit", "electricity",
    "employees", "output_py", "profit_py",
]  # fmt: skip


def contents(path):
    """Every table of the file (derived ones too), rows in stored order; meta but built_at."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        query = "SELECT table_name FROM duckdb_tables() ORDER BY 1"
        names = [r[0] for r in con.execute(query).fetchall()]
        tables = {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in names}
        columns = con.execute(
            "SELECT table_name, column_index, column_name, data_type FROM duckdb_columns() "
            "WHERE NOT internal ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    assert set(TABLES) <= set(tables)
    tables["meta"] = [row for row in tables["meta"] if row[0] != "built_at"]
    tables["(columns)"] = columns
    return tables


@pytest.fixture
def builds(monkeypatch):
    """The versions the full snapshot build ran for."""
    versions = []
    full = snapshot._build

    def spy(version):
        versions.append(version)
        return full(version)

    monkeypatch.setattr(snapshot, "_build", spy)
    return versions


def assert_same_as_full_rebuild(tmp_path):
    current = snapshot.snapshot_current()
    assert current is not None and current.data_version == DataVersion.current()
    appended = tmp_path / "appended.duckdb"
    shutil.copy(current.path, appended)
    rebuilt = snapshot.snapshot_rebuild()
    assert rebuilt.data_version == current.data_version
    expected = contents(rebuilt.path)
    assert contents(appended) == expected
    return expected


def test_appending_a_monthly_import_equals_a_full_rebuild(
    roster, importer, files, data_dir, tmp_path, builds
):
    result = importer(
        "monthly",
        files.csv(
            [
                MONTHLY_HEADER,
                ["2024-02", BETA, "80", "79", "", "81", "-3.5", "2", "40", "70", "-1"],
                ["2024-01", ALPHA, "1200.5", "1100", "50", "1190", "12", "35.2", "300", "", ""],
                ["2024-02", ALPHA, "1300", "", "", "", "0", "", "", "1250", "9"],
                ["2024-01", BETA, "1e3", "0", "0", "0", "0", "0", "0", "0", "0"],
            ]
        ),
    )
    assert result.status == "committed", result.errors
    assert builds == []  # appended, not rebuilt
    tables = assert_same_as_full_rebuild(tmp_path)
    assert [(r[0], r[1], r[2]) for r in tables["monthly"]] == [
        (BETA, 202401, 1),  # BETA = 5137…, ALPHA = 9111…
        (ALPHA, 202401, 1),
        (BETA, 202402, 1),
        (ALPHA, 202402, 1),
    ]

    # A correction file: new revisions, absent columns carried, as XLSX this time.
    result = importer(
        "monthly",
        files.xlsx(
            [["period", "uscc", "output"], ["2024-01", ALPHA, 1201.5], ["2024-03", BETA, 90]]
        ),
    )
    assert result.status == "committed", result.errors
    assert result.summary["revised"] == 1 and result.summary["created"] == 1
    assert builds == [DataVersion.current() - 1]  # only assert_same_as_full_rebuild's rebuild
    tables = assert_same_as_full_rebuild(tmp_path)
    assert len(tables["monthly"]) == 6


def test_a_stale_snapshot_is_rebuilt_in_full(roster, importer, files, data_dir, builds):
    DataVersion.bump()  # a change the snapshot has not seen
    result = importer("monthly", files.csv([["period", "uscc", "output"], ["2024-01", ALPHA, "1"]]))
    assert result.status == "committed", result.errors
    assert builds == [DataVersion.current()]


def test_it_declines_rows_the_snapshot_already_has(roster, importer, files, data_dir):
    importer("monthly", files.csv([["period", "uscc", "output"], ["2024-01", ALPHA, "1"]]))
    version = DataVersion.bump()
    row = {name: None for name in MONTHLY_INSERT} | {"enterprise": ALPHA, "ym": 202401}
    row |= {"revision": 1, "output": 1.0}
    rows = [tuple(row[name] for name in MONTHLY_INSERT)]
    append = snapshot_append.snapshot_append_monthly
    assert append(version=version, rows=rows, recorded_at=timezone.now()) is None
    assert snapshot.snapshot_current().data_version == version - 1


def test_it_declines_a_snapshot_of_another_layout(
    roster, importer, files, data_dir, monkeypatch, builds
):
    def newer_schema(con):
        for name, columns in TABLES.items():
            extra = ", region_code VARCHAR" if name == "monthly" else ""
            con.execute(f"CREATE TABLE {name} ({columns}{extra})")

    monkeypatch.setattr(snapshot_append, "create_schema", newer_schema)
    result = importer("monthly", files.csv([["period", "uscc", "output"], ["2024-01", ALPHA, "1"]]))
    assert result.status == "committed", result.errors
    assert builds == [DataVersion.current()]
    assert not list(data_dir.glob("analytics/.building-*"))


def test_em_ytd_rows_the_new_reports_cannot_reach_are_copied_and_equal_a_full_rebuild(
    roster, importer, files, data_dir, tmp_path, builds, monkeypatch
):
    from gongxin.engine import derived

    reference = [["series", "scope", "period", "value"]]
    reference += [
        ["ppi", "32", f"{y}-{m:02d}", f"{99 + m / 10}"] for y in (2023, 2024) for m in (1, 2, 5)
    ]
    reference += [["va_ratio", "32", "2023", "0.21"], ["va_ratio", "13", "2024", "0.3"]]
    assert importer("reference", files.csv(reference)).status == "committed"
    header = ["period", "uscc", "output", "sales", "profit", "employees", "output_py"]
    rows = [header]
    for year in (2022, 2023, 2024):
        for month in range(1, 13):
            if year == 2023 and month == 1:
                continue  # BETA reports 1—2月 together in 2023, ALPHA January alone
            period = "2023-01~02" if (year, month) == (2023, 2) else f"{year}-{month:02d}"
            rows.append([period, BETA, f"{year - 2000 + month}", "", "-2.5", "40", ""])
        for month in range(3 if year == 2022 else 1, 13):
            py = f"{month * 7}" if year == 2024 else ""
            rows.append([f"{year}-{month:02d}", ALPHA, f"{1000 + month}.5", "990", "12", "300", py])
    assert importer("monthly", files.csv(rows)).status == "committed"
    computed = []
    month_sql = derived.month_sql

    def spy(ym, stored):
        computed.append(ym)
        return month_sql(ym, stored)

    monkeypatch.setattr(derived, "month_sql", spy)
    builds.clear()  # the reference import's (it rebuilds in full)
    corrections = [
        # a late month: 2024 from May on
        ([["2024-05", ALPHA, "7", "", "", "", ""]], [202400 + m for m in range(5, 13)]),
        # 1—2月 corrected: 2023 and 2024 from February on
        (
            [["2023-01~02", BETA, "30", "", "", "", ""], ["2023-02", ALPHA, "5", "", "", "", ""]],
            [y * 100 + m for y in (2023, 2024) for m in range(2, 13)],
        ),
        # the first year's January: 2022 and 2023 in full, 2024 copied
        (
            [["2022-01", ALPHA, "9", "1", "", "", ""]],
            [y * 100 + m for y in (2022, 2023) for m in range(1, 13)],
        ),
    ]
    for new_rows, months in corrections:
        computed.clear()
        result = importer("monthly", files.csv([header, *new_rows]))
        assert result.status == "committed", result.errors
        assert computed == months  # the others were copied from the previous snapshot
        assert_same_as_full_rebuild(tmp_path)
    assert builds == [DataVersion.current() - i for i in (2, 1, 0)]  # the checks' only
