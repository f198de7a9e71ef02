"""`gongxin projects --period YYYY-MM [--by region|chain|kind|city] [--format table|json|csv]`.

Without ``--by`` one row per project; with it one per member. ``--check 369`` prints the 369
check of the period's month (March, June, September) instead. JSON numbers are unrounded.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

HELP = "重点项目挂图作战：项目投资完成、开工纳统投产与滞后预警（按项目或按区县、产业链、类型汇总）"
ERR_NO_CHECK = "{period} 不是 369 节点月份（3 月手续办理、6 月开工纳统、9 月竣工投产）"

PROJECT_COLUMNS = (
    ("code", "项目编号", None),
    ("name", "项目名称", None),
    ("region", "区县", None),
    ("chain", "产业链", None),
    ("plan_investment", "年度计划投资", 0),
    ("investment_ytd", "累计完成投资", 0),
    ("completion", "完成率%", 1),
    ("ahead_pp", "超时间进度", 1),
    ("stage", "阶段", None),
    ("level", "预警", None),
)
GROUP_COLUMNS = (
    ("member", "代码", None),
    ("name", "名称", None),
    ("projects", "项目数", 0),
    ("plan_investment", "年度计划投资", 0),
    ("investment_ytd", "累计完成投资", 0),
    ("completion", "完成率%", 1),
    ("ahead_pp", "超时间进度", 1),
    ("started", "开工", 0),
    ("start_rate", "开工率%", 1),
    ("in_stats", "纳统", 0),
    ("in_production", "投产", 0),
    ("red", "红", 0),
    ("yellow", "黄", 0),
    ("green", "绿", 0),
)
LEVEL_NAMES = {"red": "红色", "yellow": "黄色", "green": "绿色"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, help="报告期 YYYY-MM")
    parser.add_argument(
        "--by", choices=["region", "chain", "kind", "city"], help="汇总维度（不填则逐个项目）"
    )
    parser.add_argument("--check", choices=["369"], help="369 节点检查（3、6、9 月）")
    parser.add_argument("--format", choices=["table", "json", "csv"], default="table")


def _cell(value: object, decimals: int | None) -> str:
    from gongxin.wording import number

    if value is None:
        return "—"
    if decimals is not None and isinstance(value, int | float):
        return number(value, decimals, grouping=not decimals)
    return LEVEL_NAMES.get(str(value), str(value))


def run(args: argparse.Namespace) -> int:
    from gongxin.errors import UserError
    from gongxin.projects.selectors import projects_check_369, projects_figures
    from gongxin.registry.periods import PeriodError, ym_parse
    from gongxin.scope import Scope

    try:
        period = ym_parse(args.period)
    except PeriodError as exc:
        raise UserError(f"--period {exc}") from None
    scope = Scope.everything()  # the command line is the bureau's own: the whole city
    if args.check:
        result = projects_check_369(scope=scope, period=period)
        if result is None:
            raise UserError(ERR_NO_CHECK.format(period=args.period))
        data = result.as_dict()
        if args.format == "json":
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            rate = "—" if data["rate"] is None else _cell(data["rate"], 1) + "%"
            print(
                f"{data['period']} 369 节点（{data['check']}）：应达 {data['due']} 个，"
                f"已达 {data['passed']} 个，达标率 {rate}"
            )
            if data["failing"]:
                print("未达标项目：" + "、".join(data["failing"]))
        return 0
    rows = projects_figures(scope=scope, period=period, by=args.by)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    columns = GROUP_COLUMNS if args.by else PROJECT_COLUMNS
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([key for key, _, _ in columns] + ([] if args.by else ["reasons"]))
        for row in rows:
            extra = [] if args.by else ["；".join(row["reasons"])]
            writer.writerow(["" if row[k] is None else row[k] for k, _, _ in columns] + extra)
        return 0
    from gongxin.text_tables import render_table

    print(
        render_table(
            [label for _, label, _ in columns],
            [[_cell(row[k], d) for k, _, d in columns] for row in rows],
            [d is not None for _, _, d in columns],
        )
    )
    return 0
