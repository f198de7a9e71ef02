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


@dataclass
class BulletinContext:
    """What every section builder reads: the period, the engine's figures, the warnings."""

    period: str
    ym: int
    config: CityConfig
    numbers: Numbers
    warnings: WarningsView

    @property
    def ytd(self) -> str:
        return ytd_label(self.ym)


@functools.cache
def bulletin_layout() -> dict:
    path = resources.files("gongxin.reports") / "layouts" / "bulletin.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    from gongxin.reports.bulletin_sections import ATTACHMENT_BUILDERS, SECTION_BUILDERS

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
    )


def _paragraphs(texts: list[str], ctx: BulletinContext) -> list[Paragraph]:
    return [Paragraph([Sentence(_fill(" ".join(t.split()), ctx).replace(" ", ""))]) for t in texts]


def bulletin_context(
    *, period: str, engine: Engine, as_of: dt.datetime | None, actor: str
) -> BulletinContext:
    try:
        ym = Period.parse(period).ym
    except EngineError as exc:
        raise UserError(str(exc)) from exc
    label = f"{ym // 100:04d}-{ym % 100:02d}"
    config = load_city_config()
    numbers = Numbers(engine, label, config.code, as_of)
    if not numbers.value("enterprises"):
        raise UserError(ERR_NO_DATA.format(period=label))
    warnings = warnings_for_period(period=label, actor=actor)
    return BulletinContext(label, ym, config, numbers, warnings)


def bulletin_document(
    *,
    period: str,
    date: dt.date,
    number: int | None = None,
    as_of: dt.datetime | None = None,
    engine: Engine | None = None,
    actor: str | None = None,
) -> Document:
    """The bulletin of ``period``; the document number defaults to the period's month."""
    from gongxin.cli.common import cli_actor
    from gongxin.reports.bulletin_sections import ATTACHMENT_BUILDERS, SECTION_BUILDERS
    from gongxin.stats.selectors import engine_current

    layout = bulletin_layout()
    ctx = bulletin_context(
        period=period, engine=engine or engine_current(), as_of=as_of, actor=actor or cli_actor()
    )
    sections = []
    for spec in layout["sections"]:
        if "builder" in spec:
            blocks = SECTION_BUILDERS[spec["builder"]](ctx)
        else:
            blocks = _paragraphs(spec["text"], ctx)
        sections.append(Section(_fill(spec["title"], ctx), blocks))
    attachments = [
        Attachment(_fill(spec["title"], ctx), ATTACHMENT_BUILDERS[spec["builder"]](ctx))
        for spec in layout.get("attachments", [])
    ]
    serial = number if number is not None else ctx.ym % 100
    return Document(
        kind="bulletin",
        issuer_mark=_fill(layout["issuer_mark"], ctx),
        number=f"{ctx.config.doc_abbrev}〔{date.year}〕{serial}号",
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
