"""`gongxin bulletin --period YYYY-MM --format docx|html|xlsx -o FILE`: the monthly bulletin."""

from __future__ import annotations

import argparse

HELP = "月通报：按公文格式生成某月工业经济运行通报（docx / html / xlsx）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="YYYY-MM", help="报告期")
    parser.add_argument("--format", choices=["docx", "html", "xlsx"], required=True)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")
    parser.add_argument(
        "--number", type=int, metavar="N", help="发文字号中的序号（默认为报告期的月份）"
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="成文日期（默认报告期次月20日，逢周末顺延至周一）"
    )
    parser.add_argument(
        "--region", metavar="CODE", help="区县版：该县（市、区）的数据与企业，全市数据作为参照"
    )
    parser.add_argument("--as-of", metavar="ISO", help="按该时刻已入库的数据版本计算")


def run(args: argparse.Namespace) -> int:
    from gongxin.cli.dispatch import parse_day, write_document
    from gongxin.reports.bulletin import bulletin_document
    from gongxin.stats.selectors import parse_as_of

    doc = bulletin_document(
        period=args.period,
        number=args.number,
        date=parse_day(args.date) if args.date else None,
        as_of=parse_as_of(args.as_of),
        region=args.region,
    )
    write_document(doc, args.format, args.output)
    return 0
