"""`gongxin rebuild`: recreate the analytic snapshot from the records."""

from __future__ import annotations

import argparse

HELP = "从原始记录重建分析快照"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from gongxin.stats.snapshot import snapshot_rebuild

    info = snapshot_rebuild()
    print(f"分析快照已重建：版本 {info.data_version}（{info.path}）")
    return 0
