"""HTML: one self-contained, printable page (inline CSS, charts as ``data:`` URIs, no URL)."""

from __future__ import annotations

import base64
from html import escape

from gongxin.reports.layout import break_title
from gongxin.reports.model import Block, Chart, Document, Paragraph, Table
from gongxin.wording import chinese_date

# Fonts are named, never fetched: the reader's machine supplies them (as Word would).
CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0 auto; max-width: 156mm; padding: 12mm 0; color: #000;
  font: 16pt/28.9pt "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif; }
.mark { color: #e00; text-align: center; font: 36pt/1.4 "方正小标宋简体", "STZhongsong", serif;
  margin: 0 0 28.9pt; }
.number { text-align: center; margin: 0; padding-bottom: 4mm; border-bottom: 1.5pt solid #e00; }
h1 { font: 22pt/36pt "方正小标宋简体", "STZhongsong", serif; text-align: center;
  margin: 57.8pt 0 28.9pt; font-weight: normal; }
h2, h3, h4, h5 { font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  line-height: 28.9pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; }
h3 { font-family: "楷体_GB2312", "KaiTi", "STKaiti", serif; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.addressee, p.flush { text-indent: 0; }
p.signature { text-align: right; margin-top: 28.9pt; padding-right: 2em; }
p.date { text-align: right; padding-right: 4em; }
p.attachments { margin-top: 28.9pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 14pt; font-size: 12pt;
  line-height: 1.5; }
caption, figcaption { font: 14pt/1.6 "黑体", "SimHei", sans-serif; text-align: center; }
th, td { border: 0.75pt solid #000; padding: 1pt 4pt; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 8pt 0 14pt; text-align: center; }
figure img { max-width: 100%; }
.note { font-size: 12pt; text-indent: 0; }
section.attachment { break-before: page; margin-top: 24pt; }
section.attachment > .label { font-family: "黑体", "SimHei", sans-serif; text-indent: 0; }
footer.colophon { margin-top: 28.9pt; font-size: 14pt; border-top: 1pt solid #000;
  border-bottom: 1pt solid #000; }
footer.colophon p { text-indent: 0; padding: 0 1em; }
footer.colophon p + p { border-top: 0.75pt solid #000; display: flex;
  justify-content: space-between; }
""".strip()


class _Html:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.figures = 0
        self.tables = 0

    def add(self, text: str) -> None:
        self.parts.append(text)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.add(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.figures += 1
            data = base64.b64encode(block.png).decode("ascii")
            title = escape(block.title)
            self.add(
                f'<figure><img src="data:image/png;base64,{data}" alt="{title}">'
                f"<figcaption>图{self.figures}　{title}</figcaption></figure>"
            )

    def table(self, block: Table) -> None:
        self.tables += 1
        self.add(f"<table><caption>表{self.tables}　{escape(block.title)}</caption><thead><tr>")
        self.add("".join(f'<th scope="col">{escape(h)}</th>' for h in block.headers))
        self.add("</tr></thead><tbody>")
        for row in block.rows:
            cells = [
                f'<td class="num">{escape(v)}</td>' if numeric else f"<td>{escape(v)}</td>"
                for v, numeric in zip(row, block.numeric, strict=True)
            ]
            self.add("<tr>" + "".join(cells) + "</tr>")
        self.add("</tbody></table>")
        if block.note:
            self.add(f'<p class="note">注：{escape(block.note)}</p>')


def _title(text: str) -> str:
    """The title's lines as the DOCX breaks them (by meaning, ``layout.break_title``)."""
    return "<br>".join(escape(line) for line in break_title(text))


def render(doc: Document) -> bytes:
    out = _Html()
    out.add('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">')
    out.add(f"<title>{escape(doc.title)}</title><style>{CSS}</style></head><body><article>")
    out.add(f'<header><p class="mark flush">{escape(doc.issuer_mark)}</p>')
    out.add(f'<p class="number flush">{escape(doc.number)}</p>')
    out.add(f"<h1>{_title(doc.title)}</h1></header>")
    if doc.addressee:
        out.add(f'<p class="addressee">{escape(doc.addressee)}</p>')
    for paragraph in doc.lead:
        out.block(paragraph)
    depth = 0
    for level, label, section in doc.numbered():
        while depth >= level:
            out.add("</section>")
            depth -= 1
        out.add(f"<section><h{level + 1}>{escape(label + section.title)}</h{level + 1}>")
        depth = level
        for block in section.blocks:
            out.block(block)
    out.add("</section>" * depth)
    for paragraph in doc.closing:
        out.block(paragraph)
    if doc.attachments:
        several = len(doc.attachments) > 1
        items = [f"{i}.{a.title}" if several else a.title for i, a in enumerate(doc.attachments, 1)]
        out.add(f'<p class="attachments">附件：{escape("　".join(items))}</p>')
    out.add(f'<p class="signature">{escape(doc.signature)}</p>')
    out.add(f'<p class="date">{chinese_date(doc.date)}</p>')
    for i, attachment in enumerate(doc.attachments, start=1):
        label = f"附件{i}" if len(doc.attachments) > 1 else "附件"
        out.add(f'<section class="attachment"><p class="label">{label}</p>')
        out.add(f"<h1>{_title(attachment.title)}</h1>")
        for block in attachment.blocks:
            out.block(block)
        out.add("</section>")
    if doc.cc or doc.printer:
        out.add('<footer class="colophon">')
        if doc.cc:
            out.add(f"<p>抄送：{escape(doc.cc)}</p>")
        out.add(
            f"<p><span>{escape(doc.printer)}</span>"
            f"<span>{chinese_date(doc.date)}印发</span></p></footer>"
        )
    out.add("</article></body></html>\n")
    return "".join(out.parts).encode("utf-8")
