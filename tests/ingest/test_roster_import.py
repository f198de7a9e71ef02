"""Roster imports: every bad input named by row and column; all or nothing; audited updates."""

import pytest
from openpyxl import Workbook

from gongxin.ingest import cells, columns, reader
from gongxin.ingest.kinds import roster
from gongxin.ingest.problems import Problem
from gongxin.ingest.services import MSG_NOTHING
from gongxin.registry import uscc
from gongxin.registry.models import AboveScaleSpell, AuditEntry, ChainMembership, Enterprise
from gongxin.stats.models import DataVersion
from tests.ingest.files import ALPHA, BETA, DELTA, GAMMA, ROSTER_HEADER

HEADER = ["统一社会信用代码", "企业名称", "所属区县代码", "行业代码"]


def counts():
    return (
        Enterprise.objects.count(),
        AboveScaleSpell.objects.count(),
        ChainMembership.objects.count(),
        AuditEntry.objects.count(),
    )


def test_it_imports_a_roster_with_chinese_headers(importer, files):
    result = importer(
        "roster",
        files.csv(
            [
                [*HEADER, "所属产业链", "链上角色", "用地面积（亩）", "重点企业", "企业规模"],
                [
                    ALPHA,
                    "阿尔法铝业",
                    "371502",
                    "3216",
                    "nonferrous；auto",
                    "链主",
                    "120.5",
                    "是",
                    "大型",
                ],
                [GAMMA, "伽马合作社", "371521", "0610", "", "", "", "否", ""],
            ]
        ),
    )
    assert result.status == "committed"
    assert result.summary["created"] == 2
    alpha = Enterprise.objects.get(uscc=ALPHA)
    assert (alpha.region_id, alpha.industry_id, alpha.land_mu, alpha.key, alpha.size) == (
        "371502",
        "3216",
        120.5,
        True,
        "大型",
    )
    assert set(ChainMembership.objects.values_list("chain_id", "role")) == {
        ("nonferrous", "链主"),
        ("auto", "链主"),
    }
    # No above-scale columns: above scale for all periods.
    assert list(AboveScaleSpell.objects.values_list("from_ym", "to_ym")) == [(None, None)] * 2


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ([ALPHA[:-1] + "M", "甲", "371502", "3216"], "uscc", uscc.ERR_CHECK),
        (["9111000060003734", "甲", "371502", "3216"], "uscc", uscc.ERR_LENGTH.format(length=16)),
        ([DELTA, "", "371502", "3216"], "name", columns.ERR_REQUIRED),
        (
            [DELTA, "甲", "371599", "3216"],
            "region",
            roster.ERR_UNKNOWN_REGION.format(code="371599"),
        ),
        (
            [DELTA, "甲", "371502", "0510"],
            "industry",
            roster.ERR_INDUSTRY_SECTION.format(code="0510"),
        ),
        (
            [DELTA, "甲", "371502", "1310"],
            "industry",
            roster.ERR_UNKNOWN_INDUSTRY.format(code="1310"),
        ),
        (
            [DELTA, "甲", "371502", "321"],
            "industry",
            cells.ERR_CODE_LEADING_ZERO.format(digits=4, value="321"),
        ),
    ],
)
def test_it_rejects_a_bad_required_cell(importer, files, row, column, message):
    before = counts()
    result = importer("roster", files.csv([HEADER, [BETA, "乙", "371503", "1311"], row]))
    assert result.status == "rejected"
    assert result.errors == [Problem(3, column, message)]
    assert counts() == before  # the good row is not written either


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("above_scale_from", "2024/01", "应为 YYYY-MM 格式的年月（如 2024-04），实为“2024/01”"),
        ("chains", "nonferrous;steel", roster.ERR_UNKNOWN_CHAIN.format(code="steel")),
        ("chain_role", "老大", cells.ERR_CHOICE.format(choices="链主、骨干、配套", value="老大")),
        (
            "ownership",
            "国营",
            cells.ERR_CHOICE.format(
                choices="国有、集体、私营、外商投资、港澳台投资、其他", value="国营"
            ),
        ),
        ("size", "巨型", cells.ERR_CHOICE.format(choices="大型、中型、小型、微型", value="巨型")),
        ("key", "Y", cells.ERR_CHOICE.format(choices="是、否", value="Y")),
        ("land_mu", "-1", cells.ERR_MINIMUM.format(minimum="0", value="-1")),
        ("land_mu", "1,200", cells.ERR_THOUSANDS.format(value="1,200", plain="1200")),
    ],
)
def test_it_rejects_a_bad_optional_cell(importer, files, column, value, message):
    extra = {"chain_role": ["chains", "nonferrous"]}.get(column, [])
    header = [*HEADER, column, *extra[:1]]
    row = [DELTA, "甲", "371502", "3216", value, *extra[1:]]
    result = importer("roster", files.csv([header, row]))
    assert result.errors == [Problem(2, column, message)]


def test_it_rejects_a_duplicate_uscc_naming_the_other_row(importer, files):
    result = importer(
        "roster",
        files.csv(
            [
                HEADER,
                [ALPHA, "甲", "371502", "3216"],
                [BETA, "乙", "371503", "1311"],
                [ALPHA.lower(), "丙", "371502", "3216"],
            ]
        ),
    )
    assert result.errors == [Problem(4, "uscc", roster.ERR_DUPLICATE_USCC.format(other=2))]


def test_it_rejects_an_exit_before_the_entry_and_a_role_without_chain(importer, files):
    result = importer(
        "roster",
        files.csv(
            [
                [*HEADER, "above_scale_from", "above_scale_to", "chain_role"],
                [ALPHA, "甲", "371502", "3216", "2024-05", "2024-01", "骨干"],
            ]
        ),
    )
    assert result.errors == [
        Problem(2, "above_scale_to", roster.ERR_SPELL_ORDER.format(to="2024-01", since="2024-05")),
        Problem(2, "chain_role", roster.ERR_ROLE_WITHOUT_CHAIN),
    ]


def test_it_reports_every_problem_of_every_row(importer, files):
    result = importer(
        "roster",
        files.csv(
            [
                HEADER,
                [ALPHA[:-1] + "M", "", "371599", "3216"],
                [BETA, "乙", "371503", "9999"],
            ]
        ),
    )
    assert [(p.row, p.column) for p in result.errors] == [
        (2, "uscc"),
        (2, "name"),
        (2, "region"),
        (3, "industry"),
    ]


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (
            [*HEADER, "备注"],
            Problem(1, "备注", columns.ERR_UNKNOWN_COLUMN.format(header="备注", kind="企业名录")),
        ),
        (
            [*HEADER, "name"],
            Problem(
                1,
                "name",
                columns.ERR_DUPLICATE_COLUMN.format(first="B", second="E", label="企业名称"),
            ),
        ),
        (HEADER[:3], Problem(1, "industry", columns.ERR_MISSING_COLUMN.format(label="行业代码"))),
    ],
)
def test_a_bad_header_is_reported_and_nothing_is_written(importer, files, header, problem):
    before = counts()
    result = importer("roster", files.csv([header, [ALPHA, "甲", "371502", "3216", "x"]]))
    # The header problem first; the rows are checked too (issue 11 item 11): with three
    # columns, the row's data in D and E has no header.
    assert result.errors[0] == problem
    extra = [] if len(header) > 3 else [(2, "D"), (2, "E")]
    assert [(p.row, p.column) for p in result.errors[1:]] == extra
    assert counts() == before


def test_a_header_only_file_is_nothing_to_import(importer, files):
    version = DataVersion.current()
    result = importer("roster", files.csv([HEADER]))
    assert (result.status, result.ok, result.message) == (
        "empty",
        True,
        MSG_NOTHING.format(label="企业名录"),
    )
    assert DataVersion.current() == version


def test_a_file_level_problem_is_reported_without_a_row(importer, files):
    result = importer("roster", files.raw(b"%PDF-1.4 whatever"))
    assert result.errors == [Problem(None, None, reader.ERR_PDF)]
    assert str(result.errors[0]) == reader.ERR_PDF


def test_a_gbk_csv_is_imported_with_a_warning(importer, files):
    result = importer(
        "roster", files.csv([HEADER, [ALPHA, "阿尔法铝业", "371502", "3216"]], encoding="gbk")
    )
    assert result.status == "committed"
    assert Enterprise.objects.get().name == "阿尔法铝业"
    assert result.warnings == [Problem(None, None, reader.WARN_GB18030)]


def test_an_xlsx_roster_with_numeric_codes_and_an_excel_date_is_imported(importer, files):
    import datetime as dt

    result = importer(
        "roster",
        files.xlsx(
            [
                [*HEADER, "纳入规上年月"],
                [ALPHA, "甲", 371502, 610, dt.datetime(2021, 3, 1)],
            ]
        ),
    )
    assert result.status == "committed", result.errors
    alpha = Enterprise.objects.get()
    assert (alpha.region_id, alpha.industry_id) == ("371502", "0610")
    assert AboveScaleSpell.objects.get().from_ym == 202103


def test_an_xlsx_with_a_formula_or_a_merged_header_is_rejected(importer, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append([*HEADER, "用地面积(亩)"])
    ws.append([ALPHA, "甲", "371502", "3216", "=10*2"])
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    result = importer("roster", path)
    assert result.errors == [Problem(2, "land_mu", reader.ERR_FORMULA.format(cell="E2"))]

    ws.merge_cells("A1:B1")
    wb.save(path)
    result = importer("roster", path)
    assert Problem(1, "uscc", reader.ERR_MERGED_HEADER.format(ref="A1:B1")) in result.errors
    assert Enterprise.objects.count() == 0


def test_re_importing_updates_by_uscc_and_audits_each_change(roster, importer, files):
    version = DataVersion.current()
    result = importer(
        "roster",
        files.csv(
            [
                ROSTER_HEADER,
                [ALPHA, "阿尔法铝业集团", "371502", "3216", "2020-01", "nonferrous;auto", "链主"],
                [BETA, "贝塔面粉", "371503", "1311", "", "agrifood", ""],
            ]
        ),
    )
    assert (result.summary["updated"], result.summary["unchanged"]) == (1, 1)
    assert DataVersion.current() == version + 1
    changes = AuditEntry.objects.filter(action="update").values_list(
        "actor", "key", "field", "old", "new", "batch_id"
    )
    assert sorted(changes) == [
        ("alice", ALPHA, "chains", "nonferrous", "auto;nonferrous", result.batch_id),
        ("alice", ALPHA, "name", "阿尔法铝业", "阿尔法铝业集团", result.batch_id),
    ]


def test_an_identical_re_import_changes_nothing(roster, importer, files):
    version, audit = DataVersion.current(), AuditEntry.objects.exclude(action="import").count()
    result = importer(
        "roster",
        files.csv(
            [
                ROSTER_HEADER,
                [ALPHA, "阿尔法铝业", "371502", "3216", "2020-01", "nonferrous", "链主"],
                [BETA, "贝塔面粉", "371503", "1311", "", "agrifood", ""],
            ]
        ),
    )
    assert result.summary["unchanged"] == 2
    assert DataVersion.current() == version
    assert AuditEntry.objects.exclude(action="import").count() == audit


def test_leaving_and_re_entering_above_scale_keeps_the_history(roster, importer, files):
    header = ["uscc", "name", "region", "industry", "above_scale_from", "above_scale_to"]
    importer(
        "roster", files.csv([header, [ALPHA, "阿尔法铝业", "371502", "3216", "2020-01", "2023-06"]])
    )
    importer("roster", files.csv([header, [ALPHA, "阿尔法铝业", "371502", "3216", "2024-02", ""]]))
    spells = AboveScaleSpell.objects.filter(enterprise_id=ALPHA).order_by("from_ym")
    assert list(spells.values_list("from_ym", "to_ym")) == [(202001, 202306), (202402, None)]

    result = importer(
        "roster", files.csv([header, [ALPHA, "阿尔法铝业", "371502", "3216", "2023-01", ""]])
    )
    assert result.errors == [
        Problem(
            2,
            "above_scale_from",
            "纳入规上年月 2023-01 不晚于该企业上一段规上期间的退出年月 "
            "2023-06：已有的规上历史不能通过重新导入覆盖，请核对",
        )
    ]


def test_columns_absent_from_a_re_import_keep_their_values(roster, importer, files):
    importer("roster", files.csv([HEADER, [ALPHA, "阿尔法铝业", "371502", "3216"]]))
    assert list(ChainMembership.objects.filter(enterprise_id=ALPHA).values_list("chain_id")) == [
        ("nonferrous",)
    ]
    assert AboveScaleSpell.objects.get(enterprise_id=ALPHA).from_ym == 202001
