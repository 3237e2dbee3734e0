"""gmw.cn (光明网): channel listings and two article layouts (2017 and 2024 templates)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.sites.base import Layout, SiteProfile, css

# <!--enpproperty <articleid>…</articleid><date>2024-05-13 08:49:21.0</date>…/enpproperty-->
_ENP_DATE = re.compile(r"<date>([^<]+)</date>")
_PAGES = css("#displaypagenum a", ".pageNum a", "center.pageNum a")
# Share prompts and the mood vote that sit inside the gmw article column.
_GMW_BOILERPLATE = (r"\[?\s*责编[:：].{0,20}\]?", r"\[\s*", r"\]")


def enp_date(doc: HtmlElement, tz) -> str | None:
    for comment in doc.iter(tag=_comment_tag()):
        text = comment.text or ""
        if "enpproperty" in text:
            m = _ENP_DATE.search(text)
            return f.parse_time(m.group(1), tz) if m else None
    return None


def _comment_tag():
    from lxml import etree

    return etree.Comment


class Gmw2024(Layout):
    """Template in use since about 2019: `div.m-title-box`, body in `#article_inbox div.u-mainText`."""

    name = "2024"
    detect = css("div.m-title-box h1.u-title")
    headline = css("div.m-title-box h1.u-title")
    source = css("span.m-con-source")
    time = css("span.m-con-time")
    body = css("#article_inbox div.u-mainText", "div.u-mainText")
    editor = css("div.m-zbTool.liability", "span.liability")
    section = css("div.g-crumbs a")
    drop = css(
        "div.m-zbTool", "div.u-moreText", "#MultiAttachPh", "#PicUrlPh", "#SubtitlePh", "div.m-player_box",
        "#displaypagenum", ".pageNum", "div.u-QRcode", "div.m-relate",
    )
    pages = _PAGES
    boilerplate = _GMW_BOILERPLATE

    def get_published_at(self, doc: HtmlElement) -> str | None:
        return super().get_published_at(doc) or enp_date(doc, self.tz)


class Gmw2017(Layout):
    """Template of about 2014-2019: `h1#articleTitle`, `#contentMsg`, body `#contentMain`."""

    name = "2017"
    detect = css("h1#articleTitle")
    headline = css("h1#articleTitle")
    source = css("#contentMsg #source", "#source")
    time = css("#contentMsg #pubTime", "#pubTime")
    byline = css("#contentMsg #author")
    body = css("#contentMain")
    editor = css("#contentLiability")
    section = css("#contentBreadcrumbs2 a", "#contentBreadcrumbs a")
    drop = css("#contentLiability", "#displaypagenum", ".pageNum", "#contentMsg_baidu")
    pages = _PAGES
    boilerplate = _GMW_BOILERPLATE

    def get_published_at(self, doc: HtmlElement) -> str | None:
        return super().get_published_at(doc) or enp_date(doc, self.tz)


PROFILE = SiteProfile(
    key="gmw",
    site="gmw.cn",
    domains=("gmw.cn",),
    start_urls=(
        "https://politics.gmw.cn/node_9844.htm",  # 时政 要闻
        "https://news.gmw.cn/node_4108.htm",  # 新闻 国内
        "https://gx.gmw.cn/node_7661.htm",  # 地方频道-广西 要闻
        "https://guancha.gmw.cn/node_7292.htm",  # 光明时评
    ),
    article_url=re.compile(r"gmw\.cn/\d{4}-\d{2}/\d{2}/content_(?P<key>\d+)(?:_\d+)?\.htm"),
    article_page_url=re.compile(r"gmw\.cn/\d{4}-\d{2}/\d{2}/content_(?P<key>\d+)_(?P<page>\d+)\.htm"),
    listing_links=css(
        "ul.channel-newsGroup > li span.channel-newsTitle > a",
        "div.each_news h3 a",
        ".content_left_main li .main_title > a",
    ),
    listing_next=css("#displaypagenum a", "div.pageNum a", ".page a"),
    layouts=(Gmw2024, Gmw2017),
)
