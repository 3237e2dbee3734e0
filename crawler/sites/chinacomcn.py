"""china.com.cn (中国网): channel listings and two article layouts (2016 and 2022 templates)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.sites import metaline
from crawler.sites.base import Layout, SiteProfile, css

_PAGES = css("#autopage a", "div.autopage a", "#page_navi a")
_BOILERPLATE = (r"[\[【]?\s*纠错\s*[\]】]?", r"分享到[:：]?", r"字体[:：].{0,6}", r"链接已复制", r"返回顶部")


class ChinaComCn2022(Layout):
    """Template of about 2022 on ("2022ChinaIdex"): `div.content > h1`, `div.inform` meta, `div.article` body."""

    name = "2022"
    detect = css("div.content div.inform", "div.content_left div.article")
    headline = css("div.content > h1", "h1.article_title", "div.content h1")
    time = css("div.content div.inform p", "div.inform")
    source = css("div.content div.inform p", "div.inform")
    byline = css("div.content div.inform p", "div.inform")
    editor = css("div.article div.editor", "div.editor")
    section = css("div.content div.m_local a", "div.crumb div.local a")
    body = css("div.content_left div.article", "div.article")
    drop = css("div.editor", "#vf", "#videoarea", "div.informShare", "div.fontSize", "#autopage", "div.autopage")
    pages = _PAGES
    boilerplate = _BOILERPLATE

    def get_published_at(self, doc: HtmlElement) -> str | None:
        return f.parse_time(metaline.labelled(doc, self.time, "20"), self.tz)

    def get_source(self, doc: HtmlElement) -> str | None:
        return f.parse_source(metaline.labelled(doc, self.source, "来源"))

    def get_byline(self, doc: HtmlElement) -> list[str]:
        return author_names(metaline.labelled(doc, self.byline, "作者"))


class ChinaComCn2016(Layout):
    """Template of about 2012-2021: `h1.artTitle`, `div.artInfo` (`#pubtime_baidu`, `#source_baidu`), body `div.artCon`."""

    name = "2016"
    # `#pubtime_baidu` is the CMS's own time slot: its pages share the `*_baidu` meta ids below.
    detect = css("h1.artTitle", "div.artInfo", "div.artCon", "span#pubtime_baidu")
    headline = css("h1.artTitle", "div.artTitle h1")
    time = css("#pubtime_baidu", "div.artInfo")
    source = css("#source_baidu", "div.artInfo")
    byline = css("#author_baidu")
    editor = css("#editor_baidu", "div.artInfo", "div.editor")
    section = css("div.crumbs a", "div.location a", "div.path a")
    body = css("div.artCon #artbody", "div.artCon", "#artbody", "#articleBody", "#fontzoom")
    drop = css("div.editor", "#autopage", "div.autopage", "div.artInfo")
    pages = _PAGES
    boilerplate = _BOILERPLATE

    def get_source(self, doc: HtmlElement) -> str | None:
        text = metaline.labelled(doc, self.source, "来源") or next(iter(metaline.texts(doc, self.source)), None)
        if text is None:
            return None
        return f.parse_source(text) or (text if len(text) <= 30 and not re.search(r"\d{4}", text) else None)

    def get_editor(self, doc: HtmlElement) -> list[str]:
        bare = metaline.texts(doc, self.editor[:1])  # `#editor_baidu` usually holds the bare names
        if bare and "编辑" not in bare[0]:
            return f.split_names(bare[0])
        return metaline.editors(metaline.labelled(doc, self.editor, "编辑"))

    def get_byline(self, doc: HtmlElement) -> list[str]:
        return author_names(next(iter(metaline.texts(doc, self.byline)), None))


def author_names(text: str | None) -> list[str]:
    """`作者：王明 李华` or bare `王明` -> names."""
    if not text:
        return []
    return f.parse_reporters(text) or f.split_names(re.sub(r"^.*?作者\s*[:：]", "", text))


PROFILE = SiteProfile(
    key="chinacomcn",
    site="china.com.cn",
    domains=("china.com.cn",),
    start_urls=(
        "http://news.china.com.cn/node_7247300.htm",  # 新闻 要闻
        "http://news.china.com.cn/world/node_7184857.htm",  # 新闻 国际
        "http://news.china.com.cn/node_7184891.htm",  # 新闻 国内
    ),
    # http://news.china.com.cn/2024-05/13/content_117184963.shtml, www.china.com.cn/news/2016-05/13/content_38450123.htm
    # (continuations add `_2`); the finance channel: finance.china.com.cn/news/20240513/6123456.shtml.
    article_url=re.compile(
        r"china\.com\.cn/(?:[\w-]+/)*(?:\d{4}-\d{2}/\d{2}/content_|\d{8}/(?=\d{6,}\.s?html?))(?P<key>\d+)(?:_\d+)?\.s?html?"
    ),
    article_page_url=re.compile(
        r"china\.com\.cn/(?:[\w-]+/)*\d{4}-\d{2}/\d{2}/content_(?P<key>\d+)_(?P<page>\d+)\.s?html?"
    ),
    # Channel node pages: a headline list per story block.
    listing_links=css("div.list_box ul li a", "ul.newsList li a", "div.newsList li h3 a", "div.list li a"),
    listing_next=css("#autopage a", "div.page a", "#page_navi a"),
    layouts=(ChinaComCn2022, ChinaComCn2016),
)
