"""Pick the profile and layout for a page, run its field rules, fall back to the generic extractor."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from crawler.discover.urls import join
from crawler.extract import generic
from crawler.extract.encoding import decode
from crawler.extract.fields import CHINA_TZ
from crawler.extract.text import cjk_ratio
from crawler.sites import profile_for_url
from crawler.sites.base import Fields, SiteProfile

MIN_BODY_CHARS = 30  # shorter than this is a gallery, a video page, or an error page


@dataclass
class Extraction:
    """What one page gave: fields, which extractor produced them, and links to its other pages."""

    url: str
    fields: Fields
    extractor: str
    site: str
    key: str | None = None
    lang: str = "zh"
    page_urls: list[str] = field(default_factory=list)
    skip_reason: str | None = None  # set when the page is not an article
    replaced_bytes: int = 0  # bytes that did not decode in the chosen encoding (now U+FFFD)

    @property
    def is_article(self) -> bool:
        return self.skip_reason is None


def parse_html(text: str) -> HtmlElement:
    # lxml refuses str input that carries an XML encoding declaration.
    if text.lstrip().startswith("<?xml"):
        text = text.split("?>", 1)[-1]
    try:
        return lxml.html.document_fromstring(text or "<html></html>")
    except etree.ParserError:  # nothing but comments or processing instructions
        return lxml.html.document_fromstring("<html></html>")


def extract(
    html: bytes | str,
    url: str,
    *,
    declared_encoding: str | None = None,
    now: datetime | None = None,
    use_profiles: bool = True,
    profile: SiteProfile | None = None,
) -> Extraction:
    """Pure function: page bytes (or text) and its URL -> extracted fields. No Scrapy here.

    `now` anchors relative times (`3小时前`); `use_profiles=False` forces the generic extractor.
    `profile` names the site profile explicitly (a spider knows its own); by default it is
    looked up from the URL's host.
    """
    decoded = decode(html, declared_encoding)
    text = decoded.text
    site = registrable_domain(url)
    if not text.strip():
        return Extraction(url, Fields(), "none", site, skip_reason="empty-page")
    doc = parse_html(text)
    if profile is None and use_profiles:
        profile = profile_for_url(url)
    elif not use_profiles:
        profile = None
    layout = profile.layout_for(doc) if profile else None
    if profile and layout:
        # Pager links first: extracting the body prunes the pager from the tree.
        page_urls = [u for u in (join(url, h) for h in layout.page_links(doc)) if u]  # unparseable: dropped
        fields = layout.extract(doc)
        page_urls = [u for u in page_urls if profile.is_article_url(u) and u != url]
        extractor = f"{profile.key}/{layout.name}"
        if missing_core_fields(fields):
            # The layout matched but some selector did not (a partial redesign): the generic rules,
            # on a fresh tree (the body step pruned this one), fill in what is missing.
            if fill_from(fields, generic.extract(text, parse_html(text), profile.tz, now)):
                extractor += "+generic"
        result = Extraction(
            url, fields, extractor, profile.site, profile.article_key(url), profile.lang, page_urls,
        )
    else:
        tz = profile.tz if profile else CHINA_TZ
        fields = generic.extract(text, doc, tz, now)
        extractor = f"{profile.key}/generic" if profile else "generic"
        key = profile.article_key(url) if profile else None
        result = Extraction(url, fields, extractor, profile.site if profile else site, key)
    result.lang = detect_lang(fields, profile.lang if profile else "zh")
    result.skip_reason = not_article_reason(fields)
    result.replaced_bytes = decoded.replaced_bytes
    return result


def missing_core_fields(fields: Fields) -> bool:
    return not (fields.headline and fields.published_at and fields.source and _body_chars(fields) >= MIN_BODY_CHARS)


def fill_from(fields: Fields, fallback: Fields) -> bool:
    """Copy headline, time, source and body from `fallback` where `fields` has none. True if any was."""
    filled = False
    for name in ("headline", "published_at", "source"):
        if not getattr(fields, name) and getattr(fallback, name):
            setattr(fields, name, getattr(fallback, name))
            filled = True
    if _body_chars(fields) < MIN_BODY_CHARS and _body_chars(fallback) >= MIN_BODY_CHARS:
        fields.body = fallback.body
        filled = True
    return filled


def _body_chars(fields: Fields) -> int:
    return sum(len(p) for p in fields.body)


def not_article_reason(fields: Fields) -> str | None:
    if not fields.headline:
        return "no-headline"
    if _body_chars(fields) < MIN_BODY_CHARS:
        return "no-body"
    return None


def detect_lang(fields: Fields, default: str) -> str:
    sample = (fields.headline or "") + "".join(fields.body[:5])
    if not sample:
        return default
    return "zh" if cjk_ratio(sample) >= 0.2 else "en"


def registrable_domain(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    if not host:
        return ""
    return _extractor()(host).top_domain_under_public_suffix or host


_TLD = None


def _extractor():
    global _TLD
    if _TLD is None:
        import tldextract

        # The bundled suffix list: never fetch one over the network.
        _TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    return _TLD


def stitch(first: Extraction, rest: list[Extraction]) -> Extraction:
    """Join the pages of a multi-page article, in order, into page 1's extraction."""
    for page in rest:
        first.fields.body.extend(page.fields.body)
        for name in page.fields.reporters:
            if name not in first.fields.reporters:
                first.fields.reporters.append(name)
        for name in page.fields.editor:
            if name not in first.fields.editor:
                first.fields.editor.append(name)
    return first
