"""docs/chains.md's worked coverage example, imported and computed through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "chains.md"


def _blocks() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"```\w+ (\S+)\n(.*?)```", text, re.S)}


def test_worked_example(importer, files, run_cli):
    blocks = _blocks()
    for kind, name in (("roster", "roster"), ("chain-map", "chain-map")):
        rows = [line.split(",") for line in blocks[name].strip().splitlines()]
        result = importer(kind, files.csv(rows))
        assert result.status == "committed", (kind, result.errors)
    code, out, err = run_cli(
        "chains", "--period", "2024-04", "--chain", "nonferrous", "--nodes", "--format", "json"
    )
    assert code == 0, err
    got = [[n["node"], n["enterprises"], n["strength"]] for n in json.loads(out)]
    assert got == json.loads(blocks["nodes"])
    _, out, _ = run_cli(
        "chains", "--period", "2024-04", "--chain", "nonferrous", "--format", "json"
    )
    (row,) = json.loads(out)
    expected = json.loads(blocks["chain"])
    assert {k: row[k] for k in expected} == expected
    # "In May 丙 enters: NF04 has 2 firms; the coverage does not change."
    _, out, _ = run_cli(
        "chains", "--period", "2024-05", "--chain", "nonferrous", "--nodes", "--format", "json"
    )
    assert [n["enterprises"] for n in json.loads(out)][3] == 2
