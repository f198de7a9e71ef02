"""Reading files: type by content, encodings, and the XLSX cells that cannot be trusted."""

import pytest
from openpyxl import Workbook

from gongxin.ingest import reader
from gongxin.ingest.reader import FileFormatError, open_table


def read_all(path):
    with open_table(path) as table:
        return table, table.header, list(table.rows())


def test_it_reads_a_utf8_csv_with_a_bom_and_skips_blank_rows(files):
    path = files.raw("统一社会信用代码,企业名称\r\nA,甲\r\n,\r\nB,乙\r\n".encode("utf-8-sig"))
    table, header, rows = read_all(path)
    assert header == ["统一社会信用代码", "企业名称"]
    assert rows == [(2, ["A", "甲"]), (4, ["B", "乙"])]
    assert table.warnings == []


def test_it_reads_a_gbk_csv_and_warns(files):
    path = files.csv([["企业名称"], ["聊城市阿尔法铝业有限公司"]], encoding="gbk")
    table, header, rows = read_all(path)
    assert header == ["企业名称"]
    assert rows == [(2, ["聊城市阿尔法铝业有限公司"])]
    assert table.warnings == [reader.WARN_GB18030]


def test_it_detects_xlsx_by_content_whatever_the_extension(files):
    path = files.xlsx([["uscc", "output"], ["A", 12.5]], suffix=".csv")
    table, _header, rows = read_all(path)
    assert table.format == reader.XLSX
    assert rows == [(2, ["A", 12.5])]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", reader.ERR_EMPTY),
        (b"\r\n\r\n", reader.ERR_HEADER_BLANK),
        (b"%PDF-1.7\n...", reader.ERR_PDF),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, reader.ERR_XLS),
        ("uscc\r\n".encode("utf-16"), reader.ERR_UTF16),
        (b"uscc\x00\x01\x02\x03", reader.ERR_NOT_TABLE),
        (b"uscc\n\x80\x80\xff\n", reader.ERR_ENCODING.format(line=2)),
    ],
)
def test_it_rejects_what_is_not_a_csv_or_xlsx_table(files, data, message):
    with pytest.raises(FileFormatError) as exc:
        open_table(files.raw(data))
    assert str(exc.value) == message


def test_it_rejects_a_zip_that_is_not_a_workbook(files, tmp_path):
    import zipfile

    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    with pytest.raises(FileFormatError) as exc:
        open_table(path)
    assert str(exc.value) == reader.ERR_ZIP_NOT_XLSX


def test_it_reports_formula_cells_by_position(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["uscc", "output", "sales"])
    ws.append(["A", 10, "=B2*0.9"])
    ws.append(["B", "=SUM(1,2)", 3])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    with open_table(path) as table:
        assert table.issues == [
            reader.CellIssue(2, 2, reader.ERR_FORMULA.format(cell="C2")),
            reader.CellIssue(3, 1, reader.ERR_FORMULA.format(cell="B3")),
        ]


def test_it_reports_merged_header_and_data_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["企业", None, "output"])
    ws.append(["A", "x", 1])
    ws.append(["B", "y", 2])
    ws.append(["C", "z", 3])
    ws.merge_cells("A1:B1")
    ws.merge_cells("C3:C4")
    path = tmp_path / "m.xlsx"
    wb.save(path)
    with open_table(path) as table:
        assert sorted(table.issues, key=lambda i: i.row) == [
            reader.CellIssue(1, 0, reader.ERR_MERGED_HEADER.format(ref="A1:B1")),
            reader.CellIssue(3, 2, reader.ERR_MERGED.format(ref="C3:C4")),
        ]


def test_an_xlsx_with_an_empty_first_sheet_is_empty(tmp_path):
    path = tmp_path / "e.xlsx"
    Workbook().save(path)
    with pytest.raises(FileFormatError) as exc:
        open_table(path)
    assert str(exc.value) in (reader.ERR_EMPTY, reader.ERR_HEADER_BLANK)
