"""`gongxin manage ARGS…`: Django's management commands (migrate, check, shell, …)."""

import argparse

HELP = "运行 Django 管理命令（如 check、migrate、shell）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("args", nargs=argparse.REMAINDER, help="传给 Django 的参数")


def run(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongxin manage", *args.args])
    return 0
