"""Web load benchmark: concurrent logged-in users browse the cockpit and the drill-downs.

Starts ``gongxin serve`` on a free loopback port over a data directory holding the demo city
(``gongxin init`` + ``gongxin demo`` are run there first if it is empty), logs in USERS clients
(half city analysts, half county users), warms the engine's cache with one pass, then lets every
user walk the pages ROUNDS times, all at once. Prints p50/p95/p99 per page and overall, and the
errors; ``--write-docs`` puts the figures under ``## Web load`` in docs/performance.md.

    python benchmarks/load/run.py --data-dir /tmp/gxload [--users 50] [--rounds 4] [--think 2]
        [--write-docs]
    python benchmarks/load/run.py --url http://127.0.0.1:8000 --user NAME --password PW

Loopback only: it refuses any other host (a load test is not to be pointed at a live system).
Threads and urllib (no extra dependency); each user has its own cookie jar and session.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "performance.md"
PASSWORD = "Load-test-2024!pass"
GOAL_MS = 150.0
TIMEOUT = 30


def gongxin(data_dir: Path, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "GONGXIN_DATA_DIR": str(data_dir)}
    exe = Path(sys.executable).with_name("gongxin")
    result = subprocess.run(
        [str(exe), *args], env=env, input=stdin, capture_output=True, text=True, check=True
    )
    return result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gongxin serve exited before serving")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gongxin serve did not start")


class Client:
    """One browser-like user: a cookie jar and a logged-in session."""

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.opener.open(f"{base}/login/", timeout=TIMEOUT).read()
        token = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            f"{base}/login/", data=data, headers={"Referer": f"{base}/login/"}
        )
        body = self.opener.open(request, timeout=TIMEOUT).read().decode()
        if "退出登录" not in body:
            raise SystemExit(f"login failed for {username}")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, float, str]:
        start = time.perf_counter()
        try:
            request = urllib.request.Request(self.base + path, headers=headers or {})
            with self.opener.open(request, timeout=TIMEOUT) as response:
                body = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as exc:
            status, body = exc.code, ""
        except OSError:
            status, body = 0, ""
        return status, (time.perf_counter() - start) * 1000, body


def pages(client: Client) -> list[tuple[str, str, dict[str, str]]]:
    """(page kind, path, headers) a user walks: cockpit, sections, members, enterprises."""
    _, _, home = client.get("/")
    period = re.search(r'<option value="(\d{4}-\d\d)" selected>', home).group(1)
    _, _, table = client.get(f"/enterprises/table/?period={period}")
    usccs = re.findall(r'data-uscc="([0-9A-Z]{18})"', table)[:3]
    q = f"?period={period}"
    htmx = {"HX-Request": "true"}
    walk = [
        ("cockpit", f"/{q}", {}),
        ("regions", f"/regions/{q}", {}),
        ("region", f"/regions/371521/{q}", {}),
        ("industries", f"/industries/{q}", {}),
        ("industry", f"/industries/33/{q}", {}),
        ("chains", f"/chains/{q}", {}),
        ("chain", f"/chains/nonferrous/{q}", {}),
        ("enterprise table", f"/enterprises/table/{q}&dim=region&member=371521", htmx),
        ("enterprise table", f"/enterprises/table/{q}&sort=profit_ytd&page=2", htmx),
    ]
    walk += [("enterprise", f"/enterprises/{u}/{q}", {}) for u in usccs]
    return walk


def run(base: str, accounts: list[tuple[str, str]], users: int, rounds: int, think: float) -> dict:
    clients = [Client(base, *accounts[i % len(accounts)]) for i in range(users)]
    walks = [pages(c) for c in clients[: len(accounts)]]
    for client, walk in zip(clients, walks, strict=False):  # warm: one pass per account
        for _, path, headers in walk:
            client.get(path, headers)
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    barrier = threading.Barrier(users)

    def user(i: int) -> None:
        client, walk = clients[i], walks[i % len(walks)]
        pause = random.Random(i)  # seeded: the same run every time
        barrier.wait()  # every user starts at once
        for r in range(rounds):
            for k in range(len(walk)):
                kind, path, headers = walk[(k + i + r) % len(walk)]  # users spread over pages
                if think:
                    time.sleep(pause.uniform(0.5 * think, 1.5 * think))  # a person reading
                status, ms, _ = client.get(path, headers)
                with lock:
                    samples[kind].append(ms)
                    if status != 200:
                        errors[kind] += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(user, range(users)))
    elapsed = time.perf_counter() - start
    return {"samples": samples, "errors": errors, "elapsed": elapsed}


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(result: dict, users: int, rounds: int, threads: int | None, think: float) -> str:
    samples, errors = result["samples"], result["errors"]
    every = [ms for v in samples.values() for ms in v]
    lines = [
        f"{users} concurrent logged-in users × {rounds} rounds over {len(samples)} kinds of page"
        + (f", {think:g} s (±50 %) between pages, " if think else ", no pause between pages, ")
        + f"{len(every)} requests in {result['elapsed']:.1f} s "
        f"({len(every) / result['elapsed']:.0f}"
        f" req/s), after one warming pass (engine results cached per data version); "
        f"`gongxin serve`{f' --threads {threads}' if threads else ''}, loopback; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}.",
        "",
        "| page | requests | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, values in [*sorted(samples.items()), ("**all**", every)]:
        errs = sum(errors.values()) if kind == "**all**" else errors.get(kind, 0)
        lines.append(
            f"| {kind} | {len(values)} | {pct(values, 50):.0f} | {pct(values, 95):.0f} | "
            f"{pct(values, 99):.0f} | {max(values):.0f} | {errs} |"
        )
    p95 = pct(every, 95)
    verdict = "met" if p95 < GOAL_MS else "NOT met"
    lines += ["", f"Goal p95 < {GOAL_MS:.0f} ms for cached pages: {verdict} (p95 {p95:.0f} ms)."]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    """Replace (or append) the ``## Web load`` section; other sections are left as they are."""
    doc = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Performance\n"
    section = (
        "## Web load\n"
        "Measured with `python benchmarks/load/run.py --data-dir DIR --write-docs` on the demo "
        "city (3,000 enterprises, 2022–2024).\n\n" + text + "\n"
    )
    pattern = re.compile(r"^## Web load\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(doc):
        doc = pattern.sub(lambda _: section + "\n", doc).rstrip() + "\n"
    else:
        doc = doc.rstrip() + "\n\n" + section
    DOCS.write_text(doc, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="demo data directory (created if empty)")
    parser.add_argument("--url", help="a running server on loopback instead of starting one")
    parser.add_argument("--user", help="with --url: a city user to log in as")
    parser.add_argument("--password", help="with --url: its password")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--threads", type=int, default=16, help="waitress threads")
    parser.add_argument(
        "--think", type=float, default=2.0, help="seconds a user reads a page (0: saturate)"
    )
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()

    server = None
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            parser.error("loopback only: --url must be http://127.0.0.1:PORT")
        base, accounts = args.url.rstrip("/"), [(args.user, args.password)]
        threads = None
    else:
        data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="gongxin-load-"))
        if not (data_dir / "analytics").exists():
            print(f"building the demo city in {data_dir} …", file=sys.stderr)
            gongxin(data_dir, "init")
            gongxin(data_dir, "demo", "--no-users")
        gongxin(data_dir, "init")  # migrations of apps added since the demo was built
        for name, role in (("load_city", "city_analyst"), ("load_county", "county_user")):
            extra = ["--region", "371521"] if role == "county_user" else []
            gongxin(data_dir, "createuser", name, "--role", role, *extra, "--password-stdin",
                    stdin=PASSWORD)  # fmt: skip
        accounts = [("load_city", PASSWORD), ("load_county", PASSWORD)]
        port = free_port()
        env = {**os.environ, "GONGXIN_DATA_DIR": str(data_dir)}
        exe = str(Path(sys.executable).with_name("gongxin"))
        server = subprocess.Popen(
            [exe, "serve", "--port", str(port), "--threads", str(args.threads)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(port, server)
        base, threads = f"http://127.0.0.1:{port}", args.threads
    try:
        result = run(base, accounts, args.users, args.rounds, args.think)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    text = report(result, args.users, args.rounds, threads, args.think)
    print(text)
    if args.write_docs:
        write_docs(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
