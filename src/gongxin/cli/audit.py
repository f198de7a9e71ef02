"""`gongxin audit [--entity E] [--key K] [--limit N] [--format table|json]`: the audit log."""

from __future__ import annotations

import argparse
import json

HELP = "查看审计日志（谁在何时修改了什么）"
MSG_EMPTY = "没有符合条件的审计记录"

HEADERS = ["时间", "操作人", "操作", "对象类型", "对象", "字段", "原值", "新值", "批次"]


def _positive_or_zero(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("应为 ≥ 0 的整数")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--entity", help="对象类型，如 enterprise、monthly、reference、user")
    parser.add_argument("--key", help="对象，如统一社会信用代码")
    parser.add_argument(
        "--limit", type=_positive_or_zero, default=50, help="最多显示的条数（默认 50，0 为全部）"
    )
    parser.add_argument("--format", choices=["table", "json"], default="table")


def run(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from gongxin.registry.audit_display import action_label, field_label
    from gongxin.registry.selectors import audit_entries
    from gongxin.text_tables import render_table

    entries = list(audit_entries(entity=args.entity, key=args.key, limit=args.limit or None))
    if args.format == "json":
        rows = [
            {
                "at": e.at.isoformat(),
                "actor": e.actor,
                "action": e.action,
                "entity": e.entity,
                "key": e.key,
                "field": e.field,
                "old": e.old,
                "new": e.new,
                "batch": e.batch_id,
            }
            for e in entries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print(MSG_EMPTY)
        return 0
    rows = [
        [
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor,
            action_label(e.action),
            e.entity,
            e.key,
            field_label(e.field) if e.entity == "enterprise" else e.field,
            e.old,
            e.new,
            "" if e.batch_id is None else str(e.batch_id),
        ]
        for e in entries
    ]
    print(render_table(HEADERS, rows))
    return 0
