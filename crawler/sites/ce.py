"""ce.cn (中国经济网): channel listings and one article layout (the `#articleText` template, 2010 on)."""

from __future__ import annotations

import re

from crawler.sites.base import Layout, SiteProfile, css

# Lines the ce.cn article column carries that are not article text.
_BOILERPLATE = (
    r"[（(【\[]?\s*(?:责任编辑|编辑|责编)\s*[:：].{0,30}",
    r"(?:扫一扫|扫码).{0,20}",
    r"分享到[:：]?",
    r"中国经济网版权及免责声明.{0,40}",
)
# `（经济日报记者 甘露晨）` on its own line closing the text: dropped, names read as reporters.
_CREDITS = (
    r"[（(]\s*(?:[\u4e00-\u9fff]{0,6}记者|作者|通讯员)\s*[:：]?\s*[\u4e00-\u9fff·]{2,5}"
    r"(?:[\s、，]+(?:通讯员\s*)?[\u4e00-\u9fff·]{2,5}){0,5}\s*[)）]",
)
_DROP = css(
    "div.bianji", "div.editor", "div.share", "div.bdsharebuttonbox", "div.relatedNews", "div.xgxw",
    "div.copyright", "div.mianze",
)


class Ce2010(Layout):
    """Template of ce.cn since about 2010: `#articleTitle`, `#articleTime`, `#articleSource`, body `#articleText`."""

    name = "2010"
    detect = css("#articleText", "#articleTitle")
    headline = css("h1#articleTitle", "#articleTitle")
    source = css("#articleSource")
    time = css("#articleTime")
    byline = css("#articleAuthor", "span.author")
    body = css("#articleText div.TRS_Editor", "#articleText")
    editor = css("div.bianji", "#articleText ~ div.editor", "div.editor", "p.editor")
    section = css("div.breadcrumb a", "div.path a", "div.position a", "#path a")
    section_skip = Layout.section_skip | {"中国经济网"}
    drop = _DROP
    pages = css("#articleText div.page a", "div.page a")
    boilerplate = _BOILERPLATE
    credits = _CREDITS


PROFILE = SiteProfile(
    key="ce",
    site="ce.cn",
    domains=("ce.cn",),
    start_urls=(
        "http://www.ce.cn/xwzx/gnsz/gdxw/",  # 新闻中心 国内时政 滚动
        "http://www.ce.cn/xwzx/gjss/gdxw/",  # 国际时事 滚动
        "http://finance.ce.cn/rolling/",  # 金融 滚动
        "http://www.ce.cn/cysc/newmain/yc/jsxw/",  # 产业市场
    ),
    # www.ce.cn/xwzx/gnsz/gdxw/202405/13/t20240513_38999012.shtml: the number after the date is the id
    article_url=re.compile(r"ce\.cn/(?:[\w-]+/)*\d{6}/\d{2}/t\d{8}_(?P<key>\d+)(?:_\d+)?\.shtml"),
    article_page_url=re.compile(r"ce\.cn/(?:[\w-]+/)*\d{6}/\d{2}/t\d{8}_(?P<key>\d+)_(?P<page>\d+)\.shtml"),
    listing_links=css("div.left ul li span.f1 a", "div.list ul li a", "div.sec_left ul li a"),
    listing_next=css("div.page a", "#page a"),
    layouts=(Ce2010,),
)
