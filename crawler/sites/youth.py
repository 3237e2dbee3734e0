"""youth.cn (中国青年网): channel listings and two TRS article layouts (2017 and 2024 templates)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.sites import metaline
from crawler.sites.base import Layout, SiteProfile, css

# The TRS pager is written by a script: `var countPage = 3` and links to `t20240513_15249693_1.htm`.
_COUNT_PAGE = re.compile(r"var\s+countPage\s*=\s*(\d+)")
_CURRENT_PAGE = re.compile(r"var\s+currentPage\s*=\s*(\d+)")
_PAGE_STEM = re.compile(r"(t\d{8}_\d+)(?:_\d+)?\.htm")
_SCRIPTS = css("script")[0]

# Closing credit of 中国青年报 stories: `中青报·中青网记者 魏其濛 来源：中国青年报`.
_YOUTH_CREDITS = (
    r"[(（]?\s*(?:中青报|中国青年报)\s*[·•]\s*(?:中青网|中国青年网)\s*(?:见习|实习|特约)?(?:记者|通讯员|实习生)[^。，！？]{0,60}",
    r"[(（]?\s*(?:中国青年网|中青网|中青在线)\s*(?:见习|实习|特约)?(?:记者|通讯员)\s*[^\s。，！？]{2,4}(?:\s[^。，！？]{0,30})?",
)
_YOUTH_BOILERPLATE = (r"返回首页\s*>*", r"首页\s*\|?\s*上一页.{0,40}尾页", r"还没有评论.{0,20}")
_EDITOR = css("#editor_baidu", "div.rdwz_fh")


class YouthPager(Layout):
    """Shared by both eras: page links come from the pager script, not from <a> tags."""

    def page_links(self, doc: HtmlElement) -> list[str]:
        for script in _SCRIPTS(doc):
            text = script.text or ""
            count = _COUNT_PAGE.search(text)
            stem = _PAGE_STEM.search(text)
            if not count or not stem:
                continue
            current = _CURRENT_PAGE.search(text)
            if current and int(current.group(1)) != 0:
                return []  # a continuation page: page 1 lists the others
            return [f"{stem.group(1)}_{n}.htm" for n in range(1, int(count.group(1)))]
        return []

    def get_editor(self, doc: HtmlElement) -> list[str]:
        return metaline.editors(metaline.labelled(doc, self.editor, "编辑"))


class Youth2024(YouthPager):
    """Template of about 2018 on: `div.page_bt` with `p.pbt` title and `p.pwz` meta, body `div.page_text`."""

    name = "2024"
    detect = css("div.page_bt p.pbt", "p.pbt")
    headline = css("div.page_bt p.pbt", "p.pbt")
    time = css("div.page_bt p.pwz", "p.pwz", "#pubtime_baidu")
    source = css("#source_baidu", "div.page_bt p.pwz", "p.pwz")
    byline = css("#author_baidu")
    editor = _EDITOR
    section = css("span.lm_mc a")
    body = css("div.page_text div.TRS_Editor", "div.page_text", "div.page_nr")
    drop = css("div.rdwz_fh", "div.fy", "div.rdwz", "div.page_fx")
    credits = _YOUTH_CREDITS
    boilerplate = _YOUTH_BOILERPLATE


class Youth2017(YouthPager):
    """Template of about 2014-2018: `div.l_tit` title, `div.l_time` meta, body `#container div.TRS_Editor`."""

    name = "2017"
    detect = css("div.l_tit")
    headline = css("div.main_l div.l_tit", "div.l_tit")
    time = css("#pubtime_baidu", "div.l_time")
    source = css("#source_baidu", "div.l_time")
    byline = css("#author_baidu")
    editor = _EDITOR
    section = css("span.hd_meun_jk1 a", "div.hd_meun a")
    body = css("#container div.TRS_Editor", "#container", "div.article div.TRS_Editor", "div.article")
    drop = css("div.rdwz", "div.rdwz_fh", "div.laiyuan", "ul.tj2_1")
    credits = _YOUTH_CREDITS
    boilerplate = _YOUTH_BOILERPLATE


PROFILE = SiteProfile(
    key="youth",
    site="youth.cn",
    domains=("youth.cn",),
    start_urls=(
        "https://news.youth.cn/gn/",  # 新闻 国内
        "https://news.youth.cn/gj/",  # 新闻 国际
        "https://news.youth.cn/sh/",  # 新闻 社会
        "https://edu.youth.cn/jyzx/jyxw/",  # 教育 教育新闻
    ),
    # https://news.youth.cn/gn/202405/t20240513_15249693.htm (continuations add `_1`, `_2`)
    article_url=re.compile(r"youth\.cn/(?:[\w-]+/)*\d{6}/t\d{8}_(?P<key>\d+)(?:_\d+)?\.htm"),
    article_page_url=re.compile(r"youth\.cn/(?:[\w-]+/)*\d{6}/t\d{8}_(?P<key>\d+)_(?P<page>\d+)\.htm"),
    # TRS channel lists: `ul.tj3_1 li` (one <a> per story, date in <font>).
    listing_links=css("ul.tj3_1 > li > a", "div.rdwz ul.tj3_1 li a", "ul.list_news li a"),
    # The pager is usually script-written (`index_1.htm`); plain links where the page has them.
    listing_next=css("div.page a.next", "#pages a.next", "div.fy a.next"),
    layouts=(Youth2024, Youth2017),
)
