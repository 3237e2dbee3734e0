"""southcn.com (南方网): channel listings and the article layout of the 2019 CMS (`h2#article_title`)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.sites import metaline
from crawler.sites.base import Layout, SiteProfile, css

_BOILERPLATE = (r"字号(?:减小|增大)(?:\s*字号(?:减小|增大))?", r"返回南方网首页", r"返回\S{1,10}频道", r"南方网二维码")


class Southcn2019(Layout):
    """Template in use since about 2019: `div.m-article`, meta `#pubtime_baidu`/`#source_baidu`/`#author_baidu`,
    body `#content`, editors in `div.m-editor` (`编辑：A 责任编辑：B`)."""

    name = "2019"
    detect = css("#article_title", "div.m-article")
    headline = css("div.m-article #article_title", "#article_title", "div.m-article h1", "div.m-article h2")
    time = css("#pubtime_baidu", "div.m-article div.meta", "div.m-article div.m-info")
    source = css("#source_baidu", "div.m-article div.meta", "div.m-article div.m-info")
    byline = css("#author_baidu")
    editor = css("div.m-editor", "#editor_baidu")
    section = css("div.m-crm a", "div.m-adr a.j-crm")
    section_skip = frozenset({"首页", "正文", "南方网"})
    body = css("div.m-article #content", "#content", "div.m-article div.content")
    drop = css("div.m-editor", "div.m-rel", "div.m-more", "div.font_change", "#abstract", "div.m-share")
    boilerplate = _BOILERPLATE

    def get_source(self, doc: HtmlElement) -> str | None:
        text = metaline.labelled(doc, self.source, "来源")
        if text is not None:
            return f.parse_source(text)
        bare = metaline.texts(doc, self.source[:1])  # `#source_baidu` printed without its label
        return bare[0] if bare and len(bare[0]) <= 30 else None

    def get_editor(self, doc: HtmlElement) -> list[str]:
        return metaline.editors(metaline.labelled(doc, self.editor, "编辑"))

    def get_section(self, doc: HtmlElement) -> list[str]:
        return metaline.section_parts(doc, self.section, self.section_skip)


PROFILE = SiteProfile(
    key="southcn",
    site="southcn.com",
    domains=("southcn.com",),
    start_urls=(
        "https://news.southcn.com/node_742c1a40f1",  # 新闻 国际新闻
        "https://news.southcn.com/node_179d29f1ce",  # 新闻 国内新闻
        "https://news.southcn.com/node_54a44f01a2",  # 新闻 广东新闻
    ),
    # https://news.southcn.com/node_742c1a40f1/ae7e7ec561.shtml (2019 CMS, hex id) and
    # http://news.southcn.com/china/content/2017-05/13/content_171234567.htm (older CMS).
    article_url=re.compile(
        r"southcn\.com/(?:[\w-]+/)*(?:node_[0-9a-f]+/|content/\d{4}-\d{2}/\d{2}/content_)"
        r"(?P<key>[0-9a-f]{10}|\d{6,})(?:_\d+)?\.s?html?"
    ),
    # Channel node pages: one `div.pw` story card with an `h3 a` headline each.
    listing_links=css("div.m-list div.pw h3 a", "div.j-link h3 a", "ul.m-list li h3 a"),
    listing_next=css("div.m-page a.next", "div.pagination a.next", "#displaypagenum a"),
    layouts=(Southcn2019,),
)
