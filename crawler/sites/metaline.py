"""Small readers for the meta lines of youth/chinacomcn/chinadaily/huanqiu/southcn pages.

Profile helpers only: a meta block often holds several labelled items (时间, 来源, 作者, 编辑)
in sibling elements, and one credit line may name two editor roles.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.text import squash
from crawler.sites.base import Selector

# Each editor role label starts a new chunk: `编辑：A 责任编辑：B` -> two chunks.
_ROLE_START = re.compile(r"(?=(?:责任编辑|值班编辑|责编|(?<!责任)(?<!值班)编辑)\s*[:：])")


def texts(doc: HtmlElement, selectors: tuple[Selector, ...]) -> list[str]:
    """The text of every node the selectors match, in selector order, empties dropped."""
    out: list[str] = []
    for select in selectors:
        for node in select(doc):
            text = squash(node.text_content())
            if text:
                out.append(text)
    return out


def labelled(doc: HtmlElement, selectors: tuple[Selector, ...], label: str) -> str | None:
    """The first matched node text that contains `label` (e.g. `来源`)."""
    for text in texts(doc, selectors):
        if label in text:
            return text
    return None


def editors(text: str | None) -> list[str]:
    """Editors from a line that may carry several roles: `编辑：倪仕轩 责任编辑：杨格`."""
    if not text:
        return []
    names: list[str] = []
    for chunk in _ROLE_START.split(squash(text)):
        for name in f.parse_editors(chunk):
            if name not in names:
                names.append(name)
    return names


def section_parts(doc: HtmlElement, selectors: tuple[Selector, ...], skip: frozenset[str]) -> list[str]:
    """Breadcrumb link texts with separators (`>`, `/`, `»`) trimmed off their edges."""
    for select in selectors:
        parts = [squash(n.text_content()).strip(" >/»›|") for n in select(doc)]
        parts = [p for p in parts if p and p not in skip]
        if parts:
            return list(dict.fromkeys(parts))  # a page may print the same crumbs twice
    return []
