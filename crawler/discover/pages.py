"""Other pages of the same thing: a listing's pager, and the later pages of a multi-page article.

Pure functions over a parsed page. Pager links are recognised by their words (下一页 / next / 尾页),
by page numbers, by `<link rel="next">`, by the URL schemes of paginated series (`index_N.html`,
`?page=N`, `node_N_2.htm`, `/N/`, see `shape.page_key`) and by TRS's `createPageHTML(...)` script call.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml.html import HtmlElement

from crawler.discover.shape import continuation_number, looks_like_article, page_key
from crawler.extract.text import squash

# Pager words once brackets, arrows and spaces are stripped (simplified and traditional).
_NEXT_WORDS = frozenset({"下一页", "下页", "后一页", "后页", "下一頁", "下頁", "next", "nextpage"})
_OTHER_WORDS = frozenset({"上一页", "上页", "前一页", "前页", "上一頁", "首页", "首頁", "第一页", "尾页", "末页",
                          "尾頁", "最后一页", "末頁", "prev", "previous", "first", "last", "lastpage", "firstpage"})
_ARROWS = frozenset({"›", "»", ">", ">>", "＞", "→", "»»"})
_STRIP = re.compile(r"[\s\[\]【】()（）<>《》«»‹›＞＜→←.…·|]+")
_PAGE_NUMBER = re.compile(r"^(?:第)?(\d{1,4})(?:页|頁)?$")
_NOT_LINKS = ("javascript:", "mailto:", "tel:", "#", "data:")

# TRS `createPageHTML(count, current, "index", "html")`, also with a leading container id and a record total.
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^()]*)\)")
_QUOTED = re.compile(r"""^\s*(["'])(.*)\1\s*$""")


def pager_word(text: str) -> str | None:
    """'next' for 下一页-like texts, 'other' for 首页/上一页/尾页, 'number' for a page number, else None."""
    raw = squash(text)
    if raw in _ARROWS:
        return "next"
    word = _STRIP.sub("", raw).lower()
    if word in _NEXT_WORDS:
        return "next"
    if word in _OTHER_WORDS:
        return "other"
    if _PAGE_NUMBER.match(word):
        return "number"
    return None


def clean_href(href: str | None, base: str) -> str | None:
    return _clean_href(href or "", base)


@lru_cache(maxsize=8192)
def _clean_href(href: str, base: str) -> str | None:
    """The absolute, fragment-free http(s) URL of an href, or None for scripts, anchors and junk."""
    href = (href or "").strip()
    if not href or href.lower().startswith(_NOT_LINKS) or any(c.isspace() for c in href):
        return None
    try:
        url = urldefrag(urljoin(base, href))[0]
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


def pager_urls(doc: HtmlElement, url: str, *, generated_limit: int = 100) -> list[str]:
    """The other pages of the listing at `url`, the pages after it first, in page order."""
    series, current = page_key(url)
    host = (urlsplit(url).hostname or "").lower()
    numbered: dict[str, int] = {}  # URL -> page number in this listing's series
    loose: list[str] = []  # next-page links whose URLs follow no known scheme
    taken: set[int] = set()

    def add(link: str | None, kind: str | None) -> None:
        if not link or link == url or (urlsplit(link).hostname or "").lower() != host:
            return
        if looks_like_article(link):
            return
        link_series, number = page_key(link)
        if link_series == series and number == current:
            return  # this very page under another name (`index.html` for `/`)
        if link_series == series:
            if number not in taken:  # one URL per page (`/list/` and `/list/index.html` are one page)
                taken.add(number)
                numbered[link] = number
        elif kind == "next" and link not in loose:
            loose.append(link)

    for node in doc.iter("link"):
        if (node.get("rel") or "").lower() == "next":
            add(clean_href(node.get("href"), url), "next")
    blocks_with_words: set[HtmlElement] = set()
    anchors = [(a, pager_word(a.text_content() or a.get("title") or "")) for a in doc.iter("a")]
    for a, kind in anchors:
        if kind in ("next", "other"):
            for block in _up(a, 3):
                blocks_with_words.add(block)
    for a, kind in anchors:
        link = clean_href(a.get("href"), url)
        if kind in ("next", "other"):
            add(link, kind)
        elif link and page_key(link)[0] == series:
            add(link, kind)  # a numbered page of this series, whatever its text
        elif kind == "number" and any(b in blocks_with_words for b in _up(a, 3)):
            add(link, "next")  # a page number beside 下一页 in a pager, on an unusual scheme
    for link in script_pages(doc, url, generated_limit):
        add(link, None)
    after = sorted((n, u) for u, n in numbered.items() if n > current)
    before = sorted((n, u) for u, n in numbered.items() if n <= current)
    return [u for _, u in after] + [u for u in loose if u not in numbered] + [u for _, u in before]


def _up(node: HtmlElement, levels: int) -> list[HtmlElement]:
    out = []
    for parent in node.iterancestors():
        if len(out) >= levels or parent.tag in ("body", "html"):
            break
        out.append(parent)
    return out


def script_pages(doc: HtmlElement, url: str, limit: int = 100) -> list[str]:
    """Pages a TRS `createPageHTML(count, current, prefix, ext)` call would link to, after this one."""
    out: list[str] = []
    for script in doc.iter("script"):
        code = script.text or ""
        for call in _CREATE_PAGE.finditer(code):
            args = [a.strip() for a in call.group(1).split(",")]
            strings = [m.group(2) for a in args if (m := _QUOTED.match(a))]
            numbers = [n for a in args if not _QUOTED.match(a) and (n := _resolve(a, code)) is not None]
            if len(strings) < 2 or not numbers:
                continue
            prefix, ext = strings[-2], strings[-1].lstrip(".")
            count = numbers[0]
            last = urlsplit(url).path.rpartition("/")[2]
            m = re.fullmatch(re.escape(prefix) + r"_(\d+)\." + re.escape(ext), last)
            current = int(m.group(1)) if m else 0
            for k in range(current + 1, min(count, current + 1 + limit)):
                out.append(urljoin(url, f"{prefix}_{k}.{ext}"))
            if current > 0:
                out.append(urljoin(url, f"{prefix}.{ext}"))
    return out


def _resolve(arg: str, code: str) -> int | None:
    """A numeric argument, or a variable assigned a number in the same script."""
    if arg.isdigit():
        return int(arg)
    if re.fullmatch(r"[A-Za-z_$][\w$]*", arg):
        m = re.search(r"\b" + re.escape(arg) + r"\s*=\s*(\d+)", code)
        return int(m.group(1)) if m else None
    return None


def continuation_urls(doc: HtmlElement, url: str, first_url: str | None = None) -> list[str]:
    """Later pages of the multi-page article whose page 1 is `first_url` (default `url`), in page order.

    A continuation is the article's own URL with a page suffix (`_2.html`; TRS numbers from `_1`)
    or a page parameter (`?page=2`), linked from the page (its pager, `<link rel="next">`) or written
    by a TRS `createPageHTML` script.
    """
    first = first_url or url
    found: dict[str, int] = {}
    for node in doc.iter("a", "link"):
        if node.tag == "link" and (node.get("rel") or "").lower() != "next":
            continue
        link = clean_href(node.get("href"), url)
        if not link or link == first:
            continue
        number = continuation_number(link, first)
        if number is not None:
            found.setdefault(link, number)
    for link in script_pages(doc, url):  # TRS articles paged by createPageHTML(3, 0, "t2024..._123", "html")
        number = continuation_number(link, first)
        if number is not None and link != first:
            found.setdefault(link, number)
    return [u for u, _ in sorted(found.items(), key=lambda item: item[1])]


def later_pages(html: bytes | str, url: str, first_url: str | None = None, *,
                declared_encoding: str | None = None) -> list[str]:
    """`continuation_urls` on page bytes or text."""
    from crawler.extract.article import parse_html
    from crawler.extract.encoding import decode_html

    text, _ = decode_html(html, declared_encoding)
    return continuation_urls(parse_html(text), url, first_url)
