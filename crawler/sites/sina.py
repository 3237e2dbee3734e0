"""sina.com.cn (新浪): doc-… article pages in three templates (2005 tables, 2010 #artibody, 2017 main-title)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.body import element_paragraphs
from crawler.extract.text import CJK, squash
from crawler.sites.base import Layout, SiteProfile, css, first_node

# Ad and app-download lines sina leaves inside the article column.
_BOILERPLATE = (
    r"新浪声明[:：].{0,120}", r"海量资讯、精准解读，尽在新浪财经APP", r"点击进入专题[:：]?.{0,40}",
    r"[【\[]\s*(?:发表评论|关闭窗口|打印|推荐|收藏|我要评论)\s*[】\]](?:\s*[【\[].{0,8}[】\]])*",
    r"新浪(?:新闻|财经)(?:客户端|公众号).{0,40}",
)
# A date/time inside a header cell, with the site URL some templates print before it.
_DATE_TEXT = re.compile(r"(?:https?://\S+\s*)?(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:\d{1,2}[:：]\d{2})?")
# `来源: 尹娟` at the end of a 2005 page: the slot names the writer when it holds a personal name.
_SOURCE_PERSON = re.compile(f"^来\\s*源\\s*[:：]\\s*(?P<name>[{CJK}]{{2,3}})$")
_ORG_END = re.compile(r"(?:报|网|社|刊|台|部|会|局|司|所|院|中心|新闻|财经|时报|周刊|杂志|日报)$")


def split_cms_fonts(node: HtmlElement) -> None:
    """The CMS wraps each pasted paragraph in `font[cms-style]`; several in one <p> are separate lines."""
    for p in node.iter("p"):
        fonts = [c for c in p if c.tag == "font" and c.get("cms-style")]
        if len(fonts) > 1:
            for font in fonts:
                font.tag = "div"


class Sina2017(Layout):
    """Template since about 2017: `h1.main-title`, `div.date-source` (span.date + .source),
    body `#article` (older pages `#artibody`), editor `p.show_author`."""

    name = "2017"
    detect = css("h1.main-title")
    headline = css("h1.main-title")
    time = css("div.date-source span.date", "span.date")
    source = css("div.date-source .source", "div.date-source a")
    editor = css("p.show_author", "p.article-editor", "div.article-editor")
    body = css("#article", "#artibody", "div.article")
    section = css("div.channel-path a", "div.bread a")
    drop = css("p.show_author", "p.article-editor", "div.otherContent_01", "div.appendQr_wrap",
               "div.article-notice", "div.ct_hqimg", "#left_hzh_ad", "div.sina-play", "div.top-ad")
    boilerplate = _BOILERPLATE

    def body_node(self, doc: HtmlElement) -> HtmlElement | None:
        node = super().body_node(doc)
        if node is not None:
            split_cms_fonts(node)
        return node


class Sina2010(Layout):
    """Template of about 2010-2016: `h1#artibodyTitle`, `span.time-source` / `#pub_date` with
    `#media_name` (or `[data-sudaclick=media_name]`), body `#artibody`."""

    name = "2010"
    detect = css("h1#artibodyTitle", "#artibodyTitle")
    headline = css("h1#artibodyTitle", "#artibodyTitle")
    time = css("#pub_date", "span.time-source", "#navtimeSource")
    source = css("#media_name a", "#media_name", "[data-sudaclick=media_name] a", "[data-sudaclick=media_name]")
    editor = css("p.article-editor", "div.article-editor", "#articleContent-editor")
    body = css("#artibody")
    section = css("div.bread a", "#lo_links a", "div.blkBreadcrumbLink a")
    section_skip = Layout.section_skip | {"新浪首页", "新闻中心", "财经首页"}
    drop = css("p.article-editor", "div.article-editor", "div.otherContent_01", "div.ct_hqimg",
               "#left_hzh_ad", "div.sina-play", "div.finance_app_zqtg")
    boilerplate = _BOILERPLATE


class Sina2005(Layout):
    """Table template of about 2003-2008: title in `th.f24`, a centred cell with the site URL,
    date and source, body in `td.l17` (or `font#zoom`)."""

    name = "2005"
    detect = css("th.f24")
    headline = css("th.f24")
    body = css("td.l17 td.l17", "#artibody", "font#zoom", "td.l17")
    section = css("td font a.a02")
    section_skip = Layout.section_skip | {"企业服务首页", "新浪首页", "新闻中心"}
    boilerplate = _BOILERPLATE

    def header_cell(self, doc: HtmlElement) -> str | None:
        """The first table cell after the title that carries a date (`http://… 2005年03月21日 11:21 来源`)."""
        title = first_node(doc, self.headline)
        if title is None:
            return None
        table = title.getparent()
        while table is not None and table.tag != "table":
            table = table.getparent()
        for td in (table.iter("td") if table is not None else ()):
            text = squash(td.text_content())
            if _DATE_TEXT.search(text) and len(text) <= 80:
                return text
        return None

    def get_published_at(self, doc: HtmlElement) -> str | None:
        return f.parse_time(self.header_cell(doc), self.tz)

    def get_source(self, doc: HtmlElement) -> str | None:
        cell = self.header_cell(doc)
        if not cell:
            return None
        labelled = f.parse_source(cell)
        if labelled:
            return labelled
        rest = squash(_DATE_TEXT.sub(" ", cell))
        return rest if rest and len(rest) <= 30 else None

    def get_byline(self, doc: HtmlElement) -> list[str]:
        node = first_node(doc, self.body)
        if node is None:
            return []
        header_source = self.get_source(doc)
        for line in element_paragraphs(node)[-3:]:
            m = _SOURCE_PERSON.match(line)
            if m and m.group("name") != header_source and not _ORG_END.search(m.group("name")):
                return [m.group("name")]
        return []


PROFILE = SiteProfile(
    key="sina",
    site="sina.com.cn",
    domains=("sina.com.cn",),
    start_urls=(
        "https://news.sina.com.cn/china/",  # 国内新闻
        "https://news.sina.com.cn/world/",  # 国际新闻
        "https://news.sina.com.cn/society/",  # 社会新闻
        "https://finance.sina.com.cn/china/",  # 财经 国内
    ),
    # news.sina.com.cn/c/2024-05-10/doc-inausehc2630922.shtml; older …/2014-03-10/080029672345.shtml,
    # and finance.sina.com.cn/stock/t/20100513/09308123456.shtml (date folder without dashes)
    article_url=re.compile(
        r"sina\.com\.cn/(?:[\w-]+/)*?(?:doc-i|\d{4}-\d{2}-\d{2}/|(?:19|20)\d{6}/)(?P<key>[a-z]{4,8}\d{6,8}|\d{5,})\.shtml"
    ),
    listing_links=css(
        "div.feed-card-item h2 a",
        "ul.list_009 li a",
        "div.news-item h2 a",
        "#subShowContent1_static div.news-item h2 a",
    ),
    listing_next=css("span.pagebox_next a", "div.pagebox a.pagebox_next", "a.next"),
    layouts=(Sina2017, Sina2010, Sina2005),
)
