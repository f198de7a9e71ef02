"""A small demo city (300 enterprises) imported through the real importers, for report tests."""

from __future__ import annotations

from pathlib import Path

from gongxin.demo import generate, records, write_files
from gongxin.demo.daily import daily_rows, write_daily_file
from gongxin.demo.writer import file_names
from gongxin.ingest.services import import_file


def import_small_city(out: Path, *, daily: bool = False) -> None:
    city = generate(size=300)
    recs = records(city)
    write_files(city, out, recs)
    for kind, name in file_names():
        result = import_file(kind=kind, path=out / name, actor="test")
        assert result.ok, result.errors[:5]
    if daily:
        path = write_daily_file(out / "daily.csv", daily_rows(recs.roster, recs.monthly))
        result = import_file(kind="daily", path=path, actor="test")
        assert result.ok, result.errors[:5]
