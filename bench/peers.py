"""One adapter per extractor: page text + URL -> the scorer's fields, mapped as each library reports them.

Fields a library does not produce are left out, so they score as empty. Every peer gets the page as text
decoded by the project's charset sniffing (timed as part of its run), so a charset guess never counts
against a peer. Peers are an optional extra (`pip install .[bench]`); a missing one is skipped.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable
from datetime import datetime, time
from importlib.metadata import PackageNotFoundError, version

import lxml.html

from crawler.extract import extract
from crawler.extract.encoding import decode_html
from crawler.extract.text import squash
from crawler.record import build_record

Fields = dict[str, object]
Extractor = Callable[[bytes, str], Fields | None]
SCORED = ("headline", "source", "published_at", "editor", "reporters", "body")
PLACEHOLDER_URL = "http://example.invalid/article.html"  # for libraries that insist on a URL

_DATE = re.compile(
    r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?"
    r"(?:[^\d]{0,3}?(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?"
)
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote")


def iso_time(value: object) -> str | None:
    """Format conversion only: a peer's date/time value as ISO 8601 (date alone when it gave no time)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == time():  # how newspaper4k reports a bare date
            return value.date().isoformat()
        return value.isoformat()
    text = str(value).strip()
    if _DATE_ONLY.fullmatch(text):
        return text
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d, h, mi, s = m.groups()
    day = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if h is None:
        return day
    return f"{day}T{int(h):02d}:{int(mi):02d}:{int(s or 0):02d}"


def html_text(fragment: str) -> str:
    """An HTML fragment as text, one line per block element."""
    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return "\n".join(line for line in (squash(x) for x in root.text_content().split("\n")) if line)


def page_text(data: bytes) -> str:
    return decode_html(data)[0]


def zhnews(use_profiles: bool) -> Extractor:
    def run(data: bytes, url: str) -> Fields | None:
        result = extract(data, url, use_profiles=use_profiles)
        if not result.is_article:
            return None
        record = build_record(result)
        return {k: record[k] for k in SCORED}

    return run


def trafilatura_peer() -> Extractor:
    from trafilatura import bare_extraction

    def run(data: bytes, url: str) -> Fields | None:
        doc = bare_extraction(page_text(data), url=url or None, with_metadata=True, include_comments=False)
        if doc is None:
            return None
        return {"headline": doc.title, "reporters": doc.author, "published_at": iso_time(doc.date), "body": doc.text}

    return run


def gne_peer() -> Extractor:
    from gne import GeneralNewsExtractor

    extractor = GeneralNewsExtractor()

    def run(data: bytes, url: str) -> Fields | None:
        out = extractor.extract(page_text(data))
        return {
            "headline": out.get("title"), "reporters": out.get("author"),
            "published_at": iso_time(out.get("publish_time")), "body": out.get("content"),
        }

    return run


def newspaper_peer() -> Extractor:
    # tldextract would fetch the public suffix list over the network; use its bundled snapshot instead.
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed": only the NLP features need it
        from newspaper import Article
    import jieba  # newspaper4k's Chinese tokenizer (its [zh] extra)

    jieba.setLogLevel(logging.WARNING)

    def run(data: bytes, url: str) -> Fields | None:
        article = Article(url or PLACEHOLDER_URL, language="zh", fetch_images=False)
        article.download(input_html=page_text(data))
        article.parse()
        return {
            "headline": article.title, "reporters": list(article.authors),
            "published_at": iso_time(article.publish_date), "body": article.text,
        }

    return run


def readability_peer() -> Extractor:
    from readability import Document

    logging.getLogger("readability.readability").setLevel(logging.ERROR)

    def run(data: bytes, url: str) -> Fields | None:
        doc = Document(page_text(data), url=url or None)
        return {"headline": doc.short_title(), "body": html_text(doc.summary(html_partial=True))}

    return run


# (row name, distribution whose version is shown, factory)
EXTRACTORS: tuple[tuple[str, str, Callable[[], Extractor]], ...] = (
    ("zhnews (profiled)", "zhnews-crawler", lambda: zhnews(True)),
    ("zhnews generic only", "zhnews-crawler", lambda: zhnews(False)),
    ("trafilatura", "trafilatura", trafilatura_peer),
    ("gne", "gne", gne_peer),
    ("newspaper4k", "newspaper4k", newspaper_peer),
    ("readability-lxml", "readability-lxml", readability_peer),
)


def dist_version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"
