"""Issue 10: a roster name that is a formula stays text in every export (XLSX and CSV).

OWASP CSV injection: an XLSX text cell is written with write_string (a shared string, never
a formula); a CSV text cell starting with = + - @ tab or CR gets a leading apostrophe, while
numbers — a negative profit included — are written unchanged.
"""

import csv
import io
import zipfile

import openpyxl
import pytest

from gongxin.export_cells import csv_text

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'
CAROLS = "91371502MA3C00003C"  # profit 50 − 40×2 = −30 a month: a negative number


@pytest.fixture
def formula_name(enterprises):
    from gongxin.registry.models import Enterprise
    from gongxin.stats.models import DataVersion

    Enterprise.objects.filter(uscc=CAROLS).update(name=FORMULA)
    DataVersion.bump()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("阳谷铜业", "阳谷铜业"),
        (-3.2, -3.2),  # a number is never prefixed
        (None, None),
    ],
)
def test_csv_text_neutralises_text_only(value, written):
    assert csv_text(value) == written


def test_the_web_enterprise_export_writes_the_name_as_text(login, alice, formula_name):
    response = login(alice).get("/enterprises/export/?period=2024-04")
    data = b"".join(response.streaming_content)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula cell at all
    book = openpyxl.load_workbook(io.BytesIO(data))
    names = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert FORMULA in names
    cell = next(c for c in book.active["B"] if c.value == FORMULA)
    assert cell.data_type == "s"  # a string, which Excel shows and never evaluates


def test_gongxin_query_csv_neutralises_names_not_numbers(run_cli, formula_name):
    code, out, err = run_cli(
        "query", "--indicator", "profit_ytd", "--period", "2024-04", "--by", "enterprise",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0, err
    rows = {r["member"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows[CAROLS]["name"] == "'" + FORMULA
    assert float(rows[CAROLS]["value"]) == -120.0  # 4 months × −30, written as a number
    assert not rows[CAROLS]["value"].startswith("'")
