"""news.cn / xinhuanet.com (新华网): channel listings and three article layouts (2012, 2016, 2021)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.text import squash
from crawler.sites.base import Layout, SiteProfile, css, first_node, first_text

# Widgets printed inside or right under the xinhua article text.
_BOILERPLATE = (
    r"[【\[]\s*纠错\s*[】\]]",
    r"[【\[]?\s*责任编辑\s*[:：].{0,20}",
    r"阅读下一篇[:：]?.{0,40}",
    r"字体[:：]\s*小\s*中\s*大",
    r"(?:新华社|新华网)?记者",  # a byline left alone on its own line
    r"(?:Play Video|\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2})",  # video player controls
)
# `新华社记者 张三 李四` on its own line (the byline of a 新华全媒头条): names read as reporters.
_CREDITS = (r"新华社记者\s*[\u4e00-\u9fff·]{2,5}(?:[\s、，]+[\u4e00-\u9fff·]{2,5}){0,5}",)
_DROP = css(
    "#articleEdit", "span.tiyi1", "div.tiyi01", "span.editor", "div.nextpage", "div.relatedNews",
    "div.p-tags", "div.zan-wap", "div.fenxiang", "#fontsize", "#wxpic", "#wxtitle", "[id^=DH-PLAYERID]",
    "div.bookList", "div.page-Article", "#div_currpage",
)
_PAGES = css("#div_currpage a", "div.page-Article a", "center.page a")


class Xinhua2021(Layout):
    """Template since about 2021 on news.cn: `div.header-time`, `div.source`, `h1 span.title`, body `#detail`."""

    name = "2021"
    detect = css("div.head-line h1", "div.header-time", "div.mheader h1")
    headline = css("div.head-line h1 span.title", "div.head-line h1", "div.mheader h1 span.title", "div.mheader h1")
    source = css("div.header-cont div.source", "div.mheader div.info span", "div.source")
    time = css("div.mheader div.info", "div.header-time")
    body = css("#detail #detailContent", "#detail")
    editor = css("#articleEdit span.editor", "#articleEdit", "span.editor")
    section = css("div.header-nav a.curColumn", "div.header-nav a")
    section_skip = Layout.section_skip | {"新华网"}
    drop = _DROP
    pages = _PAGES
    boilerplate = _BOILERPLATE
    credits = _CREDITS

    def get_published_at(self, doc: HtmlElement) -> str | None:
        # The PC header splits the time: <span class=year><em>2024</em></span> <span class=day>05/09</span> <span
        # class=time>22:27:02</span>; the mobile header prints it whole.
        found = f.parse_time(first_text(doc, css("div.mheader div.info")), self.tz)
        if found:
            return found
        box = first_node(doc, css("div.header-time"))
        if box is None:
            return None
        parts = [squash(n.text_content()) for c in ("year", "day", "time") for n in box.find_class(c)[:1]]
        if len(parts) == 3:
            return f.parse_time(f"{parts[0]}/{parts[1]} {parts[2]}", self.tz)
        return f.parse_time(squash(box.text_content()), self.tz)


class Xinhua2016(Layout):
    """Template of about 2016-2021 on xinhuanet.com: `div.h-title`, `span.h-time`, `em#source`, body `#p-detail`."""

    name = "2016"
    detect = css("div.h-title", "#p-detail")
    headline = css("div.h-news div.h-title", "div.h-title", "h1")
    source = css("div.h-info em#source", "em#source", "div.h-info span.aticle-src", "div.h-info")
    time = css("div.h-info span.h-time", "span.h-time", "div.h-info")
    body = css("#p-detail div.main-aticle", "#p-detail")
    editor = css("#p-detail span.editor", "span.editor", "span.p-jc", "div.p-jc")
    section = css("div.news-position a", "div.h-p3 a", "div.con_path a")
    section_skip = Layout.section_skip | {"新华网"}
    drop = _DROP + css("span.p-jc", "div.p-jc", "div.lb-tools")
    pages = _PAGES
    boilerplate = _BOILERPLATE
    credits = _CREDITS


class Xinhua2012(Layout):
    """Template of about 2010-2016 on xinhuanet.com: `h1#title`, `span#pubtime`, `span#source`, body `#content`."""

    name = "2012"
    detect = css("#pubtime", "h1#title", "#Title")
    headline = css("h1#title", "#title", "#Title")
    source = css("span#source", "#source")
    time = css("#pubtime")
    body = css("#content", "div.article", "#Content", "#Zoom")
    editor = css("#content span.editor", "span.editor", "div.editor", "#editor")
    section = css("#bcrumb a", "div.position a", "div.nav_position a")
    section_skip = Layout.section_skip | {"新华网"}
    drop = _DROP + css("div.editor", "#editor", "#xhwpl", "div.xgxw")
    pages = _PAGES
    boilerplate = _BOILERPLATE
    credits = _CREDITS


PROFILE = SiteProfile(
    key="xinhua",
    site="news.cn",
    domains=("news.cn", "xinhuanet.com"),
    start_urls=(
        "http://www.news.cn/politics/",  # 时政
        "http://www.news.cn/politics/leaders/",  # 高层
        "http://www.news.cn/world/",  # 国际
        "http://www.news.cn/fortune/",  # 财经
        "http://www.news.cn/local/",  # 地方
    ),
    # /politics/leaders/20240509/3dd6e33c…/c.html (since 2021), /fortune/2023-11/17/c_1129981476.htm (2010-2021),
    # /newscenter/2008-05/13/content_8156789.htm (before 2010)
    article_url=re.compile(
        r"(?:news\.cn|xinhuanet\.com)/(?:[\w-]+/)*?(?:\d{8}/|\d{4}-\d{2}/\d{2}/(?:c|content)_)"
        r"(?P<key>[0-9a-f]{32}(?=/c\.html)|\d{6,}(?=(?:_\d+)?\.htm))"
    ),
    article_page_url=re.compile(
        r"(?:news\.cn|xinhuanet\.com)/(?:[\w-]+/)*?\d{4}-\d{2}/\d{2}/(?:c|content)_(?P<key>\d+)_(?P<page>\d+)\.htm"
    ),
    listing_links=css(
        "#content-list div.item div.tit a",
        "div.column-center-item div.tit a",
        "ul.dataList li h3 a",
        "div.list li div.tit a",
        "ul#showData0 li h3 a",
    ),
    listing_next=css("#pagination a", "div.xpage-content a"),
    layouts=(Xinhua2021, Xinhua2016, Xinhua2012),
)
