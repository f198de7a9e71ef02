"""The `gongxin` command: one module per subcommand, each with `add_arguments` and `run`."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Sequence

from gongxin.cli.zh_argparse import ChineseArgumentParser

# name -> module under gongxin.cli; each module has HELP, add_arguments(parser), run(args) -> int
COMMANDS: dict[str, str] = {
    "init": "init",
    "import": "import_cmd",
    "audit": "audit",
    "demo": "demo",
    "query": "query",
    "dispatch": "dispatch",
    "weekly": "weekly",
    "bulletin": "bulletin",
    "rebuild": "rebuild",
    "catalog": "catalog",
    "createuser": "createuser",
    "manage": "manage",
    "serve": "serve",
    "token": "token",
    "alerts": "alerts",
    "projects": "projects",
    "chains": "chains",
    "chain-brief": "chain_brief",
    "appeals": "appeals",
    "projects-report": "projects_report",
}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongxin.settings")
    import django

    django.setup()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; ``only`` builds just that command's arguments (its module alone imported)."""
    parser = ChineseArgumentParser(prog="gongxin", description="工信 — 工业经济运行监测平台")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title="命令")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(f"gongxin.cli.{module_name}")
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run, _needs_django=getattr(module, "NEEDS_DJANGO", True))
    return parser


# Commands that may run before the data directory holds a database (they create or need none).
CREATES_DATA = frozenset({"init", "demo", "manage"})
# A reader closed the pipe (`gongxin catalog list | head`): stop quietly, as Unix tools do.
EXIT_BROKEN_PIPE = 128 + 13
EXIT_INTERNAL = 1

# Why a file could not be read or written, as a clerk can act on it.
OS_REASONS = {
    errno.ENOENT: "目录或文件不存在",
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.EISDIR: "这是一个目录，请给出文件名",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
}


def os_error_message(exc: OSError) -> str:
    reason = OS_REASONS.get(exc.errno or 0, exc.strerror or "系统错误")
    where = f"文件 {exc.filename}" if exc.filename else "文件"
    return f"无法读写{where}：{reason}"


def ensure_initialised(command: str) -> None:
    """Refuse, in Chinese, a command that needs the database when the data directory has none."""
    if command in CREATES_DATA:
        return
    from gongxin.datadir import database_missing
    from gongxin.errors import UserError

    if message := database_missing():
        raise UserError(message)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    # Chinese output must survive a terminal or pipe with a non-UTF-8 locale.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    argv = list(sys.argv[1:] if argv is None else argv)
    # A cold start imports the chosen command's module only: `gongxin query` need not pay for
    # the demo generator or the importers. Help and unknown commands get the full parser.
    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    parser = build_parser(chosen)
    args = parser.parse_args(argv)
    from gongxin.errors import UserError

    try:
        if args._needs_django:
            setup_django()
            ensure_initialised(args.command)
        code = int(args._run(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers below
        return code
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        print(f"错误：{os_error_message(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:
        # gongxin.settings (and so SettingsError) is imported only by commands that need it:
        # a read-only command starts without Django.
        settings = sys.modules.get("gongxin.settings")
        if settings is not None and isinstance(exc, settings.SettingsError):
            print(f"错误：{exc}", file=sys.stderr)
            return getattr(exc, "exit_code", 2)
        # Never a traceback for a clerk; GONGXIN_DEBUG=1 shows it to whoever maintains the box.
        if os.environ.get("GONGXIN_DEBUG") == "1":
            raise
        print(
            f"错误：内部错误（{type(exc).__name__}：{exc}）。请把这条信息和所运行的命令告诉"
            "系统管理员；设置环境变量 GONGXIN_DEBUG=1 后重新运行可看到详细信息。",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
