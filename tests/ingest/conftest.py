"""Fixtures for import tests: small CSV/XLSX files written by the test itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.files import ALPHA, BETA, ROSTER_HEADER, write_csv, write_xlsx


@pytest.fixture
def files(tmp_path):
    """``files.csv(rows)`` / ``files.xlsx(rows)`` write a file in the test's directory."""

    class Files:
        count = 0

        def _path(self, suffix: str) -> Path:
            Files.count += 1
            return tmp_path / f"file{Files.count}{suffix}"

        def csv(self, rows, encoding="utf-8", suffix=".csv"):
            return write_csv(self._path(suffix), rows, encoding)

        def xlsx(self, rows, suffix=".xlsx"):
            return write_xlsx(self._path(suffix), rows)

        def raw(self, data: bytes, suffix=".csv"):
            path = self._path(suffix)
            path.write_bytes(data)
            return path

    return Files()


@pytest.fixture
def importer(city, data_dir):
    """``importer(kind, path)`` imports as the test user and returns the ImportResult."""
    from gongxin.ingest.services import import_file

    def _import(kind: str, path: Path):
        return import_file(kind=kind, path=path, actor="alice")

    return _import


@pytest.fixture
def roster(importer, files):
    """Two enterprises in the roster: ALPHA (region 371502) and BETA (region 371503)."""
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
    assert result.status == "committed", result.errors
    return result
