"""`gongxin import KIND FILE [--format table|json]`; `gongxin import withdraw BATCH`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gongxin.ingest.kinds import kind_names

HELP = (
    "导入企业名录、月度运行数据、参考数据等（CSV 或 XLSX；有任何错误则全部不导入）；"
    "withdraw BATCH 撤回一次已完成的导入"
)
WITHDRAW = "withdraw"
ERR_BATCH_NUMBER = "导入批次号应为整数（见导入报告或网页“导入记录”），实为“{value}”"
MSG_WARNINGS = "警告 {count} 条（不影响导入，请核实）："
MSG_ERRORS = "问题清单（row 行号, column 列）："
MSG_MORE = "……另有 {count} 条未列出"
MSG_BATCH = "导入批次 #{batch}，文件 {file}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "kind",
        choices=[*kind_names(), WITHDRAW],
        help="导入类型；withdraw 撤回导入批次 BATCH（月度运行数据、参考数据、日用电量）",
    )
    parser.add_argument("file", metavar="FILE|BATCH", help="CSV（UTF-8）或 XLSX 文件；或导入批次号")
    parser.add_argument(
        "--format", choices=["table", "json"], default="table", help="报告格式（默认 table）"
    )


def _print_list(title: str, problems: list, stream) -> None:
    from gongxin.ingest.problems import MAX_LISTED

    print(title, file=stream)
    for problem in problems[:MAX_LISTED]:
        print(f"  {problem}", file=stream)
    if len(problems) > MAX_LISTED:
        print("  " + MSG_MORE.format(count=len(problems) - MAX_LISTED), file=stream)


def _withdraw(args: argparse.Namespace) -> int:
    from gongxin.cli.common import cli_system_actor
    from gongxin.errors import UserError
    from gongxin.ingest.withdraw import batch_withdraw

    try:
        batch = int(args.file)
    except ValueError:
        raise UserError(ERR_BATCH_NUMBER.format(value=args.file)) from None
    result = batch_withdraw(actor=cli_system_actor(), batch=batch)
    if args.format == "json":
        report = {
            "batch": batch,
            "status": "withdrawn",
            "withdrawn_at": result.batch.withdrawn_at.isoformat(),
            "message": result.message,
            "warnings": result.warnings,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(result.message)
    for warning in result.warnings:
        print(f"  {warning}")
    return 0


def run(args: argparse.Namespace) -> int:
    from gongxin.cli.common import cli_actor
    from gongxin.ingest.services import import_file

    if args.kind == WITHDRAW:
        return _withdraw(args)

    result = import_file(kind=args.kind, path=Path(args.file), actor=cli_actor())
    if args.format == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    elif result.ok:
        print(result.message)
        if result.batch_id is not None:
            print(MSG_BATCH.format(batch=result.batch_id, file=result.filename))
        if result.warnings:
            _print_list(
                MSG_WARNINGS.format(count=len(result.warnings)), result.warnings, sys.stdout
            )
    if not result.ok:
        print(result.message, file=sys.stderr)
        _print_list(MSG_ERRORS, result.errors, sys.stderr)
        return 1
    return 0
