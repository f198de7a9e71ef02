"""The `gongxin` command: one module per subcommand, each with `add_arguments` and `run`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

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
    "projects-report": "projects_report",
}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongxin.settings")
    import django

    django.setup()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongxin", description="工信 — 工业经济运行监测平台")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"gongxin.cli.{module_name}")
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run, _needs_django=getattr(module, "NEEDS_DJANGO", True))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Chinese output must survive a terminal or pipe with a non-UTF-8 locale.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    from gongxin.errors import UserError
    from gongxin.settings import SettingsError

    try:
        if args._needs_django:
            setup_django()
        return int(args._run(args) or 0)
    except (UserError, SettingsError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
