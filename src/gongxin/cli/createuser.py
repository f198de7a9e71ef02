"""`gongxin createuser NAME --role ROLE [--region CODE] --password-stdin`."""

from __future__ import annotations

import argparse
import sys

HELP = "创建或更新用户（角色 city_admin / city_analyst / county_user / unit_user / enterprise）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="用户名")
    parser.add_argument(
        "--role",
        required=True,
        choices=["city_admin", "city_analyst", "county_user", "unit_user", "enterprise"],
    )
    parser.add_argument("--region", help="县区用户的区县代码")
    parser.add_argument("--unit", help="责任单位用户所属的责任单位名称（如 市自然资源和规划局）")
    parser.add_argument("--uscc", help="企业用户所属企业的统一社会信用代码")
    parser.add_argument(
        "--password-stdin", action="store_true", required=True, help="从标准输入读取密码"
    )


def run(args: argparse.Namespace) -> int:
    from gongxin.cli.common import cli_system_actor
    from gongxin.registry.users import user_create_or_update

    password = sys.stdin.readline().rstrip("\r\n")
    _, created = user_create_or_update(
        username=args.name,
        role=args.role,
        region=args.region,
        unit=args.unit,
        uscc=args.uscc,
        password=password,
        actor=cli_system_actor(),
    )
    detail = args.region or args.unit or args.uscc
    suffix = f"，{detail}" if detail else ""
    print(f"{'已创建' if created else '已更新'}用户 {args.name}（{args.role}{suffix}）")
    return 0
