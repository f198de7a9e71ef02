"""Header matching (key or 中文表头, any order, full-width folded) and cell parsing."""

import datetime as dt

import pytest

from gongxin.ingest import cells, columns
from gongxin.ingest.cells import CellError, Code, Month, Number
from gongxin.ingest.columns import Record, parse_rows
from gongxin.ingest.problems import Problem
from gongxin.ingest.schemas import MONTHLY, ROSTER, SCHEMAS


def test_a_header_may_mix_keys_and_chinese_names_in_any_order():
    header_map, problems = MONTHLY.resolve(
        [" 统一社会信用代码", "报告期 ", "Output", "工业销售产值"]
    )
    assert problems == []
    assert [c.key for _, c in sorted(header_map.by_index.items())] == [
        "uscc",
        "period",
        "output",
        "sales",
    ]


def test_full_width_parentheses_name_the_same_column():
    header_map, problems = ROSTER.resolve(["uscc", "name", "region", "industry", "用地面积（亩）"])
    assert problems == []
    assert header_map.by_index[4].key == "land_mu"


def test_an_unknown_column_is_an_error_with_a_suggestion():
    _, problems = ROSTER.resolve(["uscc", "企业民称", "region", "industry", "remark"])
    assert problems == [
        Problem(
            1,
            "企业民称",
            columns.ERR_UNKNOWN_COLUMN_HINT.format(header="企业民称", label="企业名称", key="name"),
        ),
        Problem(1, "remark", columns.ERR_UNKNOWN_COLUMN.format(header="remark", kind="企业名录")),
        Problem(1, "name", columns.ERR_MISSING_COLUMN.format(label="企业名称")),
    ]


def test_a_column_given_twice_is_an_error():
    _, problems = ROSTER.resolve(["uscc", "name", "企业名称", "region", "industry"])
    assert problems == [
        Problem(
            1, "name", columns.ERR_DUPLICATE_COLUMN.format(first="B", second="C", label="企业名称")
        )
    ]


def test_every_schema_column_has_a_distinct_key_and_label():
    for schema in SCHEMAS.values():
        assert len(set(schema.keys)) == len(schema.columns)
        assert len({c.label for c in schema.columns}) == len(schema.columns)


def test_rows_yield_every_bad_cell_and_data_under_a_blank_header():
    header_map, _ = MONTHLY.resolve(["period", "uscc", "output", ""])
    items = list(
        parse_rows(
            MONTHLY, header_map, [(2, ["2024-13", "", "abc", "stray"]), (3, ["2024-01", "A", "1"])]
        )
    )
    problems = [i for i in items if isinstance(i, Problem)]
    records = [i for i in items if isinstance(i, Record)]
    assert problems == [
        Problem(2, "period", "月份应在 01 到 12 之间，实为“2024-13”"),
        Problem(2, "uscc", columns.ERR_REQUIRED),
        Problem(2, "output", cells.ERR_NOT_NUMBER.format(value="abc")),
        Problem(2, "D", columns.ERR_NO_HEADER.format(letter="D")),
    ]
    assert [r.ok for r in records] == [False, True]
    assert records[1]["output"] == 1.0


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1,234.5", cells.ERR_THOUSANDS.format(value="1,234.5", plain="1234.5")),
        ("12万", cells.ERR_NOT_NUMBER.format(value="12万")),
        ("nan", cells.ERR_NOT_NUMBER.format(value="nan")),
        (True, cells.ERR_NOT_NUMBER.format(value="TRUE")),
        ("-3", cells.ERR_MINIMUM.format(minimum="0", value="-3")),
    ],
)
def test_a_number_cell_must_be_a_plain_non_negative_number(cell, message):
    with pytest.raises(CellError) as exc:
        Number(minimum=0).parse(cell)
    assert str(exc.value) == message


def test_numbers_from_csv_text_and_xlsx_cells_are_the_same():
    assert Number().parse(" 12.50 ") == 12.5
    assert Number().parse(12.5) == 12.5
    assert Number().parse("-7") == -7.0
    assert Number(integer=True).parse(30.0) == 30
    with pytest.raises(CellError) as exc:
        Number(integer=True).parse("30.5")
    assert str(exc.value) == cells.ERR_NOT_INTEGER.format(value="30.5")


def test_a_month_may_be_an_excel_date_on_the_first():
    assert Month().parse(dt.datetime(2024, 4, 1)) == 202404
    with pytest.raises(CellError) as exc:
        Month().parse(dt.date(2024, 4, 15))
    assert str(exc.value) == cells.ERR_MONTH_DATE.format(value="2024-04-15")


def test_a_numeric_code_cell_gets_its_leading_zeros_back_but_text_does_not():
    assert Code(digits=4).parse(610.0) == "0610"
    with pytest.raises(CellError) as exc:
        Code(digits=4).parse("610")
    assert str(exc.value) == cells.ERR_CODE_LEADING_ZERO.format(digits=4, value="610")
