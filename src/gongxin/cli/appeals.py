"""`gongxin appeals stats|report`: the figures of enterprise appeals (诉求通), the monthly 通报."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

HELP = "企业诉求：统计（stats）与月度通报（report）"
RATE_HEADERS = {
    "response_rate": "响应率%",
    "on_time_rate": "按时办结率%",
    "solve_rate": "解决率%",
    "satisfaction_rate": "满意率%",
}
COUNT_HEADERS = {
    "appeals": "诉求",
    "closed": "办结",
    "solved": "解决",
    "signed_on_time": "按时签收",
    "answered_on_time": "按时答复",
    "closed_on_time": "按时办结",
    "overdue_open": "超期未办结",
}


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 YYYY-MM-DD 格式的日期，实为“{text}”") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="appeals_command", required=True, metavar="SUBCOMMAND")
    stats = sub.add_parser("stats", help="按时间窗口统计诉求办理情况", description="按时间窗口统计")
    stats.add_argument("--from", dest="start", required=True, type=_day, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="end", required=True, type=_day, metavar="YYYY-MM-DD")
    stats.add_argument("--by", choices=["unit", "category", "region"], help="分组维度")
    stats.add_argument("--user", metavar="NAME", help="以该用户的查看范围统计（默认全部）")
    stats.add_argument("--format", choices=["table", "json"], default="table")
    report = sub.add_parser(
        "report", help="企业诉求办理情况月度通报（DOCX / XLSX）", description="月度通报"
    )
    report.add_argument("--period", required=True, metavar="YYYY-MM", help="通报月份")
    report.add_argument("--format", choices=["docx", "xlsx", "html"], default="docx")
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")
    report.add_argument("--number", help="文号（默认按月份生成）")
    report.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="成文日期")


def run(args: argparse.Namespace) -> int:
    if args.appeals_command == "stats":
        return _stats(args)
    return _report(args)


def _scoped(username: str | None):
    from django.contrib.auth import get_user_model

    from gongxin.appeals.models import Appeal
    from gongxin.appeals.selectors import appeals_visible
    from gongxin.errors import UserError

    if not username:
        return Appeal.objects.all()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise UserError(f"用户 {username} 不存在或已停用")
    return appeals_visible(user)


def _stats(args: argparse.Namespace) -> int:
    from gongxin.appeals.selectors import stats_rows
    from gongxin.errors import UserError
    from gongxin.text_tables import render_table
    from gongxin.wording import number

    if args.end < args.start:
        raise UserError(f"--to {args.end} 早于 --from {args.start}")
    rows = [
        r.as_dict()
        for r in stats_rows(_scoped(args.user), start=args.start, end=args.end, by=args.by)
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    headers = ["名称", *COUNT_HEADERS.values(), *RATE_HEADERS.values()]
    body = [
        [
            r["name"],
            *(str(r[k]) for k in COUNT_HEADERS),
            *("—" if r[k] is None else number(r[k], 1) for k in RATE_HEADERS),
        ]
        for r in rows
    ]
    print(f"企业诉求办理情况（提交于 {args.start} 至 {args.end}，截至 {args.end}）")
    print(render_table(headers, body, [False] + [True] * (len(headers) - 1)))
    return 0


def _report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from gongxin.appeals.report import appeals_report_document
    from gongxin.engine.period import Period
    from gongxin.errors import UserError
    from gongxin.reports.renderers import render

    try:
        period = Period.parse(args.period)
    except Exception as exc:
        raise UserError(str(exc)) from exc
    document = appeals_report_document(period=period, number=args.number, date=args.date)
    out = Path(args.output)
    if not out.parent.exists():
        raise UserError(f"输出目录 {out.parent} 不存在")
    out.write_bytes(render(document, args.format))
    print(f"已生成 {out}")
    return 0
