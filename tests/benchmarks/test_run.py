"""The benchmark must not rot: it runs end to end at a tiny scale, and its pandas cube and hand
SQL agree with the engine there (the script exits non-zero when a check finds a difference)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import run


def test_the_benchmark_runs_and_pandas_and_hand_sql_agree_with_the_engine(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\n## Web load\n\nkept\n", encoding="utf-8")
    status = run.main(
        ["--scale", "tiny", "--repeat", "1", "--data-dir", str(tmp_path), "--doc", str(doc)]
    )
    assert status == 0
    text = doc.read_text(encoding="utf-8")
    assert "## Web load\n\nkept" in text
    assert run.BEGIN in text and "0 differ" in text and " differ" in text
    for line in text.splitlines():
        if "values compared" in line:
            assert line.endswith(" 0 differ"), line
