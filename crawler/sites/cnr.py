"""cnr.cn (央广网): channel listings and two article layouts (2014 and 2018 templates)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.text import CJK
from crawler.sites import metaline
from crawler.sites.base import Fields, Layout, SiteProfile, css

# Lines the cnr article column carries that are not article text.
_BOILERPLATE = (
    r"[【\[]?\s*(?:编辑|责任编辑|责编)\s*[:：].{0,30}",
    r"(?:央广网|本网)?记者",  # a byline left alone on its own line
    r"(?:扫一扫|扫码).{0,20}",
    r"分享到[:：]?",
)
# `央广记者 宁宇航` closing the text: dropped, names read as reporters.
_CREDITS = (r"(?:央广网?|中国之声)?(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,5}(?:[\s、，]+[\u4e00-\u9fff·]{2,5}){0,5}",)
_DROP = css(
    "div.editor", "div.bianji", "div.share", "div.bdsharebuttonbox", "div.article-share", "div.related",
    "div.article-recommend", "div.tools",
)
_PAGES = css("div.page a", "#page a")
# `央广网北京5月13日消息（总台央广记者张三 李四）…`: the dateline of a cnr story names its reporters,
# sometimes without a 记者 label (`（张三）`).
_DATELINE = re.compile(
    rf"^(?:央广网|中国之声|央广)[{CJK}]{{0,8}}\d{{1,2}}月\d{{1,2}}日(?:消息|电|讯)\s*[（(](?P<inner>[^（）()]{{2,40}})[)）]"
)


class _Cnr(Layout):
    """Meta rules both cnr eras share: the meta block holds a time <span> and a `来源：` <span>, in either order."""

    def get_source(self, doc: HtmlElement) -> str | None:
        text = metaline.labelled(doc, self.source, "来源")
        return f.parse_source(text) if text else None

    def get_published_at(self, doc: HtmlElement) -> str | None:
        for text in metaline.texts(doc, self.time):
            found = f.parse_time(text, self.tz) if re.search(r"(?:19|20)\d{2}", text) else None
            if found:
                return found
        return None

    def extract(self, doc: HtmlElement) -> Fields:
        out = super().extract(doc)
        for line in out.body[:2]:
            m = _DATELINE.match(line)
            if m:
                names = f.parse_reporters(m.group("inner")) or f.split_names(m.group("inner"))
                out.reporters = out.reporters + [n for n in names if n not in out.reporters]
                break
        return out


class Cnr2018(_Cnr):
    """Template since about 2018: `div.article-header h1`, `div.source` (time, 来源), body `div.article-content`."""

    name = "2018"
    detect = css("div.article-header h1", "div.article-content")
    headline = css("div.article-header h1")
    source = css("div.article-header div.source span", "div.article-header div.source")
    time = css("div.article-header div.source span", "div.article-header div.source")
    byline = css("div.article-header div.source span.author")
    body = css("div.article-content div.TRS_Editor", "div.article-content")
    editor = css("div.article-content ~ div.editor", "div.editor", "div.article-body div.editor")
    section = css("div.crumbs a", "div.route a", "div.position a")
    section_skip = Layout.section_skip | {"央广网"}
    drop = _DROP
    pages = _PAGES
    boilerplate = _BOILERPLATE
    credits = _CREDITS


class Cnr2014(_Cnr):
    """Template of about 2012-2018: `div.wh645 p.f24` title, `div.sone` (time, 来源), body `div.TRS_Editor`."""

    name = "2014"
    detect = css("div.wh645 p.f24", "div.sone")
    headline = css("div.wh645 p.f24", "p.f24")
    source = css("div.sone span", "div.sone")
    time = css("div.sone span", "div.sone")
    body = css("div.TRS_Editor", "div.contentText", "#contentText")
    editor = css("div.editor", "div.bianji", "div.wh645 p.editor")
    section = css("div.route a", "div.position a", "div.lh30 a")
    section_skip = Layout.section_skip | {"央广网"}
    drop = _DROP
    pages = _PAGES
    boilerplate = _BOILERPLATE
    credits = _CREDITS


PROFILE = SiteProfile(
    key="cnr",
    site="cnr.cn",
    domains=("cnr.cn",),
    start_urls=(
        "http://news.cnr.cn/native/gd/",  # 国内 滚动
        "http://news.cnr.cn/gjxw/gnews/",  # 国际
        "http://news.cnr.cn/native/city/",  # 地方
        "http://finance.cnr.cn/txcj/",  # 财经
    ),
    # news.cnr.cn/native/gd/20240513/t20240513_526703145.shtml: the number after the date is the story id
    article_url=re.compile(r"cnr\.cn/(?:[\w-]+/)*\d{6,8}/t\d{8}_(?P<key>\d+)(?:_\d+)?\.s?html"),
    article_page_url=re.compile(r"cnr\.cn/(?:[\w-]+/)*\d{6,8}/t\d{8}_(?P<key>\d+)_(?P<page>\d+)\.s?html"),
    listing_links=css("div.articleList div.item h3 a", "div.contentPanel div.item h3 a", "div.lh30 ul li a"),
    listing_next=css("div.page a", "#page a"),
    layouts=(Cnr2018, Cnr2014),
)
