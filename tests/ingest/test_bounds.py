"""Hostile and careless files (issue 10): bounded reading, a worker that can die, plausible values.

Hostile files are made here by ``tests/ingest/hostile.py``; none is stored in the repository.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongxin.ingest import cells, limits, services, worker
from gongxin.ingest.kinds import monthly
from gongxin.ingest.limits import FileLimits
from gongxin.stats.models import MonthlyReport
from tests.ingest.files import ALPHA, BETA
from tests.ingest.hostile import bomb_xlsx, implicit_wide_xlsx, sparse_xlsx

MONTHLY = ["period", "uscc", "output"]


def _only_error(result) -> str:
    assert result.status == "rejected"
    assert len(result.errors) == 1, result.errors
    return result.errors[0].message


@pytest.fixture(scope="session")
def bomb(tmp_path_factory):
    """4.5 MB zipped, a 1 GB sheet."""
    return bomb_xlsx(tmp_path_factory.mktemp("bomb") / "bomb.xlsx", MONTHLY)


# --- XLSX measured before the reader allocates ------------------------------------------------


@pytest.mark.parametrize("dimension", ["A1:XFD1048576", None, "A1:C1"])
def test_a_sparse_sheet_is_refused_whatever_its_declared_dimension(
    importer, roster, tmp_path, dimension
):
    path = sparse_xlsx(tmp_path / "sparse.xlsx", MONTHLY, dimension=dimension)
    assert path.stat().st_size < 2000  # the 1.6 KB file of the issue
    message = _only_error(importer("monthly", path))
    assert message == limits.ERR_ROWS.format(limit=500_000, row=1048576)


def test_a_wide_sheet_of_cells_without_positions_is_refused(importer, roster, tmp_path):
    path = implicit_wide_xlsx(tmp_path / "wide.xlsx", MONTHLY, rows=10, width=5000)
    assert _only_error(importer("monthly", path)) == limits.ERR_COLUMNS.format(
        limit=256, column="IW"
    )


def test_a_decompression_bomb_is_refused_before_decompressing(importer, roster, bomb):
    assert bomb.stat().st_size < 10 * 2**20
    message = _only_error(importer("monthly", bomb))
    assert message == "文件解压后超过 200 MB 上限（约 1024 MB）：请拆分后分批导入"


def test_too_many_cells_are_refused(importer, roster, tmp_path, monkeypatch):
    monkeypatch.setattr(services, "LIMITS", FileLimits(max_cells=30))
    # 11 rows × 3 columns = 33 cells (single-letter columns count as up to Z: 11 × 26)
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="AD{r}"><v>1</v></c></row>'
        for r in range(2, 12)
    )
    from tests.ingest.hostile import _SHEET_HEAD, header_row, write_package

    path = write_package(
        tmp_path / "many.xlsx",
        [_SHEET_HEAD + "<sheetData>" + header_row(MONTHLY) + rows + "</sheetData></worksheet>"],
    )
    message = _only_error(importer("monthly", path))
    assert message.startswith("工作表范围 A1:AD11 含 330 个单元格，超过 30 个上限")


# --- The worker contains what the checks let through ------------------------------------------


def test_a_reader_blowup_kills_the_worker_not_the_caller(importer, roster, tmp_path, monkeypatch):
    # Without the checks, the XLSX reader tries to allocate 550 GB for the sparse sheet: inside
    # the worker's 1 GB address-space limit that aborts the worker, and the import is rejected.
    unbounded = FileLimits(max_rows=10**9, max_columns=10**6, max_cells=10**15)
    monkeypatch.setattr(services, "LIMITS", unbounded)
    path = sparse_xlsx(tmp_path / "sparse.xlsx", MONTHLY)
    from django.test import override_settings

    with override_settings(GONGXIN_IMPORT_WORKER_MEMORY_MB=1024):
        message = _only_error(importer("monthly", path))
    assert message == worker.ERR_MEMORY.format(limit=1024)
    # and this process goes on importing
    ok = importer("monthly", _csv(tmp_path, [MONTHLY, ["2024-05", ALPHA, "1"]]))
    assert ok.status == "committed", ok.errors


def test_the_worker_has_a_time_limit(importer, roster, tmp_path, settings):
    settings.GONGXIN_IMPORT_WORKER_SECONDS = 0.001
    message = _only_error(importer("monthly", _csv(tmp_path, [MONTHLY, ["2024-05", ALPHA, "1"]])))
    assert message == worker.ERR_TIMEOUT.format(limit="0.001")


# --- CSV bounds --------------------------------------------------------------------------------


def _csv(tmp_path, rows, name="f.csv"):
    path = tmp_path / name
    path.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    return path


def test_csv_rows_width_and_field_size_are_bounded(importer, roster, tmp_path, monkeypatch):
    monkeypatch.setattr(services, "LIMITS", FileLimits(max_rows=3, max_columns=4))
    many = _csv(tmp_path, [MONTHLY] + [["2024-05", ALPHA, i] for i in range(3)], "rows.csv")
    assert _only_error(importer("monthly", many)) == limits.ERR_CSV_ROWS.format(limit=3)
    wide = _csv(tmp_path, [MONTHLY, ["2024-05", ALPHA, 1, 2, 3]], "wide.csv")
    assert _only_error(importer("monthly", wide)) == limits.ERR_CSV_COLUMNS.format(
        row=2, count=5, limit=4
    )
    monkeypatch.setattr(services, "LIMITS", FileLimits())
    field = _csv(tmp_path, [MONTHLY, ["2024-05", ALPHA, "9" * 10_001]], "field.csv")
    assert _only_error(importer("monthly", field)) == limits.ERR_CSV_FIELD.format(
        line=2, limit=10_000
    )


# --- Finite, plausible numbers and periods ------------------------------------------------------


@pytest.mark.parametrize("text", ["1e309", "-1E309", "1e999", "inf", "-Infinity", "nan", "NaN"])
def test_no_infinity_or_nan_in_any_form(importer, roster, tmp_path, text):
    result = importer("monthly", _csv(tmp_path, [MONTHLY, ["2024-05", ALPHA, text]]))
    assert [(p.row, p.column) for p in result.errors] == [(2, "output")]
    ref = importer(
        "reference",
        _csv(tmp_path, [["series", "scope", "period", "value"], ["ppi", "32", "2024-04", text]]),
    )
    assert [(p.row, p.column) for p in ref.errors] == [(2, "value")]
    day = importer(
        "daily", _csv(tmp_path, [["date", "uscc", "electricity"], ["2024-05-06", ALPHA, text]])
    )
    assert [(p.row, p.column) for p in day.errors] == [(2, "electricity")]
    assert (result.status, ref.status, day.status) == ("rejected",) * 3
    assert not MonthlyReport.objects.exists()


def test_1e309_says_it_is_not_finite():
    with pytest.raises(cells.CellError, match="不是有限数"):
        cells.converter(cells.Number(minimum=0))("1e309")


def test_per_field_limits(importer, roster, tmp_path):
    header = ["period", "uscc", "output", "profit", "electricity", "employees", "output_py"]
    result = importer(
        "monthly",
        _csv(
            tmp_path,
            [
                header,
                # issue 9 item 7: 1e15 against an output_py of 100 — refused by the limit
                ["2024-05", ALPHA, "1e15", "-2e9", "2e7", "2000000", "100"],
                ["2024-05", BETA, "1000000000", "-1000000000", "10000000", "1000000", "1e9"],
            ],
        ),
    )
    assert [(p.row, p.column) for p in result.errors] == [
        (2, "output"),
        (2, "profit"),
        (2, "electricity"),
        (2, "employees"),
    ]
    assert result.errors[0].message == "应不大于 1000000000，实为 1000000000000000"


def test_a_value_100_times_its_own_py_is_a_warning(importer, roster, tmp_path):
    header = ["period", "uscc", "output", "output_py"]
    result = importer(
        "monthly",
        _csv(
            tmp_path, [header, ["2024-05", ALPHA, "20000", "100"], ["2024-05", BETA, "9999", "100"]]
        ),
    )
    assert result.status == "committed", result.errors
    # 20000 / 100 = 200 ≥ 100 → warned; 9999 / 100 = 99.99 < 100 → not
    assert [(p.row, p.column, p.message) for p in result.warnings] == [
        (
            2,
            "output",
            monthly.WARN_PY_SCALE.format(
                label="工业总产值(当年价格)", value="20000", py="100", ratio=200
            ),
        )
    ]


def _next_month(today: dt.date) -> str:
    ym = limits.latest_ym(today)
    return f"{ym // 100}-{ym % 100:02d}"


def _after_next_month(today: dt.date) -> str:
    ym = limits.latest_ym(today)
    year, month = divmod(ym, 100)
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year}-{month:02d}"


def test_periods_after_next_month_or_before_2000_are_refused(importer, roster, tmp_path):
    today = dt.date.today()
    latest = _next_month(today)
    rows = [MONTHLY, [latest, ALPHA, 1], [_after_next_month(today), ALPHA, 1], ["2099-01", BETA, 1]]
    rows.append(["1999-12", BETA, 1])
    result = importer("monthly", _csv(tmp_path, rows))
    assert [(p.row, p.column) for p in result.errors] == [
        (3, "period"),
        (4, "period"),
        (5, "period"),
    ]
    assert result.errors[1].message == limits.ERR_PERIOD_FUTURE.format(
        period="2099-01", latest=latest
    )
    assert result.errors[2].message == limits.ERR_PERIOD_EARLY.format(period="1999-12", first=2000)

    ref = importer(
        "reference",
        _csv(
            tmp_path,
            [
                ["series", "scope", "period", "value"],
                ["ppi", "32", "2099-01", "100"],
                ["va_ratio", "32", "2099", "0.2"],
                ["ppi", "32", "1999-05", "100"],
            ],
        ),
    )
    assert [(p.row, p.column) for p in ref.errors] == [(2, "period"), (3, "period"), (4, "period")]
    day = importer(
        "daily",
        _csv(
            tmp_path,
            [
                ["date", "uscc", "electricity"],
                ["2099-01-02", ALPHA, "1"],
                ["1999-01-02", ALPHA, "1"],
            ],
        ),
    )
    assert [(p.row, p.column) for p in day.errors] == [(2, "date"), (3, "date")]


# --- One report: the header's problems and the rows' (issue 11 items 10, 11) --------------------


def test_an_unknown_column_and_every_row_problem_in_one_report(importer, roster, tmp_path):
    header = ["报告期", "统一社会信用代码", "工业总产值(当年价格)", "备注"]
    rows = [
        header,
        ["2024-05", ALPHA, "abc", "x"],
        ["2024-13", BETA, "1", "y"],
        ["2024-05", ALPHA, "2", ""],
    ]
    result = importer("monthly", _csv(tmp_path, rows))
    assert [(p.row, p.column) for p in result.errors] == [
        (1, "备注"),
        (2, "output"),
        (3, "period"),
        (4, "period"),  # the same enterprise-month as row 2: the cross-row check ran too
    ]
    # The report names the columns as the file did
    assert [p.header for p in result.errors] == ["备注", "工业总产值(当年价格)", "报告期", "报告期"]
    assert result.as_dict()["errors"][1]["header"] == "工业总产值(当年价格)"
