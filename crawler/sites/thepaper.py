"""thepaper.cn (澎湃新闻): newsDetail_forward_ article pages, 2022 (Next.js) and 2014 templates.

The 2022 template hashes its class names (`index_title__B8mhI`): selectors match the stable prefix.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.text import squash
from crawler.sites.base import Fields, Layout, Selector, SiteProfile, css

_BOILERPLATE = (
    r"澎湃新闻报料[:：].{0,60}", r"澎湃新闻，未经授权不得转载.{0,20}", r"特别声明\s*[:：]?",
    r"(?:图片|图|题图)(?:来源|编辑)\s*[:：].{0,30}", r"下载澎湃新闻客户端.{0,20}", r"扫码下载.{0,20}",
)
_CREDITS = (r"(?:责任编辑|校对|图片编辑|实习编辑)\s*[:：].{0,40}",)
# The 澎湃号 footer is longer than a boilerplate line may be: `特别声明：本文为澎湃号作者或机构在澎湃新闻上传并发布，…`.
_STATEMENT = re.compile(r"^(?:特别声明\s*[:：]?\s*)?本文为澎湃号作者或机构在澎湃新闻上传并发布")
_BYLINE_2022 = css("[class*=index_headerContent__] [class*=index_top__]")
_TIME = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}\s+\d{1,2}:\d{2}")


def meta_texts(doc: HtmlElement, selectors: tuple[Selector, ...]) -> list[str]:
    """The texts of the small meta items under the headline (byline, time, 来源)."""
    out: list[str] = []
    for select in selectors:
        for node in select(doc):
            text = squash(node.text_content())
            if text and len(text) <= 60 and text not in out:
                out.append(text)
    return out


class ThePaperMeta(Layout):
    """Meta rules shared by both templates: one block holding `澎湃新闻记者 X`, the time and `来源：Y`."""

    meta: tuple[Selector, ...] = ()
    boilerplate = _BOILERPLATE
    credits = _CREDITS

    def extract(self, doc: HtmlElement) -> Fields:
        out = super().extract(doc)
        out.body = [line for line in out.body if not _STATEMENT.match(line)]
        return out

    def get_published_at(self, doc: HtmlElement) -> str | None:
        for text in meta_texts(doc, self.meta):
            if _TIME.search(text):
                return f.parse_time(text, self.tz)
        return None

    def get_source(self, doc: HtmlElement) -> str | None:
        for text in meta_texts(doc, self.meta):
            found = f.parse_source(text)
            if found:
                return found
        return None

    def get_byline(self, doc: HtmlElement) -> list[str]:
        for text in meta_texts(doc, self.meta):
            if "来源" in text or _TIME.search(text):
                continue
            names = f.parse_reporters(text)
            if names:
                return names
        return []


class ThePaper2022(ThePaperMeta):
    """Next.js template since 2022: `h1.index_title__…`, meta in `div.index_headerContent__…`
    (ant-space items), body `div.index_cententWrap__…` (sic), editors in `index_editor` lines."""

    name = "2022"
    detect = css("[class*=index_cententWrap__]", "h1[class*=index_title__]")
    headline = css("h1[class*=index_title__]", "[class*=index_headerContent__] h1")
    meta = css("[class*=index_headerContent__] .ant-space-item span",
               "[class*=index_headerContent__] [class*=index_top__]",
               "[class*=index_headerContent__] .ant-space-item")
    editor = css("[class*=index_editor]")
    body = css("[class*=index_cententWrap__]")
    section = css("[class*=index_crumbs__] a", "[class*=index_breadcrumb] a")
    section_skip = Layout.section_skip | {"澎湃新闻", "澎湃首页"}
    drop = css("[class*=index_editor]", "[class*=index_statement]", "[class*=index_audio]")

    def get_byline(self, doc: HtmlElement) -> list[str]:
        found = meta_texts(doc, _BYLINE_2022)
        names = f.parse_reporters(found[0]) if found else []
        return names or super().get_byline(doc)


class ThePaper2014(ThePaperMeta):
    """Template of 2014-2022: `h1.news_title`, `div.news_about` (byline <p>, then time and
    `来源：` span), body `div.news_txt`, editors in `div.news_editor`."""

    name = "2014"
    detect = css("div.news_txt", "h1.news_title")
    headline = css("h1.news_title", "div.newscontent h1")
    meta = css("div.news_about span", "div.news_about p")
    editor = css("div.news_editor", "p.news_editor")
    body = css("div.news_txt")
    section = css("div.news_path a", "div.newsdetail_position a")
    section_skip = Layout.section_skip | {"澎湃新闻", "澎湃首页"}
    drop = css("div.news_editor", "div.news_imgad", "div.news_love")


PROFILE = SiteProfile(
    key="thepaper",
    site="thepaper.cn",
    domains=("thepaper.cn",),
    start_urls=(
        "https://www.thepaper.cn/channel_25950",  # 时事
        "https://www.thepaper.cn/channel_25951",  # 财经
        "https://www.thepaper.cn/channel_25952",  # 澎湃思想
        "https://www.thepaper.cn/list_25462",  # 中国政库
    ),
    # www.thepaper.cn/newsDetail_forward_27351234; on mobile m.thepaper.cn/detail/27351234, the 澎湃号 shape
    # m.thepaper.cn/baijiahao_27351234 and the old m.thepaper.cn/kuaibao_detail.jsp?contid=27351234.
    article_url=re.compile(r"thepaper\.cn/(?:newsDetail_forward_|detail/|baijiahao_|\w+\.jsp\?(?:\S*&)?contid=)(?P<key>\d{5,})"),
    listing_links=css(
        "[class*=index_listcontent__] h2 a[href*=newsDetail_forward_]",
        "[class*=small_cardcontent__] a[href*=newsDetail_forward_]",
        "div.news_li h2 a",
    ),
    listing_next=css("div.pagination a.next", "a[class*=index_next]"),
    layouts=(ThePaper2022, ThePaper2014),
)
