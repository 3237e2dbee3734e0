"""chinanews.com.cn / chinanews.com (中国新闻网): channel listings and two article layouts (2012 and 2023)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.text import CJK, squash
from crawler.sites.base import Fields, Layout, SiteProfile, css

# Lines chinanews prints inside the article column that are not article text.
_BOILERPLATE = (
    r"[【\[]\s*编辑\s*[:：].{0,20}[】\]]",
    r"参与互动(?:\s*\(\d+\))?",
    r"更多精彩内容请进入.{0,12}频道",
    r"\S{0,8}新闻精选[:：]",
    r"(?:中新社|中新网)?记者",  # a byline left alone on its own line
)
_DROP = css(
    "div.adEditor", "div.left_name", "div.editor", "table.adInContent", "#function_code_page", "div.channel",
    "#BaiduSpider", "div.fenxiang", "#zihao", "div.content_editor",
)
# `(作者：方敏北京大学经济学院教授)`: a closing author line, name run together with the author's affiliation.
_AUTHOR_LINE = re.compile(rf"^[（(]?\s*作者\s*[:：]\s*(?P<rest>[{CJK}·、，, ]+?[^）)]*)[）)]?$")
# Where an affiliation begins: the first words of universities, academies and offices in author notes.
_AFFILIATION = re.compile(
    r"(?:中国|中共|中央|国家|国务院|全国|北京|清华|复旦|南开|浙江|武汉|中山|人民|南京|上海|华东|华中|华南|西南|西北|东北|"
    r"山东|四川|吉林|厦门|天津|湖南|湖北|广东|对外|首都|同济|深圳|广州|重庆|河南|河北|江苏|安徽|福建|江西|陕西|山西|"
    r"云南|贵州|广西|辽宁|黑龙江|内蒙古|新疆|西藏|甘肃|青海|宁夏|海南|香港|澳门|台湾|外交|商务|财政|社科|党校|求是|"
    r"本网|特约|系|为|是)"
)


def author_names(line: str) -> list[str]:
    """`(作者：方敏北京大学经济学院教授)` -> [方敏]; `(作者：王乐文、李明)` -> both names."""
    m = _AUTHOR_LINE.match(squash(line))
    if not m:
        return []
    rest = re.split(r"[（(]", m.group("rest"), maxsplit=1)[0]
    names = f.split_names(rest)
    if names:
        return names
    head = re.split(r"[\s，,、]", rest, maxsplit=1)[0]
    # A name is 2-4 characters; the affiliation starts right after it.
    for size in (2, 3, 4):
        if len(head) > size and _AFFILIATION.match(head, size):
            return [head[:size]]
    return []


class _Chinanews(Layout):
    """Shared rules of the chinanews layouts: a closing `(作者：…)` line names the author."""

    def extract(self, doc: HtmlElement) -> Fields:
        out = super().extract(doc)
        for line in out.body[-2:]:
            names = author_names(line)
            if names:
                out.body.remove(line)
                out.reporters = out.reporters + [n for n in names if n not in out.reporters]
        return out


_SHARED = {
    "body": css("div.left_zw"),
    "drop": _DROP,
    "boilerplate": _BOILERPLATE,
    "pages": css("#function_code_page a", "div.pagebox a"),
}


class Chinanews2023(_Chinanews):
    """Template since 2023 (chinanews.com.cn): `h1.content_left_title`, `div.content_left_time`, body `div.left_zw`."""

    name = "2023"
    detect = css("h1.content_left_title", "div.content_left_time")
    headline = css("h1.content_left_title", "div.content_maincontent_more h1")
    source = css("div.content_left_time")
    time = css("div.content_left_time", "#pubtime_baidu")
    editor = css("div.left_name", "div.editor", "#editor_baidu")
    byline = css("div.content_left_time span.author")
    section = css("div.content_left_nav a", "#nav a", "div.bread a")
    section_skip = Layout.section_skip | {"中国新闻网", "中新网", "→"}
    body = _SHARED["body"]
    drop = _SHARED["drop"]
    boilerplate = _SHARED["boilerplate"]
    pages = _SHARED["pages"]


class Chinanews2012(_Chinanews):
    """Template of about 2012-2023: `#cont_1_1_2 h1`, `div.left-time div.left-t`, body `div.left_zw`."""

    name = "2012"
    detect = css("div.left-time", "#cont_1_1_2 h1", "div.content h1 + div.left-time")
    headline = css("#cont_1_1_2 > h1", "div.content > h1", "#cont_1_1_2 h1")
    source = css("div.left-time div.left-t", "div.left-t", "#source_baidu")
    time = css("div.left-time div.left-t", "div.left-t", "#pubtime_baidu")
    editor = css("div.left_name", "div.adEditor", "#editor_baidu")
    section = css("#nav_div #nav a", "#nav a")
    section_skip = Layout.section_skip | {"中国新闻网", "中新网", "→"}
    body = _SHARED["body"]
    drop = _SHARED["drop"]
    boilerplate = _SHARED["boilerplate"]
    pages = _SHARED["pages"]


PROFILE = SiteProfile(
    key="chinanews",
    site="chinanews.com.cn",
    domains=("chinanews.com.cn", "chinanews.com"),
    start_urls=(
        "https://www.chinanews.com.cn/scroll-news/news1.html",  # 滚动新闻
        "https://www.chinanews.com.cn/china/",  # 国内
        "https://www.chinanews.com.cn/world/",  # 国际
        "https://www.chinanews.com.cn/society/",  # 社会
        "https://www.chinanews.com.cn/cj/gd.shtml",  # 财经 滚动
    ),
    # /gn/2024/05-13/10215678.shtml, /ll/2020/07-04/9229287.shtml (the number is the stable news id);
    # until about 2009 a second folder: /gn/news/2008/05-13/1247890.shtml
    article_url=re.compile(r"chinanews\.com(?:\.cn)?/(?:[a-z0-9]+/){1,2}\d{4}/\d{2}-\d{2}/(?P<key>\d+)(?:_\d+)?\.shtml"),
    article_page_url=re.compile(
        r"chinanews\.com(?:\.cn)?/(?:[a-z0-9]+/){1,2}\d{4}/\d{2}-\d{2}/(?P<key>\d+)_(?P<page>\d+)\.shtml"
    ),
    listing_links=css(
        "div.content_list ul li div.dd_bt a",
        "div.content-left ul li div.dd_bt a",
        "ul.rdph-list2 li a",
        "div.con_left ul.branch_list_ul li .dd_bt a",
    ),
    listing_next=css("div.pagebox a", "#pagebox a"),
    layouts=(Chinanews2023, Chinanews2012),
)
