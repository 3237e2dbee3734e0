"""people.com.cn (人民网): channel listings and two article layouts (2012 and 2020 templates)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.sites import metaline
from crawler.sites.base import Layout, SiteProfile, css

# Links to the other pages of a long article (`c1004-40232587-2.html`).
_PAGES = css("div.zdfy a", "div.page_n a", "#rwb_zw center a")
# Lines people.com.cn prints inside the article column that are not article text.
_BOILERPLATE = (
    r"分享让更多人看到.{0,10}",
    r"关注公众号[:：].{0,20}",
    r"[《<]\s*人民日报(?:海外版)?\s*[》>]\s*[（(].{0,30}版\s*[）)]",  # print-edition line: metadata
    r"(?:新华社|本报|人民日报|人民网)记者",  # a byline left alone on its own line
    r"上一页|下一页",
)
# `新华社记者 张三 李四` on its own line: dropped, names read as reporters.
_CREDITS = (r"(?:新华社|本报|人民日报|人民网)记者\s*[\u4e00-\u9fff·]{2,5}(?:[\s、，]+[\u4e00-\u9fff·]{2,5}){0,5}",)
_DROP = css(
    "div.edit", "#p_editor", ".paper_num", "#paper_num", "div.tjewm", "div.zdfy", "div.page_n",
    "div.rm_relevant", "div.bza:empty", "#rwb_tjyd", "div.otitle",
)


class People2020(Layout):
    """Template since 2020: `div.rm_txt` with `h1`, `div.author`, `div.channel`, body `div.rm_txt_con`."""

    name = "2020"
    detect = css("div.rm_txt div.rm_txt_con", "div.rm_txt h1")
    headline = css("div.rm_txt h1", "div.rm_txt_con h1")
    byline = css("div.rm_txt div.author", "div.rm_txt p.author")
    source = css("div.rm_txt div.channel div.col-1-1", "div.rm_txt div.channel")
    time = css("div.rm_txt div.channel div.col-1-1", "div.rm_txt div.channel")
    body = css("div.rm_txt div.rm_txt_con", "div.rm_txt_con")
    editor = css("div.rm_txt div.edit", "div.edit")
    section = css("#rwb_navpath a", "div.route a")
    section_skip = Layout.section_skip | {"人民网"}
    drop = _DROP
    pages = _PAGES
    boilerplate = _BOILERPLATE
    credits = _CREDITS


class People2014(Layout):
    """Channel template of about 2013-2020 (cpc., theory., dangshi. and some opinion pages): `div.text_c`
    with `h1`, an optional `作者：` line, `p.sou` (time, 来源), body `div.show_text`, editor `div.edit`."""

    name = "2014"
    detect = css("div.text_c div.show_text", "div.text_c p.sou")
    headline = css("div.text_c > h1", "div.text_c h1")
    byline = css("div.text_c > p.author", "div.text_c > h4", "div.text_c > p")
    source = css("div.text_c p.sou")
    time = css("div.text_c p.sou")
    body = css("div.text_c div.show_text", "div.show_text")
    editor = css("div.text_c div.edit", "div.edit")
    section = css("#rwb_navpath a", "div.text_path a", "div.path a", "div.fl.p1 a")
    section_skip = Layout.section_skip | {"人民网", "中国共产党新闻网"}
    drop = _DROP
    pages = _PAGES
    boilerplate = _BOILERPLATE
    credits = _CREDITS

    def get_byline(self, doc: HtmlElement) -> list[str]:
        # Only a labelled line: the bare <h4>/<p> under the title may be a subtitle.
        for label in ("作者", "记者"):
            text = metaline.labelled(doc, self.byline, label)
            if text and len(text) <= 60:
                return f.parse_reporters(re.sub(r"[（(][^（）()]*[)）]", " ", text))
        return []


class People2012(Layout):
    """Template of about 2012-2020: `div.text_title` with `h1`, `div.box01`, body `#rwb_zw` / `#p_content`.

    The oldest pages of this era carry ids: `#p_title`, `#p_publishtime`, `#p_origin`, `#p_editor`.
    """

    name = "2012"
    detect = css("div.text_title h1", "#p_title", "#rwb_zw", "#p_content")
    headline = css("#p_title", "div.text_title h1", "div.clearfix h1")
    byline = css("div.text_title p.author", "div.text_title .author", "#p_author")
    source = css("#p_origin", "div.text_title div.box01 div.fl", "div.box01 div.fl", "div.box01")
    time = css("#p_publishtime", "div.text_title div.box01 div.fl", "div.box01 div.fl", "div.box01")
    body = css("#rwb_zw", "#p_content", "div.box_con", "div.text_con")
    editor = css("#p_editor", "div.edit", "#rwb_zw + div.edit")
    section = css("#rwb_navpath a", "div.text_path a", "div.path a", "span#rwb_navpath a")
    section_skip = Layout.section_skip | {"人民网"}
    drop = _DROP
    pages = _PAGES
    boilerplate = _BOILERPLATE
    credits = _CREDITS


PROFILE = SiteProfile(
    key="people",
    site="people.com.cn",
    domains=("people.com.cn", "people.cn"),
    start_urls=(
        "http://politics.people.com.cn/GB/1024/index.html",  # 时政 滚动
        "http://finance.people.com.cn/GB/70846/index.html",  # 经济·科技 滚动
        "http://society.people.com.cn/GB/136657/index.html",  # 社会·法治 滚动
        "http://world.people.com.cn/GB/157278/index.html",  # 国际 滚动
        "http://opinion.people.com.cn/GB/223228/index.html",  # 人民网评
    ),
    # /n1/2024/0510/c1004-40232587.html (since 2014), /n/2013/0510/c1004-21430000.html, /GB/1027/17834093.html
    article_url=re.compile(
        r"people\.(?:com\.)?cn/(?:n1?/\d{4}/\d{4}/c\d+-|GB/(?:\d+/)+)(?P<key>\d{6,})(?:-\d+)?\.html"
    ),
    article_page_url=re.compile(r"people\.(?:com\.)?cn/n1?/\d{4}/\d{4}/c\d+-(?P<key>\d+)-(?P<page>\d+)\.html"),
    listing_links=css(
        "div.ej_list_box ul.list_16 li > a",
        "div.ej_list_box li > a",
        "div.p2j_list ul li > a",
        "ul.list_16 li > a",
        "div.fl ul.list_14 li > a",
    ),
    listing_next=css("div.page_n a", "div.page a"),
    layouts=(People2020, People2014, People2012),
)
