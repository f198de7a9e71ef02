"""Renderers: one module per output format, each ``render(doc: Document) -> bytes``.

Adding a format: a module here with ``render``, an entry in ``RENDERERS``, a test that opens
the output with an independent reader (python-docx, openpyxl, an HTML parser).
"""

from __future__ import annotations

from collections.abc import Callable

from gongxin.reports.model import Document
from gongxin.reports.renderers import docx, html, xlsx

RENDERERS: dict[str, Callable[[Document], bytes]] = {
    "docx": docx.render,
    "html": html.render,
    "xlsx": xlsx.render,
}


def render(doc: Document, fmt: str) -> bytes:
    return RENDERERS[fmt](doc)
