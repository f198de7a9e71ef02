"""`gongxin chains`: the chain-chief figures of a period (programme contract §2)."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "产业链链长制指标：--period YYYY-MM [--chain 代码] [--nodes] [--format json|table]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="YYYY-MM", help="报告期（截至该月末）")
    parser.add_argument("--chain", metavar="CODE", help="只看一条产业链（城市配置中的代码）")
    parser.add_argument(
        "--nodes", action="store_true", help="列出该产业链的环节（须同时指定 --chain）"
    )
    parser.add_argument("--format", choices=["table", "json"], default="table")


def _show(value: float | int | None, decimals: int = 1) -> str:
    from gongxin.wording import number

    return "—" if value is None else number(value, decimals)


def run(args: argparse.Namespace) -> int:
    from gongxin.chains.selectors import chain_nodes, chains_figures
    from gongxin.errors import UserError
    from gongxin.scope import Scope
    from gongxin.text_tables import render_table

    scope = Scope.everything()
    if args.nodes:
        if not args.chain:
            raise UserError("--nodes 须同时用 --chain 指定产业链")
        rows = chain_nodes(chain=args.chain, period=args.period, scope=scope)
        if args.format == "json":
            json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
            return 0
        table = [
            [r["node"], r["name"], r["stream"], r["parent"] or "", ";".join(r["classes"]),
             str(r["enterprises"]), r["strength"] + ("（评估）" if r["assessed"] else ""),
             "是" if r["leaf"] else ""]
            for r in rows
        ]  # fmt: skip
        headers = ["环节", "名称", "链段", "上级", "行业代码", "规上企业", "评估", "末端环节"]
        print(render_table(headers, table, [False] * 5 + [True, False, False]))
        return 0
    rows = chains_figures(period=args.period, chain=args.chain, scope=scope)
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    table = [
        [r["chain"], r["name"], "、".join(r["leaders"]), str(r["enterprises"]),
         _show(r["output_ytd"]), _show(r["va_growth_ytd"]),
         f"{r['covered_leaves']}/{r['leaf_nodes']}", _show(r["coverage"]),
         str(r["problems_open"]), str(r["problems_overdue"]), _show(r["resolution_rate"]),
         str(r["activities_ytd"])]
        for r in rows
    ]  # fmt: skip
    headers = [
        "代码", "产业链", "链长", "规上企业", "产值(万元)", "增加值增速(%)", "覆盖环节",
        "覆盖率(%)", "未解决", "超期", "化解率(%)", "活动",
    ]  # fmt: skip
    print(render_table(headers, table, [False] * 3 + [True] * 9))
    return 0
