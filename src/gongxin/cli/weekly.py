"""`gongxin weekly --week YYYY-Www`: the week's dispatch summed up, with the open warnings."""

from __future__ import annotations

import argparse
import json

from gongxin.cli.dispatch import add_document_arguments

HELP = "周分析：某周每日用电量与基线、疑似停产企业、分县市区情况及未关闭预警"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--week", required=True, metavar="YYYY-Www", help="ISO 周，如 2024-W19")
    parser.add_argument("--format", choices=["table", "json", "docx"], default="table")
    parser.add_argument("-o", "--output", metavar="FILE", help="输出文件（docx 必填）")
    add_document_arguments(
        parser, "序号（默认为周次）", "该周之后的周一；预警取该日前已结束的最近月份"
    )
    parser.add_argument("--as-of", metavar="ISO", help="按该时刻已入库的数据版本计算")


def run(args: argparse.Namespace) -> int:
    from gongxin.cli.dispatch import emit, parse_day, write_document
    from gongxin.reports.weekly import weekly_analysis, weekly_document, weekly_table_text
    from gongxin.stats.selectors import parse_as_of

    analysis = weekly_analysis(
        week=args.week,
        as_of=parse_as_of(args.as_of),
        date=parse_day(args.issued, "--issued") if args.issued else None,
    )
    if args.format == "json":
        emit(json.dumps(analysis.as_dict(), ensure_ascii=False, indent=1), args.output)
    elif args.format == "table":
        emit(weekly_table_text(analysis), args.output)
    else:
        write_document(weekly_document(analysis, number=args.number), "docx", args.output)
    return 0
