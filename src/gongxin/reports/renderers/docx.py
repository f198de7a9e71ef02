"""DOCX in the layout of GB/T 9704-2012 (党政机关公文格式), as ``shared/docs/gongwen.md`` gives it.

python-docx sets a run's Latin font only; Chinese text is drawn with the East-Asian font
(``w:eastAsia`` in ``w:rFonts``), which is written explicitly here for every run and style.
Sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 小4号 = 12 pt.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from gongxin.reports.layout import CELL_MARGIN_MM, break_title, plan_columns
from gongxin.reports.model import Attachment, Block, Chart, Document, Paragraph, Table
from gongxin.wording import chinese_date

# --- the numbers of gongwen.md -------------------------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH_MM = 156
LINES, CHARS = 22, 28
LINE_PITCH = Pt(28.9)  # 225 mm / 22 lines
# 156 mm / 28 characters = 15.79 pt a character: 16 pt characters condensed by 0.25 pt
# (w:spacing in twentieths of a point) give 28 to a line.
CHAR_SPACING = -5
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = 16, 22, 14, 12
CHAR = Pt(BODY_SIZE)  # one character of body text
# Page number 7 mm below the text block: the footer's bottom edge, 35 − 7 − one 4号 line.
FOOTER_DISTANCE = Mm(35 - 7 - 5)

CLOSING_WIDTH_MM = 150  # the 版记 table: see _Writer.closing_block
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
HEADING_FONTS = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}
RED = RGBColor(0xFF, 0x00, 0x00)


def _twips(length) -> str:
    return str(round(length.pt * 20))


def set_fonts(rpr_owner, name: str) -> None:
    """Write the font into every slot of ``w:rFonts`` (Latin, East-Asian, complex script)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")


def add_run(
    paragraph: DocxParagraph,
    text: str,
    font: str = FANGSONG,
    size: float = BODY_SIZE,
    *,
    bold: bool = False,
    color: RGBColor | None = None,
):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    set_fonts(run._element, font)
    return run


def _format(
    paragraph: DocxParagraph,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_chars: float = 0,
    exact=LINE_PITCH,
    left=None,
    right=None,
    keep_next: bool = False,
    grid: bool = True,
) -> DocxParagraph:
    fmt = paragraph.paragraph_format
    if not grid:
        # Tables, pictures and the closing block keep their own spacing, off the line grid.
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        paragraph._p.get_or_add_pPr().insert_element_before(
            snap, "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"
        )
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    if exact is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = exact
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.first_line_indent = Pt(BODY_SIZE * indent_chars) if indent_chars else Pt(0)
    if left is not None:
        fmt.left_indent = left
    if right is not None:
        fmt.right_indent = right
    fmt.keep_with_next = keep_next
    if indent_chars:
        # Word and WPS keep a character-based indent when the reader changes the font size.
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(int(indent_chars * 100)))
    return paragraph


def _border(paragraph: DocxParagraph, side: str, size_eighths: int, color: str, space: int = 1):
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # schema order: w:pBdr precedes shading, tabs, spacing, indentation and alignment
        ppr.insert_element_before(
            borders,
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        )
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), color)
    borders.append(line)


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.out = new_docx()
        self.figure_count = 0
        self.table_count = 0

    # --- page setup ------------------------------------------------------------------------
    def setup(self) -> None:
        section = self.out.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance = Mm(15)
        section.footer_distance = FOOTER_DISTANCE
        self._grid(section)
        self._defaults()
        self.out.settings.odd_and_even_pages_header_footer = True
        self._page_number(section.footer.paragraphs[0], odd=True)
        self._page_number(section.even_page_footer.paragraphs[0], odd=False)
        self.out.core_properties.title = self.doc.title
        self.out.core_properties.author = self.doc.signature

    def _grid(self, section) -> None:
        """22 lines: a line grid (``w:docGrid``) with the pitch in twips.

        The 28 characters come from the body font's character spacing (``CHAR_SPACING``), not
        from a character grid: Word squeezes a 16 pt character into a 15.8 pt grid cell, but
        LibreOffice gives it two cells, halving the characters per line.
        """
        sect = section._sectPr
        grid = sect.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sect.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), _twips(LINE_PITCH))
        grid.attrib.pop(qn("w:charSpace"), None)

    def _defaults(self) -> None:
        normal = self.out.styles["Normal"]
        normal.font.size = Pt(BODY_SIZE)
        set_fonts(normal.element, FANGSONG)
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SPACING))
        normal.element.get_or_add_rPr().append(spacing)
        fmt = normal.paragraph_format
        fmt.line_spacing, fmt.line_spacing_rule = LINE_PITCH, WD_LINE_SPACING.EXACTLY
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = False  # the grid, not widow control, decides where lines fall
        defaults = self.out.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(qn("w:rPrDefault"))
            if rpr is not None and rpr.find(qn("w:rPr")) is not None:
                fonts = rpr.find(qn("w:rPr")).find(qn("w:rFonts"))
                if fonts is not None:
                    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                        fonts.set(qn(slot), FANGSONG)
                    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                        fonts.attrib.pop(qn(theme), None)

    def _page_number(self, paragraph: DocxParagraph, *, odd: bool) -> None:
        """``— 1 —`` in 4号宋体: odd pages right, even pages left, one character in."""
        one_char = Pt(PAGE_NUMBER_SIZE)
        _format(
            paragraph,
            align=WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT,
            exact=None,
            left=None if odd else one_char,
            right=one_char if odd else None,
            grid=False,
        )
        add_run(paragraph, "— ", SONGTI, PAGE_NUMBER_SIZE)
        run = add_run(paragraph, "", SONGTI, PAGE_NUMBER_SIZE)
        for kind, text in (
            ("begin", None),
            ("instr", " PAGE "),
            ("separate", None),
            ("text", "1"),
            ("end", None),
        ):
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = text
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            run._element.append(el)
        add_run(paragraph, " —", SONGTI, PAGE_NUMBER_SIZE)

    # --- blocks ----------------------------------------------------------------------------
    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            _format(self.out.add_paragraph(), indent_chars=0)

    def head(self) -> None:
        doc = self.doc
        mark = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.CENTER, exact=Pt(60))
        add_run(mark, doc.issuer_mark, XIAOBIAOSONG, 36, color=RED)
        self.blank(1)
        number = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.CENTER)
        add_run(number, doc.number)
        # The red rule as wide as the text block, 4 mm (≈ 11 pt) below the document number.
        _border(number, "bottom", 12, "FF0000", space=11)
        self.blank(2)
        self.title(doc.title)
        self.blank(1)
        if doc.addressee:
            addressee = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.LEFT)
            add_run(addressee, doc.addressee)

    def title(self, text: str) -> None:
        """The title centred, broken by meaning (``layout.break_title``) with line breaks."""
        p = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.CENTER, exact=Pt(36))
        for i, line in enumerate(break_title(text)):
            run = add_run(p, line, XIAOBIAOSONG, TITLE_SIZE)
            if i:
                run._element.insert(run._element.index(run._element.find(qn("w:t"))), _br())
        p.paragraph_format.keep_together = True

    def paragraph(self, block: Paragraph) -> None:
        add_run(_format(self.out.add_paragraph(), indent_chars=2), block.text)

    def heading(self, level: int, label: str, title: str) -> None:
        p = _format(self.out.add_paragraph(), indent_chars=2, keep_next=True)
        add_run(p, f"{label}{title}", HEADING_FONTS.get(level, FANGSONG))

    def caption(self, text: str, *, keep_next: bool) -> None:
        p = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=keep_next)
        add_run(p, text, HEITI, 14)

    def chart(self, block: Chart) -> None:
        self.figure_count += 1
        p = _format(
            self.out.add_paragraph(),
            align=WD_ALIGN_PARAGRAPH.CENTER,
            exact=None,
            keep_next=True,
            grid=False,
        )
        p.add_run().add_picture(io.BytesIO(block.png), width=Mm(min(block.width_mm, 156)))
        self.caption(f"图{self.figure_count}　{block.title}", keep_next=False)

    def table(self, block: Table) -> None:
        self.table_count += 1
        self.caption(f"表{self.table_count}　{block.title}", keep_next=True)
        plan = plan_columns(block.headers, block.rows, block.numeric, TEXT_WIDTH_MM)
        widths = [Mm(w) for w in plan.widths_mm]
        size = plan.font_size
        table = self.out.add_table(rows=1 + len(block.rows), cols=len(block.headers))
        table.style = self.out.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # w:tblLayout fixed: every program uses the widths as given
        _table_geometry(table, widths)
        for r, values in enumerate([block.headers, *block.rows]):
            row = table.rows[r]
            if r == 0:
                header = row._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")  # repeat the header row on every page
                header.append(repeat)
            row._tr.get_or_add_trPr().append(_cant_split())
            for c, text in enumerate(values):
                cell = row.cells[c]
                cell.width = widths[c]  # w:tcW, equal to the grid column
                p = cell.paragraphs[0]
                align = (
                    WD_ALIGN_PARAGRAPH.CENTER
                    if r == 0
                    else WD_ALIGN_PARAGRAPH.RIGHT
                    if block.numeric[c]
                    else WD_ALIGN_PARAGRAPH.LEFT
                )
                _format(p, align=align, exact=Pt(round(size * 1.6, 1)), grid=False)
                add_run(p, text, FANGSONG, size, bold=r == 0)
        if block.note:
            note = _format(
                self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.LEFT, exact=Pt(20), grid=False
            )
            add_run(note, f"注：{block.note}", FANGSONG, TABLE_SIZE)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        else:
            self.chart(block)

    def attachments_note(self, attachments: Sequence[Attachment]) -> None:
        """附件：1.××× one blank line below the text, further items aligned under the first."""
        self.blank(1)
        for i, attachment in enumerate(attachments, start=1):
            numbered = f"{i}.{attachment.title}" if len(attachments) > 1 else attachment.title
            p = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.LEFT)
            if i == 1:
                p.paragraph_format.left_indent = CHAR * 2
                add_run(p, f"附件：{numbered}")
            else:
                p.paragraph_format.left_indent = CHAR * 5
                add_run(p, numbered)

    def signature(self) -> None:
        self.blank(1)
        name = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.RIGHT, right=CHAR * 2)
        add_run(name, self.doc.signature)
        date = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.RIGHT, right=CHAR * 4)
        add_run(date, chinese_date(self.doc.date))

    def attachment(self, index: int, attachment: Attachment, several: bool) -> None:
        # "Page break before" on the label, not a break paragraph: a body that fills its last
        # page exactly would otherwise leave an empty page before the attachment.
        label = _format(self.out.add_paragraph(), align=WD_ALIGN_PARAGRAPH.LEFT)
        label.paragraph_format.page_break_before = True
        add_run(label, f"附件{index}" if several else "附件", HEITI)
        self.blank(1)
        self.title(attachment.title)
        self.blank(1)
        for block in attachment.blocks:
            self.block(block)

    def closing_block(self) -> None:
        """版记: 抄送 and 印发 lines in 4号仿宋 between rules, at the foot of the last page.

        A one-column table floating at the bottom of the text block (``w:tblpPr``
        ``tblpYSpec="bottom"`` relative to the margin): Word, WPS and LibreOffice place it there
        whatever the length of the text above it. It is ``CLOSING_WIDTH_MM`` wide, not the whole
        156 mm: LibreOffice floats a table only when it is narrower than the text block (a table
        as wide as the text block stays in the flow, mid-page)."""
        if not (self.doc.cc or self.doc.printer):
            return
        lines = []
        if self.doc.cc:
            lines.append(f"抄送：{self.doc.cc}")
        lines.append(f"{self.doc.printer}\t{chinese_date(self.doc.date)}印发")
        # LibreOffice turns a floating table into a frame only after a plain paragraph.
        _format(self.out.add_paragraph(), exact=Pt(1), grid=False)
        width = Mm(CLOSING_WIDTH_MM)
        table = self.out.add_table(rows=len(lines), cols=1)
        table.autofit = False
        _table_geometry(table, [width], margin_mm=0)
        tbl_pr = table._tbl.tblPr
        place = OxmlElement("w:tblpPr")
        for key, value in (
            ("w:leftFromText", "0"),
            ("w:rightFromText", "0"),
            ("w:vertAnchor", "margin"),
            ("w:horzAnchor", "margin"),
            ("w:tblpXSpec", "center"),
            ("w:tblpYSpec", "bottom"),
        ):
            place.set(qn(key), value)
        style = tbl_pr.find(qn("w:tblStyle"))
        if style is not None:
            style.addnext(place)
        else:
            tbl_pr.insert(0, place)
        borders = OxmlElement("w:tblBorders")
        # 0.35 mm outer rules (w:sz in eighths of a point: 8 = 1 pt ≈ 0.35 mm), 0.25 mm inside
        for side, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "single" if size else "nil")
            if size:
                el.set(qn("w:sz"), str(size))
                el.set(qn("w:space"), "0")
                el.set(qn("w:color"), "000000")
            borders.append(el)
        # schema order: w:tblBorders precedes w:tblLayout and w:tblCellMar
        follower = tbl_pr.find(qn("w:tblLayout"))
        if follower is None:
            follower = tbl_pr.find(qn("w:tblCellMar"))
        follower.addprevious(borders)
        one = Pt(PAGE_NUMBER_SIZE)
        for row, text in zip(table.rows, lines, strict=True):
            cell = row.cells[0]
            cell.width = width
            p = _format(
                cell.paragraphs[0],
                align=WD_ALIGN_PARAGRAPH.LEFT,
                left=one,
                right=one,
                exact=Pt(24),
                grid=False,
            )
            if "\t" in text:
                stop = width - one * 2
                p.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.RIGHT)
            add_run(p, text, FANGSONG, 14)
        # The paragraph LibreOffice anchors the frame to: a hair-thin one.
        _format(self.out.add_paragraph(), exact=Pt(1), grid=False)

    def write(self) -> bytes:
        self.setup()
        self.head()
        for paragraph in self.doc.lead:
            self.paragraph(paragraph)
        for level, label, section in self.doc.numbered():
            self.heading(level, label, section.title)
            for block in section.blocks:
                self.block(block)
        for paragraph in self.doc.closing:
            self.paragraph(paragraph)
        if self.doc.attachments:
            self.attachments_note(self.doc.attachments)
        self.signature()
        several = len(self.doc.attachments) > 1
        for i, attachment in enumerate(self.doc.attachments, start=1):
            self.attachment(i, attachment, several)
        self.closing_block()
        buf = io.BytesIO()
        self.out.save(buf)
        return buf.getvalue()


def _br():
    return OxmlElement("w:br")


def _cant_split():
    # A row is never broken across pages: a name stays with its figures.
    return OxmlElement("w:cantSplit")


def _table_geometry(table, widths: list, margin_mm: float = CELL_MARGIN_MM) -> None:
    """The same widths everywhere Word, WPS and LibreOffice look: ``w:tblW`` (the sum, in
    twips), ``w:gridCol`` per column, fixed layout, and the cell margins the widths assume."""
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(round(w.pt * 20) for w in widths)))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), _twips(Mm(margin_mm)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # schema order: w:tblCellMar precedes w:tblLook
    else:
        tbl_pr.append(margins)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # w:gridCol


def render(doc: Document) -> bytes:
    return _Writer(doc).write()
