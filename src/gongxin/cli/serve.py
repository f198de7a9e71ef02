"""`gongxin serve`: the web UI and the API with waitress, a production WSGI server.

Static files are served by WhiteNoise inside the application, so no other server is needed.
"""

from __future__ import annotations

import argparse

HELP = "启动网页平台与数据接口（生产级 WSGI 服务器 waitress，含静态文件）"

ERR_NOT_INITIALISED = "数据库尚未初始化或需要升级：请先运行 gongxin init"
ERR_PORT = "无法在 {host}:{port} 上启动：{reason}（端口可能已被占用，请用 --port 换一个）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，仅本机）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--threads", type=int, default=8, help="工作线程数（默认 8）")


def database_ready() -> bool:
    """Whether `gongxin init` has run: every migration applied and the city loaded.

    An embedded SQLite file that does not exist is not opened (that would create it empty).
    """
    from pathlib import Path

    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import Error as DatabaseError

    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return False
    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return False
        from gongxin.city.models import Region

        return Region.objects.exists()
    except DatabaseError:
        return False


def run(args: argparse.Namespace) -> int:
    from waitress.server import create_server

    from gongxin.errors import UserError

    if not database_ready():
        raise UserError(ERR_NOT_INITIALISED)
    from gongxin.wsgi import application

    try:
        server = create_server(
            application, host=args.host, port=args.port, threads=args.threads, ident="gongxin"
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(ERR_PORT.format(host=args.host, port=args.port, reason=reason)) from exc
    host = f"[{args.host}]" if ":" in args.host else args.host
    # Printed once the socket is bound, so the address shown is one that answers.
    print(f"工信平台已启动：http://{host}:{args.port}/  （按 Ctrl+C 停止）", flush=True)
    if args.host in {"0.0.0.0", "::"}:
        print(
            "注意：正在监听所有网络地址；请用 GONGXIN_ALLOWED_HOSTS 列出用户访问的主机名，"
            "并确认防火墙与 HTTPS 设置（见 docs/web.md）",
            flush=True,
        )
    try:
        server.run()
    finally:
        server.close()
    return 0
