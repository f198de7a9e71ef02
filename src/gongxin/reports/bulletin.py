"""The monthly bulletin (月通报): the layout (``layouts/bulletin.yaml``) filled from the engine."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from gongxin.city.config import CityConfig, load_city_config
from gongxin.engine import Engine
from gongxin.engine.errors import EngineError
from gongxin.engine.period import Period
from gongxin.errors import UserError
from gongxin.reports.alerts_view import WarningsView, warnings_for_period
from gongxin.reports.figures import Numbers
from gongxin.reports.model import Attachment, Document, Paragraph, Section, Sentence
from gongxin.wording import ytd_label

ERR_NO_DATA = "{period} 没有规上工业企业的月度数据：请先导入该月的月度运行数据"
ERR_LAYOUT = "通报版式文件 {path} 有误：{detail}"
ERR_DATE_TOO_EARLY = (
    "成文日期 {date} 不在报告期 {period} 结束之后：该月的月度数据在月末之后才有，"
    "请选择 {first} 或之后的日期"
)
ERR_REGION = "县（市、区）代码 {region} 不在本市的区划中，无法生成区县版"
ISSUE_DAY = 20  # the bulletin goes out around the 20th, after the monthly figures are in


def period_end(ym: int) -> dt.date:
    year, month = divmod(ym, 100)
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def default_bulletin_date(ym: int) -> dt.date:
    """成文日期 by default: the 20th of the month after the period, a weekend moved to the
    Monday (the 2024-04 bulletin: 2024-05-20, a Monday; 2024-05's: 2024-06-20)."""
    date = period_end(ym) + dt.timedelta(days=ISSUE_DAY)
    return date + dt.timedelta(days=(7 - date.weekday()) % 7 if date.weekday() >= 5 else 0)


def bulletin_number(ym: int, date: dt.date, abbrev: str, serial: int | None = None) -> str:
    """发文字号: the year of the issuing date, the serial the period's month by default
    (each issuing year then uses 1…12 once: December's bulletin, issued in January, is 12)."""
    return f"{abbrev}〔{date.year}〕{serial if serial is not None else ym % 100}号"


@dataclass
class BulletinContext:
    """What every section builder reads: the period, the engine's figures, the warnings."""

    period: str
    ym: int
    config: CityConfig
    numbers: Numbers
    warnings: WarningsView
    region: str | None = None  # a county edition: the county's code
    region_name: str = ""

    @property
    def ytd(self) -> str:
        return ytd_label(self.ym)


def _builders(name: str) -> dict:
    from gongxin.reports.bulletin_county import COUNTY_SECTION_BUILDERS
    from gongxin.reports.bulletin_sections import SECTION_BUILDERS

    return COUNTY_SECTION_BUILDERS if name == "bulletin_county" else SECTION_BUILDERS


@functools.cache
def bulletin_layout(name: str = "bulletin") -> dict:
    """``layouts/<name>.yaml``: ``bulletin`` (the city's) or ``bulletin_county``."""
    path = resources.files("gongxin.reports") / "layouts" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    from gongxin.reports.bulletin_sections import ATTACHMENT_BUILDERS

    SECTION_BUILDERS = _builders(name)

    for key in ("issuer_mark", "title", "addressee", "sections"):
        if key not in data:
            raise UserError(ERR_LAYOUT.format(path=path, detail=f"缺少 {key}"))
    for i, section in enumerate(data["sections"]):
        builder = section.get("builder")
        if builder is not None and builder not in SECTION_BUILDERS:
            raise UserError(
                ERR_LAYOUT.format(path=path, detail=f"sections[{i}].builder 未知：{builder}")
            )
        if builder is None and "text" not in section:
            raise UserError(
                ERR_LAYOUT.format(path=path, detail=f"sections[{i}] 需要 builder 或 text")
            )
    for i, attachment in enumerate(data.get("attachments", [])):
        if attachment.get("builder") not in ATTACHMENT_BUILDERS:
            raise UserError(ERR_LAYOUT.format(path=path, detail=f"attachments[{i}].builder 未知"))
    return data


def _fill(text: str, ctx: BulletinContext) -> str:
    return text.format(
        city=ctx.config.name,
        bureau=ctx.config.bureau,
        ytd=ctx.ytd,
        year=ctx.ym // 100,
        region=ctx.region_name,
    )


def _paragraphs(texts: list[str], ctx: BulletinContext) -> list[Paragraph]:
    return [Paragraph([Sentence(_fill(" ".join(t.split()), ctx).replace(" ", ""))]) for t in texts]


def _period_ym(period: str) -> int:
    try:
        return Period.parse(period).ym
    except EngineError as exc:
        raise UserError(str(exc)) from exc


def bulletin_context(
    *,
    period: str,
    engine: Engine,
    as_of: dt.datetime | None,
    actor: str,
    region: str | None = None,
) -> BulletinContext:
    """The figures a bulletin reads; with ``region`` a county edition's: enterprise-level
    figures and warnings of that county only, aggregates of every region as context."""
    from gongxin.scope import Scope

    ym = _period_ym(period)
    label = f"{ym // 100:04d}-{ym % 100:02d}"
    config = load_city_config()
    scope = None if region is None else Scope.county(region)
    numbers = Numbers(engine, label, config.code, as_of, scope=scope)
    if not numbers.value("enterprises"):
        raise UserError(ERR_NO_DATA.format(period=label))
    region_name = ""
    if region is not None:
        region_name = numbers.names("enterprises", "region").get(region, "")
        if not region_name:
            raise UserError(ERR_REGION.format(region=region))
    warnings = warnings_for_period(period=label, actor=actor, region=region)
    return BulletinContext(label, ym, config, numbers, warnings, region, region_name)


def bulletin_document(
    *,
    period: str,
    date: dt.date | None = None,
    number: int | None = None,
    as_of: dt.datetime | None = None,
    engine: Engine | None = None,
    actor: str | None = None,
    region: str | None = None,
) -> Document:
    """The bulletin of ``period``, dated ``date`` (default ``default_bulletin_date``); the
    document number's serial defaults to the period's month. The date must follow the period's
    end: a bulletin cannot be dated before its month's data can exist. With ``region``, the
    county edition (``layouts/bulletin_county.yaml``)."""
    from gongxin.registry.permissions import operator_name
    from gongxin.reports.bulletin_sections import ATTACHMENT_BUILDERS
    from gongxin.stats.selectors import engine_current

    layout_name = "bulletin" if region is None else "bulletin_county"
    layout = bulletin_layout(layout_name)
    SECTION_BUILDERS = _builders(layout_name)
    ym = _period_ym(period)
    date = date or default_bulletin_date(ym)
    if date <= period_end(ym):
        raise UserError(
            ERR_DATE_TOO_EARLY.format(
                date=date.isoformat(),
                period=f"{ym // 100:04d}-{ym % 100:02d}",
                first=(period_end(ym) + dt.timedelta(days=1)).isoformat(),
            )
        )
    ctx = bulletin_context(
        period=period,
        engine=engine or engine_current(),
        as_of=as_of,
        actor=actor or operator_name(),
        region=region,
    )
    sections = []
    for spec in layout["sections"]:
        if "builder" in spec:
            blocks = SECTION_BUILDERS[spec["builder"]](ctx)
        else:
            blocks = _paragraphs(spec["text"], ctx)
        sections.append(Section(_fill(spec["title"], ctx), blocks))
    attachments = [
        Attachment(_fill(spec["title"], ctx), blocks)
        for spec in layout.get("attachments", [])
        if (blocks := ATTACHMENT_BUILDERS[spec["builder"]](ctx))
    ]
    return Document(
        kind="bulletin",
        issuer_mark=_fill(layout["issuer_mark"], ctx),
        number=bulletin_number(ctx.ym, date, ctx.config.doc_abbrev, number),
        title=_fill(layout["title"], ctx),
        addressee=_fill(layout["addressee"], ctx),
        lead=_paragraphs(layout.get("lead", []), ctx),
        sections=sections,
        closing=_paragraphs(layout.get("closing", []), ctx),
        attachments=attachments,
        signature=ctx.config.bureau,
        date=date,
        cc=_fill(layout.get("cc", ""), ctx),
        printer=_fill(layout.get("printer", ""), ctx),
    )
