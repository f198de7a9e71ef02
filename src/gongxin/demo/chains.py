"""The chain-chief system of the synthetic city, written as the contract's four chain files.

Chain maps are data below: the real segments of each of the 12 chains, upstream → downstream,
with the GB/T 4754 classes the demo roster draws its member firms from (``roster.py``), so that
coverage is computed from the demo firms and some segments come out missing (a class no
member firm has). Activities, problems and 招商 targets are drawn from a seeded stream.

Problems: about 150 over 2023–2024, solved at a rate that makes the 2024 January–April
resolution rate (solved ÷ opened up to 2024-04-30) land near the 98.6 % the city published
for enterprises' problems in the same period (``/work/shared/seeds``); the figure itself is
computed by ``gongxin chains`` from the imported records.
"""

from __future__ import annotations

import datetime as dt
import random

from gongxin.demo.model import DemoCity, Enterprise
from gongxin.demo.names import trade_name

MAP_FILE = "chain-map.csv"
ACTIVITIES_FILE = "chain-activities.csv"
PROBLEMS_FILE = "chain-problems.csv"
TARGETS_FILE = "chain-targets.csv"
FILES = (
    ("chain-map", MAP_FILE),
    ("chain-activities", ACTIVITIES_FILE),
    ("chain-problems", PROBLEMS_FILE),
    ("chain-targets", TARGETS_FILE),
)

MAP_COLUMNS = ("chain", "node", "parent", "name", "stream", "classes", "strength")
ACTIVITY_COLUMNS = ("date", "chain", "kind", "form", "leader", "enterprises", "summary")
PROBLEM_COLUMNS = (
    "code", "chain", "node", "uscc", "category", "description", "owner_unit",
    "opened_on", "deadline", "status", "solved_on",
)  # fmt: skip
TARGET_COLUMNS = ("chain", "node", "company", "location", "stage", "project_code")

U, M, D = "上游", "中游", "下游"
# chain -> (node, parent, name, stream, classes, assessed strength)
MAPS: dict[str, tuple[tuple[str, str, str, str, str, str], ...]] = {
    "nonferrous": (
        ("NF01", "", "热电", U, "4411;4412", ""),
        ("NF02", "NF01", "氧化铝", U, "3216", ""),
        ("NF03", "NF02", "电解铝", M, "3216", "风险"),  # energy quota under review
        ("NF04", "NF03", "铝加工", M, "3252;3240", ""),
        ("NF05", "NF04", "铝材深加工", D, "3312;3311", ""),
        ("NF06", "NF04", "汽车轻量化部件", D, "3670", ""),
        ("NF07", "NF04", "铝合金精密铸件", D, "3392", ""),
        ("NF08", "", "铜冶炼", U, "3211", ""),
        ("NF09", "NF08", "铜压延加工", M, "3251", ""),
        ("NF10", "NF09", "电线电缆", D, "3831", ""),
    ),
    "agrifood": (
        ("AG01", "", "粮食加工", U, "1312;1313", ""),
        ("AG02", "AG01", "食用植物油", M, "1331", ""),
        ("AG03", "AG01", "米面制品及速冻食品", D, "1431;1432", ""),
        ("AG04", "", "畜禽屠宰", U, "1351;1352", ""),
        ("AG05", "AG04", "肉制品加工", D, "1353", ""),
        ("AG06", "", "果蔬加工", M, "1371;1373", ""),
        ("AG07", "AG06", "饮料", D, "1524;1529", ""),
        ("AG08", "AG04", "冷链物流配套", D, "", ""),
    ),
    "ferrous": (
        ("FE01", "", "废钢回收", U, "4210", ""),
        ("FE02", "FE01", "炼铁", U, "3110", ""),
        ("FE03", "FE02", "炼钢", M, "3120", ""),
        ("FE04", "FE03", "钢压延加工", M, "3130", ""),
        ("FE05", "FE04", "钢管及金属丝绳", D, "3340", ""),
        ("FE06", "FE04", "铸锻件", D, "3391;3393", ""),
        ("FE07", "FE04", "特种合金", D, "3140", ""),
    ),
    "chemical": (
        ("CH01", "", "原油及煤焦加工", U, "2511;2521", ""),
        ("CH02", "CH01", "基础化学原料", M, "2611;2612;2614;2619", ""),
        ("CH03", "CH02", "化肥", D, "2621;2624", ""),
        ("CH04", "CH02", "合成材料", M, "2651;2652", ""),
        ("CH05", "CH04", "化学纤维", D, "2812;2822;2825", ""),
        ("CH06", "CH02", "专用化学品", D, "2661;2662;2669", ""),
        ("CH07", "CH06", "涂料", D, "2641", ""),
        ("CH08", "CH04", "电子化学品", D, "3985", ""),
    ),
    "building": (
        ("BU01", "", "石灰石开采", U, "1011;1019", ""),
        ("BU02", "BU01", "水泥", M, "3011", ""),
        ("BU03", "BU02", "水泥制品及构件", D, "3021;3022", ""),
        ("BU04", "BU01", "新型墙体材料", D, "3024;3031", ""),
        ("BU05", "", "平板玻璃", U, "3041", ""),
        ("BU06", "BU05", "技术玻璃及玻纤", D, "3051;3061", ""),
        ("BU07", "", "人造板", U, "2021;2022", ""),
        ("BU08", "BU07", "木门窗及地板", D, "2032;2034", ""),
        ("BU09", "", "防水材料", D, "3033", ""),
    ),
    "machinery": (
        ("MA01", "", "铸锻件", U, "3391;3393", ""),
        ("MA02", "MA01", "通用零部件", M, "3453;3484;3489", ""),
        ("MA03", "MA02", "农机整机", D, "3571;3572", ""),
        ("MA04", "MA03", "农机配件及服务", D, "3576", ""),
        ("MA05", "MA02", "泵阀", D, "3441;3443", ""),
        ("MA06", "MA02", "专用设备", D, "3516;3521;3532;3599", ""),
        ("MA07", "MA02", "工业机器人", D, "3491", ""),
        ("MA08", "MA02", "轨道交通装备配件", D, "3715;3716", ""),
    ),
    "auto": (
        ("AU01", "", "轴承齿轮及内燃机", U, "3451;3453;3412", ""),
        ("AU02", "", "轮胎及橡胶件", U, "2911;2913", ""),
        ("AU03", "AU01", "汽车零部件及配件", M, "3670", ""),
        ("AU04", "AU03", "客车及电车", D, "3650", ""),
        ("AU05", "AU03", "专用车及挂车", D, "3630;3660", ""),
        ("AU06", "AU03", "低速汽车", D, "3640", ""),
    ),
    "textile": (
        ("TX01", "", "化学纤维", U, "2822;2825", ""),
        ("TX02", "TX01", "纺纱", M, "1711", ""),
        ("TX03", "TX02", "织造", M, "1712;1751;1761", ""),
        ("TX04", "TX03", "印染", M, "1713", ""),
        ("TX05", "TX04", "服装服饰", D, "1811;1819;1829;1830", ""),
        ("TX06", "TX04", "家用纺织品", D, "1771", ""),
        ("TX07", "TX03", "产业用纺织品", D, "1781;1789", ""),
    ),
    "nev": (
        ("NV01", "", "动力电池", U, "3841;3849", ""),
        ("NV02", "", "电机电控及配电", U, "3823", ""),
        ("NV03", "NV01", "新能源整车", D, "3612", ""),
        ("NV04", "NV03", "新能源汽车零部件", M, "3670", ""),
        ("NV05", "", "光伏及储能", U, "3825", ""),
        ("NV06", "NV03", "智能网联", D, "3990", "缺"),
    ),
    "paper": (
        ("PA01", "", "非木浆", U, "2212", ""),
        ("PA02", "PA01", "机制纸及纸板", M, "2221", ""),
        ("PA03", "PA02", "加工纸", M, "2223", ""),
        ("PA04", "PA03", "纸制品及包装", D, "2231;2239", ""),
        ("PA05", "PA04", "包装装潢印刷", D, "2319", ""),
        ("PA06", "PA02", "出版物印刷", D, "2311;2312", ""),
    ),
    "biomed": (
        ("BM01", "", "化学原料药", U, "2710", ""),
        ("BM02", "BM01", "化学制剂", D, "2720", ""),
        ("BM03", "", "中药饮片", U, "2730", ""),
        ("BM04", "BM03", "中成药", D, "2740", ""),
        ("BM05", "", "生物药品", M, "2761", ""),
        ("BM06", "", "医疗器械", D, "3581;3584;3589", ""),
        ("BM07", "", "营养保健食品", D, "1491;1492", ""),
        ("BM08", "BM02", "药用辅料及包装", D, "2780", ""),
    ),
    "ict": (
        ("IT01", "", "电子专用材料", U, "3985", ""),
        ("IT02", "IT01", "电子元器件", M, "3972;3976;3989", ""),
        ("IT03", "IT02", "电子电路", M, "3982", ""),
        ("IT04", "IT03", "通信设备", D, "3921", ""),
        ("IT05", "", "光纤", U, "3832", ""),
        ("IT06", "IT05", "光缆", D, "3833", ""),
        ("IT07", "IT02", "仪器仪表", D, "4011;4012;4028", ""),
        ("IT08", "IT01", "集成电路", M, "3973", ""),
    ),
}

OWNER_UNITS = {
    "要素保障": ("国网聊城供电公司", "市自然资源和规划局", "市发展和改革委员会"),
    "融资": ("市委金融办", "人民银行聊城市分行"),
    "用工": ("市人力资源和社会保障局",),
    "技术": ("市科学技术局", "市工业和信息化局"),
    "市场": ("市商务局", "市工业和信息化局"),
    "审批": ("市行政审批服务局", "市生态环境局"),
    "配套": ("市工业和信息化局", "市投资促进服务中心"),
    "其他": ("市工业和信息化局",),
}
DESCRIPTIONS = {
    "要素保障": ("{firm}扩产项目用电增容需求未落实", "{firm}新增用地指标不足",
                 "{firm}天然气供应价格偏高"),
    "融资": ("{firm}流动资金贷款续贷困难", "{firm}技改项目融资成本偏高"),
    "用工": ("{firm}一线技术工人招工难", "{firm}缺少高级技工和工程师"),
    "技术": ("{firm}关键工艺技术需攻关", "{firm}新产品检测认证周期长"),
    "市场": ("{firm}产品开拓外地市场受阻", "{firm}出口订单下滑需拓展渠道"),
    "审批": ("{firm}技改项目环评审批进度慢", "{firm}新建厂房施工许可待办理"),
    "配套": ("{node}环节本地配套不足，依赖外地采购", "{node}环节缺少本地企业，需招引补链"),
    "其他": ("{firm}厂区周边道路需改造",),
}  # fmt: skip
TARGET_PLACES = ("江苏无锡", "浙江宁波", "广东佛山", "上海", "江苏苏州", "河北唐山",
                 "河南郑州", "安徽合肥", "天津", "浙江杭州")  # fmt: skip
TARGET_WORDS = ("精密制造", "新材料", "科技", "智能装备", "实业")

# 2024 January–April: 25 activities (问链 3, 巡链 16, 诊链 6), as the city reported.
ACTIVITY_PLAN_2024 = ("问链",) * 3 + ("巡链",) * 16 + ("诊链",) * 6
ACTIVITIES_2023 = 24  # a log before the demo's period, from July 2023
PROBLEMS_2023 = 100
PROBLEMS_2024_JAN_APR = 44
PROBLEMS_2024_MAY_JUN = 8
AS_OF = dt.date(2024, 4, 30)
LAST_DAY = dt.date(2024, 6, 30)


def _members_above(city: DemoCity, chain: str, ym: int) -> list[Enterprise]:
    return [
        e for e in city.enterprises
        if chain in e.chains and (e.from_ym or 0) <= ym and (e.to_ym is None or e.to_ym >= ym)
    ]  # fmt: skip


def _workday(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    while True:
        day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        if day.weekday() < 5:
            return day


def map_rows() -> list[dict[str, str]]:
    return [
        {"chain": chain, "node": n, "parent": p, "name": name, "stream": s, "classes": c,
         "strength": a}
        for chain, nodes in MAPS.items()
        for n, p, name, s, c, a in nodes
    ]  # fmt: skip


def _node_firms(city: DemoCity, chain: str, ym: int) -> dict[str, list[Enterprise]]:
    members = _members_above(city, chain, ym)
    return {
        n: [e for e in members if e.industry in c.split(";")] for n, _, _, _, c, _ in MAPS[chain]
    }


def activity_rows(rng: random.Random, city: DemoCity) -> list[dict[str, str]]:
    chains = [c for c in city.config.chains if c.code in MAPS]
    plan = [(k, dt.date(2024, 1, 3), dt.date(2024, 4, 30)) for k in ACTIVITY_PLAN_2024]
    plan += [
        (rng.choice(("巡链", "巡链", "诊链")), dt.date(2023, 7, 1), dt.date(2023, 12, 29))
        for _ in range(ACTIVITIES_2023)
    ]
    rows = []
    for i, (kind, first, last) in enumerate(plan):
        chain = chains[i % len(chains)]
        members = sorted(_members_above(city, chain.code, 202404), key=lambda e: e.uscc)
        firms = rng.sample(members, min(len(members), rng.randint(1, 3))) if members else []
        leader_title = chain.leaders[0] if chain.leaders else "链长"
        if kind == "问链":
            form, leader = (
                "调度会",
                "总链长（" + "、".join(city.config.chief_leaders or ("市长",)) + "）",
            )
            summary = f"总链长召开{chain.name}产业链问链调度会，听取链长工作汇报，研究断点堵点问题"
        elif kind == "巡链":
            form = rng.choice(("座谈会", "现场调研", "现场办公", "专题活动"))
            leader = f"链长（{leader_title}）"
            summary = f"{chain.name}产业链链长带队{form}，走访链上企业，协调解决企业反映的问题"
        else:
            form, leader = "专家诊断", "产业链专家组"
            summary = f"专家组赴{chain.name}产业链企业开展诊链，提出补链强链建议"
        rows.append(
            {"date": _workday(rng, first, last).isoformat(), "chain": chain.code, "kind": kind,
             "form": form, "leader": leader, "enterprises": ";".join(e.uscc for e in firms),
             "summary": summary}
        )  # fmt: skip
    rows.sort(key=lambda r: (r["date"], r["chain"]))
    return rows


def _problem(
    rng: random.Random, city: DemoCity, code: str, opened: dt.date, solved: dt.date | None
) -> dict[str, str]:
    chain = rng.choice(sorted(MAPS))
    firms = _node_firms(city, chain, opened.year * 100 + opened.month)
    category = rng.choice(("要素保障",) * 3 + ("融资",) * 2 + ("用工",) * 2 + ("技术", "市场",
                          "审批", "配套", "其他"))  # fmt: skip
    names = {n: name for n, _, name, _, _, _ in MAPS[chain]}
    if category == "配套":
        thin = [n for n, fs in firms.items() if len(fs) < 3] or list(firms)
        node, firm = rng.choice(thin), None
    else:
        with_firms = [n for n, fs in firms.items() if fs]
        node = rng.choice(with_firms) if with_firms else ""
        firm = rng.choice(sorted(firms[node], key=lambda e: e.uscc)) if node else None
    text = rng.choice(DESCRIPTIONS[category]).format(
        firm=firm.name if firm else "链上企业", node=names.get(node, "")
    )
    deadline = opened + dt.timedelta(days=rng.choice((30, 45, 60, 90)))
    if solved is None:
        status = rng.choice(("assigned", "in_progress", "in_progress"))
    else:
        # Struck off (销号) once confirmed, usually weeks after the solution.
        status = (
            "closed"
            if solved + dt.timedelta(days=30) <= LAST_DAY and rng.random() < 0.8
            else "solved"
        )
    return {
        "code": code, "chain": chain, "node": node, "uscc": firm.uscc if firm else "",
        "category": category, "description": text,
        "owner_unit": rng.choice(OWNER_UNITS[category]), "opened_on": opened.isoformat(),
        "deadline": deadline.isoformat(), "status": status,
        "solved_on": solved.isoformat() if solved else "",
    }  # fmt: skip


def problem_rows(rng: random.Random, city: DemoCity) -> list[dict[str, str]]:
    """~150 problems; by 2024-04-30, 144 opened and all but two solved (142 ÷ 144 = 98.6 %)."""
    plan: list[tuple[dt.date, dt.date | None]] = []
    for _ in range(PROBLEMS_2023):
        opened = _workday(rng, dt.date(2023, 1, 3), dt.date(2023, 12, 29))
        plan.append((opened, opened + dt.timedelta(days=rng.randint(7, 80))))
    for i in range(PROBLEMS_2024_JAN_APR):
        opened = _workday(rng, dt.date(2024, 1, 2), dt.date(2024, 4, 10))
        if i == 0:  # solved after the end of April: open (and overdue) at 2024-04
            opened = dt.date(2024, 1, 15)
            plan.append((opened, dt.date(2024, 5, 20)))
        elif i == 1:  # still being worked on
            plan.append((dt.date(2024, 4, 8), None))
        else:
            solved = min(opened + dt.timedelta(days=rng.randint(5, 50)), AS_OF)
            plan.append((opened, solved))
    for i in range(PROBLEMS_2024_MAY_JUN):
        opened = _workday(rng, dt.date(2024, 5, 6), dt.date(2024, 6, 20))
        solved = opened + dt.timedelta(days=rng.randint(5, 20)) if i % 3 else None
        plan.append((opened, solved if solved and solved <= LAST_DAY else None))
    plan.sort(key=lambda p: p[0])
    counters: dict[int, int] = {}
    rows = []
    for opened, solved in plan:
        counters[opened.year] = counters.get(opened.year, 0) + 1
        code = f"DL{opened.year}-{counters[opened.year]:03d}"
        rows.append(_problem(rng, city, code, opened, solved))
    return rows


def target_rows(rng: random.Random, city: DemoCity) -> list[dict[str, str]]:
    """招商 targets for the segments with fewer than three firms in 2024-04 (弱 or 缺)."""
    rows = []
    used: set[str] = set()
    signed = 0
    for chain in MAPS:
        for node, fs in _node_firms(city, chain, 202404).items():
            if len(fs) >= 3:
                continue
            for _ in range(rng.randint(1, 2)):
                place = rng.choice(TARGET_PLACES)
                while (name := f"{trade_name(rng)}{rng.choice(TARGET_WORDS)}有限公司") in used:
                    pass
                used.add(name)
                stage = rng.choice(("线索", "线索", "洽谈", "洽谈", "签约", "落地"))
                code = ""
                if stage in ("签约", "落地"):
                    signed += 1
                    code = f"XM2024-{signed:03d}"  # a key project of the projects list
                rows.append(
                    {"chain": chain, "node": node, "company": f"{place}{name}", "location": place,
                     "stage": stage, "project_code": code}
                )  # fmt: skip
    return rows


def chain_files(city: DemoCity) -> dict[str, list[dict[str, str]]]:
    """File name -> rows, for the four chain files."""
    rng = random.Random(f"{city.seed}:chains")
    return {
        MAP_FILE: map_rows(),
        ACTIVITIES_FILE: activity_rows(rng, city),
        PROBLEMS_FILE: problem_rows(rng, city),
        TARGETS_FILE: target_rows(rng, city),
    }


COLUMNS = {
    MAP_FILE: MAP_COLUMNS,
    ACTIVITIES_FILE: ACTIVITY_COLUMNS,
    PROBLEMS_FILE: PROBLEM_COLUMNS,
    TARGETS_FILE: TARGET_COLUMNS,
}
