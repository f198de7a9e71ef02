"""The bulk-reading fast paths give exactly what the plain ones give.

``cells.converter`` (a short path for plain numbers, memoized codes) must return the value, and
raise the reason, that ``parse`` does for every cell; the inlined blank tests in ``columns`` and
``reader`` must agree with ``_blank``.
"""

import datetime as dt
import random
import statistics

import pytest

from gongxin.ingest import columns, reader
from gongxin.ingest.cells import (
    CellError,
    Choice,
    Code,
    CodeList,
    Day,
    Month,
    Number,
    PeriodText,
    Text,
    Uscc,
    YesNo,
    converter,
)
from gongxin.ingest.columns import Record, parse_rows
from gongxin.ingest.problems import Problem
from gongxin.ingest.schemas import MONTHLY, SCHEMAS
from tests.ingest.files import ALPHA

TYPES = [
    Number(),
    Number(minimum=0),
    Number(minimum=0, integer=True),
    Number(minimum=0, maximum=1),
    Code(),
    Code(digits=4),
    Code(digits=6),
    CodeList(),
    Uscc(),
    Uscc(check=False),
    Month(),
    Choice(("链主", "骨干", "配套")),
    YesNo(),
    PeriodText(),
    Text(max_length=5),
    Day(),
] + [column.type for schema in SCHEMAS.values() for column in schema.columns]

CELLS = [
    # numbers as CSV text: plain, signed, exponents, whitespace, other scripts' digits
    "12", " 12.50 ", "-7", "+.5", "5.", "-0", "0", "3.7", "1E+05", "1e-3", "12\n", "\u00a012",
    "\u300012", "１２", "١٢", "𝟏𝟐", "2024", "30.0", "-3", "1.5", "0.5", "610", "0610", "371502",
    # what float() takes and parse does not, or parse takes oddly
    "1_000", "1_0.5", "inf", "-inf", "Infinity", "nan", "NaN", "1e999", "-1e999", "1e400",
    # never numbers
    "", " ", ".", "e5", "1e", "0x10", "1,234", "1,234.5", "12万", "5%", "1 2", "--1", "TRUE",
    # periods, codes, USCCs, choices
    "2024-04", "2024-4", "2024-13", "1900-01", "２０２４－０４", " 2024-04 ", "2024",
    ALPHA, ALPHA.lower(), f" {ALPHA} ", "91110000600037341", "nonferrous;agrifood", "a；b;a",
    "链主", "骨干 ", "是", "否", "abcdef", " abcde ", "abcde\u3000", "\tab",
    # days
    "2024-05-06", " 2024-05-06 ", "2024-5-6", "2024-02-30", "２０２４－０５－０６", "2099-01-01",
    "1999-12-31", "0001-01-01",
    # XLSX cell values
    True, False, 0, 1, 610, 371502, 610.0, 12.5, -3.0, 30.0, 0.5, 2024, 2024.0, 1e300,
    float("inf"), float("-inf"), float("nan"), 10**400,
    dt.date(2024, 4, 1), dt.date(2024, 4, 2), dt.datetime(2024, 4, 1), dt.datetime(2024, 4, 1, 8),
    dt.time(8, 30), dt.timedelta(days=1),
]  # fmt: skip


def outcome(fn, cell):
    try:
        value = fn(cell)
    except CellError as exc:
        return ("error", str(exc))
    except (ValueError, OverflowError, TypeError) as exc:
        return ("exception", type(exc))
    if isinstance(value, float) and value != value:
        return ("nan",)
    return ("ok", type(value), value)


@pytest.mark.parametrize("cell_type", TYPES, ids=repr)
def test_a_converter_returns_and_raises_what_parse_does(cell_type):
    convert = converter(cell_type)
    for cell in CELLS:
        expected = outcome(cell_type.parse, cell)
        # Twice: a memoized result must be the same, and an error is raised again.
        assert outcome(convert, cell) == expected, cell
        assert outcome(convert, cell) == expected, cell


@pytest.mark.parametrize(
    "number", [Number(), Number(minimum=0), Number(minimum=0, integer=True), Number(maximum=10)]
)
def test_number_converters_agree_with_parse_on_random_text(number):
    rng = random.Random(4754)
    alphabet = "0123456789+-.eE_ ,١２infaINF\u00a0万"
    convert = converter(number)
    for _ in range(20000):
        cell = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7)))
        assert outcome(convert, cell) == outcome(number.parse, cell), repr(cell)


BLANKS = [None, "", " ", "\t", "\u3000", "\u00a0", "\x1c", "\n\r ", "x", " x ", 0, 0.0, False]


def test_inlined_blank_tests_agree_with_is_blank():
    header_map, _ = MONTHLY.resolve(["period", "uscc", "output"])
    for cell in BLANKS:
        items = list(parse_rows(MONTHLY, header_map, [(2, ["2024-01", ALPHA, cell])]))
        problems = [i for i in items if isinstance(i, Problem)]
        required = [p for p in problems if p.message == columns.ERR_REQUIRED]
        assert bool(required) == columns._blank(cell), repr(cell)
        table = reader.Table(format=reader.CSV, header=["a", "b"], _rows=iter([[cell, cell]]))
        assert (list(table.rows()) == []) == reader._is_blank(cell), repr(cell)


def test_a_short_row_reads_as_empty_cells():
    header_map, _ = MONTHLY.resolve(["period", "uscc", "output", "sales"])
    items = list(parse_rows(MONTHLY, header_map, [(2, ["2024-01", ALPHA, "5"])]))
    assert len(items) == 1 and isinstance(items[0], Record)
    assert (items[0]["output"], items[0]["sales"]) == (5.0, None)


def test_one_enterprise_month_twice_in_one_write_still_counts_up(roster):
    """Imports never pass a key twice (validated); a direct caller may, and gets revisions."""
    from django.utils import timezone

    from gongxin.ingest.models import ImportBatch
    from gongxin.stats.models import MonthlyReport
    from gongxin.stats.services import MONTHLY_FIELDS, MonthlyFigures, monthly_reports_record

    def figures(output):
        values = dict.fromkeys(MONTHLY_FIELDS) | {"output": output}
        return MonthlyFigures(ALPHA, 202404, tuple(values[f] for f in MONTHLY_FIELDS))

    batch = ImportBatch.objects.create(
        kind="monthly", filename="f.csv", sha256="0", actor="t", status="committed"
    )
    summary = monthly_reports_record(
        figures=[figures(1.0), figures(1.0), figures(2.0)],
        batch=batch,
        actor="t",
        now=timezone.now(),
    )
    assert (summary.created, summary.unchanged, summary.revised) == (1, 1, 1)
    assert [r[2] for r in summary.rows] == [1, 2]
    assert list(
        MonthlyReport.objects.filter(enterprise_id=ALPHA)
        .order_by("revision")
        .values_list("revision", "output")
    ) == [(1, 1.0), (2, 2.0)]


def test_a_revision_written_meanwhile_is_an_integrity_error(roster):
    """The bulk insert (executemany; COPY on PostgreSQL) raises Django's IntegrityError."""
    from django.db import IntegrityError, connection, transaction
    from django.utils import timezone

    from gongxin.ingest.models import ImportBatch
    from gongxin.stats.models import MonthlyReport
    from gongxin.stats.services import MONTHLY_INSERT, _insert_rows

    batch = ImportBatch.objects.create(
        kind="monthly", filename="f.csv", sha256="0", actor="t", status="committed"
    )
    row = dict.fromkeys(MONTHLY_INSERT) | {
        "enterprise": ALPHA,
        "ym": 202404,
        "revision": 1,
        "batch": batch.pk,
        "recorded_at": connection.ops.adapt_datetimefield_value(timezone.now()),
        "output": 1.0,
        "combined": False,
    }
    rows = [tuple(row[f] for f in MONTHLY_INSERT)]
    _insert_rows(MonthlyReport, MONTHLY_INSERT, rows)
    with pytest.raises(IntegrityError), transaction.atomic():
        _insert_rows(MonthlyReport, MONTHLY_INSERT, rows)
    assert MonthlyReport.objects.count() == 1


def test_the_usual_level_without_a_month_is_statistics_median_of_the_others():
    from gongxin.ingest.kinds.monthly import HISTORY_MIN_MONTHS, SCALE_MEASURES, _UsualLevel

    rng = random.Random(11)
    history = {}
    for e in range(300):
        months = {}
        for ym in range(202301, 202301 + rng.randint(0, 12)):
            months[ym] = tuple(
                None if rng.random() < 0.2 else float(rng.choice([0, 1, 5, rng.randint(0, 50)]))
                for _ in SCALE_MEASURES
            )
        history[f"E{e}"] = months
    usual = _UsualLevel(history)
    for uscc, months in history.items():
        for ym in [*months, 209912]:
            others = [v for m, v in months.items() if m != ym]
            expected = []
            for i in range(len(SCALE_MEASURES)):
                values = [r[i] for r in others if r[i] is not None]
                ok = len(values) >= HISTORY_MIN_MONTHS
                expected.append(statistics.median(values) if ok else None)
            assert usual.medians(uscc, ym) == (tuple(expected) if months else None)


def _cell_by_cell(schema, header_map, rows):
    """parse_rows' results as its cell-by-cell path gives them, for every row."""
    plan = [
        (i, schema.index[col.key], col.key, col.required, columns.converter(col.type))
        for i, col in sorted(header_map.by_index.items())
    ]
    width = len(schema.columns)
    return list(columns._parse_slowly(plan, width, schema.index, header_map, rows, set()))


def _as_data(items):
    return [
        (type(i).__name__, i.row, [(type(v), v) for v in i.values], i.ok)
        if isinstance(i, Record)
        else i
        for i in items
    ]


@pytest.mark.parametrize("bad", [None, *CELLS])
def test_chunks_converted_by_column_agree_with_cell_by_cell(bad):
    # Three chunks of plain CSV rows; the middle one holds one tricky cell (or none), in an
    # optional number column, a required one, the integer one and the USCC.
    rng = random.Random(5)
    header = list(MONTHLY.keys)
    header_map, _ = MONTHLY.resolve(header)
    rows = []
    for n in range(2, 2 + 2 * columns.CHUNK + 100):
        cells = [f"2024-{1 + n % 12:02d}", ALPHA, f"{rng.uniform(0, 1e4):.2f}"]
        cells += ["" if rng.random() < 0.3 else f"{rng.uniform(-5, 1e3):.3f}" for _ in header[3:]]
        cells[header.index("employees")] = str(rng.randint(0, 900))
        rows.append((n, cells))
    if bad is not None:
        for slot, key in enumerate(("sales", "output", "employees", "uscc")):
            rows[columns.CHUNK + 7 + slot][1][header.index(key)] = bad
    try:
        expected = _as_data(_cell_by_cell(MONTHLY, header_map, rows))
    except OverflowError:  # an int beyond floats (no reader makes one): both paths raise
        with pytest.raises(OverflowError):
            list(parse_rows(MONTHLY, header_map, rows))
        return
    assert _as_data(parse_rows(MONTHLY, header_map, rows)) == expected


def test_data_under_a_blank_header_is_reported_once_across_chunks():
    header_map, _ = MONTHLY.resolve(["period", "uscc", "output", ""])
    rows = [(n, ["2024-01", ALPHA, "5", "x"]) for n in range(2, 2 + 3 * columns.CHUNK)]
    problems = [p for p in parse_rows(MONTHLY, header_map, rows) if isinstance(p, Problem)]
    assert [(p.row, p.column) for p in problems] == [(2, "D")]
