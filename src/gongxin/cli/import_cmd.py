"""`gongxin import roster|monthly|reference FILE [--format table|json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gongxin.ingest.kinds import kind_names

HELP = "导入企业名录、月度运行数据或参考数据（CSV 或 XLSX；有任何错误则全部不导入）"
MSG_WARNINGS = "警告 {count} 条（不影响导入，请核实）："
MSG_ERRORS = "问题清单（row 行号, column 列）："
MSG_MORE = "……另有 {count} 条未列出"
MSG_BATCH = "导入批次 #{batch}，文件 {file}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=kind_names(), help="导入类型")
    parser.add_argument("file", help="CSV（UTF-8）或 XLSX 文件")
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


def run(args: argparse.Namespace) -> int:
    from gongxin.cli.common import cli_actor
    from gongxin.ingest.services import import_file

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
