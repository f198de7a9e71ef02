"""Import benchmark: a 100,000-row monthly file as CSV and as XLSX, end to end and by phase.

    /tmp/venv/bin/python benchmarks/imports/run.py [--rows 100000] [--enterprises 4000]
        [--formats csv,xlsx] [--postgres] [--repeat 1] [--json FILE]

What it does, for every backend (SQLite; PostgreSQL with ``--postgres``) and format:

1. generates — deterministically (seeded) — a roster of ``--enterprises`` enterprises and a
   monthly file of ``--rows`` rows (every enterprise, consecutive months from 2023-01, all 15
   columns, Chinese headers, some optional cells empty) as CSV and as XLSX (xlsxwriter,
   constant memory);
2. **end to end**: a fresh data directory (and, on PostgreSQL, a fresh database), ``gongxin
   init``, ``gongxin import roster``, then times ``gongxin import monthly FILE`` as a child
   process: wall time (Python start-up, Django set-up and the snapshot rebuild included) and the
   child's peak RSS (``os.wait4``). Then the same file again: an identical re-import, which reads
   and validates everything and writes nothing;
3. **phases**: another fresh data directory, and the same import run in a child that wraps the
   steps of ``gongxin.ingest.services.import_file`` with timers: *parse* (read the file, map the
   header, parse every cell), *check* (the kind's cross-row and database checks, warnings
   included), *write* (the one transaction) and *snapshot* (the DuckDB rebuild after commit).

Nothing here is asserted: speed is measured, reported, and written into docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GONGXIN = [sys.executable, "-m", "gongxin"]

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
REGIONS = ("371502", "371503", "371521", "371522", "371524", "371525", "371526", "371581")
CHAINS = ("nonferrous", "agrifood", "ferrous", "chemical", "building", "machinery", "auto")
# GB/T 4754-2017 classes of sections B-D (a sample across divisions).
INDUSTRIES = (
    "0610", "1030", "1392", "1514", "1771", "2012", "2312", "2454", "2641", "2761", "2929",
    "3075", "3253", "3394", "3453", "3517", "3575", "3713", "3813", "3872", "3973", "4050",
    "4513",
)  # fmt: skip
ROSTER_HEADER = ("统一社会信用代码", "企业名称", "所属区县代码", "行业代码", "所属产业链")
MONTHLY_HEADER = (
    "报告期", "统一社会信用代码", "工业总产值(当年价格)", "工业销售产值", "出口交货值",
    "营业收入", "利润总额", "用电量", "从业人员", "上年同期工业总产值", "上年同期工业销售产值",
    "上年同期出口交货值", "上年同期营业收入", "上年同期利润总额", "上年同期用电量",
)  # fmt: skip


# --- files -----------------------------------------------------------------------------------


def uscc(n: int) -> str:
    """A valid GB 32100-2015 code, one per ``n``."""
    body = f"91371500MA{n:07d}"
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    return body + ALPHABET[(31 - total % 31) % 31]


def _months(count: int) -> list[str]:
    return [f"{2023 + i // 12}-{i % 12 + 1:02d}" for i in range(count)]


def monthly_rows(rows: int, enterprises: int, seed: int = 20240501):
    """``rows`` monthly rows: every enterprise for consecutive months; values as cells."""
    rng = random.Random(seed)
    codes = [uscc(i) for i in range(enterprises)]
    level = [rng.uniform(500, 50000) for _ in range(enterprises)]
    months = _months(-(-rows // enterprises))
    produced = 0
    for period in months:
        for e, code in enumerate(codes):
            if produced == rows:
                return
            produced += 1
            output = round(level[e] * rng.uniform(0.85, 1.15), 2)
            sales = round(output * rng.uniform(0.9, 1.05), 2)
            export = round(sales * rng.uniform(0, 0.3), 2) if e % 3 == 0 else None
            revenue = round(sales * rng.uniform(0.95, 1.1), 2)
            profit = round(revenue * rng.uniform(-0.05, 0.12), 2)
            electricity = round(output * rng.uniform(0.01, 0.05), 3)
            employees = 50 + e % 900
            py = (
                [round(v / rng.uniform(0.95, 1.1), 2) for v in (output, sales)]
                + [None if export is None else round(export * 0.95, 2)]
                + [round(v / rng.uniform(0.95, 1.1), 2) for v in (revenue, profit, electricity)]
                if e % 2 == 0
                else [None] * 6
            )
            yield [
                period,
                code,
                output,
                sales,
                export,
                revenue,
                profit,
                electricity,
                employees,
                *py,
            ]


def write_files(
    directory: Path, rows: int, enterprises: int, formats: tuple[str, ...] = ("csv", "xlsx")
) -> dict[str, Path]:
    """The roster and the monthly file in each of ``formats``."""
    rng = random.Random(7)
    roster = directory / "roster.csv"
    with open(roster, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(ROSTER_HEADER)
        for i in range(enterprises):
            w.writerow(
                (
                    uscc(i),
                    f"聊城市第{i}号工业有限公司",
                    REGIONS[i % len(REGIONS)],
                    INDUSTRIES[i % len(INDUSTRIES)],
                    rng.choice(CHAINS) if i % 4 == 0 else "",
                )
            )
    files = {"roster": roster}
    if "csv" in formats:
        files["csv"] = directory / "monthly.csv"
        with open(files["csv"], "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(MONTHLY_HEADER)
            for row in monthly_rows(rows, enterprises):
                w.writerow(["" if v is None else v for v in row])
    if "xlsx" not in formats:
        return files
    import xlsxwriter

    monthly_xlsx = directory / "monthly.xlsx"
    wb = xlsxwriter.Workbook(str(monthly_xlsx), {"constant_memory": True})
    ws = wb.add_worksheet("月度运行数据")
    ws.write_row(0, 0, MONTHLY_HEADER)
    for r, row in enumerate(monthly_rows(rows, enterprises), start=1):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    wb.close()
    return {**files, "xlsx": monthly_xlsx}


# --- child processes -------------------------------------------------------------------------


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, float, str, float]:
    """Run ``args``; (wall s, peak RSS MiB, stdout, CPU s). Fails loudly on a non-zero exit."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, env=env, cwd=REPO, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own rusage: peak RSS
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{stderr}{stdout}")
    return wall, usage.ru_maxrss / 1024, stdout, usage.ru_utime + usage.ru_stime


PHASES_CHILD = r"""
import json, sys, time
from pathlib import Path
from gongxin.cli.main import setup_django
setup_django()
import dataclasses
from gongxin.ingest import services
from gongxin.ingest.kinds import import_kinds

times = {}
def timed(name, fn):
    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - t
    return wrapper

kinds = import_kinds()
monthly = kinds["monthly"]
kinds["monthly"] = dataclasses.replace(monthly, check=timed("check", monthly.check))
times["open"] = 0.0  # reading and parsing happen in the bounded worker: one phase
services.parse_bounded = timed("parse", services.parse_bounded)
services._commit = timed("write", services._commit)
services._refresh_snapshot = timed("snapshot", services._refresh_snapshot)
try:  # the derived tables a snapshot build computes (engine.derived), where the tree has them
    from gongxin.engine import derived
    derived.build = timed("derived", derived.build)
except ImportError:
    pass
t = time.perf_counter()
result = services.import_file(kind="monthly", path=Path(sys.argv[1]), actor="bench")
times["import_file"] = time.perf_counter() - t
assert result.status == "committed", result.errors[:5]
times["rows"] = result.rows
times["warnings"] = len(result.warnings)
print(json.dumps(times))
"""


class Backend:
    """A place to import into: a fresh data directory, plus a fresh database on PostgreSQL."""

    def __init__(self, name: str, pg_url: str | None = None) -> None:
        self.name = name
        self.pg_url = pg_url
        self.count = 0

    def fresh_env(self, root: Path) -> dict[str, str]:
        self.count += 1
        data = root / f"{self.name}-{self.count}"
        data.mkdir()
        env = {**os.environ, "GONGXIN_DATA_DIR": str(data), "GONGXIN_ACTOR": "bench"}
        env.pop("DATABASE_URL", None)
        if self.pg_url:
            import psycopg

            db = f"bench_{os.getpid()}_{self.count}"
            with psycopg.connect(self.pg_url, autocommit=True) as con:
                con.execute(f"CREATE DATABASE {db}")
            env["DATABASE_URL"] = self.pg_url.rsplit("/", 1)[0] + f"/{db}"
        return env


def prepared(backend: Backend, root: Path, files: dict[str, Path]) -> dict[str, str]:
    env = backend.fresh_env(root)
    run_child([*GONGXIN, "init"], env)
    run_child([*GONGXIN, "import", "roster", str(files["roster"])], env)
    return env


def bench_one(backend: Backend, fmt: str, root: Path, files: dict[str, Path], rows: int) -> dict:
    path = str(files[fmt])
    env = prepared(backend, root, files)
    wall, rss, out, cpu = run_child([*GONGXIN, "import", "monthly", path, "--format", "json"], env)
    report = json.loads(out)
    assert report["status"] == "committed" and report["rows"] == rows, report["message"]
    again, again_rss, out, _ = run_child(
        [*GONGXIN, "import", "monthly", path, "--format", "json"], env
    )
    assert json.loads(out)["summary"]["unchanged"] == rows
    env = prepared(backend, root, files)
    _, phases_rss, out, _ = run_child([sys.executable, "-c", PHASES_CHILD, path], env)
    phases = json.loads(out.strip().splitlines()[-1])  # the timings are the last line
    return {
        "backend": backend.name,
        "format": fmt,
        "rows": rows,
        "bytes": files[fmt].stat().st_size,
        "end_to_end_s": wall,
        "end_to_end_rows_per_s": rows / wall,
        "end_to_end_cpu_s": cpu,
        "peak_rss_mib": rss,
        "reimport_unchanged_s": again,
        "reimport_peak_rss_mib": again_rss,
        "parse_s": phases["open"] + phases["parse"],
        "check_s": phases["check"],
        "validate_rows_per_s": rows / (phases["open"] + phases["parse"] + phases["check"]),
        "write_s": phases["write"],
        "write_rows_per_s": rows / phases["write"],
        "snapshot_s": phases["snapshot"],
        "derived_s": phases.get("derived", 0.0),
        "import_file_s": phases["import_file"],
        "phases_peak_rss_mib": phases_rss,
        "warnings": phases["warnings"],
    }


def best(results: list[dict]) -> dict:
    """Of repeated runs, the fastest end to end (with that run's figures)."""
    return min(results, key=lambda r: r["end_to_end_s"])


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        mem = f"{mem_kb / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration):
        mem = "? RAM"
    return f"{os.cpu_count()} CPUs ({cpu}), {mem}, Python {platform.python_version()}"


def table(results: list[dict]) -> str:
    lines = [
        "| backend | format | file | parse+validate | write | snapshot (em_ytd) | end to end "
        "| CPU | peak RSS | identical re-import |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['backend']} | {r['format'].upper()} | {r['bytes'] / 1e6:.1f} MB "
            f"| {r['parse_s'] + r['check_s']:.2f} s "
            f"({r['validate_rows_per_s'] / 1000:.0f}k rows/s) "
            f"| {r['write_s']:.2f} s ({r['write_rows_per_s'] / 1000:.0f}k rows/s) "
            f"| {r['snapshot_s']:.2f} s ({r['derived_s']:.2f} s) "
            f"| **{r['end_to_end_s']:.2f} s ({r['end_to_end_rows_per_s'] / 1000:.1f}k rows/s)** "
            f"| {r['end_to_end_cpu_s']:.2f} s "
            f"| {r['peak_rss_mib']:.0f} MiB "
            f"| {r['reimport_unchanged_s']:.2f} s |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, default=4000)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--postgres", action="store_true", help="also on a throw-away PostgreSQL")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the fastest counts")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--src",
        type=Path,
        help="run gongxin from this source tree (e.g. an unpacked `git archive HEAD src`) "
        "instead of the installed one: the before of a before/after",
    )
    args = parser.parse_args()

    if args.src:
        os.environ["PYTHONPATH"] = str(args.src.resolve())
    root = Path(tempfile.mkdtemp(prefix="gongxin-bench-"))
    try:
        t = time.perf_counter()
        formats = tuple(args.formats.split(","))
        files = write_files(root, args.rows, args.enterprises, formats)
        print(f"files written in {time.perf_counter() - t:.1f} s under {root}", file=sys.stderr)
        backends = [Backend("SQLite")]
        if args.postgres:
            sys.path.insert(0, str(REPO))
            from tests.postgres_server import start_postgres

            backends.append(Backend("PostgreSQL", start_postgres()))
        results = []
        for backend in backends:
            for fmt in formats:
                runs = [bench_one(backend, fmt, root, files, args.rows) for _ in range(args.repeat)]
                results.append(best(runs))
                print(json.dumps(results[-1]), file=sys.stderr)
        print(f"Machine: {machine()}\n")
        print(table(results))
        if args.json:
            args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2))
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
