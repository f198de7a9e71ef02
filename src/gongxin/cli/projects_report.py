"""`gongxin projects-report --period YYYY-MM --format docx|xlsx -o FILE`.

The month's 进度清单 / 问题清单 / 责任清单 of key projects as one document (公文 layout in
DOCX; one sheet per list in XLSX), written from the same figures as `gongxin projects`.
"""

from __future__ import annotations

import argparse

HELP = "重点项目月度通报：进度清单、问题清单、责任清单（DOCX 或 XLSX）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, help="报告期 YYYY-MM")
    parser.add_argument("--format", choices=["docx", "xlsx"], default="docx")
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="输出文件")


def run(args: argparse.Namespace) -> int:
    from gongxin.cli.dispatch import write_document
    from gongxin.errors import UserError
    from gongxin.projects.document import projects_document
    from gongxin.registry.periods import PeriodError, ym_parse
    from gongxin.scope import Scope

    try:
        period = ym_parse(args.period)
    except PeriodError as exc:
        raise UserError(f"--period {exc}") from None
    doc = projects_document(scope=Scope.everything(), period=period)
    write_document(doc, args.format, args.output)
    return 0
