"""163.com (网易): news.163.com and www.163.com article pages; two templates (2014 and 2020)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.sites.base import Layout, SiteProfile, css, first_text

# Lines that close a 163 article: the 网易号 notice and the `本文来源` slot.
_BOILERPLATE = (
    r"特别声明[:：].{0,120}", r"Notice: The content above.*", r"[（(]?原标题[:：].{0,80}[)）]?",
    r"本文来源[:：].{0,40}",
)


_PTIME = css("#contain[data-ptime]")


class Netease2020(Layout):
    """Template since about 2020, shared by 网易号 (/dy/article/) and newsroom articles:
    `h1.post_title`, `div.post_info` (time + 来源), body `div.post_body`, editor in
    `div.post_author` (newsroom) or `div.creative_statement` (网易号)."""

    name = "2020"
    detect = css("div.post_main h1.post_title", "h1.post_title")
    headline = css("h1.post_title")
    time = css("div.post_info")
    source = css("div.post_info")
    editor = css("div.post_author", "div.creative_statement", "span.ep-editor")
    body = css("div.post_body", "#content div.post_text", "#endText")
    section = css("div.post_crumb > a:not(.to_reg)")
    section_skip = Layout.section_skip | {"网易首页", "网易新闻"}
    drop = css("div.post_statement", "div.post_author", "div.creative_statement", "div.post_top",
               "div.post_next", "div.post_end", "div.post_tags")
    boilerplate = _BOILERPLATE

    def get_source(self, doc: HtmlElement) -> str | None:
        # `2024-05-13 09:16:04　来源: 北青网-北京青年报 北京 举报` -> `北青网-北京青年报`
        return f.parse_source(first_text(doc, self.source))

    def get_published_at(self, doc: HtmlElement) -> str | None:
        found = super().get_published_at(doc)
        if found:
            return found
        # `#contain[data-ptime]` carries the same time when the info line is missing.
        for node in _PTIME[0](doc):
            return f.parse_time(node.get("data-ptime"), self.tz)
        return None


class Netease2014(Layout):
    """Template of about 2010-2019: `#epContentLeft h1` (or `h1#h1title`), `div.post_time_source`,
    body `#endText`, `div.ep-source` with 本文来源 and `span.ep-editor`."""

    name = "2014"
    detect = css("#epContentLeft h1", "div.post_content_main h1", "h1#h1title")
    headline = css("#epContentLeft h1", "div.post_content_main h1", "h1#h1title")
    time = css("div.post_time_source", "div.ep-time-soure", "div.ep-time-source")
    source = css("#ne_article_source", "div.post_time_source", "div.ep-time-soure")
    editor = css("span.ep-editor", "div.ep-source")
    body = css("#endText", "div.post_text", "div.post_body")
    section = css("div.post_crumb a", "span.ep-crumb a", "div.ep-crumb a")
    section_skip = Layout.section_skip | {"网易首页", "网易新闻"}
    drop = css("div.ep-source", "p.otitle", "div.gg200x300", "div.ep-share-top", "div.post_btmshare")
    boilerplate = _BOILERPLATE

    def get_source(self, doc: HtmlElement) -> str | None:
        text = first_text(doc, self.source)
        if text and "来源" not in text:
            return text  # the bare `#ne_article_source` link
        return f.parse_source(text)


PROFILE = SiteProfile(
    key="netease",
    site="163.com",
    domains=("163.com",),
    start_urls=(
        "https://news.163.com/latest/",  # 最新滚动新闻
        "https://news.163.com/domestic/",  # 国内
        "https://news.163.com/world/",  # 国际
        "https://money.163.com/",  # 财经
    ),
    # news.163.com/20/0816/22/<id>.html, www.163.com/dy/article/<id>.html, www.163.com/news/article/<id>.html
    article_url=re.compile(
        r"163\.com/(?:(?:[a-z]+/)?article|\d{2}/\d{4}/\d{2})/(?P<key>[0-9A-Z]{16})\.html"
    ),
    listing_links=css(
        "#instantPanel ul.list_txt li > a:not(.cBlue)",
        "div.news_article div.news_title h3 a",
        "ul.newsList li a.title",
    ),
    listing_next=css("div.bar_pages a.bar_pages_flip", "div.post_page a.page_next"),
    layouts=(Netease2020, Netease2014),
)
