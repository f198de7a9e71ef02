"""The demo as rows of the contract's file formats, and the CSV files themselves.

Headers are the contract's keys. Numbers are plain decimals: money to 0.1 万元, electricity
to 0.01 万千瓦时. The rows built here are exactly what is written, so the reference
computation in ``figures.py`` can check them without reading files.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gongxin.demo.chains import COLUMNS as CHAIN_COLUMNS
from gongxin.demo.chains import FILES as CHAIN_FILES
from gongxin.demo.chains import chain_files
from gongxin.demo.daily import DAILY_FILE, daily_rows, write_daily_file
from gongxin.demo.figures import Records
from gongxin.demo.model import (
    ELECTRICITY,
    EMPLOYEES,
    PY_MEASURES,
    VALUES,
    YEARS,
    DemoCity,
    ym_range,
    ym_str,
)
from gongxin.demo.projects import PROJECT_FILES, project_files

ROSTER_COLUMNS = (
    "uscc",
    "name",
    "region",
    "industry",
    "above_scale_from",
    "above_scale_to",
    "chains",
    "chain_role",
    "ownership",
    "size",
    "land_mu",
    "key",
)
MONTHLY_COLUMNS = ("period", "uscc", *VALUES, *(f"{m}_py" for m in PY_MEASURES))
REFERENCE_COLUMNS = ("series", "scope", "period", "value")

ROSTER_FILE = "roster.csv"
REFERENCE_FILE = "reference.csv"
CORRECTIONS_FILE = "monthly-corrections.csv"


def monthly_file(year: int) -> str:
    return f"monthly-{year}.csv"


def file_names() -> list[tuple[str, str]]:
    """(kind, file name) in import order: roster, reference, monthly files, corrections, and
    the daily electricity feed of the last quarter (for the daily dispatch)."""
    return [
        ("roster", ROSTER_FILE),
        ("reference", REFERENCE_FILE),
        *(("monthly", monthly_file(y)) for y in YEARS),
        ("monthly", CORRECTIONS_FILE),
        ("daily", DAILY_FILE),
        *PROJECT_FILES,
        *CHAIN_FILES,
    ]


def fmt(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def round_rows(city: DemoCity) -> None:
    """Round the stored values to what the files carry, so every check sees the same numbers."""
    for rows in city.rows.values():
        for row in rows.values():
            _round(row)
    for row in city.preliminary.values():
        _round(row)


def _round(row: list[float]) -> None:
    for i in range(len(row)):
        if i == EMPLOYEES:
            row[i] = float(round(row[i]))
        elif i == ELECTRICITY:
            row[i] = float(fmt(row[i], 2))
        else:
            row[i] = float(fmt(row[i], 1))


def _values(row: list[float]) -> list[str]:
    out = []
    for i, v in enumerate(row):
        out.append(str(int(v)) if i == EMPLOYEES else fmt(v, 2 if i == ELECTRICITY else 1))
    return out


def roster_rows(city: DemoCity) -> list[dict[str, str]]:
    out = []
    for e in sorted(city.enterprises, key=lambda e: (e.region, e.uscc)):
        out.append(
            {
                "uscc": e.uscc,
                "name": e.name,
                "region": e.region,
                "industry": e.industry,
                "above_scale_from": ym_str(e.from_ym) if e.from_ym else "",
                "above_scale_to": ym_str(e.to_ym) if e.to_ym else "",
                "chains": ";".join(e.chains),
                "chain_role": e.chain_role if e.chains else "",
                "ownership": e.ownership,
                "size": e.size,
                "land_mu": fmt(e.land_mu, 1) if e.land_mu is not None else "",
                "key": "是" if e.key else "否",
            }
        )
    return out


def _monthly_row(city: DemoCity, uscc: str, ym: int, values: list[float]) -> dict[str, str]:
    e = city.enterprise_by_uscc[uscc]
    row = dict(zip(MONTHLY_COLUMNS, [ym_str(ym), uscc, *_values(values)], strict=False))
    if city.has_py(e, ym):
        prior = _values(city.rows[uscc][ym - 100])
        for k, m in enumerate(PY_MEASURES):
            row[f"{m}_py"] = prior[k]
    else:
        for m in PY_MEASURES:
            row[f"{m}_py"] = ""
    return row


def monthly_rows(city: DemoCity, year: int) -> list[dict[str, str]]:
    """The main file of ``year``: every report, preliminary where later corrected."""
    out = []
    months = [ym for ym in ym_range(year * 100 + 1, year * 100 + 12)]
    firms = sorted(city.enterprises, key=lambda e: e.uscc)
    for ym in months:
        for e in firms:
            if not e.reports(ym):
                continue
            values = city.preliminary.get((e.uscc, ym), city.rows[e.uscc][ym])
            out.append(_monthly_row(city, e.uscc, ym, values))
    return out


def correction_rows(city: DemoCity) -> list[dict[str, str]]:
    return [
        _monthly_row(city, uscc, ym, city.rows[uscc][ym])
        for uscc, ym in sorted(city.preliminary, key=lambda k: (k[1], k[0]))
    ]


def reference_rows(city: DemoCity) -> list[dict[str, str]]:
    order = {"ppi": 0, "va_ratio": 1, "benchmark_va_growth_ytd": 2, "target_va_growth": 3}
    out = []
    for (series, scope, period), value in sorted(
        city.reference.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1], kv[0][2])
    ):
        decimals = 4 if series == "va_ratio" else 1
        out.append(
            {"series": series, "scope": scope, "period": period, "value": fmt(value, decimals)}
        )
    return out


def records(city: DemoCity) -> Records:
    monthly: list[dict[str, str]] = []
    for year in YEARS:
        monthly.extend(monthly_rows(city, year))
    monthly.extend(correction_rows(city))
    return Records(roster=roster_rows(city), monthly=monthly, reference=reference_rows(city))


def to_csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_files(city: DemoCity, out_dir: Path, recs: Records | None = None) -> list[Path]:
    """Write the seven files into ``out_dir`` (created if needed); returns them in import order."""
    recs = recs or records(city)
    out_dir.mkdir(parents=True, exist_ok=True)
    monthly_by_file: dict[str, list[dict[str, str]]] = {}
    for row in recs.monthly[: len(recs.monthly) - len(city.preliminary)]:
        monthly_by_file.setdefault(monthly_file(int(row["period"][:4])), []).append(row)
    monthly_by_file[CORRECTIONS_FILE] = recs.monthly[len(recs.monthly) - len(city.preliminary) :]
    contents = {
        ROSTER_FILE: to_csv(ROSTER_COLUMNS, recs.roster),
        REFERENCE_FILE: to_csv(REFERENCE_COLUMNS, recs.reference),
        **{name: to_csv(MONTHLY_COLUMNS, rows) for name, rows in monthly_by_file.items()},
        **{name: to_csv(cols, rows) for name, (cols, rows) in project_files(city).items()},
        **{name: to_csv(CHAIN_COLUMNS[name], rows) for name, rows in chain_files(city).items()},
    }
    paths = []
    for _, name in file_names():
        path = out_dir / name
        if name == DAILY_FILE:
            # After the corrections, as the importer will have them: the last row per month wins.
            write_daily_file(path, daily_rows(recs.roster, recs.monthly))
        else:
            path.write_bytes(contents[name])
        paths.append(path)
    return paths
