"""ifeng.com (凤凰网): news.ifeng.com/c/… pages (2019 and 2024 CSS-module templates) and the 2014 /a/ pages.

The React templates hash their class names (`topic-3bY8Hw-9`, `index_topic_5hyUE`): selectors
match the stable prefix only.
"""

from __future__ import annotations

import re

from crawler.sites.base import Layout, SiteProfile, css

_BOILERPLATE = (
    r"“?特别声明[:：]以上(?:作品|文章)内容.{0,120}", r"“?Notice: The content above.*", r"下载客户端",
    r"\d*\s*人参与", r"\d*\s*评论", r"[\[【]?\s*责任编辑\s*[:：].{0,30}[\]】]?", r"凤凰网.{0,10}出品",
    r"(?:排版|校对|审核|监制|统筹|制图|视觉)\s+\S.{0,30}",
)
# Unlabelled end credits of 大风号 articles: `作者 王之言 高孜然`, `编辑 周褶褶 ｜ 排版 魏蔚`.
_CREDITS = (r"(?:作者|文|撰文)\s+\S.{0,30}", r"编辑\s+\S.{0,40}")


class Ifeng2024(Layout):
    """Template since about 2021: `h1.index_topic_…`, account/source in `index_sourceTitleText_…`
    or `index_source_…`, time `index_timeBref_…`, body `index_main_content_…`, editor `p.index_author_…`."""

    name = "2024"
    detect = css("h1[class*=index_topic_]")
    headline = css("h1[class*=index_topic_]")
    source = css("[class*=index_sourceTitleText_] a", "[class*=index_sourceTitleText_]",
                 "[class*=index_source_] a", "[class*=index_source_]")
    time = css("[class*=index_timeBref_]", "[class*=index_time_]")
    editor = css("p[class*=index_author_]")
    body = css("[class*=index_main_content_]")
    section = css("[class*=index_breadcrumbs_] a", "[class*=index_crumbs_] a")
    section_skip = Layout.section_skip | {"凤凰网", "凤凰网首页"}
    drop = css("[class*=index_end_]", "[class*=index_copyRight_]", "[class*=index_vote_box_]",
               "[class*=index_artical_line_]", "[class*=index_follow]")
    boilerplate = _BOILERPLATE
    credits = _CREDITS


class Ifeng2019(Layout):
    """Template of about 2018-2021: `h1.topic-…`, `p.time-…` with `span.source-…`,
    body `div.main_content-…`, editor `p.author-…`."""

    name = "2019"
    detect = css("h1[class^=topic-]", "h1[class*=' topic-']")
    headline = css("h1[class^=topic-]", "h1[class*=' topic-']")
    source = css("span[class^=source-] a", "span[class^=source-]", "span[class^=publisher-]")
    time = css("p[class^=time-] span", "p[class^=time-]")
    editor = css("p[class^=author-]")
    body = css("div[class^=main_content-]")
    section = css("div[class^=breadcrumbs-] a", "div[class^=crumbs-] a")
    section_skip = Layout.section_skip | {"凤凰网", "凤凰网首页"}
    drop = css("div[class^=end-]", "div[class^=copyRight-]", "div[class^=vote_box-]")
    boilerplate = _BOILERPLATE
    credits = _CREDITS


class Ifeng2014(Layout):
    """Template of about 2012-2018 (news.ifeng.com/a/20170310/50770000_0.shtml): `h1#artical_topic`,
    `#artical_sth` (span.ss01 time, span.ss03 source), body `#main_content`."""

    name = "2014"
    detect = css("h1#artical_topic", "#artical_real")
    headline = css("h1#artical_topic")
    source = css("#artical_sth span.ss03 a", "#artical_sth span.ss03", "span[itemprop=publisher]")
    time = css("#artical_sth span.ss01", "span[itemprop=datePublished]")
    byline = css("#artical_sth span.ss04", "span[itemprop=author]")
    editor = css("#artical_sth2 .zb_ph", "p.zb_ph", "span#editor_baidu", "#artical_sth2")
    body = css("#main_content")
    section = css("div.theCurrent a", "div.speNav a")
    section_skip = Layout.section_skip | {"凤凰网", "凤凰网首页", "凤凰资讯"}
    drop = css("#artical_sth2", "div.picTxt", "span.ifengLogo", "#embed_hzh_div", "div.ad_box")
    boilerplate = _BOILERPLATE
    credits = _CREDITS


PROFILE = SiteProfile(
    key="ifeng",
    site="ifeng.com",
    domains=("ifeng.com",),
    start_urls=(
        "https://news.ifeng.com/shanklist/3-35197-/",  # 资讯 大陆
        "https://news.ifeng.com/shanklist/3-35198-/",  # 资讯 国际
        "https://news.ifeng.com/shanklist/3-35199-/",  # 资讯 台湾
        "https://finance.ifeng.com/shanklist/1-62-/",  # 财经 要闻
    ),
    # news.ifeng.com/c/8Wda7wwUnuC; older news.ifeng.com/a/20170310/50770000_0.shtml and, until about 2014,
    # news.ifeng.com/mainland/detail_2012_05/13/14482345_0.shtml
    article_url=re.compile(
        r"ifeng\.com/(?:c/|a/\d{8}/|(?:[\w-]+/)*?detail_\d{4}_\d{2}/\d{2}/)(?P<key>[0-9A-Za-z]{11}|\d{7,9})"
        r"(?:_\d+\.shtml)?(?:$|[?#/])"
    ),
    listing_links=css(
        "ul[class*=index_news_list_] li h2 a",
        "ul[class*=news_list-] li h2 a",
        "div.juti_list h3 a",
    ),
    listing_next=css("a[class*=index_next_]", "div.pageNum a.next", "#pagenext"),
    layouts=(Ifeng2024, Ifeng2019, Ifeng2014),
)
