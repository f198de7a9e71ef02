"""`gongxin dispatch --date YYYY-MM-DD`: the day's electricity against baselines, halted firms."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from gongxin.errors import UserError

HELP = "日调度：某日各县市区、各行业用电量与基线对比，疑似停产企业与复产率"
ERR_DATE = "{flag} 的值 {value!r} 无效：应为 YYYY-MM-DD，如 2024-05-06"
ERR_DOCX_NEEDS_OUTPUT = "--format docx 需要用 -o 指定输出文件（如 -o 日调度.docx）"
MSG_WRITTEN = "已生成 {path}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="调度日期")
    parser.add_argument("--format", choices=["table", "json", "docx"], default="table")
    parser.add_argument("-o", "--output", metavar="FILE", help="输出文件（docx 必填）")
    add_document_arguments(parser, "序号（默认为调度日期在当年的第几天）", "调度日期的次日")
    parser.add_argument(
        "--region", metavar="CODE", help="区县版（docx）：该县（市、区）的企业，全市数据作为参照"
    )
    parser.add_argument("--as-of", metavar="ISO", help="按该时刻已入库的数据版本计算")


def add_document_arguments(parser: argparse.ArgumentParser, number: str, date: str) -> None:
    """--number and --issued of a document (docx): the serial of 发文字号 and 成文日期
    (``--issued``, as ``--date`` is the dispatch's day)."""
    parser.add_argument("--number", type=int, metavar="N", help=f"发文字号中的{number}")
    parser.add_argument("--issued", metavar="YYYY-MM-DD", help=f"成文日期（默认{date}）")


def parse_day(value: str, flag: str = "--date") -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(ERR_DATE.format(flag=flag, value=value)) from None


def emit(text: str, output: str | None) -> None:
    """Text to the file named, else to standard output."""
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        print(text)


def write_document(doc, fmt: str, output: str | None) -> None:
    from pathlib import Path

    from gongxin.reports.renderers import render

    if not output:
        raise UserError(ERR_DOCX_NEEDS_OUTPUT)
    Path(output).write_bytes(render(doc, fmt))
    print(MSG_WRITTEN.format(path=output), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from gongxin.dispatch.selectors import dispatch_day
    from gongxin.reports.dispatch_doc import dispatch_document, dispatch_table_text
    from gongxin.stats.selectors import parse_as_of

    result = dispatch_day(day=parse_day(args.date), as_of=parse_as_of(args.as_of))
    if args.format == "json":
        emit(json.dumps(result.as_dict(), ensure_ascii=False, indent=1), args.output)
    elif args.format == "table":
        emit(dispatch_table_text(result), args.output)
    else:
        doc = dispatch_document(
            result,
            number_in_year=args.number,
            date=parse_day(args.issued, "--issued") if args.issued else None,
            region=args.region,
        )
        write_document(doc, "docx", args.output)
    return 0
