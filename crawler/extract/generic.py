"""The extractor for pages no profile knows: heading, Chinese meta line rules, trafilatura body."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.body import DEFAULT_BOILERPLATE, DEFAULT_CREDITS, element_paragraphs, split_credits
from crawler.extract.text import squash
from crawler.sites.base import Fields, body_reporters, css, first_text

_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--|—|-\s)\s*")
_HEADINGS = css("h1", "h2", "[class*=title]", "[id*=title]")
_META_TIME = css(
    "meta[property='article:published_time']", "meta[name=publishdate]", "meta[name=PubDate]",
    "meta[name=pubdate]", "meta[itemprop=datePublished]", "meta[name='og:time']",
)
_META_SOURCE = css("meta[name=source]", "meta[name=mediaid]")
_OG_TITLE = css("meta[property='og:title']")


def headline(doc: HtmlElement) -> str | None:
    """The article heading: a heading element that the <title> starts with, else the title's first part."""
    title = squash(doc.findtext(".//title") or "")
    og = _OG_TITLE[0](doc)
    og_title = squash(og[0].get("content")) if og else ""
    best: str | None = None
    for select in _HEADINGS:
        for node in select(doc):
            text = squash(node.text_content())
            if not (4 <= len(text) <= 120):
                continue
            if (title and title.startswith(text)) or (og_title and og_title.startswith(text)):
                if best is None or len(text) > len(best):
                    best = text
        if best:
            return best
    if og_title:
        return _TITLE_SPLIT.split(og_title)[0]
    if title:
        return _TITLE_SPLIT.split(title)[0]
    for node in css("h1")[0](doc):
        text = squash(node.text_content())
        if text:
            return text
    return None


def page_lines(doc: HtmlElement) -> list[str]:
    root = doc.find("body")
    return element_paragraphs(root if root is not None else doc)


def meta_window(lines: list[str], title: str | None, span: int = 8) -> str:
    """The few lines under the heading, where portals print 来源 and the time."""
    if title:
        for i, line in enumerate(lines):
            if line == title or (len(title) > 6 and title in line and len(line) < len(title) + 20):
                return "\n".join(lines[i + 1 : i + 1 + span])
    return ""


def body_lines(html: str, doc: HtmlElement) -> list[str]:
    import trafilatura  # imported lazily: profiled sites never need it

    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, include_images=False, deduplicate=False,
        favor_recall=True,
    )
    if not text:
        return []
    return [squash(line) for line in text.splitlines() if squash(line)]


def extract(html: str, doc: HtmlElement, tz: timezone, now: datetime | None = None) -> Fields:
    title = headline(doc)
    lines = page_lines(doc)
    window = meta_window(lines, title)
    out = Fields(headline=title)
    out.published_at = f.parse_time(window, tz, now) or _meta_time(doc, tz)
    out.source = f.parse_source(window) or _meta_source(doc)
    raw_body = body_lines(html, doc)
    if title and raw_body and raw_body[0] == title:
        raw_body = raw_body[1:]
    body, credit_lines = split_credits(raw_body, DEFAULT_BOILERPLATE, DEFAULT_CREDITS)
    out.body = body
    editors: list[str] = []
    for line in credit_lines:
        editors += [n for n in f.parse_editors(line) if n not in editors]
    tail = "\n".join(lines[-60:])
    editors += [n for n in f.parse_editors(tail) if n not in editors]
    out.editor = editors
    reporters = f.parse_reporters(window)
    for line in credit_lines:
        if not re.match(r"^[\[【(（]?\s*(?:责编|责任编辑|编辑)", line):
            reporters += [n for n in f.parse_reporters(line) if n not in reporters]
    reporters += [n for n in body_reporters(body) if n not in reporters]
    out.reporters = reporters
    return out


def _meta_time(doc: HtmlElement, tz: timezone) -> str | None:
    for select in _META_TIME:
        for node in select(doc):
            value = node.get("content")
            if value:
                parsed = _iso_meta(value, tz)
                if parsed:
                    return parsed
    return None


def _iso_meta(value: str, tz: timezone) -> str | None:
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return f.parse_time(value, tz)
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)
    return when.isoformat()


def _meta_source(doc: HtmlElement) -> str | None:
    text = first_text(doc, ())
    for select in _META_SOURCE:
        for node in select(doc):
            text = squash(node.get("content"))
            if text:
                return text
    return None
