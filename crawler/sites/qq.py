"""qq.com (腾讯): new.qq.com article pages (2020 and 2024 templates) and the 2016 news/tech.qq.com/a/ pages."""

from __future__ import annotations

import json
import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.body import element_paragraphs
from crawler.extract.text import CJK, squash
from crawler.sites.base import Layout, SiteProfile, css, first_node, first_text

_BOILERPLATE = (
    r"免责声明[:：]本内容来自腾讯平台创作者.{0,60}", r"精彩视频推荐", r"转播到腾讯微博", r"我要分享",
    r"[【\[].{0,40}(?:权益归腾讯公司独家所有|未经授权，?不得转载).{0,30}[】\]]",
    r"[\[【]?\s*责任编辑\s*[:：].{0,30}[\]】]?", r"腾讯新闻出品.{0,20}", r"扫码下载腾讯新闻.{0,20}",
)
# `window.DATA = {...}`: the article metadata every new.qq.com page embeds.
_DATA_ITEM = re.compile(r'"(?P<k>media|pubtime)"\s*:\s*"(?P<v>(?:[^"\\]|\\.)*)"')
# `…上。（编译/林靖东）` closing the last paragraph.
_ROLE_CREDIT = re.compile(
    f"[（(]\\s*(?:编译|记者|作者|文|撰文|整理)\\s*[/／:：|｜]\\s*(?P<names>[{CJK}·、\\s]{{2,30}})\\s*[)）]\\s*$"
)


def page_data(doc: HtmlElement) -> dict[str, str]:
    """`media` and `pubtime` from the page's `window.DATA` script."""
    out: dict[str, str] = {}
    for script in doc.iter("script"):
        text = script.text or ""
        if "window.DATA" not in text:
            continue
        for m in _DATA_ITEM.finditer(text):
            out.setdefault(m.group("k"), json.loads(f'"{m.group("v")}"'))
        break
    return out


class QqRain(Layout):
    """Shared field rules of the new.qq.com templates: `window.DATA` as the fallback for source and time."""

    boilerplate = _BOILERPLATE

    def get_source(self, doc: HtmlElement) -> str | None:
        return super().get_source(doc) or page_data(doc).get("media") or None

    def get_published_at(self, doc: HtmlElement) -> str | None:
        return super().get_published_at(doc) or f.parse_time(page_data(doc).get("pubtime"), self.tz)


class Qq2024(QqRain):
    """Template since about 2023 (new.qq.com/rain/a/): `div.content-article > h1`, account block
    `#article-author` (p.media-name, p.media-meta time), body `#ArticleContent`."""

    name = "2024"
    detect = css("#ArticleContent")
    headline = css("div.content-article > h1", "div.content-article h1", "h1")
    source = css("#article-author p.media-name", "div.media-info p.media-name")
    time = css("#article-author p.media-meta span", "p.media-meta span")
    body = css("#ArticleContent div.article-content-wrap", "#ArticleContent")
    drop = css("div.image-carousel", "#Status", "div.article-status", "#ArticleBottom")


class Qq2020(QqRain):
    """Template of about 2018-2022 (new.qq.com/omn/…, rain/a/…): `div.LEFT > h1`, body
    `div.content-article` of `p.one-p`, time in `div.left-stick-wp`, metadata in `window.DATA`."""

    name = "2020"
    detect = css("div.LEFT div.content-article", "div.content-article p.one-p")
    headline = css("div.LEFT > h1", "div.LEFT h1")
    source = css("div.LEFT a.author", "div.left-stick-wp a.author", "span.author-name")
    body = css("div.content-article")
    drop = css("#LeftTool", "div.left-stick-wp", "div.video-box", "div.statement")

    def get_published_at(self, doc: HtmlElement) -> str | None:
        # `<div class="year"><span>2020</span></div><div class="md">07/04</div><div class="time">12:30:00</div>`
        year = first_text(doc, css("div.left-stick-wp div.year"))
        md = first_text(doc, css("div.left-stick-wp div.md"))
        hm = first_text(doc, css("div.left-stick-wp div.time"))
        if year and md:
            found = f.parse_time(f"{year}-{md.replace('/', '-')} {hm or ''}", self.tz)
            if found:
                return found
        return f.parse_time(page_data(doc).get("pubtime"), self.tz)


class Qq2016(Layout):
    """Template of about 2010-2018 (news.qq.com/a/…, tech.qq.com/a/…): `#C-Main-Article-QQ h1`,
    `span.where` / `span.a_source`, `span.pubTime` / `span.a_time`, body `#Cnt-Main-Article-QQ`,
    editor `div.QQeditor`."""

    name = "2016"
    detect = css("#Cnt-Main-Article-QQ", "#C-Main-Article-QQ")
    headline = css("#C-Main-Article-QQ div.hd h1", "div.qq_article div.hd h1", "#C-Main-Article-QQ h1")
    source = css("span.where", "span.a_source", "span.color-a-1")
    time = css("span.pubTime", "span.a_time", "span.article-time")
    byline = css("span.auth", "span.a_author", "span.color-a-3")
    editor = css("div.QQeditor", "div.qq_editor", "#QQeditor")
    body = css("#Cnt-Main-Article-QQ")
    section = css("span.a_catalog a", "span.color-a-0 a", "div.crumbs a")
    drop = css("div.mbArticleSharePic", "div.rv-root-v2", "#tipsWBzf", "div.QQeditor", "div.qq_editor",
               "#vote", "div.ad-box", "div.shareBtn", "div.videoPlayerWrap")
    boilerplate = _BOILERPLATE

    def get_byline(self, doc: HtmlElement) -> list[str]:
        names = super().get_byline(doc)
        node = first_node(doc, self.body)
        if names or node is None:
            return names
        lines = element_paragraphs(node)
        for line in reversed(lines[-10:]):  # widgets may follow the last paragraph
            m = _ROLE_CREDIT.search(line)
            if m:
                return f.split_names(squash(m.group("names")))
        return []


PROFILE = SiteProfile(
    key="qq",
    site="qq.com",
    domains=("qq.com",),
    start_urls=(
        "https://news.qq.com/",  # 新闻 要闻
        "https://new.qq.com/ch/world/",  # 国际
        "https://new.qq.com/ch/finance/",  # 财经
        "https://new.qq.com/ch/tech/",  # 科技
    ),
    # new.qq.com/rain/a/20240513A00GCM00, new.qq.com/omn/20200704/20200704A04HVX00.html,
    # tech.qq.com/a/20161014/006270.htm (key 20161014/006270)
    article_url=re.compile(
        r"qq\.com/(?:rain/a/|omn/(?:\d{8}/)?|a/)(?P<key>\d{8}[A-Z]\w{5,9}|\d{8}/\d{6})(?:\.html?)?(?:$|[?#])"
    ),
    listing_links=css(
        "#List ul.list li.item div.detail h3 a",
        "ul.list li.item div.detail h3 a",
        "div.channel_mod ul.list li h3 a",
        "div.Q-tpList em.f14 a",
    ),
    listing_next=css("div.pageNav a.next", "#pageArea a.next"),
    layouts=(Qq2024, Qq2020, Qq2016),
)
