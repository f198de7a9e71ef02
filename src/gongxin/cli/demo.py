"""`gongxin demo [--seed N] [--size N] [--out DIR] [--files-only]`: the synthetic city.

Writes the demo's contract files (roster, reference series, monthly reports 2022-01 … 2024-06,
corrections) and imports them through the real importers as actor ``demo``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "生成演示数据（合成的聊城市规上工业企业名录、月度数据与参考数据）并导入"

MAX_WARNINGS_SHOWN = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from gongxin.demo import DEFAULT_SEED, DEFAULT_SIZE

    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"随机种子（默认 {DEFAULT_SEED}）"
    )
    parser.add_argument(
        "--size",
        type=int,
        default=DEFAULT_SIZE,
        help=f"名录中的企业数（默认 {DEFAULT_SIZE}；至少 200）",
    )
    parser.add_argument("--out", help="文件输出目录（默认 $GONGXIN_DATA_DIR/demo）")
    parser.add_argument("--files-only", action="store_true", help="只生成文件，不导入数据库")
    parser.add_argument(
        "--no-users", action="store_true", help="不创建演示用户（默认创建并重置其随机密码）"
    )


def run(args: argparse.Namespace) -> int:
    from django.conf import settings

    from gongxin.demo import generate, write_files
    from gongxin.demo.writer import file_names
    from gongxin.errors import UserError

    if args.size < 200:
        raise UserError(f"--size 至少为 200，实为 {args.size}")
    out = Path(args.out).expanduser() if args.out else Path(settings.DATA_DIR) / "demo"
    city = generate(seed=args.seed, size=args.size)
    try:
        paths = write_files(city, out)
    except OSError as exc:
        raise UserError(f"无法写入演示数据文件到 {out}：{exc}") from exc
    kinds = {name: kind for kind, name in file_names()}
    print(f"演示数据文件已生成（种子 {args.seed}，企业 {len(city.enterprises)} 家）：{out}")
    for path in paths:
        print(f"  {path.name}（{path.stat().st_size / 1024:.0f} KB）")
    if args.files_only:
        return 0
    code = _load([(kinds[p.name], p) for p in paths])
    if code == 0:
        code = _load_appeals(city, out)
    if code == 0 and not args.no_users:
        _print_logins(city)
    return code


def _load_appeals(city, out: Path) -> int:
    from gongxin.demo.appeals import load_appeals

    messages = load_appeals(city, out)
    for message in messages:
        print(message)
    return 0 if not any("未导入" in m for m in messages) else 1


def _print_logins(city) -> None:
    from gongxin.demo.appeals import demo_appeal_logins
    from gongxin.demo.users import demo_users_reset

    print("演示用户（密码随机生成，每次运行 gongxin demo 重置）：")
    for login in demo_users_reset(actor="demo"):
        region = f"，区县 {login.region}" if login.region else ""
        print(f"  用户名 {login.username}  密码 {login.password}  （{login.role}{region}）")
    for login in demo_appeal_logins(city):
        print(f"  用户名 {login.username}  密码 {login.password}  （{login.role}，{login.detail}）")


def _load(files: list[tuple[str, Path]]) -> int:
    from gongxin.demo.load import database_counts, ensure_initialised, load_files

    ensure_initialised()

    def progress(name: str, result) -> None:
        print(f"导入 {name}：{result.message}")
        if result.ok and result.warnings:
            print(f"  警告 {len(result.warnings)} 条（不影响导入），例如：")
            # Ratio warnings (a likely 元-for-万元 slip) matter more than stalled-plant notes.
            ranked = sorted(result.warnings, key=lambda p: "倍" not in p.message)
            for problem in ranked[:MAX_WARNINGS_SHOWN]:
                print(f"    {problem}")

    outcome = load_files(files, progress=progress)
    if outcome.failed:
        name, result = outcome.failed
        for problem in result.errors[:20]:
            print(f"  {problem}")
        print(f"演示数据导入在 {name} 处中止；已导入的文件保留，修正后重新运行会从此处继续")
        return 1
    if outcome.skipped and not outcome.imported:
        print("演示数据此前已全部导入，本次未重复导入。")
    elif outcome.skipped:
        print(f"此前已导入、本次跳过：{'、'.join(outcome.skipped)}")
    counts = database_counts()
    print(
        f"数据库现有：企业 {counts.enterprises} 家，月份 {counts.months} 个，"
        f"企业月度数据 {counts.reports} 条（含修订共 {counts.revisions} 个版本，"
        f"其中 {counts.corrected} 条经更正），参考数据 {counts.reference} 条。"
    )
    return 0
