"""cctv.com (央视网, news.cctv.com): channel listings and two article layouts (2012 and 2019 templates)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.sites.base import Layout, SiteProfile, css, first_text

# `编辑：孟晓川 责任编辑：刘思远`: one line, two roles; split before each role so both names are read.
_ROLE = re.compile(r"\s*(?=(?:责任编辑|编辑|责编|值班编辑)\s*[:：])")

# Lines the cctv article column carries that are not article text.
_BOILERPLATE = (
    r"[【\[]?\s*(?:编辑|责任编辑)\s*[:：].{0,30}",
    r"分享到[:：]?",
    r"(?:打开|下载)央视新闻客户端.{0,20}",
    r"央视新闻客户端下载",
    r"更多精彩[，,]?请下载.{0,20}",
    r"(?:扫一扫|扫码).{0,20}",
)
_DROP = css(
    "div.zebian", "div.function", "div.share", "div.bdsharebuttonbox", "div.erweima", "div.video",
    "div.related", "div.cnt_nav", "div.o-tit", "#page_bottom",
)


def editors(text: str | None) -> list[str]:
    names: list[str] = []
    for part in _ROLE.split(text or ""):
        names += [n for n in f.parse_editors(part) if n not in names]
    return names


# `央视网 | 2024年05月13日 19:30`: the publisher printed before the time without a 来源 label.
_UNLABELLED = re.compile(r"^(?P<src>[^|｜\d]{2,20}?)\s*[|｜]")


class _Cctv(Layout):
    def get_editor(self, doc: HtmlElement) -> list[str]:
        return editors(first_text(doc, self.editor))

    def get_source(self, doc: HtmlElement) -> str | None:
        text = first_text(doc, self.source)
        if not text:
            return None
        m = _UNLABELLED.match(text)
        return f.parse_source(text) or (m.group("src").strip() if m else None)


_PAGES = css("#page_body div.page a", "div.cnt_bd div.page a")


class Cctv2019(_Cctv):
    """Template since about 2019: `div.title_area h1`, `div.info1` (来源 | time), body `#content_area`."""

    name = "2019"
    detect = css("div.title_area h1", "#content_area")
    headline = css("div.title_area h1", "div.title_area h2")
    source = css("div.title_area div.info1", "div.title_area div.info")
    time = css("div.title_area div.info1", "div.title_area div.info")
    body = css("#content_area", "div.content_area")
    editor = css("div.zebian")
    section = css("div.nav_daohang a", "div.crumbs a")
    section_skip = Layout.section_skip | {"央视网", "新闻频道"}
    drop = _DROP
    pages = _PAGES
    boilerplate = _BOILERPLATE


class Cctv2012(_Cctv):
    """Template of about 2012-2019 (cntv.cn, news.cctv.com): `div.cnt_bd` holds h1, `span.info` and the text."""

    name = "2012"
    detect = css("div.cnt_bd h1")
    headline = css("div.cnt_bd h1")
    source = css("div.cnt_bd > div.function span.info", "div.cnt_bd span.info", "div.cnt_bd div.info")
    time = css("div.cnt_bd > div.function span.info", "div.cnt_bd span.info", "div.cnt_bd div.info")
    body = css("div.cnt_bd")
    editor = css("#page_bottom span.info", "div.cnt_bd ~ div.function span.info", "div.zebian", "div.cnt_bd div.bianji")
    section = css("div.cnt_nav a", "div.nav_daohang a")
    section_skip = Layout.section_skip | {"央视网", "新闻频道"}
    drop = _DROP + css("h1", "span.info", "div.bianji")
    pages = _PAGES
    boilerplate = _BOILERPLATE


PROFILE = SiteProfile(
    key="cctv",
    site="cctv.com",
    domains=("cctv.com", "cntv.cn"),
    start_urls=(
        "https://news.cctv.com/china/",  # 国内
        "https://news.cctv.com/world/",  # 国际
        "https://news.cctv.com/society/",  # 社会
        "https://news.cctv.com/law/",  # 法治
    ),
    # news.cctv.com/2024/05/13/ARTIbVtTn2Kq6zWkV3fOQZYk240513.shtml (text; the id is stable), tv.cctv.com/…/VIDE….shtml
    # (video pages), photo.cctv.com/…/PHOA….shtml (galleries); before 2010 news.cctv.com/china/20090513/100123.shtml.
    article_url=re.compile(
        r"(?:cctv\.com|cntv\.cn)/(?:\d{4}/\d{2}/\d{2}/|(?:[a-z]+/)?(?=\d{8}/))"
        r"(?P<key>(?:ARTI|VIDE|PHOA)[0-9A-Za-z]+?|\d{8}/\d{6,})(?:_\d+)?\.shtml"
    ),
    article_page_url=re.compile(r"(?:cctv\.com|cntv\.cn)/\d{4}/\d{2}/\d{2}/(?P<key>ARTI[0-9A-Za-z]+)_(?P<page>\d+)\.shtml"),
    listing_links=css("#newslist li h3.title a", "ul#newslist li h3 a", "div.col_w660 ul li h3 a"),
    listing_next=css("div.page a", "#page a"),
    layouts=(Cctv2019, Cctv2012),
)
