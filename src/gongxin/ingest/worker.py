"""Parse an import file in a separate, bounded process, so that no file can take down its caller.

The web server and the CLI both read files through :func:`parse_bounded`: a child process forked
from a clean ``forkserver`` (nothing inherited from a threaded server) sets its own address-space
limit (``RLIMIT_AS``) before it reads a byte, opens the file with the reader's bounds and sends
back the parsed records — in chunks of ``parsing.CHUNK_ROWS`` while it reads on (the caller
builds its records from one chunk while the child parses the next), then the problems. If the
child runs out of memory, crashes in native code or exceeds its time limit, it is killed and
the caller gets a Chinese reason instead of a dead process; the server's own memory never holds
more than the finished records.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import signal
import time
from pathlib import Path

from gongxin.ingest.columns import Record
from gongxin.ingest.limits import FileLimits
from gongxin.ingest.parsing import Parsed, records_from_wire

ERR_MEMORY = (
    "读取文件时内存超过 {limit} MB 上限，已停止：文件过大或内容异常（如大量空白单元格），"
    "请拆分或检查后再导入；未写入任何数据"
)
ERR_TIMEOUT = "读取文件超过 {limit} 秒上限，已停止：请拆分后分批导入；未写入任何数据"
ERR_DIED = "读取文件时读取程序异常退出（{detail}）：文件可能已损坏或内容异常；未写入任何数据"

# What the child sends: chunks of records tagged ROWS, then one final (status, payload).
ROWS = "rows"


class WorkerError(Exception):
    """The worker could not parse the file; the message is for the clerk."""


def _child(conn, kind: str, path: str, limits: FileLimits, memory_bytes: int) -> None:
    # The limit comes first: everything below, Django included, lives inside it.
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # A short-lived process that builds one record per row and keeps them all: the cyclic
    # collector would only walk them again and again (see ``bulk.py``); the exit frees all.
    gc.disable()
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongxin.settings")
        import django

        django.setup()
        from gongxin.ingest.kinds import import_kinds
        from gongxin.ingest.parsing import parse_path
        from gongxin.ingest.reader import FileFormatError

        schema = import_kinds()[kind].schema

        def send_rows(rows: list[tuple]) -> None:
            # Records go out while the rest of the file is read: the parent builds them as
            # they come, on the other core, and neither side holds the file's records twice.
            conn.send((ROWS, rows))

        try:
            parsed = parse_path(schema, Path(path), limits, send_rows)
        except FileFormatError as exc:
            conn.send(("format", str(exc)))
            return
        conn.send(("ok", parsed.to_wire()))
    except MemoryError:
        conn.send(("memory", ""))
    finally:
        conn.close()


def parse_bounded(
    *,
    kind: str,
    path: Path,
    limits: FileLimits,
    memory_mb: int,
    seconds: float,
) -> Parsed:
    """Parse ``path`` as ``kind`` in a child process limited to ``memory_mb`` and ``seconds``.

    Raises :class:`gongxin.ingest.reader.FileFormatError` for a file the reader refuses and
    :class:`WorkerError` when the child fails (out of memory, killed, timed out).
    """
    from gongxin.ingest.kinds import import_kinds
    from gongxin.ingest.reader import FileFormatError

    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=_child,
        args=(sender, kind, str(path), limits, memory_mb * 2**20),
        daemon=True,
        name="gongxin-import-parse",
    )
    schema = import_kinds()[kind].schema
    deadline = time.monotonic() + seconds
    records: list[Record] = []
    process.start()
    sender.close()  # the child holds the only sending end: EOF when it dies
    try:
        while True:
            if not receiver.poll(max(0.0, deadline - time.monotonic())):
                raise WorkerError(ERR_TIMEOUT.format(limit=f"{seconds:g}"))
            try:
                status, payload = receiver.recv()
            except (EOFError, OSError):
                process.join(5)
                code = process.exitcode
                if code in (-signal.SIGABRT, -signal.SIGKILL):
                    # A native allocation refused by the limit aborts the process (Rust, C).
                    raise WorkerError(ERR_MEMORY.format(limit=memory_mb)) from None
                raise WorkerError(ERR_DIED.format(detail=_exit_detail(code))) from None
            if status != ROWS:
                break
            records += records_from_wire(schema, payload)
    finally:
        receiver.close()
        process.join(1)
        if process.is_alive():
            process.kill()
            process.join()
    if status == "format":
        raise FileFormatError(payload)
    if status == "memory":
        raise WorkerError(ERR_MEMORY.format(limit=memory_mb))
    parsed = Parsed.from_wire(schema, payload)
    parsed.records = records + parsed.records
    return parsed


def _context():
    """``forkserver``: a clean server process (no threads, no open connections, started once)
    with Django and the kinds loaded, forking one child per file — a fresh ``spawn`` per file
    would pay a second of interpreter and Django start-up on every import."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["gongxin.ingest.worker_preload"])
    return ctx


def _exit_detail(code: int | None) -> str:
    if code is None:
        return "未结束"
    if code < 0:
        return f"信号 {-code}"
    return f"退出码 {code}"
