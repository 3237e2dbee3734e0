"""chinadaily.com.cn (中国日报网): the Chinese edition (china./cn.chinadaily) and the English site (www.).

Both editions share the `/a/YYYYMM/DD/WS<24 hex>.html` URLs and the `#Content` body; the title
and meta blocks differ, so each edition is its own layout.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.text import squash
from crawler.sites import metaline
from crawler.sites.base import Layout, SiteProfile, css

_PAGES = css("#div_currpage a", "div.selectpage a", "div.currpage a")
_DROP = css("div.selectpage", "#div_currpage", "div.currpage", "div.moreshare", "#qrcode", "div.fenx")


class ChinaDailyCn(Layout):
    """Chinese edition since about 2018: `h1.dabiaoti`, meta `div.fenx div.xinf-le` (来源, time, 作者),
    body `#Content`, closing `（编辑：A B）` and `【责任编辑：A】` lines inside it."""

    name = "cn"
    detect = css("h1.dabiaoti")
    headline = css("div.container-left2 h1.dabiaoti", "h1.dabiaoti")
    meta = css("div.fenx div.xinf-le", "div.xinf-le", "div.fenx")
    editor = css("#Content div.editor", "div.editor")
    section = css("div.container div.da-bre a", "div.da-bre a")
    body = css("#Content", "div.article")
    drop = _DROP
    pages = _PAGES
    boilerplate = (r"分享(?:到)?", r"关闭", r"更多分享平台")

    def get_source(self, doc: HtmlElement) -> str | None:
        return f.parse_source(metaline.labelled(doc, self.meta, "来源"))

    def get_published_at(self, doc: HtmlElement) -> str | None:
        for text in metaline.texts(doc, self.meta):
            found = f.parse_time(text, self.tz) if re.search(r"\d{4}-\d{1,2}-\d{1,2}", text) else None
            if found:
                return found
        return None

    def get_byline(self, doc: HtmlElement) -> list[str]:
        text = metaline.labelled(doc, self.meta, "作者")
        if not text:
            return []
        return f.parse_reporters(text) or f.split_names(re.sub(r"^.*?作者\s*[:：]", "", text))

    def get_section(self, doc: HtmlElement) -> list[str]:
        return metaline.section_parts(doc, self.section, self.section_skip)


# English meta line: `By Wang Xiaoyu | China Daily | Updated: 2024-05-13 09:08`.
_BY = re.compile(r"^By\s+(?P<names>.+?)(?:\s+(?:in|at)\s+[A-Z][\w .,'-]*)?$")
# Wire credits printed as a byline (`By Xinhua | Updated: ...`): a source, not a reporter.
_AGENCIES = frozenset({"Xinhua", "Reuters", "AFP", "AP", "Bloomberg", "China Daily", "chinadaily.com.cn", "CGTN"})
_TIME_LABEL = re.compile(r"^(?:Updated|Published|Posted)\s*:?\s*", re.I)


class ChinaDailyEn(Layout):
    """English site since about 2017: `div.lft_art h1`, meta `span.info_l` split on `|`, body `#Content`."""

    name = "en"
    detect = css("#lft-art h1", "div.lft_art h1", "h1#Title_e")
    headline = css("#lft-art > h1", "div.lft_art h1", "h1#Title_e")
    meta = css("div.info span.info_l", "span.info_l", "div.arcform")
    section = css("#bread-nav a", "ol.breadcrumb li a")
    section_skip = frozenset({"Home"})
    body = css("#Content")
    drop = _DROP
    pages = _PAGES
    boilerplate = (r"Share", r"CLOSE", r"Share - WeChat", r"\[Photo[^\]]*\]?")

    def _parts(self, doc: HtmlElement) -> list[str]:
        text = next(iter(metaline.texts(doc, self.meta)), "")
        return [squash(p) for p in re.split(r"\s*\|\s*", text) if squash(p)]

    def get_published_at(self, doc: HtmlElement) -> str | None:
        for part in self._parts(doc):
            if re.search(r"\d{4}-\d{1,2}-\d{1,2}", part):
                return f.parse_time(_TIME_LABEL.sub("", part), self.tz)
        return None

    def get_source(self, doc: HtmlElement) -> str | None:
        agency = None
        for part in self._parts(doc):
            m = _BY.match(part)
            if m:
                agency = m.group("names") if m.group("names") in _AGENCIES else None
                continue
            if re.search(r"\d{4}-\d{1,2}-\d{1,2}", part) or _TIME_LABEL.match(part):
                continue
            return part.strip("()（） ") or None
        return agency

    def get_byline(self, doc: HtmlElement) -> list[str]:
        for part in self._parts(doc):
            m = _BY.match(part)
            if m and m.group("names") not in _AGENCIES:
                return f.split_names(m.group("names"))
        return []

    def get_editor(self, doc: HtmlElement) -> list[str]:
        return []  # the English pages print no editor (only <meta name=editor>)

    def get_section(self, doc: HtmlElement) -> list[str]:
        return metaline.section_parts(doc, self.section, self.section_skip)


PROFILE = SiteProfile(
    key="chinadaily",
    site="chinadaily.com.cn",
    domains=("chinadaily.com.cn",),
    start_urls=(
        "https://china.chinadaily.com.cn/5bd5639ca3101a87ca8ff634",  # 中文 评论
        "https://cn.chinadaily.com.cn/yuanchuang/",  # 中文 原创
        "https://www.chinadaily.com.cn/china/society",  # English China / Society
        "https://www.chinadaily.com.cn/world/asia_pacific",  # English World / Asia-Pacific
    ),
    # https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html (pages add `_2`);
    # before 2018: https://www.chinadaily.com.cn/china/2016-05/13/content_25243564.htm
    article_url=re.compile(
        r"chinadaily\.com\.cn/(?:[\w-]+/)*(?:a/\d{6}/\d{2}/|\d{4}-\d{2}/\d{2}/content_)"
        r"(?P<key>WS[0-9a-f]{24}|\d{6,})(?:_\d+)?\.html?"
    ),
    article_page_url=re.compile(
        r"chinadaily\.com\.cn/(?:[\w-]+/)*(?:a/\d{6}/\d{2}/|\d{4}-\d{2}/\d{2}/content_)"
        r"(?P<key>WS[0-9a-f]{24}|\d{6,})_(?P<page>\d+)\.html?"
    ),
    # Chinese lists: `div.busBox3` story cards; English lists: `div.tw3_01_2` / `div.mb10` cards.
    listing_links=css("div.busBox3 h3 a", "div.busBox1 h3 a", "span.tw3_01_2_t h4 a", "div.mb10 h4 a"),
    listing_next=css("#div_currpage a.pagestyle", "div.currpage a.pagestyle", "#div_currpage a"),
    layouts=(ChinaDailyCn, ChinaDailyEn),
)
