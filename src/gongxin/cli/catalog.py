"""`gongxin catalog list|check`: the indicator catalog."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "指标目录：list 列出全部指标，check 校验目录文件"
NEEDS_DJANGO = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["list", "check"])
    parser.add_argument("--format", choices=["table", "json"], default="table")


def run(args: argparse.Namespace) -> int:
    from gongxin.engine.catalog import CatalogError, load_catalog
    from gongxin.errors import UserError
    from gongxin.text_tables import render_table

    try:
        catalog = load_catalog()
    except CatalogError as exc:
        raise UserError(str(exc)) from exc
    if args.action == "check":
        print(f"指标目录校验通过：{len(catalog.indicators)} 个指标")
        return 0
    items = [
        {"id": i.id, "name": i.name, "unit": i.unit, "dims": list(i.dims)}
        for i in catalog.indicators.values()
    ]
    if args.format == "json":
        json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(
            render_table(
                ["代码", "中文名", "单位"], [[i["id"], i["name"], i["unit"]] for i in items]
            )
        )
    return 0
