"""The demo's enterprise appeals (诉求通): units, commissioners and ~750 appeals.

2023 and 2024 January–April are history, written as the contract's files and imported through
the real importers; May–June 2024 are live appeals driven through the workflow services (with
their own timestamps), so returns, extensions, 重办, merges and withdrawals appear as they
would. The history is calibrated to the published record (聊城 诉求通, seeds/): of the 2023
appeals closed in 2023, 619 solved at a 99.0 % solve rate; 2024 January–April 98.6 %. The
calibration chooses how many closed appeals are unsolved; the figures themselves are computed
by `gongxin appeals stats` from the imported records, never written down.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongxin.appeals.deadlines import add_working_days
from gongxin.appeals.models import Appeal, Source
from gongxin.appeals.services import appeal_act, appeal_submit
from gongxin.city.appeal_categories import appeal_config
from gongxin.demo.model import DemoCity
from gongxin.dispatch.workdays import WORKDAY, holiday_calendar
from gongxin.ingest.services import import_file
from gongxin.registry.models import Role
from gongxin.registry.permissions import Actor
from gongxin.registry.users import placeholder_users_create, user_create_or_update

ACTOR = "demo-appeals"  # not "demo": the main demo files are recognised by their actor
SYSTEM = Actor.system(ACTOR)  # the demo acts as the command line's operator
COMMISSIONERS_FILE = "commissioners.csv"
APPEALS_FILE = "appeals-history.csv"
DEMO_UNIT = "demo_unit"  # a user of 市工业和信息化局 (政策咨询, 其他)
DEMO_FIRM = "demo_firm"  # the enterprise user of the firm with the most appeals
DISPATCHER = "demo_dispatch"  # the bureau's appeal dispatcher (city_admin), no password

# (closed in the window, solved) per history window: the published solve rates.
TARGETS = {2023: (625, 619), 2024: (72, 71)}
WINDOWS = {
    2023: (dt.date(2023, 1, 3), dt.date(2023, 12, 8)),
    2024: (dt.date(2024, 1, 2), dt.date(2024, 4, 19)),
}
WINDOW_ENDS = {2023: dt.date(2023, 12, 31), 2024: dt.date(2024, 4, 30)}
STRAGGLERS = {2023: (dt.date(2023, 12, 18), 8), 2024: (dt.date(2024, 4, 22), 6)}

TITLES = {  # 、-separated, split on load
    "政策咨询": "技改补贴政策咨询、专精特新认定咨询、首台套保险补偿咨询、研发费用加计扣除咨询",
    "融资信贷": "流动资金贷款续贷困难、设备融资租赁贴息申请、应收账款质押融资对接、抽贷压贷协调",
    "科技创新": "省级企业技术中心申报、高新技术企业认定辅导、产学研合作对接、科技成果转化奖励",
    "用工招聘": "技术工人招聘困难、高校毕业生招聘对接、员工社保补贴申领、职业技能培训补贴",
    "土地规划": "新建厂房用地指标、厂区规划调整审批、闲置土地盘活利用、不动产权证办理",
    "审批手续": "环评审批进度、施工许可办理、安全生产许可证延续、能评手续办理",
    "水电气暖": "新增变压器增容、天然气供应保障、工业用水管网接入、蒸汽供热价格协调",
    "物流运输": "大件运输通行证办理、厂区周边道路拥堵、铁路专用线接入、危化品运输车辆停靠",
    "法律权益": "合同纠纷法律咨询、知识产权侵权维权、账款拖欠维权、劳动争议调解",
    "其他": "企业周边环境整治、宣传展会参展协调、统计报表填报指导、其他生产经营困难",
}
CATEGORY_WEIGHTS = {
    "政策咨询": 18, "融资信贷": 14, "用工招聘": 12, "土地规划": 9, "审批手续": 12,
    "水电气暖": 11, "物流运输": 6, "法律权益": 5, "科技创新": 7, "其他": 6,
}  # fmt: skip


@dataclass(frozen=True)
class AppealLogin:
    username: str
    role: str
    detail: str
    password: str


def _workday(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    calendar = holiday_calendar()
    while True:
        day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
        if calendar.kind(day) == WORKDAY:
            return day


def _at(day: dt.date, hour: float) -> dt.datetime:
    minutes = int(hour * 60)
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60))


def _timeline(rng: random.Random, submitted: dt.datetime, *, late_ok: bool) -> list[dt.datetime]:
    """accepted, answered, closed: mostly within 1 / 3 / 15 working days, a few late."""
    day = submitted.date()
    sign_k = 0 if rng.random() < 0.55 else (1 if rng.random() < 0.93 or not late_ok else 2)
    answer_k = max(sign_k, rng.choice((1, 1, 2, 2, 3)) if rng.random() < 0.95 or not late_ok else 4)
    close_k = max(
        answer_k + 1,
        rng.randint(4, 15) if rng.random() < 0.92 or not late_ok else rng.randint(16, 19),
    )
    hour = submitted.hour + submitted.minute / 60
    accepted = _at(
        add_working_days(day, sign_k) if sign_k else day,
        min(17.5, hour + 1.5) if not sign_k else rng.uniform(8.5, 11),
    )
    answered = _at(add_working_days(day, answer_k), rng.uniform(9, 17))
    if answered <= accepted:
        answered = accepted + dt.timedelta(hours=2)
    closed = _at(add_working_days(day, close_k), rng.uniform(9, 17))
    return [accepted, answered, closed]


def _firms(city: DemoCity) -> list[tuple[str, str, float]]:
    """(uscc, region, weight): key firms five times as likely to appeal."""
    return [
        (e.uscc, e.region, 5.0 if e.key else 1.0)
        for e in sorted(city.enterprises, key=lambda e: e.uscc)
    ]


def _draft(rng, firms, weights, categories, config, day: dt.date, *, late_ok: bool) -> list:
    uscc, region, _ = rng.choices(firms, weights)[0]
    category = rng.choices(categories, [CATEGORY_WEIGHTS[c] for c in categories])[0]
    submitted = _at(day, rng.uniform(8.5, 16.5))
    accepted, answered, closed = _timeline(rng, submitted, late_ok=late_ok)
    unit = config.category(category).unit
    if rng.random() < 0.04:  # re-routed to another unit
        unit = rng.choice([u for u in config.units if u != unit])
    title = rng.choice(TITLES[category].split("、"))
    return [uscc, region, category, unit, title, submitted, accepted, answered, closed]


def history_rows(city: DemoCity) -> list[dict[str, str]]:
    """The 2023 and 2024 January–April appeals, calibrated to the published solve rates.

    Appeals are drawn until exactly the target number closes inside the window (the window's
    last weeks add some that close after it); of those, the calibration marks the published
    share unsolved.
    """
    rng = random.Random(city.seed * 31 + 2023)
    config = appeal_config()
    firms = _firms(city)
    weights = [w for *_, w in firms]
    categories = list(CATEGORY_WEIGHTS)
    rows: list[dict[str, str]] = []
    for year, (closed_target, solved_target) in TARGETS.items():
        start, end = WINDOWS[year]
        window_end = WINDOW_ENDS[year]
        drafts: list[list] = []
        closed_inside = 0
        while closed_inside < closed_target:
            draft = _draft(
                rng, firms, weights, categories, config, _workday(rng, start, end), late_ok=True
            )
            if draft[8].date() <= window_end:
                closed_inside += 1
            drafts.append(draft)
        late_start, late_count = STRAGGLERS[year]
        for _ in range(late_count):  # submitted near the end, closed after it
            day = _workday(rng, late_start, window_end)
            draft = _draft(rng, firms, weights, categories, config, day, late_ok=False)
            closed = _at(add_working_days(window_end, rng.randint(2, 6)), 10.5)
            draft[8] = max(closed, draft[7] + dt.timedelta(hours=20))
            drafts.append(draft)
        drafts.sort(key=lambda d: d[5])
        inside = [i for i, d in enumerate(drafts) if d[8].date() <= window_end]
        unsolved = set(rng.sample(inside, closed_target - solved_target))
        for n, (uscc, region, category, unit, title, sub, acc, ans, clo) in enumerate(drafts):
            solved = n not in unsolved
            r = rng.random()
            rating = "满意" if r < 0.86 else ("基本满意" if r < 0.98 else "不满意")
            if not solved and rating == "满意":
                rating = "基本满意"
            rows.append({
                "code": f"SQ{year}-{n + 1:06d}", "uscc": uscc, "region": region,
                "category": category, "unit": unit, "title": title,
                "submitted_at": _text(sub), "accepted_at": _text(acc),
                "answered_at": _text(ans), "closed_at": _text(clo),
                "rating": rating, "solved": "是" if solved else "否",
            })  # fmt: skip
    return rows


def _text(at: dt.datetime) -> str:
    return at.isoformat(sep=" ", timespec="minutes")


LIVE_START, LIVE_END = dt.date(2024, 5, 6), dt.date(2024, 6, 28)
LIVE_COUNT = 40
LIVE_CLOSE = timezone.make_aware(dt.datetime(2024, 6, 30, 18, 0))


def commissioner_names(city: DemoCity) -> list[tuple[str, str, str]]:
    """(username, region, uscc): one commissioner (a county user) per key firm."""
    out = []
    counters: dict[str, int] = {}
    for e in sorted((e for e in city.enterprises if e.key), key=lambda e: (e.region, e.uscc)):
        counters[e.region] = counters.get(e.region, 0) + 1
        out.append((f"fwzy_{e.region}_{counters[e.region]:02d}", e.region, e.uscc))
    return out


def _csv(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_appeal_files(city: DemoCity, out_dir: Path) -> list[tuple[str, Path]]:
    """The commissioners and the appeals history as contract files: [(kind, path)]."""
    out_dir.mkdir(parents=True, exist_ok=True)
    commissioners = out_dir / COMMISSIONERS_FILE
    commissioners.write_bytes(
        _csv(
            ["username", "uscc"],
            [{"username": u, "uscc": c} for u, _, c in commissioner_names(city)],
        )
    )
    history = out_dir / APPEALS_FILE
    rows = history_rows(city)
    history.write_bytes(_csv(list(rows[0]), rows))
    return [("commissioners", commissioners), ("appeals", history)]


def _people(city: DemoCity) -> dict[str, str]:
    """Create the units' users, the dispatcher and the commissioners (no passwords)."""
    config = appeal_config()
    placeholder_users_create(
        users=[(DISPATCHER, Role.CITY_ADMIN, None)]
        + [(u, Role.COUNTY_USER, region) for u, region, _ in commissioner_names(city)],
        actor=SYSTEM,
    )
    units = {}
    for i, unit in enumerate(config.units, start=1):
        name = f"demo_unit_{i:02d}"
        user_create_or_update(
            username=name, role=Role.UNIT_USER, unit=unit, password=secrets.token_urlsafe(16),
            actor=SYSTEM,
        )  # fmt: skip
        units[unit] = name
    return units


def load_appeals(city: DemoCity, out_dir: Path) -> list[str]:
    """Write and import the history, then play the live May–June appeals; returns messages.

    Safe to run again: files imported before are skipped by the importer's own rule (an
    identical file changes nothing) and the live appeals are played once.
    """
    messages = []
    units = _people(city)
    for kind, path in write_appeal_files(city, out_dir):
        result = import_file(kind=kind, path=path, actor=ACTOR)
        messages.append(f"导入 {path.name}：{result.message}")
        if not result.ok:
            messages.extend(str(p) for p in result.errors[:10])
            return messages
    if not Appeal.objects.filter(source=Source.LIVE).exists():
        users = get_user_model().objects.in_bulk(
            [DISPATCHER, *units.values(), *(u for u, _, _ in commissioner_names(city))],
            field_name="username",
        )
        played = _play_live(city, users, units)
        messages.append(f"在线办理诉求 {played} 件（2024年5—6月，含退单、延期、重办、合并、撤回）")
    return messages


def _play_live(city: DemoCity, users: dict, units: dict[str, str]) -> int:
    rng = random.Random(city.seed * 31 + 2024)
    config = appeal_config()
    commissioners = commissioner_names(city)
    dispatcher = users[DISPATCHER]
    categories = list(CATEGORY_WEIGHTS)
    scripts = (
        ["return"] * 3
        + ["stuck"] * 3
        + ["extend_ok"] * 2
        + ["extend_no"]
        + ["redo"] * 2
        + ["merge", "withdraw"]
    )
    scripts += ["plain"] * (LIVE_COUNT - 1 - len(scripts))  # the merge adds one
    rng.shuffle(scripts)
    played = 0
    for script in scripts:
        username, _, uscc = rng.choice(commissioners)
        actor = users[username]
        category = rng.choices(categories, [CATEGORY_WEIGHTS[c] for c in categories])[0]
        end = LIVE_END if script != "stuck" else LIVE_START + dt.timedelta(days=14)
        day = _workday(rng, LIVE_START, end)
        now = timezone.make_aware(_at(day, rng.uniform(8.5, 16.5)))
        title = rng.choice(TITLES[category].split("、"))
        appeal = appeal_submit(
            actor=actor, uscc=uscc, category=category, title=title, now=now
        ).appeal
        played += 1
        if script == "merge":  # the firm reports the same matter again; the city merges it
            again = appeal_submit(
                actor=actor, uscc=uscc, category=category, title=title + "（再次反映）",
                now=now + dt.timedelta(hours=1),
            ).appeal  # fmt: skip
            played += 1
            appeal_act(
                actor=dispatcher, code=again.code, action="merge", into=appeal.code,
                note="同一企业同一事项，合并办理", now=now + dt.timedelta(hours=2),
            )  # fmt: skip
        steps = _steps(rng, script, appeal, config)
        t = now
        for gap_days, who, action, kwargs in steps:
            t = timezone.make_aware(
                _at(add_working_days(timezone.localtime(t).date(), gap_days), rng.uniform(9, 17))
            ) if gap_days else t + dt.timedelta(hours=1)  # fmt: skip
            if t > LIVE_CLOSE:
                break
            party = (
                {"unit": None, "city": dispatcher, "firm": actor}[who]
                if who != "unit"
                else users[units[appeal.unit]]
            )
            appeal = appeal_act(actor=party, code=appeal.code, action=action, now=t, **kwargs)
    return played


def _steps(rng, script, appeal, config) -> list[tuple[int, str, str, dict]]:
    """(working days after the previous step, who, action, inputs) of one live appeal."""
    slow = rng.random() < 0.15  # a unit that lets the limit pass
    steps: list[tuple[int, str, str, dict]] = []
    if script == "withdraw":
        return [(1, "firm", "withdraw", {"note": "问题已自行解决"})]
    if script == "stuck":  # signed, then left: past its limits by the end of June
        return [(1, "unit", "accept", {})]
    if script == "return":
        other = rng.choice([u for u in config.units if u != appeal.unit])
        steps += [
            (0, "unit", "return", {"note": "不属于本单位职责范围"}),
            (1, "city", "reassign", {"unit": other, "note": "按职责改派"}),
        ]
    steps += [(1 if rng.random() < 0.9 else 2, "unit", "accept", {})]
    steps += [
        (
            rng.randint(1, 3) + (3 if slow else 0),
            "unit",
            "answer",
            {"note": "已研究答复，正在协调落实"},
        )
    ]
    if script.startswith("extend"):
        steps.insert(-1, (1, "unit", "extend", {"days": 10, "note": "涉及多部门会商，申请延期"}))
        steps.insert(
            -1,
            (1, "city", "approve_extension", {"note": ""})
            if script == "extend_ok"
            else (1, "city", "refuse_extension", {"note": "请按原时限办结"}),
        )
    if script == "redo":
        steps += [
            (1, "firm", "rate", {"rating": "不满意", "note": "答复未解决实际问题"}),
            (rng.randint(2, 4), "unit", "answer", {"note": "重新协调后已落实"}),
            (1, "firm", "rate", {"rating": "基本满意"}),
        ]
    else:
        steps += [
            (rng.randint(1, 3), "firm", "rate", {"rating": rng.choice(["满意"] * 6 + ["基本满意"])})
        ]
    steps += [
        (rng.randint(1, 4 if not slow else 12), "unit", "close", {"solved": rng.random() < 0.97})
    ]
    return steps


def demo_appeal_logins(city: DemoCity) -> list[AppealLogin]:
    """A unit user (市工业和信息化局) and the user of the firm with most appeals, new passwords."""
    config = appeal_config()
    unit = config.category("政策咨询").unit
    top = Appeal.objects.values_list("enterprise_id", flat=True).order_by().annotate()
    counts: dict[str, int] = {}
    for uscc in top:
        counts[uscc] = counts.get(uscc, 0) + 1
    firm = max(sorted(counts), key=lambda u: counts[u]) if counts else city.enterprises[0].uscc
    logins = [
        AppealLogin(DEMO_UNIT, Role.UNIT_USER, unit, secrets.token_urlsafe(12)),
        AppealLogin(DEMO_FIRM, Role.ENTERPRISE, firm, secrets.token_urlsafe(12)),
    ]
    for login in logins:
        user_create_or_update(
            username=login.username, role=login.role, password=login.password, actor=SYSTEM,
            unit=login.detail if login.role == Role.UNIT_USER else None,
            uscc=login.detail if login.role == Role.ENTERPRISE else None,
        )  # fmt: skip
    return logins
