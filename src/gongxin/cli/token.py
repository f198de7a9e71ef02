"""`gongxin token NAME [--revoke-all]`: issue an API token, or revoke all of a user's tokens."""

from __future__ import annotations

import argparse
import sys

HELP = "为用户生成接口令牌（旧令牌继续有效），或用 --revoke-all 吊销其全部令牌"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="用户名")
    parser.add_argument("--revoke-all", action="store_true", help="吊销该用户的全部令牌")


def run(args: argparse.Namespace) -> int:
    from gongxin.api.services import token_create, token_revoke_all
    from gongxin.cli.common import cli_system_actor

    if args.revoke_all:
        count = token_revoke_all(username=args.name, actor=cli_system_actor())
        print(f"已吊销用户 {args.name} 的 {count} 个令牌")
        return 0
    token = token_create(username=args.name, actor=cli_system_actor())
    # The token alone on stdout, so that scripts can capture it; the advice goes to stderr.
    print(token)
    print(
        f"已为用户 {args.name} 生成令牌。令牌只显示这一次，请妥善保存；"
        f"调用接口时使用请求头 Authorization: Bearer <令牌>",
        file=sys.stderr,
    )
    return 0
