"""The document model every report is written into, and every renderer reads.

Plain dataclasses, no layout: a builder decides *what* is said (sentences with the figures they
quote, tables, charts, attachments); a renderer (``renderers/``) decides how it looks in DOCX,
HTML or XLSX. Each sentence keeps a trace of the figures it quotes, so a test can check every
number in the text against the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One engine value: ``indicator`` of ``member`` in dimension ``dim`` for the period."""

    indicator: str
    dim: str
    member: str
    sign: int = 1
    period: str | None = None  # None = the document's period


@dataclass(frozen=True)
class Figure:
    """A number as it appears in a sentence and where it comes from.

    ``value`` is what the text shows (rounded to ``decimals``, signed); it equals
    Σ sign × (engine value of the term rounded to ``decimals``). ``source`` is ``engine`` for
    indicators, ``alerts`` for counts of warnings, ``dispatch`` for daily dispatch figures.
    """

    text: str
    value: float
    terms: tuple[Term, ...] = ()
    decimals: int = 1
    source: str = "engine"


@dataclass(frozen=True)
class Sentence:
    text: str
    figures: tuple[Figure, ...] = ()


@dataclass
class Paragraph:
    sentences: list[Sentence]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # per column: right-aligned numbers
    note: str = ""
    sheet: str = ""  # short name for the XLSX sheet (≤ 31 characters)


@dataclass
class Chart:
    title: str
    png: bytes
    width_mm: float = 150.0


Block = Paragraph | Table | Chart


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Attachment:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    kind: str  # bulletin / dispatch / weekly
    issuer_mark: str  # 发文机关标志: the bureau's name followed by 文件
    number: str  # 发文字号, e.g. 聊工信〔2024〕4号
    title: str
    addressee: str  # 主送机关, ends with a full-width colon
    lead: list[Paragraph]  # the opening paragraphs before the first heading
    sections: list[Section]
    closing: list[Paragraph]  # paragraphs after the last section (e.g. 特此通报。)
    attachments: list[Attachment]
    signature: str  # 发文机关署名
    date: dt.date  # 成文日期
    cc: str = ""  # 抄送
    printer: str = ""  # 印发机关

    def numbered(self) -> Iterator[tuple[int, str, Section]]:
        """``(level, label, section)`` depth-first: 一、 / （一） / 1. / （1）."""
        yield from _numbered(self.sections, 1)

    def blocks(self) -> Iterator[Block]:
        """Every block of the body, sections and attachments, in reading order."""
        yield from self.lead
        for _, _, section in self.numbered():
            yield from section.blocks
        yield from self.closing
        for attachment in self.attachments:
            yield from attachment.blocks

    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks():
            if isinstance(block, Paragraph):
                yield from block.sentences

    def tables(self) -> list[Table]:
        return [b for b in self.blocks() if isinstance(b, Table)]


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings never reach 100)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def heading_label(level: int, index: int) -> str:
    """The GB/T 9704 heading number of the ``index``-th (1-based) heading at ``level``."""
    if level == 1:
        return f"{chinese_number(index)}、"
    if level == 2:
        return f"（{chinese_number(index)}）"
    if level == 3:
        return f"{index}."
    return f"（{index}）"


def _numbered(sections: list[Section], level: int) -> Iterator[tuple[int, str, Section]]:
    for i, section in enumerate(sections, start=1):
        yield level, heading_label(level, i), section
        yield from _numbered(section.subsections, level + 1)
