"""What a URL looks like: an article, a listing page, or one page of a paginated series.

Pure string work on URLs, no fetching. Used by generic listing detection (which links of a list are
articles), by pager detection (which links are other pages of this listing) and for continuation
pages of a multi-page article on a site without a profile.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# A publication date in the path: 20240601, 2024-06-01, 2024/06/01, 2024-06/01, 202406/01, t20240601_...
_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}[-_/]?(?:0[1-9]|1[0-2])[-_/]?(?:0[1-9]|[12]\d|3[01])(?!\d)")
# Two-digit year and month-day directories (`/20/0816/22/`), or a year/month pair (`/2024/06/`, `/202406/`).
_SHORT_DATE = re.compile(r"/\d{2}/(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/")
_MONTH = re.compile(r"/(?:19|20)\d{2}[-_/]?(?:0[1-9]|1[0-2])/")
_PAGE_EXT = re.compile(r"\.(?:s?html?|xhtml)$", re.I)
_DYNAMIC_EXT = re.compile(r"\.(?:php|aspx?|jsp|do|action|cgi)$", re.I)
# The last path segment of a listing, an index or a channel page (never an article).
_LISTING_SEGMENT = re.compile(
    r"^(?:index|default|list|lists|more|node_\d+|column|channel|category|home|main|search|sitemap)"
    r"(?:[_-]\d+)*(?:\.\w+)?$", re.I)
# Path folders that hold people, tags, topics or services, not articles.
_NOT_ARTICLE_FOLDERS = frozenset({
    "author", "authors", "tag", "tags", "topic", "topics", "user", "users", "zt", "special", "search",
    "login", "register", "about", "help", "category", "column", "channel", "subject", "video-list",
})
_DIGITS = re.compile(r"\d+")
_ALNUM_ID = re.compile(r"(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{10,}")
_QUERY_ID = re.compile(r"^(?:\w*id|aid|nid|tid|docid|newsid|articleid|contentid|infoid)$", re.I)
_DETAIL_WORD = re.compile(r"(?:detail|show|content|article|view|info|news|read|display|doc|page)", re.I)
_LIST_WORD = re.compile(r"list|index|more|class|channel|column|category|search", re.I)

# Query parameters that number the pages of a listing or an article.
PAGE_PARAMS = frozenset({"page", "p", "pn", "pg", "pageno", "page_no", "pagenum", "pageindex", "curpage",
                         "currpage", "currentpage", "pageid"})
_NUMBERED_SEGMENT = re.compile(r"^(?P<name>.+?)_(?P<n>\d{1,4})(?P<ext>\.\w+)$")
_INDEX_SEGMENT = re.compile(r"^(?:index|default)(?:\.\w+)?$", re.I)


@lru_cache(maxsize=8192)
def looks_like_article(url: str) -> bool:
    """True when the URL has an article's shape: an id or a date in the path of a page, not an index."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    path = parts.path or "/"
    segments = [s for s in path.split("/") if s]
    if any(s.lower() in _NOT_ARTICLE_FOLDERS for s in segments[:-1]):
        return False
    last = segments[-1] if segments and not path.endswith("/") else ""
    dated = bool(_DATE.search(path) or _SHORT_DATE.search(path + "/"))
    if not last:
        # `/2024/06/01/some-story-12345/`: a dated folder whose name carries an id.
        return dated and bool(segments) and _has_id(segments[-1])
    if _LISTING_SEGMENT.match(last):
        return False
    if _DYNAMIC_EXT.search(last) or not _PAGE_EXT.search(last) and "." in last:
        if _DYNAMIC_EXT.search(last) and parts.query:
            return _query_has_id(parts.query) and _detail_page(last)
        return False  # .js, .css, .jpg, .pdf ...
    stem = _PAGE_EXT.sub("", last)
    if parts.query and _query_has_id(parts.query) and _detail_page(stem):
        return True  # `detail?id=12345`, `article.html?aid=678`
    if _has_id(stem):
        return True
    if dated and _PAGE_EXT.search(last):
        return True
    return bool(_MONTH.search(path) and _PAGE_EXT.search(last) and _DIGITS.search(stem))


def _detail_page(segment: str) -> bool:
    """`show.php`, `newsdetail.aspx`, `content.jsp`: one item's page; never `newslist` or `index`."""
    return bool(_DETAIL_WORD.search(segment)) and not _LIST_WORD.search(segment)


def _has_id(segment: str) -> bool:
    longest = max((len(m) for m in _DIGITS.findall(segment)), default=0)
    return longest >= 5 or bool(_ALNUM_ID.search(segment))


def _query_has_id(query: str) -> bool:
    return any(_QUERY_ID.match(k) and _DIGITS.search(v) for k, v in parse_qsl(query))


@lru_cache(maxsize=8192)
def page_key(url: str) -> tuple[str, int]:
    """(series, page number) of a page in a paginated series.

    Pages of one listing share a series: `index.html`, `index_1.html` and the folder `/` (TRS);
    `node_12.htm` and `node_12_2.htm`; `list.php?c=3` and `list.php?c=3&page=2`; `/news/` and
    `/news/2/`. The first page is number 0 when its URL carries no number; `?page=1` and `/1/` are
    that first page too (those schemes count from 1, `index_1.html` is TRS's second page).
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    number = 0
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = []
    for key, value in query:
        if key.lower() in PAGE_PARAMS and value.isdigit():
            number = max(int(value) - 1, 0)
        else:
            kept.append((key, value))
    if not number:
        head, _, last = path.rpartition("/")
        m = _NUMBERED_SEGMENT.match(last)
        if m and _numbered_page(m.group("name"), m.group("n")):
            path, number = f"{head}/{m.group('name')}{m.group('ext')}", int(m.group("n"))
        elif not last and (m := re.search(r"/(?:page/)?(\d{1,4})/$", path)):
            path, number = path[: m.start() + 1], max(int(m.group(1)) - 1, 0)
        elif last.isdigit() and len(last) <= 4:
            path, number = head + "/", max(int(last) - 1, 0)
    head, _, last = path.rpartition("/")
    if _INDEX_SEGMENT.match(last):
        path = head + "/"  # `index.html` is its folder's first page
    series = urlunsplit((parts.scheme, (parts.hostname or "").lower(), path, urlencode(kept), ""))
    return series, number


def _numbered_page(name: str, number: str) -> bool:
    """`index_3` and `node_12_2` are page numbers; `node_4108` is a channel id, `2024_06` no page."""
    if _DIGITS.fullmatch(name):
        return False
    if _DIGITS.search(name):
        return True  # `node_12` + `_2`
    return len(number) <= 3 and name.lower() != "node"


_LATER_PAGE = re.compile(r"^(?P<stem>.+)_(?P<n>\d{1,2})(?P<ext>\.s?html?)$", re.I)


def first_page_url(url: str) -> str:
    """`story_123_2.html` -> `story_123.html` when the stem is an article URL itself (a list that links
    an article's later page); any other URL unchanged."""
    parts = urlsplit(url)
    m = _LATER_PAGE.match(parts.path)
    if not m or int(m.group("n")) == 0 or parts.query:
        return url
    first = urlunsplit((parts.scheme, parts.netloc, m.group("stem") + m.group("ext"), "", ""))
    return first if looks_like_article(first) else url


def continuation_number(url: str, first_url: str) -> int | None:
    """The page number when `url` is a later page of the article at `first_url`, else None.

    `story_123.html` -> `story_123_2.html` (TRS numbers from `_1`), or the same path with `?page=2`.
    """
    a, b = urlsplit(url), urlsplit(first_url)
    if (a.hostname or "").lower() != (b.hostname or "").lower():
        return None
    if a.path == b.path:
        pages = [int(v) for k, v in parse_qsl(a.query) if k.lower() in PAGE_PARAMS and v.isdigit()]
        first = [int(v) for k, v in parse_qsl(b.query) if k.lower() in PAGE_PARAMS and v.isdigit()]
        rest_a = [(k, v) for k, v in parse_qsl(a.query) if k.lower() not in PAGE_PARAMS]
        rest_b = [(k, v) for k, v in parse_qsl(b.query) if k.lower() not in PAGE_PARAMS]
        if pages and rest_a == rest_b and pages[0] > max(first, default=1):
            return pages[0]
        return None
    stem, dot, ext = b.path.rpartition(".")
    if not dot or "/" in ext:
        return None
    m = re.fullmatch(re.escape(stem) + r"_(\d{1,3})\." + re.escape(ext), a.path)
    return int(m.group(1)) if m and int(m.group(1)) > 0 else None
