"""`gongxin query`: indicators for a period by a dimension, as of a moment."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys

from gongxin.export_cells import csv_row

HELP = (
    "查询指标：--indicator ID … --period YYYY-MM [--by 维度] [--filter 维度=代码 …] [--as-of 时间]"
)
DIMENSIONS = (
    "city", "region", "industry", "chain", "high_tech", "equipment", "energy_intensive",
    "ownership", "size", "key", "enterprise",
)  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--indicator",
        action="append",
        required=True,
        metavar="ID",
        help="指标代码，可重复（见 gongxin catalog list）",
    )
    parser.add_argument("--period", required=True, metavar="YYYY-MM", help="报告期")
    parser.add_argument(
        "--by",
        default="city",
        metavar="DIM",
        help="维度：" + " / ".join(DIMENSIONS) + "（默认 city）",
    )
    parser.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="DIM=CODE",
        help="只计该维度成员的企业，可重复（如 --filter region=371522 --by industry）",
    )
    parser.add_argument("--as-of", metavar="ISO", help="按该时刻已入库的数据版本计算")
    parser.add_argument("--format", choices=["table", "json", "csv"], default="table")
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="以该用户的权限查询（区县用户：他区不足3家企业的汇总值按统计法不公开）",
    )


# A period without any monthly report is not an error of the command but there is nothing to
# show: the command says so on stderr and exits with this code (distinct from usage errors, 2).
EXIT_NO_DATA = 3
MSG_NO_DATA = "报告期 {period} 没有数据：平台中还没有该月的企业月报{known}。"
MSG_KNOWN = "（已有数据的月份：{first} 至 {last}）"
MSG_EMPTY = "查询结果为空：{period} 没有符合条件的数据。"


def no_data_message(period: str, known: list[str]) -> str:
    span = MSG_KNOWN.format(first=known[-1], last=known[0]) if known else ""
    return MSG_NO_DATA.format(period=period, known=span)


# Answers from the analytic snapshot: Django is set up only when the snapshot must be (re)built
# or the database is not the embedded one (stats.snapshot_files).
NEEDS_DJANGO = False


def _engine(*, django: bool = False):
    from gongxin.engine import Engine
    from gongxin.stats.snapshot_files import current_snapshot_path

    conf = sys.modules.get("django.conf")
    configured = conf is not None and conf.settings.configured  # in-process: Django's view
    path = None if configured or django else current_snapshot_path()
    if path is not None:
        return Engine.open(path, columnar=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongxin.settings")
    import django

    django.setup()
    from gongxin.datadir import database_missing
    from gongxin.errors import UserError
    from gongxin.stats.selectors import engine_current

    if message := database_missing():
        raise UserError(message)

    return engine_current()


def run(args: argparse.Namespace) -> int:
    from gongxin.confidentiality import FOOTNOTE, any_withheld, protected_query
    from gongxin.engine import EngineError
    from gongxin.errors import UserError
    from gongxin.scope import Scope
    from gongxin.stats.snapshot_files import ERR_BAD_AS_OF, AsOfError, as_of_utc

    try:
        as_of = as_of_utc(args.as_of)
    except AsOfError:
        raise UserError(ERR_BAD_AS_OF.format(value=args.as_of)) from None
    # Answering as a user needs the user's role: only then does the command load Django.
    engine = _engine(django=bool(getattr(args, "user", None)))
    scope = _user_scope(args.user) if getattr(args, "user", None) else Scope.everything()
    try:
        result, rows = protected_query(
            engine,
            indicators=args.indicator,
            period=args.period,
            by=args.by,
            as_of=as_of,
            scope=scope,
            filters=args.filter,
        )
    except EngineError as exc:
        raise UserError(str(exc)) from exc
    known = engine.report_periods()
    # January of a year reported as 1—2月 has its data stored under February: not "no data".
    january_of_combined = args.period.endswith("-01") and f"{args.period[:4]}-02" in known
    if args.period not in known and not january_of_combined:
        print(f"错误：{no_data_message(args.period, known)}", file=sys.stderr)
        return EXIT_NO_DATA
    if not result.rows or all(row["value"] is None for row in result.rows):
        print(MSG_EMPTY.format(period=args.period), file=sys.stderr)

    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(
            sys.stdout,
            fieldnames=["indicator", "member", "name", "value", "unit"],
            lineterminator="\n",
            extrasaction="ignore",  # a withheld cell's note goes to stderr below
        )
        writer.writeheader()
        # Text cells a spreadsheet would evaluate (a name "=…") are neutralised (issue 10).
        writer.writerows(csv_row(row) for row in rows)
    else:
        print(render_result_table(rows, engine.catalog, args.indicator))
    if any_withheld(rows):
        print(FOOTNOTE, file=sys.stdout if args.format == "table" else sys.stderr)
    for note in result.notes:
        print(f"注：{note}", file=sys.stderr)
    return 0


ERR_UNKNOWN_USER = "用户 {name} 不存在：请先用 gongxin createuser 创建"


def _user_scope(name: str):
    """What user ``name`` may see (``registry.users.scope_for_user``)."""
    from django.contrib.auth import get_user_model

    from gongxin.errors import UserError
    from gongxin.registry.users import scope_for_user

    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise UserError(ERR_UNKNOWN_USER.format(name=name))
    try:
        return scope_for_user(user)
    except PermissionError as exc:
        raise UserError(str(exc)) from exc


# Units as a reader of the table expects them; the JSON keeps the contract's unit codes.
DISPLAY_UNITS = {"pp": "百分点", "rank": "", "count": ""}


def render_result_table(rows: list[dict], catalog, indicator_ids: list[str]) -> str:
    """Members down, indicators across, rounded as the catalog says for display."""
    from gongxin.text_tables import format_number, render_table

    members: dict[str, str] = {}
    values: dict[tuple[str, str], object] = {}
    for row in rows:
        members.setdefault(row["member"], row["name"])
        values[(row["member"], row["indicator"])] = row["value"]
    ids = list(dict.fromkeys(indicator_ids))
    headers = ["代码", "名称"]
    for ind_id in ids:
        ind = catalog.indicator(ind_id)
        unit = DISPLAY_UNITS.get(ind.unit, ind.unit)
        headers.append(f"{ind.name}({unit})" if unit else ind.name)
    body = [
        [code, name]
        + [format_number(values.get((code, i)), catalog.indicator(i).decimals) for i in ids]
        for code, name in members.items()
    ]
    return render_table(headers, body, [False, False] + [True] * len(ids))
