"""The main article list of any listing page, without a site profile: (html, url) -> article URLs + pager.

How the main list is found:
- candidate links: on-site URLs with an article's shape (`shape.looks_like_article`) and an anchor text
  of headline length;
- items: the lowest element above a candidate link that repeats among its siblings (same tag), each
  sibling holding its own candidate links (`li` in `ul`, `div.item` in a list, `tr` in a table, or
  bare `<a>`s separated by `<br>`); the parent is a list;
- each list is scored by its items (dates printed beside the links and summaries count extra); a list
  in navigation, a header/footer, a side column, or a box whose class or heading says 排行 / 推荐 /
  相关, friend links or ads scores nothing, one in a 热点 / 专题 / 图片 box half;
- the list the listing's pager follows (in the same box) scores double;
- the best list, plus lists of the same kind right beside it (one list split into several `<ul>`s),
  is the main list. One article URL is taken per item (its link with the longest text), or per entry
  when an item is itself a short `ul`; a linked later page of an article becomes its page 1.
Off-site links, `javascript:`/`mailto:` and other schemes are never candidates. A list shipped as
records of a `<script type="text/xml">` datastore (Hanweb government sites) is read as page content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import lxml.html
from lxml.html import HtmlElement

from crawler.discover.pages import clean_href, pager_urls
from crawler.discover.shape import first_page_url, looks_like_article
from crawler.discover.urls import join, refuse_reason
from crawler.extract.article import parse_html, registrable_domain
from crawler.extract.encoding import decode_html
from crawler.extract.text import squash

MIN_HEADLINE = 5  # characters of anchor text: shorter is a label, a number or an icon
MAX_HEADLINE = 120
MAX_ITEM_URLS = 3  # an "item" with more article links than this is a block of lists, not an item
PAGER_BONUS = 2.0  # the list the pager follows
TOP_LISTS = 8  # the best-scoring lists whose neighbours are looked at
MIN_SCORE = 3.0  # below this no list on the page is the main list (e.g. a list rendered by script)
DECOY_FACTOR = 0.0  # a list in navigation, a side column, a box named or headed 排行 / 推荐 / 相关, ads...
WEAK_FACTOR = 0.5  # a list in a box named or headed 热点 / 专题 / 图片 ...

_DATE_TEXT = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}"
    r"|[\[(（]\s*\d{1,2}[-/]\d{1,2}\s*[\])）]|(?<![\d:])\d{1,2}:\d{2}(?![\d:])|\d{1,2}月\d{1,2}日")
# Boxes that never hold a channel's main list (their lists score 0) ...
_DECOY_TOKENS = frozenset({
    "nav", "navbar", "menu", "header", "footer", "foot", "side", "sidebar", "aside", "rank", "ranking", "hot",
    "hots", "recommend", "recom", "tuijian", "related", "relate", "xgxw", "xgyd", "xgwz", "friend", "friendlink",
    "links", "yqlj", "ad", "ads", "adv", "advert", "banner", "paihang", "phb", "remen", "redian", "crumb",
    "breadcrumb", "copyright", "guess",
})
_DECOY_PREFIXES = ("hot", "rank", "side", "recommend", "relat", "nav", "menu", "footer", "header", "banner",
                   "friend", "tuijian", "paihang", "advert")
_DECOY_LABEL = re.compile(r"排行|排名|推荐|推薦|相关|相關|友情|链接|鏈接|广告|廣告|猜你|热搜|热榜|熱榜")
# ... and boxes that seldom do (their lists score half): a channel's own list may be titled 热点精选.
_WEAK_TOKENS = frozenset({"head", "zt", "zhuanti", "special", "topic", "share", "slide", "slider", "focus",
                          "marquee", "scroll", "like", "tags", "more"})
_WEAK_LABEL = re.compile(r"热点|热门|熱點|专题|專題|精彩|图片|圖片|视频|視頻|阅读|閱讀|关注")
_COLUMN_TOKENS = frozenset({"sidebar", "aside", "side", "rightbar", "leftbar", "footer", "header", "nav", "navbar"})
_COLUMN_PREFIXES = ("sidebar", "footer", "header", "navbar")
_DECOY_TAGS = frozenset({"nav", "header", "footer", "aside"})
_HEADING_CLASS = re.compile(r"tit|hd|head|title|bt|lm|label|name", re.I)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "dt", "caption", "legend"})
_LIST_ITEM_TAGS = frozenset({"li", "tr", "dd", "dt", "a", "tbody", "table"})
_CAMEL = re.compile(r"([a-z])([A-Z])")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")


@dataclass
class Listing:
    article_urls: list[str] = field(default_factory=list)  # the main list's articles, in page order, each once
    next_urls: list[str] = field(default_factory=list)  # the listing's other pages, later pages first
    other_links: list[str] = field(default_factory=list)  # main-list links that are not article URLs
    feeds: list[str] = field(default_factory=list)  # feeds the page announces (<link rel="alternate">)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (link, reason): main-list links never fetched


@dataclass
class _Link:
    node: HtmlElement
    url: str
    text: str


def main_list(html: bytes | str, url: str, *, declared_encoding: str | None = None,
              is_article: Callable[[str], bool] = looks_like_article,
              allowed_domains: Iterable[str] | None = None) -> Listing:
    """The main list's article URLs and the pager's URLs of the listing page at `url`. Pure.

    Only links on `allowed_domains` (default: the page's own site) are list candidates; a link in
    the main list that the URL gate refuses (another site, a bad scheme) is returned in `refused`.
    """
    text, _ = decode_html(html, declared_encoding)
    doc = parse_html(text)
    _inline_datastores(doc)
    out = Listing(feeds=announced_feeds(doc, url))
    domains = list(allowed_domains) if allowed_domains else [registrable_domain(url)]
    links = _links(doc, url, domains)
    candidates = [lk for lk in links if is_article(lk.url) and MIN_HEADLINE <= len(lk.text) <= MAX_HEADLINE]
    by_node = {lk.node: lk for lk in candidates}
    urls_under = _urls_under(candidates)
    lists = _lists(candidates, urls_under)
    scores = {container: _score(container, items, by_node) for container, items in lists.items()}
    order = {el: i for i, el in enumerate(doc.iter())}
    next_urls = pager_urls(doc, url)
    pager = _pager_nodes(doc, url, set(next_urls), order)
    groups: dict[frozenset[HtmlElement], float] = {}
    for container in sorted(scores, key=scores.__getitem__, reverse=True)[:TOP_LISTS]:
        group = frozenset(_same_list(container, lists))
        bonus = PAGER_BONUS if _pager_follows(group, pager, order) else 1.0
        groups[group] = sum(scores[c] for c in group) * bonus
    best = max(groups.items(), key=lambda g: g[1], default=None)
    if best is not None and best[1] >= MIN_SCORE:
        seen: set[str] = set()
        for container in sorted(best[0], key=order.__getitem__):
            for item in lists[container]:
                for _, link in _entries(item, by_node):
                    article = first_page_url(link.url)  # a later page of an article: crawl it from page 1
                    if article not in seen:
                        seen.add(article)
                        out.article_urls.append(article)
            inside = set(container.iter("a"))
            out.refused.extend(_refused(inside, url, domains, out.refused))
            others = {lk.url for lk in links if lk.node in inside and not is_article(lk.url)
                      and len(lk.text) >= MIN_HEADLINE}
            out.other_links.extend(sorted(others - seen))
    listed = set(out.article_urls)
    out.next_urls = [u for u in next_urls if u not in listed and refuse_reason(u, domains) is None]
    return out


def _pager_nodes(doc: HtmlElement, url: str, next_urls: set[str], order: dict[HtmlElement, int]) -> list[HtmlElement]:
    """The pager's elements in page order: links to the listing's other pages, a createPageHTML script."""
    nodes = [a for a in doc.iter("a") if clean_href(a.get("href"), url) in next_urls]
    nodes += [s for s in doc.iter("script") if "createPageHTML" in (s.text or "")]
    return sorted(nodes, key=order.__getitem__)


def _pager_follows(group: frozenset[HtmlElement], pager: list[HtmlElement], order: dict[HtmlElement, int]) -> bool:
    """Does the listing's pager come right after this list, in the same box (a main list's mark)?"""
    last = max(group, key=order.__getitem__)
    end = max(order[el] for el in last.iter())
    after = next((node for node in pager if order[node] > end), None)
    if after is None:
        return False
    boxes = [p for _, p in zip(range(3), last.iterancestors(), strict=False)]
    return any(box in boxes for box in after.iterancestors())


_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)


def _inline_datastores(doc: HtmlElement) -> None:
    """Government CMSs (Hanweb) ship a channel's list as records in a `<script type="text/xml">` datastore
    that a script writes into the page: put those records into the tree, where the list would be."""
    for script in list(doc.iter("script")):
        code = script.text or ""
        if "<recordset" not in code or "<record>" not in code:
            continue
        records = _RECORD.findall(code)
        if records:
            box = lxml.html.fragment_fromstring("".join(records), create_parent="div")
            box.set("class", "datastore")
            script.addprevious(box)


def announced_feeds(doc: HtmlElement, url: str) -> list[str]:
    """`<link rel="alternate" type="application/rss+xml|atom+xml" href>` feeds, in page order."""
    out: list[str] = []
    for node in doc.iter("link"):
        rel = (node.get("rel") or "").lower().split()
        kind = (node.get("type") or "").lower()
        if "alternate" in rel and kind in ("application/rss+xml", "application/atom+xml"):
            link = clean_href(node.get("href"), url)
            if link and link not in out:
                out.append(link)
    return out


def _links(doc: HtmlElement, url: str, domains: list[str]) -> list[_Link]:
    out = []
    for a in doc.iter("a"):
        link = clean_href(a.get("href"), url)
        if not link or _refuse(link, tuple(domains)):
            continue  # scripts, anchors, other schemes, off-site
        text = squash(a.text_content()) or squash(a.get("title")) or ""
        out.append(_Link(a, link, text))
    return out


@lru_cache(maxsize=8192)
def _refuse(url: str, domains: tuple[str, ...]) -> str | None:
    return refuse_reason(url, domains)


def _refused(anchors: set[HtmlElement], url: str, domains: list[str],
             already: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(link, reason) for main-list entries the URL gate refuses: off-site, `ftp:`, a malformed host.
    Only headline links count (an item's small 来源 link to another site is not an entry)."""
    seen = {link for link, _ in already}
    out = []
    for a in anchors:
        href = (a.get("href") or "").strip()
        if not href or href.lower().startswith(("javascript:", "#", "mailto:")):
            continue  # not a link to a page: nothing to refuse
        if not MIN_HEADLINE <= len(squash(a.text_content()) or squash(a.get("title"))) <= MAX_HEADLINE:
            continue
        link = join(url, href)
        reason = "malformed-url" if link is None else refuse_reason(link, domains)
        if reason and (link or href) not in seen:
            seen.add(link or href)
            out.append((link or href, reason))
    return sorted(out)


def _urls_under(candidates: list[_Link]) -> dict[HtmlElement, set[str]]:
    """Element -> the candidate article URLs at or below it."""
    under: dict[HtmlElement, set[str]] = {}
    for lk in candidates:
        under.setdefault(lk.node, set()).add(lk.url)
        for parent in lk.node.iterancestors():
            under.setdefault(parent, set()).add(lk.url)
    return under


def _lists(candidates: list[_Link], under: dict[HtmlElement, set[str]]) -> dict[HtmlElement, list[HtmlElement]]:
    """Container -> its items, in page order: the lowest level where a candidate's ancestor repeats."""
    lists: dict[HtmlElement, list[HtmlElement]] = {}
    decided: dict[tuple[HtmlElement, str], bool] = {}
    for lk in candidates:
        node = lk.node
        while True:
            parent = node.getparent()
            if parent is None or parent.tag in ("html",) or len(under.get(node, ())) > MAX_ITEM_URLS:
                break
            key = (parent, node.tag)
            if key not in decided:
                items = _items(parent, node.tag, under)
                decided[key] = len(items) >= 2 and len(set().union(*(under[i] for i in items))) >= 2
                if decided[key]:
                    lists[parent] = items
            if decided[key]:
                break
            node = parent
    return lists


def _items(parent: HtmlElement, tag: str, under: dict[HtmlElement, set[str]]) -> list[HtmlElement]:
    items = [c for c in parent if c.tag == tag and 0 < len(under.get(c, ())) <= MAX_ITEM_URLS]
    return items if _alike(items) else []


def _alike(items: list[HtmlElement]) -> bool:
    """Do the items look like entries of one list? `li`/`tr`/`dd`/links always; other tags (`div`s
    that are a page's columns) must share a class, or all have none."""
    if not items or items[0].tag in _LIST_ITEM_TAGS:
        return True
    counts: dict[str, int] = {}
    bare = 0
    for item in items:
        classes = set((item.get("class") or "").split())
        bare += not classes
        for name in classes:
            counts[name] = counts.get(name, 0) + 1
    need = 0.6 * len(items)
    return bare >= need or max(counts.values(), default=0) >= need


def _entries(item: HtmlElement, by_node: dict[HtmlElement, _Link]) -> list[tuple[HtmlElement, _Link]]:
    """The item's articles, as (entry element, its link): one per item (the link with the longest text),
    unless the item is itself a short list (`ul` of `li`s) whose entries each hold their own article."""
    links = [by_node[a] for a in _anchors(item) if a in by_node]
    if not links:
        return []
    if len({lk.url for lk in links}) > 1:
        entry_of = {lk.node: _entry(lk.node, item) for lk in links}
        per_entry: dict[HtmlElement, list[_Link]] = {}
        for lk in links:
            per_entry.setdefault(entry_of[lk.node], []).append(lk)
        if len(per_entry) > 1 and item not in per_entry:
            return [(entry, max(group, key=lambda lk: len(lk.text))) for entry, group in per_entry.items()]
    return [(item, max(links, key=lambda lk: len(lk.text)))]


def _anchors(node: HtmlElement) -> list[HtmlElement]:
    return [node] if node.tag == "a" else list(node.iter("a"))


def _entry(node: HtmlElement, item: HtmlElement) -> HtmlElement:
    """The list entry (`li`, `tr`, `dd`) holding `node` inside `item`, else `item` itself."""
    for parent in node.iterancestors():
        if parent is item:
            break
        if parent.tag in ("li", "tr", "dd"):
            return parent
    return item


def _score(container: HtmlElement, items: list[HtmlElement], by_node: dict[HtmlElement, _Link]) -> float:
    total = 0.0
    for item in items:
        for entry, link in _entries(item, by_node):
            headline = len(link.text)
            text = _item_text(entry)
            value = 1.0
            if _DATE_TEXT.search(text):
                value += 0.6  # a date beside the link
            if len(text) - headline >= 30:
                value += 0.3  # a summary
            if 8 <= headline <= 60:
                value += 0.2
            total += value
    return total * _decoy_factor(container)


def _item_text(item: HtmlElement) -> str:
    if item.tag == "a":  # bare links: the text up to the next link (`<a>..</a><span>date</span><br>`)
        parts = [item.text_content(), item.tail or ""]
        for sib in item.itersiblings():
            if sib.tag == "a":
                break
            parts += [sib.text_content() if isinstance(sib.tag, str) else "", sib.tail or ""]
        return squash(" ".join(parts))
    return squash(item.text_content())


def _same_list(best: HtmlElement, lists: dict[HtmlElement, list[HtmlElement]]) -> list[HtmlElement]:
    """`best` and the lists of the same kind beside it: one list split into several `<ul>`s, or into
    repeated wrappers (`div.cnt > ul` x 8) with nothing but separators between them."""
    kind = _signature(best)
    keep = _beside(best, lambda sib: sib in lists and _signature(sib) == kind and not _is_decoy(sib))
    node = best
    for _ in range(2):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html") or _extra_text(parent, lists):
            break  # the wrapper holds more than the list (a heading, a pager): a box, not a list part
        node = parent
        wrapper = _signature(node)
        group = _beside(node, lambda sib, w=wrapper: _signature(sib) == w and not _extra_text(sib, lists))
        if len(group) > 1:
            keep = [c for g in group for c in g.iter() if c in lists and _signature(c) == kind]
    return keep


def _beside(node: HtmlElement, same: Callable[[HtmlElement], bool]) -> list[HtmlElement]:
    """`node` and its siblings that pass `same`, up to the first sibling with text or links between."""
    parent = node.getparent()
    if parent is None:
        return [node]
    siblings = list(parent)
    at = siblings.index(node)
    keep = [node]
    for step in (-1, 1):
        i = at + step
        while 0 <= i < len(siblings):
            sib = siblings[i]
            if isinstance(sib.tag, str) and same(sib):
                keep.append(sib)
            elif not isinstance(sib.tag, str) or squash(sib.text_content()) or sib.find(".//a") is not None:
                break
            i += step
    return keep


def _extra_text(node: HtmlElement, lists: dict[HtmlElement, list[HtmlElement]]) -> bool:
    """Does `node` hold text outside the lists inside it?"""
    inner = [c for c in node.iter() if c in lists]
    outer = [c for c in inner if not any(a in lists for a in c.iterancestors() if a is not node and a in inner)]
    extra = len(squash(node.text_content()).replace(" ", ""))
    extra -= sum(len(squash(c.text_content()).replace(" ", "")) for c in outer)
    return extra > 2


def _signature(node: HtmlElement) -> tuple[str, str]:
    return node.tag, " ".join(sorted((node.get("class") or "").split()))


def _tokens(value: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(_CAMEL.sub(r"\1 \2", value).lower()) if t]


def _decoy_name(node: HtmlElement, near: bool) -> float:
    """How much a box's name marks it as a decoy (1: not at all). Near the list any decoy word counts;
    further up only the names of whole page columns (side bars, header, footer, navigation)."""
    tokens = _tokens(f"{node.get('class') or ''} {node.get('id') or ''}")
    factor = 1.0
    for i, token in enumerate(tokens):
        if token in _COLUMN_TOKENS or token.startswith(_COLUMN_PREFIXES):
            return DECOY_FACTOR
        if token == "bar" and i and tokens[i - 1] in ("right", "left", "r", "l"):
            return DECOY_FACTOR  # right-bar: a side column
        if near and (token in _DECOY_TOKENS or token.startswith(_DECOY_PREFIXES)):
            return DECOY_FACTOR
        if near and token in _WEAK_TOKENS:
            factor = WEAK_FACTOR
    return factor


def _decoy_factor(container: HtmlElement) -> float:
    """1 for an ordinary list; 0 in navigation, a header/footer, a side column, a box named or headed
    排行 / 推荐 / 相关 / links / ads; a half in a box named or headed 热点 / 专题 / 图片 (a channel's own
    list may be titled 热点精选)."""
    chain = [container]
    for parent in container.iterancestors():
        if parent.tag in ("body", "html"):
            break
        chain.append(parent)
    if any(node.tag in _DECOY_TAGS for node in chain):
        return DECOY_FACTOR
    factor = min(_decoy_name(node, near=i < 4) for i, node in enumerate(chain))
    labels = _box_labels(chain[:3])
    if any(_DECOY_LABEL.search(label) for label in labels):
        return DECOY_FACTOR
    if any(_WEAK_LABEL.search(label) for label in labels):
        factor = min(factor, WEAK_FACTOR)
    return factor


def _is_decoy(container: HtmlElement) -> bool:
    return _decoy_factor(container) < 1.0


def _box_labels(chain: list[HtmlElement]) -> list[str]:
    """Short headings of the box a list sits in: headings before it, up to a few levels up."""
    labels = []
    for node in chain:
        for sib in node.itersiblings(preceding=True):
            if not isinstance(sib.tag, str):
                continue
            text = squash(sib.text_content())
            if text and len(text) <= 12 and (sib.tag in _HEADING_TAGS or _HEADING_CLASS.search(sib.get("class") or "")):
                labels.append(text)
            break  # only the nearest element before it
    return labels
