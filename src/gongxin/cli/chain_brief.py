"""`gongxin chain-brief --chain C --period P -o FILE`: the 链长工作简报 of one chain and month."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "产业链链长工作简报（公文格式）：--chain 代码 --period YYYY-MM -o 文件"
MSG_WRITTEN = "已生成 {path}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chain", required=True, metavar="CODE", help="产业链代码（城市配置）")
    parser.add_argument("--period", required=True, metavar="YYYY-MM", help="报告期（月）")
    parser.add_argument("--format", choices=["docx", "html", "xlsx"], default="docx")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")


def run(args: argparse.Namespace) -> int:
    from gongxin.chains.selectors import chain_get
    from gongxin.reports.chain_brief import chain_brief_document
    from gongxin.reports.renderers import render

    chain_get(args.chain)  # an unknown chain is a clear error, not a traceback
    doc = chain_brief_document(chain=args.chain, period=args.period)
    Path(args.output).write_bytes(render(doc, args.format))
    print(MSG_WRITTEN.format(path=args.output), file=sys.stderr)
    return 0
