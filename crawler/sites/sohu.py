"""sohu.com (搜狐): www.sohu.com/a/… account articles (2017 template) and the 2005 table pages."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.body import element_paragraphs, remove_keep_tail
from crawler.extract.text import CJK, squash
from crawler.sites.base import Layout, SiteProfile, css, first_node, first_text

# `（本文来源：经济日报 作者：…研究员徐占忱）`: a credit line closing a reposted article.
_CREDIT_LINE = re.compile(r"^[（(]?\s*(?:本文|文章)?来源\s*[:：](?P<src>[^（()）]*?)(?:作者\s*[:：](?P<who>[^（()）]*))?[)）]?$")
# A writer introduced by a title: `…研究部部长、研究员徐占忱` -> 徐占忱.
_TITLED_NAME = re.compile(
    f"(?:研究员|教授|讲师|博士|院长|所长|主任|部长|主编|总监|专家|学者|分析师|评论员|记者)(?P<name>[{CJK}]{{2,4}})$"
)
_BOILERPLATE = (
    r"返回搜狐，?查看更多", r"平台声明[:：].{0,80}", r"声明[:：]该文观点仅代表作者本人.{0,60}",
    r"[（(]\s*(?:本文|文章)?来源\s*[:：].{0,120}[)）]", r"页面功能.{0,60}", r"--\s*给编辑写信",
    r"(?:我来说两句|我要“揪”错|推荐|打印|关闭)(?:\s*[【】\[\]]\s*.{0,10})*",
)
_BACK_LINK = css("#backsohucom", "a.backsohucom")
_ACCOUNT = css("#user-info h4 a", "div.user-info h4 a")


def credit_writers(text: str) -> list[str]:
    """Names after 作者： in a credit line; a title before a single name is cut off."""
    names = f.split_names(text)
    if names:
        return names
    m = _TITLED_NAME.search(squash(text).rstrip("）) "))
    return [m.group("name")] if m else []


class Sohu2017(Layout):
    """Account-article template since about 2016: `div.text-title h1`, `#news-time`,
    body `article#mp-editor`, account name in `#user-info h4`."""

    name = "2017"
    detect = css("article#mp-editor", "div.text-title h1")
    headline = css("div.text-title h1", "h1")
    time = css("#news-time", "div.article-info span.time")
    source = css("span[data-role=original-link] a", "span[data-role=original-link]")
    editor = css("p[data-role=editor-name]")
    body = css("article#mp-editor", "article.article")
    section = css("div.location a", "div.crumbs a")
    section_skip = Layout.section_skip | {"搜狐", "搜狐首页"}
    drop = css("#backsohucom", "p[data-role=editor-name]", "div.lookall-box", "div.statement",
               "div.article-tag", "span.article-tag")
    boilerplate = _BOILERPLATE

    def get_headline(self, doc: HtmlElement) -> str | None:
        node = first_node(doc, self.headline)
        if node is None:
            return None
        parts = [node.text or ""] + [
            squash(c.text_content()) + (c.tail or "") for c in node if "article-tag" not in (c.get("class") or "")
        ]
        return squash("".join(parts)) or None

    def credit_line(self, doc: HtmlElement) -> re.Match | None:
        node = first_node(doc, self.body)
        if node is None:
            return None
        lines = element_paragraphs(node)
        for line in lines[:2] + lines[-3:]:
            line = squash(re.sub(r"返回搜狐，?查看更多", "", line))
            m = _CREDIT_LINE.match(line) if len(line) <= 120 else None
            if m:
                return m
        return None

    def get_source(self, doc: HtmlElement) -> str | None:
        found = super().get_source(doc)
        if found:
            return found
        m = self.credit_line(doc)
        if m and m.group("src").strip():
            return f.parse_source("来源：" + m.group("src")) or squash(m.group("src"))
        return first_text(doc, _ACCOUNT)  # the publishing account

    def get_byline(self, doc: HtmlElement) -> list[str]:
        m = self.credit_line(doc)
        if m and m.group("who"):
            return credit_writers(m.group("who"))
        return []

    def body_node(self, doc: HtmlElement) -> HtmlElement | None:
        node = super().body_node(doc)
        for select in _BACK_LINK:
            for a in select(doc):
                remove_keep_tail(a)
        return node


class Sohu2005(Layout):
    """Table template of about 2004-2008: `<h1>` in a table cell, a meta cell with the date and
    `来源：[ X ]`, body `td#fontzoom` with `sohu_cms_include` ad fragments."""

    name = "2005"
    detect = css("td#fontzoom", "#fontzoom")
    headline = css("td h1", "h1")
    time = css("td.main font", "td.main")
    source = css("td.main")
    body = css("td#fontzoom", "#fontzoom")
    boilerplate = _BOILERPLATE

    def get_published_at(self, doc: HtmlElement) -> str | None:
        for select in self.time:
            for node in select(doc):
                found = f.parse_time(squash(node.text_content()), self.tz)
                if found:
                    return found
        return None

    def get_source(self, doc: HtmlElement) -> str | None:
        for select in self.source:
            for node in select(doc):
                found = f.parse_source(squash(node.text_content()))
                if found:
                    return found
        return None

    def body_node(self, doc: HtmlElement) -> HtmlElement | None:
        node = super().body_node(doc)
        if node is not None:
            for el in [e for e in node.iter() if isinstance(e.tag, str) and e.tag.lower().startswith("sohu")]:
                unwrap_include(el)
        return node


def unwrap_include(el: HtmlElement) -> None:
    """`<sohu_cms_include:…>` never closes (its end tag has another name), so it swallows the
    article: drop its leading ad/link box, keep the paragraphs that follow."""
    for child in list(el):
        if child.tag in ("p", "div") and len(_own_text(child)) >= 10:
            break
        remove_keep_tail(child)
    el.drop_tag()


def _own_text(el: HtmlElement) -> str:
    """Text of `el` without the text of its links."""
    links = "".join(a.text_content() for a in el.iter("a"))
    return squash(el.text_content()).replace(squash(links), "") if links else squash(el.text_content())


PROFILE = SiteProfile(
    key="sohu",
    site="sohu.com",
    domains=("sohu.com",),
    start_urls=(
        "https://news.sohu.com/",  # 新闻 首页
        "https://www.sohu.com/c/8/1460",  # 时政
        "https://www.sohu.com/c/8/1461",  # 国际
        "https://business.sohu.com/",  # 财经
    ),
    # www.sohu.com/a/778336904_120702 (id_account); 2005: business.sohu.com/20050311/n224643115.shtml
    article_url=re.compile(r"sohu\.com/(?:a/|\d{8}/n)(?P<key>\d{6,})(?:_\d+|\.shtml)"),
    listing_links=css(
        "div.news-wrapper div[data-role=news-item] h4 a",
        "div.news-list div.news-box h4 a",
        "div.list16 ul li a",
        "div.f14list ul li a",
    ),
    listing_next=css("div.pages a.next", "div.pagination a.next"),
    layouts=(Sohu2017, Sohu2005),
)
