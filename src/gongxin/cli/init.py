"""`gongxin init`: create or migrate the data directory; load configuration and classifications."""

from __future__ import annotations

import argparse

HELP = "创建或升级数据目录，载入城市配置与行业分类（可重复运行）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="只输出错误")


def run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command

    from gongxin.city.config import load_city_config
    from gongxin.city.services import city_sync
    from gongxin.cli.common import cli_actor
    from gongxin.stats.snapshot import snapshot_ensure

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    config = load_city_config()
    summary = city_sync(actor=cli_actor(), config=config)
    snap = snapshot_ensure()
    if not args.quiet:
        print(f"数据目录：{settings.DATA_DIR}")
        print(f"城市：{config.code} {config.name}（配置 {config.source}）")
        print(
            f"县（市、区）{summary.regions} 个，产业链 {summary.chains} 条，"
            f"行业大类 {summary.divisions} 个，行业小类 {summary.classes} 个"
            f"（高技术制造业 {summary.high_tech_classes} 个）"
        )
        print("本次变更：" + ("；".join(summary.changed) if summary.changed else "无（已是最新）"))
        print(f"分析快照：版本 {snap.data_version}")
    return 0
