"""`gongxin alerts`: the period's warnings; re-evaluation after a revision; dispositions.

    gongxin alerts --period 2024-04 [--format json|table] [--level red] [--kind stalled]
                   [--region 371525] [--status open] [--all]
    gongxin alerts --period 2024-04 --reevaluate [--as-of ISO]
    gongxin alerts --id 17 --action close --note "已复产"
    gongxin alerts --id 17 --history

The first listing of a period evaluates the rules and stores the warnings; later listings show
the stored warnings until ``--reevaluate``, so a published colour never changes silently.
"""

from __future__ import annotations

import argparse
import json
import sys

HELP = "预警：列出报告期的红黄蓝预警（首次自动评估），--reevaluate 重新评估，--action 处置"

ACTIONS = ("assign", "acknowledge", "note", "close", "reopen")
ERR_PERIOD_REQUIRED = "请用 --period YYYY-MM 指定报告期（处置或查看记录时用 --id）"
ERR_ACTION_NEEDS_ID = "--action 和 --history 须与 --id 一起使用"
ERR_ID_NEEDS_ACTION = "--id 须与 --action 或 --history 一起使用"
ERR_AS_OF_NEEDS_REEVALUATE = "--as-of 只能与 --reevaluate 一起使用"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", metavar="YYYY-MM", help="报告期")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--level", choices=["red", "yellow", "blue"], help="只列该级别")
    parser.add_argument("--kind", metavar="KIND", help="只列该类型，如 stalled、below_target")
    parser.add_argument("--region", metavar="CODE", help="只列该区县（其企业与其本身）的预警")
    parser.add_argument(
        "--status",
        metavar="STATUS",
        help="只列该处置状态：open/assigned/acknowledged/closed/reopened",
    )
    parser.add_argument("--all", action="store_true", help="也列出重新评估后不再触发的预警")
    parser.add_argument(
        "--reevaluate",
        action="store_true",
        help="按当前数据重新评估，并列出新增、级别变化、不再触发的预警",
    )
    parser.add_argument("--as-of", metavar="ISO", help="重新评估时按该时刻已入库的数据")
    parser.add_argument("--id", type=int, metavar="N", help="预警编号（见列表的“编号”列）")
    parser.add_argument("--action", choices=ACTIONS,
                        help="处置：交办 assign / 签收 acknowledge / 跟进记录 note / "
                             "办结 close / 重新打开 reopen")  # fmt: skip
    parser.add_argument("--note", default="", help="处置说明（note、close、reopen 必填）")
    parser.add_argument("--to-region", metavar="CODE", help="交办给该区县")
    parser.add_argument("--to-user", metavar="NAME", help="交办给该用户")
    parser.add_argument("--history", action="store_true", help="显示该预警的全部处置记录")


def run(args: argparse.Namespace) -> int:
    from gongxin.errors import UserError

    if args.id is not None:
        if not args.action and not args.history:
            raise UserError(ERR_ID_NEEDS_ACTION)
        return _act(args)
    if args.action or args.history:
        raise UserError(ERR_ACTION_NEEDS_ID)
    if not args.period:
        raise UserError(ERR_PERIOD_REQUIRED)
    if args.as_of and not args.reevaluate:
        raise UserError(ERR_AS_OF_NEEDS_REEVALUATE)
    return _list(args)


def _list(args: argparse.Namespace) -> int:
    from gongxin.alerts.selectors import alerts_for_period, alerts_stale, warning_as_dict
    from gongxin.alerts.services import alerts_ensure, alerts_evaluate
    from gongxin.cli.common import cli_actor, cli_system_actor
    from gongxin.scope import Scope
    from gongxin.stats.selectors import parse_as_of

    report = sys.stdout if args.format == "table" else sys.stderr
    if args.reevaluate:
        evaluation = alerts_evaluate(
            period=args.period, actor=cli_system_actor(), as_of=parse_as_of(args.as_of)
        )
        print(render_changes(evaluation), file=report)
    else:
        evaluation = alerts_ensure(period=args.period, actor=cli_actor())
        if evaluation is not None:
            print(render_summary(evaluation), file=report)
        stale = alerts_stale(period=args.period)
        if stale is not None:
            print(
                f"注：评估后数据已更新（数据版本 {stale[0]} → {stale[1]}），"
                "以下仍为上次评估的预警；"
                f"运行 gongxin alerts --period {args.period} --reevaluate 查看变化",
                file=sys.stderr,
            )
    warnings = alerts_for_period(
        period=args.period,
        scope=Scope.everything(),
        level=args.level,
        kind=args.kind,
        region=args.region,
        status=args.status,
        include_resolved=args.all,
    )
    if args.format == "json":
        json.dump([warning_as_dict(w) for w in warnings], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(render_warnings(warnings))
    return 0


def _act(args: argparse.Namespace) -> int:
    from gongxin.alerts import services
    from gongxin.alerts.access import warning_access
    from gongxin.alerts.models import StoredWarning
    from gongxin.alerts.selectors import warning_as_dict, warning_history
    from gongxin.cli.common import cli_system_actor
    from gongxin.errors import UserError
    from gongxin.scope import Scope

    try:
        warning = warning_access(Scope.everything(), args.id)
    except StoredWarning.DoesNotExist as exc:
        raise UserError(f"未找到编号为 {args.id} 的预警") from exc
    if args.action:
        actor = cli_system_actor()
        if args.action == "assign":
            warning = services.warning_assign(
                actor=actor, warning=warning, region=args.to_region, user=args.to_user,
                note=args.note,
            )  # fmt: skip
        else:
            action = services.WARNING_ACTIONS[args.action]
            warning = action(actor=actor, warning=warning, note=args.note)
        print(
            f"预警 {warning.pk} 已{services.ACTION_NAMES[args.action]}，当前状态：{warning.status}"
        )
    if args.history:
        if args.format == "json":
            data = warning_as_dict(warning)
            data["history"] = [_event_dict(e) for e in warning_history(warning=warning)]
            json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            print(render_history(warning, warning_history(warning=warning)))
    return 0


def _event_dict(event) -> dict:
    from django.utils import timezone

    return {
        "at": timezone.localtime(event.at).isoformat(timespec="seconds"),
        "actor": event.actor,
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "from_level": event.from_level,
        "to_level": event.to_level,
        "note": event.note,
    }


def render_summary(evaluation) -> str:
    return (
        f"已评估 {evaluation.period} 预警：新增 {evaluation.new} 条，"
        f"级别变化 {evaluation.changed} 条，"
        f"数值更新 {evaluation.updated} 条，不再触发 {evaluation.resolved} 条，"
        f"未变 {evaluation.unchanged} 条（数据版本 {evaluation.data_version}）"
    )


def render_changes(evaluation) -> str:
    """The summary, then one line per change: new, changed level, revised, no longer firing."""
    from gongxin.alerts.selectors import evaluation_changes
    from gongxin.alerts.services import ACTION_NAMES
    from gongxin.alerts.wording import LEVEL_NAMES

    lines = [render_summary(evaluation)]
    for event in evaluation_changes(evaluation=evaluation):
        w = event.warning
        if event.from_level and event.from_level != event.to_level:
            level = f"{LEVEL_NAMES[event.from_level]}→{LEVEL_NAMES[event.to_level]}"
        else:
            level = LEVEL_NAMES[event.to_level]
        lines.append(
            f"  [{ACTION_NAMES[event.action]}] #{w.pk} {level} {w.kind} {w.name}：{w.message}"
        )
    return "\n".join(lines)


def render_warnings(warnings) -> str:
    from gongxin.alerts.wording import LEVEL_NAMES, SCOPE_NAMES, STATUS_NAMES
    from gongxin.text_tables import render_table

    if not warnings:
        return "没有预警"
    rows = [
        [
            str(w.pk),
            LEVEL_NAMES[w.level],
            w.kind,
            SCOPE_NAMES.get(w.scope, w.scope),
            w.name,
            STATUS_NAMES.get(w.status, w.status) + ("" if w.firing else "（不再触发）"),
            w.message,
        ]
        for w in warnings
    ]
    return render_table(
        ["编号", "级别", "类型", "范围", "对象", "状态", "说明"], rows, [True] + [False] * 6
    )


def render_history(warning, events) -> str:
    from django.utils import timezone

    from gongxin.alerts.services import ACTION_NAMES
    from gongxin.alerts.wording import STATUS_NAMES

    lines = [
        f"预警 #{warning.pk} {warning.period} {warning.kind} {warning.name}：{warning.message}"
    ]
    for e in events:
        status = (
            f"{STATUS_NAMES.get(e.from_status, e.from_status)}→"
            f"{STATUS_NAMES.get(e.to_status, e.to_status)}"
            if e.from_status != e.to_status
            else STATUS_NAMES.get(e.to_status, e.to_status)
        )
        at = timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M")
        lines.append(f"  {at} {e.actor} {ACTION_NAMES.get(e.action, e.action)}（{status}）{e.note}")
    return "\n".join(lines)
