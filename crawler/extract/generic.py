"""The extractor for pages no profile knows: heading, the meta lines under it, a text-density body.

One walk over the visible page gives its lines (each with its block element and link text);
the body is the block whose lines read most like prose, with trafilatura as the fallback.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.body import (
    DEFAULT_BOILERPLATE,
    DEFAULT_CREDITS,
    Line,
    best_block,
    block_lines,
    clean_block,
    drop_latin_credits,
    drop_sign_off,
    join_clock_lines,
    line_range,
    lines_within,
    paused_gc,
    split_credits,
    widen_block,
)
from crawler.extract.scan import SelectorGroup
from crawler.extract.surnames import looks_like_han_name
from crawler.extract.text import either_script, squash
from crawler.sites.base import Fields, body_reporters, css

# A page with more elements than this is huge (the biggest of the corpus has about 3,000; a 5 MB page
# 120,000): its lists of at least LINK_LIST_ITEMS linked items are not walked (sidebars, never text).
HUGE_PAGE_ELEMENTS = 30_000
LINK_LIST_ITEMS = 50
MIN_BLOCK_SCORE = 50  # below this the density finder found no article block; ask trafilatura
META_SPAN = 6  # lines under the heading that may carry 来源 / time / byline

_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--|(?<!—)—(?!—)|-\s|\s-)\s*")
_ANY_SPLIT = re.compile(r"\s*(?:_|\||｜|-|(?<!—)—(?!—)|－|::)\s*")
# Whole-page scans run as selector groups: one pass over the tree for all of a group's selectors.
_HEADINGS = SelectorGroup("h1", "h2", "h3", "[class*=title]", "[id*=title]", "[class*=Title]", "[id*=Title]")
_H1 = css("h1")
_META_TIME = SelectorGroup(
    "meta[property='article:published_time']", "meta[name=publishdate]", "meta[name=PubDate]",
    "meta[name=pubdate]", "meta[itemprop=datePublished]", "meta[name='og:time']",
    "meta[property='og:release_date']", "meta[name=publish_time]",
    # more CMS spellings: gov sites' firstpublishedtime, Dublin Core, weibo's create_at
    "meta[name=firstpublishedtime]", "meta[name=publishTime]", "meta[name=publishtime]", "meta[name=pubtime]",
    "meta[property='og:published_time']", "meta[name='DC.date.issued']", "meta[name='dc.date.issued']",
    "meta[name='weibo: article:create_at']", "meta[name=date]",
)
_TIME_TAG = SelectorGroup("time[datetime]")
_META_SOURCE = SelectorGroup("meta[name=source]", "meta[name=mediaid]")
_SITE_NAME = SelectorGroup("meta[property='og:site_name']")
_AUTHOR_LINK_CSS = (
    "a[href*='/author/']", "a[rel=author]", "[itemprop=author] a", "a[class*=author]",
    "a[href*='/user/']", "a[href*='/member/']",
)
_AUTHOR_LINK = css(*_AUTHOR_LINK_CSS)
# Byline boxes by their class: a lone name in one is a person, not a publishing account.
_BYLINE_BOX_CSS = ("[class*=author]", "[class*=byline]", "[class*=writer]", "[itemprop=author]", "address")
_AUTHOR_LINKS = SelectorGroup(*_AUTHOR_LINK_CSS)
_AUTHORS_AND_BYLINES = SelectorGroup(*_AUTHOR_LINK_CSS, *_BYLINE_BOX_CSS)
_OG_TITLE = SelectorGroup("meta[property='og:title']", "meta[name=title]")
_ACCOUNT = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·\-]{1,11}$")
# Widgets glued to the end of the last paragraph: 返回搜狐，查看更多 / 阅读全文.
_WIDGET_TAIL = re.compile(r"\s*(?:返回搜狐，查看更多|阅读全文|展开全文|查看原文)\s*$")
# A line that opens with an editor credit.
_EDITOR_FIRST = re.compile(either_script(
    r"^[\[【(（]?\s*[^\s\[\]【】()（）:：]{0,8}?(?:责任编辑|责编|值班编辑|编辑)\s*[:：/／︱|｜\s]"
))
# A line that credits an editor: the label opens the line, or carries a colon, or opens the
# second credit of a byline row (`每经记者 黄辉　每经编辑 孙磊`).
_EDITOR_LINE = re.compile(either_script(
    _EDITOR_FIRST.pattern + r"|(?:责任编辑|责编|值班编辑|编辑)\s*[:：︱|｜]"
    r"|(?:^|\s)(?:责任编辑|责编|编辑)\s*[/／]\s*[^\s/／]"  # `撰文/X　编辑/Y`
    r"|^[^，。！？\s]{0,12}(?:记者|作者|通讯员)[^，。！？]{2,20}\s[^\s，。！？]{0,8}?(?:责任编辑|责编|编辑)\s+\S"
))


# ---------------------------------------------------------------- headline


def headline(doc: HtmlElement) -> str | None:
    """The article heading: the longest heading element the <title> (or og:title) contains."""
    titles = [squash(doc.findtext(".//title") or "")]
    titles += [squash(n.get("content")) for n in _OG_TITLE.all(doc)]
    titles = [t for t in titles if t]
    best: str | None = None
    for matches in _HEADINGS.each(doc):
        for node in matches:
            if _hidden(node):
                continue
            text = squash(node.text_content())
            if not (2 <= len(text) <= 150) or (best and len(text) <= len(best)):
                continue
            if any(_same_title(text, t) for t in titles):
                best = text
    if best:
        return best
    return None


def _same_title(heading: str, title: str) -> bool:
    """The heading is the title, or the title's first part before a `_频道_网站` suffix."""
    if title.startswith(heading):
        rest = title[len(heading):]
        return not rest or bool(_TITLE_SPLIT.match(rest)) or len(heading) >= 8
    return len(heading) >= 10 and heading in title and len(heading) * 5 >= len(title) * 2


def _hidden(node: HtmlElement) -> bool:
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style


def fallback_headline(
    doc: HtmlElement, before: HtmlElement | None, lines: list[Line], body_start: int | None = None
) -> str | None:
    """No heading matches the title: the title (or a part of it) printed as a line, nearest above
    the body; else the heading-like line nearest above the body; else the last heading-like element
    before the body; else the title's first part."""
    where: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        where.setdefault(ln.text, []).append(i)
    printed: list[tuple[int, str]] = []
    for title in _titles(doc):
        # the title up to any separator: `专访｜X - 网站` is printed as `专访｜X`
        heads = [title[: m.start()] for m in _TITLE_SPLIT.finditer(title)]
        for candidate in (title.split("_")[0].split("--")[0].strip(), _TITLE_SPLIT.split(title)[0], *heads):
            if len(candidate) >= 8 and candidate in where:
                printed += [(i, candidate) for i in where[candidate]]
    # The site's name may come first (`四川在线-成都…`): any part of the title printed as a line.
    for title in _titles(doc):
        for candidate in _ANY_SPLIT.split(title):
            if len(candidate) >= 5 and candidate in where:
                printed += [(i, candidate) for i in where[candidate]]
    if printed:
        above = [p for p in printed if body_start is None or p[0] <= body_start]
        return max(above)[1] if above else min(printed)[1]
    near = _heading_line_above(lines, body_start)
    if near:
        return near
    found: str | None = None
    order = {el: i for i, el in enumerate(doc.iter())} if before is not None else {}
    limit = order.get(before, 1 << 30)
    for matches in _HEADINGS.each(doc):
        for node in matches:
            text = squash(node.text_content())
            if 5 <= len(text) <= 80 and order.get(node, 0) < limit and not node.findall(".//a"):
                found = text
        if found:
            return found
    for title in _titles(doc):
        return _TITLE_SPLIT.split(title)[0]
    for node in _H1[0](doc):  # no <title> at all: the first <h1>
        text = squash(node.text_content())
        if 2 <= len(text) <= 150:
            return text
    return None


_HEADING_MARK = re.compile(r"title|heading|headline|subject", re.I)
_EMPHASIS = frozenset({"strong", "b", "font", "big"})
# Decoration a blog template prints after the title (`标题- -`, `标题 ——`).
_TITLE_DECORATION = re.compile(r"(?:\s*[-—_|·]\s*)+$")


def _heading_line_above(lines: list[Line], body_start: int | None, reach: int = 8) -> str | None:
    """The heading-like line nearest above the body: an <h1>–<h4>, a block whose class or id names
    it a title or heading, or a short line set wholly in bold or centred. Not a link, not a meta line."""
    if body_start is None:
        return None
    # The body block may open with the heading itself.
    for line in reversed(lines[max(0, body_start - reach) : body_start + 1]):
        text = _TITLE_DECORATION.sub("", line.text)
        if not 4 <= len(text) <= 80 or f.is_meta_line(text) or text.endswith(("。", "：", ":")):
            continue
        if DEFAULT_BOILERPLATE.match(text):
            continue
        strength = _heading_strength(line.owner)
        # A blog's post title links to the post itself; other linked lines are menus.
        if strength == 2 or (strength and not line.links):
            return text
    return None


def _heading_strength(node: HtmlElement) -> int:
    """2 for an <h1>–<h4> or a block whose class or id names it a title or heading; 1 for a centred
    block or one set wholly in bold; 0 otherwise."""
    tag = str(node.tag)
    if re.fullmatch(r"h[1-4]", tag) or _HEADING_MARK.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
        return 2
    if (node.get("align") or "").lower() == "center" or tag == "center":
        return 1
    children = [c for c in node if isinstance(c.tag, str) and c.tag != "br"]
    return int(len(children) == 1 and children[0].tag in _EMPHASIS and not (node.text or "").strip())


def _prose_headline(doc: HtmlElement, body: list[str]) -> str | None:
    """No heading and no title: a page with a long prose body still gives a record, headed by
    its first line when that line is short."""
    if not body or sum(len(p) for p in body) < 200:
        return None
    prose = sum(len(p) for p in body if re.search(r"[。！？]|[.!?]\s+[A-Z]", p))
    if prose * 2 < sum(len(p) for p in body):
        return None  # binary junk or a menu decoded as text is no article
    first = body[0]
    if len(first) <= 60 and not first.endswith("。"):
        return first
    clause = re.split(r"[。！？!?；;，,]", first, maxsplit=1)[0]
    return clause if 4 <= len(clause) <= 40 else first[:30]


def _unwrap_page_form(root: HtmlElement) -> None:
    """A page whose content sits inside one <form> (ASP.NET pages wrap everything in `form#Form1`):
    that form is the page, not a search or comment widget, so it is read as a plain block."""
    forms = [el for el in root.iter("form")]
    if not forms:
        return
    total = len(root.text_content())
    for form in forms:
        if total and len(form.text_content()) * 2 > total:
            form.tag = "div"
            return


def _titles(doc: HtmlElement) -> list[str]:
    titles = [squash(n.get("content")) for n in _OG_TITLE.all(doc)] + [squash(doc.findtext(".//title") or "")]
    return [t for t in titles if t]


# ---------------------------------------------------------------- meta lines


def heading_index(lines: list[Line], title: str | None, body_start: int | None = None) -> int | None:
    """Where the heading is printed: the last time before the body starts (menus and share
    widgets may repeat it higher up), else the first time anywhere."""
    if not title:
        return None
    for exact in (True, False):
        found = [
            i for i, line in enumerate(lines)
            if line.text == title
            or (not exact and len(title) > 6 and title in line.text and len(line.text) < len(title) + 20)
        ]
        if found:
            before = [i for i in found if body_start is None or i <= body_start]
            # The heading element over a copy of it (a caption or the first line of the text).
            if before:
                return max(before, key=lambda i: (_heading_strength(lines[i].owner), i))
            return found[0]
    return None


def meta_window(lines: list[Line], start: int | None) -> list[str]:
    """The few short lines under the heading, where portals print 来源, the time and the byline."""
    if start is None:
        return []
    out: list[str] = []
    for line in lines[start + 1 : start + 1 + META_SPAN]:
        if len(line.text) <= 120:
            out.append(line.text)
    return out


# ---------------------------------------------------------------- body


def trafilatura_lines(html: str) -> list[str]:
    import trafilatura  # imported lazily: most pages never need it

    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, include_images=False, deduplicate=False,
        favor_recall=True,
    )
    if not text:
        return []
    lines = [squash(line) for line in text.splitlines() if squash(line)]
    # No block of prose on the page (a listing, a video or gallery page): trafilatura's menu
    # text is not an article either.
    prose = sum(len(line) for line in lines if re.search(r"。|\.\s", line))
    total = sum(len(line) for line in lines)
    return lines if prose >= MIN_BLOCK_SCORE and prose * 3 >= total else []


def body_candidates(
    html: str, lines: list[Line], root: HtmlElement, heading: int | None = None
) -> tuple[list[str], HtmlElement | None]:
    block, score = best_block(lines, root, heading, MIN_BLOCK_SCORE)
    if block is None or score < MIN_BLOCK_SCORE:
        return trafilatura_lines(html), None
    block = widen_block(lines, block, root)
    return [ln.text for ln in clean_block(lines_within(lines, block), block)], block


def _main_heading(lines: list[Line], title: str | None) -> int | None:
    """The line where the page prints its heading as a heading element (h1-h3), if it does."""
    if not title:
        return None
    for i, line in enumerate(lines):
        if line.text == title and line.owner.tag in ("h1", "h2", "h3"):
            return i
    return None


def trim_head(body: list[str], title: str | None, meta: list[str]) -> list[str]:
    """Drop the heading and the meta lines when the body block starts above them."""
    if title:
        for i, line in enumerate(body[:12]):
            if line == title or (len(title) > 6 and title in line and len(line) < len(title) + 20):
                body = body[i + 1 :]
                break
        else:
            body = _drop_split_title(body, title)
    while body and len(body[0]) <= 120 and (
        (body[0] in meta and f.is_meta_line(body[0])) or _DATE_ONLY.match(body[0])
    ):
        body = body[1:]
    return body


def _drop_split_title(body: list[str], title: str) -> list[str]:
    """A notice prints its long title over several centred lines: those lines, joined, are the title."""
    flat = title.replace(" ", "")
    joined = ""
    for i, line in enumerate(body[:6]):
        joined += line.replace(" ", "")
        if joined == flat:
            return body[i + 1 :]
        if not flat.startswith(joined):
            break
    return body


def _lead_furniture(body: list[str], credit_lines: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """Above the first paragraph: the heading printed again (with a kicker above it), a lone writer's
    name (`胡平`), a `——…` subtitle and a date row (`2003-7-24 钱江晚报`) are not text; the name is
    a byline."""
    head = body[:4]
    if title and title in head:
        body = body[head.index(title) + 1 :]
    while body and len(body[0]) <= 40 and not re.search(r"[。！？!?]", body[0]):
        if (
            f.looks_like_person(body[0]) and looks_like_han_name(body[0]) and len(body) > 1
            and len(body[1]) <= 40 and not re.search(r"[。！？!?]", body[1])
        ):  # a name in a header block (the next line no paragraph either); `高温` over prose is a sub-heading
            credit_lines = [body[0], *credit_lines]
        elif not body[0].startswith(("——", "--")) and not (f.has_date(body[0]) and len(body[0]) <= 30):
            break
        body = body[1:]
    return body, credit_lines


# A line that is nothing but a date (and a clock time or weekday): the dateline row of the page.
_DATE_ONLY = re.compile(
    r"^(?:19|20)\d{2}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:\s*(?:星期|周|週|禮拜|礼拜)[一二三四五六日天])?$"
)


# ---------------------------------------------------------------- the extractor


def extract(html: str, doc: HtmlElement, tz: timezone, now: datetime | None = None, url: str | None = None) -> Fields:
    """All fields of a page no profile knows. The cyclic garbage collector pauses meanwhile: the
    walk makes one object per element and line, and a big page would otherwise trigger collections
    over the whole heap many times (more than half the time on a 5 MB page)."""
    with paused_gc():
        return _extract(html, doc, tz, now, url)


def _extract(
    html: str, doc: HtmlElement, tz: timezone, now: datetime | None = None, url: str | None = None
) -> Fields:
    root = doc.find("body")
    root = root if root is not None else doc
    _unwrap_page_form(root)
    huge = root.xpath("count(descendant::*)") > HUGE_PAGE_ELEMENTS
    lines = block_lines(root, skip_lists=LINK_LIST_ITEMS if huge else 0)
    found_title = headline(doc)
    raw, block = body_candidates(html, lines, root, _main_heading(lines, found_title))
    span = line_range(lines, block)
    body_start, body_last = span if span else (None, None)
    title = found_title or fallback_headline(doc, block, lines, body_start) or _prose_headline(doc, raw)
    start = heading_index(lines, title, body_start)
    meta = meta_window(lines, start)
    stated_tz = f.page_offset("\n".join(meta)) or _time_tag_tz(doc)
    page_tz = stated_tz or tz
    out = Fields(headline=title)
    after = _after_block(lines, block)

    raw = [_WIDGET_TAIL.sub("", line) for line in raw]
    body, credit_lines = split_credits(trim_head(raw, title, meta), DEFAULT_BOILERPLATE, DEFAULT_CREDITS)
    while body and len(body[0]) <= 40 and _DATE_ONLY.match(body[0]):  # the dateline row under the byline
        body = body[1:]
    body, credit_lines = _lead_furniture(body, credit_lines, title)
    lead_byline = f.outlet_byline(body[0]) if body else []
    if lead_byline:  # `中央纪委国家监委网站 程威` opening the text: a byline, not a paragraph
        credit_lines, body = [body[0], *credit_lines], body[1:]
    out.body = drop_latin_credits(join_clock_lines(body))

    meta_text = "\n".join(ln for ln in meta if f.is_meta_line(ln) or len(ln) <= 60)
    shown = f.parse_time(meta_text, page_tz, now)
    if shown and f.relative_time(meta_text):  # `2天前` is a guess from the crawl clock; a stamp is exact
        shown = _time_tag(doc, page_tz) or _meta_time(doc, page_tz) or _script_time(doc, page_tz) or shown
    out.published_at = (
        shown
        or _month_day(meta_text, doc, page_tz, now, url)
        or _printed_after(lines, block, page_tz)
        or _time_tag(doc, page_tz)
        or _meta_time(doc, page_tz)
        or _script_time(doc, page_tz)
        or _date_above(lines, start, page_tz)
        or _url_date(url)
    )
    out.published_at = _clock_for_date(out.published_at, lines, body_last, page_tz)
    if stated_tz is None:
        out.published_at = _stamp_offset(doc, out.published_at)
    out.source = _first_value(
        lambda: f.parse_source(meta_text),
        lambda: _credit_source(credit_lines),
        lambda: _credit_source(after),
        lambda: _closing_source(raw[-3:] + _block_tail(lines, body_last)),
        lambda: _reprint_notice(lines, body_last),
        lambda: _unless_topic(_unless_author(f.unlabelled_source(meta_text), doc), doc),
        lambda: f.outlet_before_byline(meta_text),
        lambda: _account_line(lines, start),
        lambda: _meta_row_source(lines, start, body_start),
        lambda: _meta_source(doc),
    )
    if out.source and f.is_placeholder_source(out.source):
        out.source = _credit_source(credit_lines) or None

    issuer = title.split("关于")[0] if title and "关于" in title else None  # `X关于…的通告` is signed by X
    site_names = _site_names(doc)
    out.body = drop_sign_off(out.body, [out.source, issuer, *site_names])
    out.editor = _editors(lines, credit_lines)
    reporters: list[str] = []
    for line in meta_text.split("\n"):  # one line at a time: `文/X` and `发布/…` are separate rows
        reporters = _merge(reporters, f.parse_reporters(line) or f.outlet_byline(line))
    reporters = _merge(reporters, _name_line(lines, start))
    person = f.person_after_source(meta_text)
    if person:
        reporters = _merge(reporters, [person])
    for line in credit_lines + [t for t in after if t not in credit_lines]:
        if _EDITOR_FIRST.match(line):
            continue
        reporters = _merge(
            reporters,
            f.parse_reporters(line) or f.author_with_affiliation(line) or f.outlet_byline(line) or f.trailing_credit(line),
        )
        person = f.source_person(line)
        if person:
            reporters = _merge(reporters, [person])
    reporters = _merge(reporters, body_reporters(body))
    reporters = _merge(reporters, _author_links(doc, meta))
    if not reporters:
        reporters = _account_author(lines, start, body_start, out.source) or _blog_owner(doc)
    outlets = [out.source or "", *site_names]
    # A name in both lists stays a reporter only where a writer's label credits it too
    # (`作者：问舟 责编：问舟`); otherwise the editor credit was read twice.
    writer_text = "\n".join([meta_text, *credit_lines, *after, *body[:2], *body[-3:]])
    out.reporters = [
        n for n in reporters
        if (n not in out.editor or _credited_as_writer(n, writer_text)) and not _is_outlet(n, outlets)
        and not _brand_before_name(n, reporters, outlets, writer_text)
    ]
    return out


_WRITER_LABEL = either_script(r"(?:作者|记者|撰文|(?<![\u4e00-\u9fff])文)\s*[:：/／|｜︱]\s*")


def _credited_as_writer(name: str, text: str) -> bool:
    """A writer's label stands right before `name` somewhere in `text`."""
    return bool(re.search(_WRITER_LABEL + re.escape(name), f.space_labels(squash(text.replace("\n", " | ")))))


def _is_outlet(name: str, outlets: list[str]) -> bool:
    """`财新` credited in `文｜财新 周颖` is the outlet: the source or the site's name starts with it."""
    for outlet in outlets:
        outlet = outlet.strip("《》<>「」 ")
        if outlet and outlet != name and outlet.startswith(name) and not f.looks_like_person(outlet):
            return True
    return False


def _brand_before_name(name: str, names: list[str], outlets: list[str], text: str) -> bool:
    """`文/懂球帝 杜小七`: the page's own source or site name printed before another credited name."""
    if name not in outlets:
        return False
    return any(re.search(re.escape(name) + r"\s+" + re.escape(other), text) for other in names if other != name)


def _unless_author(source: str | None, doc: HtmlElement) -> str | None:
    """An unlabelled person's name next to the time that links to an author page is the byline, not
    the source; a publishing account's page (`大河报·豫视频`) is the source."""
    if source and f.looks_like_person(source) and any(squash(n.text_content()).strip("·• ") == source for n in _AUTHOR_LINKS.all(doc)):
        return None
    return source


_KEYWORDS = css("meta[name=keywords]", "meta[name=Keywords]")
_TAG_CHIP = css("[class*=tag]", "[class*=keyword]", "[class*=label]", "[class*=category]", "[class*=topic]")


def _unless_topic(source: str | None, doc: HtmlElement) -> str | None:
    """A word by the time that does not end like a publisher and that the page marks as a topic
    (a tag chip, or one of its keywords) is the story's tag (`融资`), not the source."""
    if not source or source.startswith("《") or f.is_outlet_name(source):
        return source
    keywords = {squash(k) for sel in _KEYWORDS for n in sel(doc) for k in re.split(r"[,，;；、\s]+", n.get("content") or "")}
    if source in keywords or any(squash(n.text_content()) == source for sel in _TAG_CHIP for n in sel(doc)):
        return None
    return source


def _site_names(doc: HtmlElement) -> list[str]:
    """The site's own name: og:site_name and the last part of the <title> (`…_财新网`)."""
    names = [squash(n.get("content")) for n in _SITE_NAME.all(doc)]
    parts = _TITLE_SPLIT.split(squash(doc.findtext(".//title") or ""))
    if len(parts) > 1 and not _BLOG_TITLE.match(parts[-1]):  # `王立群的博文` names a blog's owner
        names.append(parts[-1])
    return [n for n in names if n]


def _author_links(doc: HtmlElement, meta: list[str]) -> list[str]:
    """Bylines printed under the heading as links to an author page (`<a href="/author/…">韦安</a>`)."""
    names: list[str] = []
    for node in _AUTHORS_AND_BYLINES.all(doc):
        text = squash(node.text_content())
        if not text or not any(text in line for line in meta) or _has_follow_button(node):
            continue
        names = _merge(names, f.parse_reporters(text) or (f.split_names(text) if f.looks_like_person(text) else []))
    return names


_FOLLOW = re.compile(r"^[+＋]?\s*(?:关注|加关注|订阅|關注|訂閱)$")


def _has_follow_button(node: HtmlElement, levels: int = 2) -> bool:
    """A name beside a follow button is a platform account (its owner's handle), not a byline."""
    box = node
    for _ in range(levels):
        box = box.getparent() if box is not None else None
        if box is None:
            return False
        if any(
            isinstance(el.tag, str) and el is not node and not len(el) and _FOLLOW.match(squash(el.text_content()))
            for el in box.iter()
        ):
            return True
    return False


_CHIP_CLASS = re.compile(r"tag|label|categor|channel|column|keyword|topic|theme|kicker|sub", re.I)


def _name_line(lines: list[Line], start: int | None) -> list[str]:
    """A line of nothing but one to three personal names right under the heading (or its deck):
    the unlabelled byline of an essay (`胡平`). Not a link (a tag or channel chip)."""
    if start is None:
        return []
    for line in lines[start + 1 : start + 3]:
        if line.links or _CHIP_CLASS.search(f"{line.owner.get('class') or ''} {line.owner.get('id') or ''}"):
            continue
        found = f.bare_names(line.text)
        if found:
            return found
    return []


def _lead_caption(lines: list[Line], start: int | None, body_start: int, raw: list[str]) -> list[str]:
    """The caption of the lead picture, printed right above the article block (a <figcaption>, or
    a short line next to an <img>): it belongs to the article."""
    out: list[str] = []
    i = body_start - 1
    while i > (start if start is not None else -1) and len(out) < 2:
        line = lines[i]
        if not _is_caption(line) or line.text in raw:
            break
        out.insert(0, line.text)
        i -= 1
    return out


def _is_caption(line: Line) -> bool:
    """A <figcaption>, or a short block that sits next to an <img> in the same container."""
    if line.links or not 6 <= len(line.text) <= 120 or f.is_meta_line(line.text):
        return False
    if _BARE_CREDIT.match(line.text) and not _SENTENCE_MARK.search(line.text):
        return False  # `Dmitry Kostyukov for The New York Times`: a photo credit, not a caption
    owner = line.owner
    if "credit" in (owner.get("class") or "").lower():
        return False
    if owner.tag == "figcaption":
        return True
    parent = owner.getparent()
    return owner.tag in ("div", "p", "span") and parent is not None and any(
        child.tag == "img" for child in parent.iterchildren()
    )


# A caption with no Chinese at all and no sentence in it is the photographer's credit.
_BARE_CREDIT = re.compile(r"^[^\u3400-\u9fff]+$")
_SENTENCE_MARK = re.compile(r"[.!?;,]\s")


def _account_line(lines: list[Line], start: int | None) -> str | None:
    """A publishing account printed alone under the heading, above the time line; not a
    sub-heading, and not a link to an author page or a name in a byline box (that is a byline),
    unless it reads as an outlet (`法新社`). An outlet's name a few lines down wins over the line
    right under the heading, which may be a player's `播报文章` button."""
    if start is None:
        return None
    for i in range(start + 1, min(start + 4, len(lines) - 1)):
        text = _account_text(lines[i])
        if text and f.is_outlet_name(text) and any(_time_line(ln.text) for ln in lines[i + 1 : i + 4]):
            return text
    if start + 1 >= len(lines):
        return None
    line = lines[start + 1]
    text = _account_text(line)
    if not text or any(select(line.owner) for select in _AUTHOR_LINK) or _in_byline_box(line.owner):
        return None
    if any(_time_line(ln.text) for ln in lines[start + 2 : start + 5]):
        return text
    return None


def _account_text(line: Line) -> str | None:
    """The line as an account name (`金融市场 棱镜` -> `棱镜`), or None."""
    text = line.text
    parts = text.split()
    if len(parts) == 2 and f.is_section_name(parts[0]):  # `金融市场 棱镜`: channel, then the account
        text = parts[1]
    if not _ACCOUNT.match(text) or not re.search(r"[\u4e00-\u9fff]", text) or f.is_section_name(text):
        return None
    if re.fullmatch(r"h[1-6]", str(line.owner.tag)) or DEFAULT_BOILERPLATE.match(text):
        return None
    return text


def _time_line(text: str) -> bool:
    return f.is_meta_line(text) and f.parse_time(text) is not None


_SOURCE_CLASS = re.compile(r"(?:^|[\s_-])(?:source|origin)(?:$|[\s_-])", re.I)


def _beside_date(node: HtmlElement) -> bool:
    """A sibling element of `node` prints the date (the spans of one meta row)."""
    parent = node.getparent()
    return parent is not None and any(
        sib is not node and f.has_date(squash(sib.text_content())) for sib in parent if isinstance(sib.tag, str)
    )


def _meta_row_source(lines: list[Line], start: int | None, body_start: int | None) -> str | None:
    """A publisher printed as its own unlabelled span in the time row: `<span>新安晚报</span>`, or an
    element whose class names it the source (`div.source`, `a.doc-source`)."""
    if start is None:
        return None
    end = min(start + 1 + META_SPAN, body_start if body_start is not None and body_start > start else len(lines))
    rows = [ln.owner for ln in lines[start + 1 : end] if f.is_meta_line(ln.text) or len(ln.text) <= 40]
    for row in rows:
        for node in row.iter():
            if not isinstance(node.tag, str) or len(node):
                continue  # leaves only: one span is one field
            text = squash(node.text_content()).strip("·•|｜ ")
            if not 2 <= len(text) <= 16 or re.search(r"[\d:：/]", text) or f.has_meta_label(text):
                continue
            if f.looks_like_person(text) or any(select(node) for select in _AUTHOR_LINK) or _in_byline_box(node):
                continue
            if _SOURCE_CLASS.search(node.get("class") or "") or (
                node.tag != "a" and f.is_outlet_name(text) and _beside_date(node)
            ):
                return text
    return None


_NAME_CLASS = re.compile(r"name|Name|nick")
_NOT_PERSON_CLASS = re.compile(r"site|column|channel|media|source|tag|title", re.I)
_PROFILE_HREF = re.compile(r"/(?:people|user|u|profile)/")


def _account_author(lines: list[Line], start: int | None, body_start: int | None, source: str | None) -> list[str]:
    """A personal account credited as the writer in the header (`<span class="wm-name">`, a link to
    a /people/ page): a person's account is the author; an outlet's account is a source (left to
    the source rules)."""
    if start is None:
        return []
    end = min(start + 1 + 3, body_start if body_start is not None and body_start > start else len(lines))
    for ln in lines[start + 1 : end]:
        for node in ln.owner.iter():
            if not isinstance(node.tag, str) or len(node):
                continue
            cls = node.get("class") or ""
            named = _NAME_CLASS.search(cls) or (node.tag == "a" and _PROFILE_HREF.search(node.get("href") or ""))
            if not named or _NOT_PERSON_CLASS.search(cls):
                continue
            text = squash(node.text_content())
            if not _ACCOUNT.match(text) or text == source or f.is_outlet_name(text) or f.has_meta_label(text):
                continue
            if _has_follow_button(node):
                continue  # a platform account's handle, not a credited writer
            if not ln.text.startswith(text):
                continue
            return [text]
    return []


# `评审基金申请书的几点感受 - 王立群的博文`: the <title> names the blog the post belongs to.
_BLOG_TITLE = re.compile(either_script(r"^(?P<name>[^\s的]{2,12})的(?:博文|博客|日志|个人空间|专栏文章)$"))


def _blog_owner(doc: HtmlElement) -> list[str]:
    """A blog post's writer is the blog's owner, whom the <title> names (`… - 王立群的博文`)."""
    for part in _TITLE_SPLIT.split(squash(doc.findtext(".//title") or ""))[1:]:
        m = _BLOG_TITLE.match(part)
        if m and _ACCOUNT.match(m.group("name")) and not f.is_outlet_name(m.group("name")):
            return [m.group("name")]
    return []


def _in_byline_box(node: HtmlElement | None, levels: int = 3) -> bool:
    for _ in range(levels):
        if node is None:
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemprop') or ''}".lower()
        if node.tag == "address" or any(word in marks for word in ("author", "byline", "writer")):
            return True
        node = node.getparent()
    return False


def _date_above(lines: list[Line], start: int | None, tz: timezone) -> str | None:
    """E-paper pages print only the issue date, in the masthead above the heading."""
    if start is None:
        return None
    for line in reversed(lines[max(0, start - 10) : start]):
        if len(line.text) <= 60:
            found = f.parse_time(line.text, tz)
            if found and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found):
                return found
    return None


def _after_block(lines: list[Line], block: HtmlElement | None, span: int = 6) -> list[str]:
    """Short credit lines printed right under the body block (来源 / 编辑 below the article)."""
    if block is None:
        return []
    found = line_range(lines, block)
    if found is None:
        return []
    last = found[1]
    tail = [ln.text for ln in lines[last + 1 : last + 1 + span]]
    return [t for t in tail if len(t) <= 60 and DEFAULT_CREDITS.match(t) or "来源" in t]


def _merge(a: list[str], b: list[str]) -> list[str]:
    return a + [x for x in b if x not in a]


def _editors(lines: list[Line], credit_lines: list[str]) -> list[str]:
    """Editor credits: short lines that start with an editor label, anywhere on the visible page."""
    names: list[str] = []
    for text in credit_lines + [ln.text for ln in lines]:
        # Every editor label has 编 (編): the cheap test spares the regex on a big page's many lines.
        if len(text) <= 60 and ("编" in text or "編" in text) and _EDITOR_LINE.search(text):
            names = _merge(names, f.parse_editors(text))
    return names


def _credit_source(credit_lines: list[str]) -> str | None:
    for line in credit_lines:
        src = f.parse_source(line)
        if src and not f.looks_like_person(src) and not f.is_placeholder_source(src):
            return src
    return None


def _time_tag(doc: HtmlElement, tz: timezone) -> str | None:
    for node in _TIME_TAG.all(doc):
        parsed = _iso_meta(node.get("datetime") or "", tz)
        if parsed:
            return parsed
    return None


def _time_tag_tz(doc: HtmlElement) -> timezone | None:
    """The offset of a <time datetime> whose clock time is the one printed in the tag: a US site's
    `09:15` with `…T09:15:00-04:00`. A UTC `Z` stamp or one that differs from the print says nothing."""
    for node in _TIME_TAG.all(doc):
        value = (node.get("datetime") or "").strip()
        m = re.search(r"T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:?\d{2})$", value)
        # A zero offset is what a CMS writes when it does not know the zone: it says nothing.
        if m and m.group(1) in squash(node.text_content()) and m.group(2).strip("+-") not in ("00:00", "0000"):
            return f.offset_tz(m.group(2))
        shifted = _printed_offset(value, squash(node.text_content()))
        if shifted:
            return shifted
    return None


# A printed clock time: `15:45`, `3:45pm`, `下午3:45`.
_CLOCK = re.compile(r"(?P<ap1>上午|下午)?\s*(?<!\d)(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?!\d)\s*(?P<ap2>[ap]\.?m\.?)?", re.I)


def _printed_offset(stamp: str, printed: str) -> timezone | None:
    """A UTC stamp (`…T05:45:00Z`) printed as local time (`3:45pm`): the gap is the page's offset.
    No gap says nothing (a CMS may stamp local time as UTC)."""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    m = _CLOCK.search(printed)
    if when.tzinfo is None or "T" not in stamp or not m:
        return None
    hour, ampm = int(m.group("h")), (m.group("ap1") or m.group("ap2") or "").lower()
    if ampm and hour <= 12:
        hour = hour % 12 + (12 if ampm.startswith("p") or ampm == "下午" else 0)
    utc = when.astimezone(timezone.utc)
    gap = (hour * 60 + int(m.group("mi")) - utc.hour * 60 - utc.minute) % 1440
    gap = gap - 1440 if gap > 14 * 60 else gap
    if gap == 0 or gap % 15:
        return None
    return timezone(timedelta(minutes=gap))


_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')


def _machine_stamps(doc: HtmlElement) -> list[str]:
    """Publication stamps written for machines: meta tags, <time datetime>, JSON-LD datePublished."""
    stamps = [n.get("content") or "" for n in _META_TIME.all(doc)]
    stamps += [n.get("datetime") or "" for n in _TIME_TAG.all(doc)]
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            stamps += _LD_PUBLISHED.findall(script.text)
    return stamps


def _stamp_offset(doc: HtmlElement, published: str | None) -> str | None:
    """A printed time read in the default zone takes the offset of a machine stamp that shows the
    same wall-clock time (`10:25` and `…T10:25:31+02:00`): a Paris or Seoul site's own zone. A zero
    offset says nothing (a CMS may stamp local time as UTC); a stamp at another time is ignored."""
    if not published or "T" not in published:
        return published
    shown = datetime.fromisoformat(published)
    for value in _machine_stamps(doc):
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if when.tzinfo is None or not when.utcoffset():
            continue
        if when.replace(tzinfo=None, second=0, microsecond=0) == shown.replace(tzinfo=None, second=0):
            return shown.replace(tzinfo=when.tzinfo).isoformat()
    return published


# `编辑于 2024-05-20 10:15` / `发布于 …` under the text: the printed time of an account platform.
_POSTED_LABEL = re.compile(r"^(?:发布|编辑|发表|發佈|編輯|發表)[于於]?\s*(?=\d)")
# `2024-05-20 HKT 17:35`: an unlabelled stamp that names its time zone is the article's own.
_ZONED_STAMP = re.compile(
    r"^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*"
    r"(?:HKT|CST|北京时间|北京時間|GMT|UTC)(?:\s*[+-]\s*\d{1,2})?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$"
)


def _printed_after(lines: list[Line], block: HtmlElement | None, tz: timezone, span: int = 3) -> str | None:
    """A labelled publication time printed just below the text (wins over a hidden meta stamp)."""
    found = line_range(lines, block)
    if found is None:
        return None
    last = found[1]
    for line in lines[last + 1 : last + 1 + span]:
        if len(line.text) <= 60 and (_POSTED_LABEL.match(line.text) or _ZONED_STAMP.match(line.text)):
            return f.parse_time(line.text, tz)
    return None


def _month_day(meta_text: str, doc: HtmlElement, tz: timezone, now: datetime | None, url: str | None = None) -> str | None:
    """`05-20 08:06` with no year: the year of a machine stamp on the page, else of the date in the
    URL, else of the crawl time."""
    years = [int(m.group(0)) for v in _machine_stamps(doc) if (m := re.match(r"(?:19|20)\d{2}", v.strip()))]
    year = _url_year(url)
    if year:
        years.append(year)
    crawled = (now or datetime.now(timezone.utc)).astimezone(tz)
    return f.parse_month_day(meta_text, tz, years[0] if years else crawled.year, None if years else crawled)


# A date in a URL path: /2022-02/13/, /202202/13/, /20220213/, /2022/02/13/.
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[-_/]?(?P<mo>0[1-9]|1[0-2])[-_/]?(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.\-]|$)"
)


def _url_date(url: str | None) -> str | None:
    """The day a URL's path names (`…/xzrb/202202/13/content_1.html` -> `2022-02-13`): the last
    resort for a page that prints no date of its own (e-paper pages keep it in a toolbar script)."""
    if not url:
        return None
    path = urlsplit(url).path
    m = _URL_DATE.search(path)
    if not m:
        return None
    try:
        return datetime(int(m.group("y")), int(m.group("mo")), int(m.group("d"))).date().isoformat()
    except ValueError:
        return None


# A year and month in a URL path with no day after them: /2024/05/20103640.shtml, /202405/.
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d{2})[-_/]?(?:0[1-9]|1[0-2])/")


def _url_year(url: str | None) -> int | None:
    """The year a URL's path names with its month (`…/2024/05/20103640.shtml` -> 2024)."""
    dated = _url_date(url)
    if dated:
        return int(dated[:4])
    m = _URL_MONTH.search(urlsplit(url).path) if url else None
    return int(m.group("y")) if m else None


# A labelled publication time anywhere in a short line: `… 发布于：2015-11-05 11:34 …`, `时间：2019-09-24 17:08`.
_LABELLED_TIME = re.compile(either_script(
    r"(?:(?:发布|发表|首发)(?:于|时间|日期)?|(?<![更修])(?:时间|日期))\s*[:：]?\s*(?=(?:19|20)\d{2}\s*[-/.年])"
))


def _clock_for_date(published: str | None, lines: list[Line], last: int | None, tz: timezone) -> str | None:
    """Only a day was found (or nothing): a labelled time printed just below the text, on the same
    day and with a clock, is the fuller print of the same stamp (`2015-11-05` above, `发布于：2015-11-05
    11:34` below); with no day at all it is the time itself."""
    if (published and "T" in published) or last is None:
        return published
    for line in lines[last + 1 : last + 7]:
        if len(line.text) > 120:
            continue
        m = _LABELLED_TIME.search(line.text)
        found = f.parse_time(line.text[m.end():], tz) if m else None
        if found and "T" in found and (published is None or found.startswith(published)):
            return found
    return published


def _first_value(*candidates) -> str | None:
    """The first candidate source that holds a value (a bare label like `来源：` holds none)."""
    for candidate in candidates:
        value = f.source_value(candidate())
        if value:
            return value
    return None


# `2005年8月25日（来源：上海证券报）` closing the text: the origin the article was reprinted from.
_CLOSING_SOURCE = re.compile(either_script(r"[（(\[【]\s*(?:稿件|文章|本文)?(?:来源|稿源|转自)\s*[:：]\s*(?P<src>[^（()）\[\]【】]{2,30}?)\s*[)）\]】]\s*$"))


def _block_tail(lines: list[Line], last: int | None, span: int = 3) -> list[str]:
    """The last lines printed in the body block, before any cleaning (a dated sign-off line included)."""
    return [] if last is None else [ln.text for ln in lines[max(0, last - span + 1) : last + 1]]


def _closing_source(tail: list[str]) -> str | None:
    for line in reversed(tail):
        m = _CLOSING_SOURCE.search(line)
        if m:
            src = f.parse_source("来源：" + m.group("src"))
            if src and not f.looks_like_person(src) and not f.is_placeholder_source(src):
                return src
    return None


# `本文来自 潇湘晨报，未经授权请勿转载。`: an aggregator's notice naming the outlet it carries the story from.
_REPRINT_NOTICE = re.compile(either_script(r"^本文(?:来自|转自|转载自)\s*(?P<src>[^\s，,。；;：:]{2,20})\s*[，,。；;]"))


def _reprint_notice(lines: list[Line], last: int | None, span: int = 6) -> str | None:
    """The outlet a reprint notice right around the end of the text names; a person, a blog or a
    platform's `作者` is no outlet."""
    if last is None:
        return None
    for line in lines[max(0, last - 2) : last + 1 + span]:
        m = _REPRINT_NOTICE.match(line.text)
        if m and f.is_outlet_name(m.group("src")) and not f.is_placeholder_source(m.group("src")):
            return m.group("src")
    return None


# A publication time a page keeps only in a script: JSON-LD `datePublished`, or a template
# variable (`publishTime: "2024-05-20 10:15:00"`, `var pubDate = '2024/05/20 10:15'`).
_SCRIPT_TIME = re.compile(
    r"""["']?(?:datePublished|pub(?:lish)?_?(?:[tT]ime|[dD]ate)|publish_?at|ptime|pubtime)["']?\s*[:=]\s*["']"""
    r"""(?P<v>(?:19|20)\d{2}[-/]\d{1,2}[-/]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)["']"""
)


def _script_time(doc: HtmlElement, tz: timezone) -> str | None:
    for script in doc.iter("script"):
        text = script.text or ""
        if len(text) > 200_000:
            continue
        m = _SCRIPT_TIME.search(text)
        if m:
            found = _iso_meta(m.group("v").replace("/", "-"), tz)
            if found:
                return found
    return None


def _meta_time(doc: HtmlElement, tz: timezone) -> str | None:
    for matches in _META_TIME.each(doc):
        for node in matches:
            value = node.get("content")
            if value:
                parsed = _iso_meta(value, tz)
                if parsed:
                    return parsed
    return None


def _iso_meta(value: str, tz: timezone) -> str | None:
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"(?:19|20)\d{2}-\d{2}-\d{2}", value):  # a day with no clock stays a day
        return value
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f.parse_time(value, tz)
    when = when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)
    return when.replace(microsecond=0).isoformat()


def _meta_source(doc: HtmlElement) -> str | None:
    for node in _META_SOURCE.all(doc):
        text = squash(node.get("content"))
        if text and len(text) <= 30:
            return text
    return None
