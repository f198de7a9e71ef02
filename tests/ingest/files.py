"""Small import files written by tests, and valid USCCs (see tests/registry/test_uscc.py)."""

from __future__ import annotations

import csv
from pathlib import Path

ALPHA = "91110000600037341L"  # real-world
BETA = "51371526MJE9812610"  # real-world, authority 5 (民政)
GAMMA = "N2371502MF0000012U"  # hand-computed, authority N
DELTA = "A1371500MA3C5T2Q05"  # hand-computed, authority A

ROSTER_HEADER = ["uscc", "name", "region", "industry", "above_scale_from", "chains", "chain_role"]


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path
