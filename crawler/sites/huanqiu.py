"""huanqiu.com (环球网): channel listings and two article layouts (2016 and 2020 templates).

The 2020 template ships the article twice: hidden `<textarea class="article-*">` data fields
(title, time in epoch milliseconds, source, author, editor, HTML content) that a script renders,
and on most pages the rendered `div.t-container` / `div.l-con` blocks. The layout reads the
rendered blocks first and falls back to the data fields.
"""

from __future__ import annotations

import re
from datetime import datetime

import lxml.html
from lxml.html import HtmlElement

from crawler.extract import fields as f
from crawler.extract.text import squash
from crawler.sites import metaline
from crawler.sites.base import Fields, Layout, SiteProfile, css, first_node

_BOILERPLATE = (
    r"[【\[]?\s*(?:本文|本文章)?(?:系|为)?环球网(?:独家|原创)?(?:稿件|版权作品).{0,40}",
    r"[【\[]?\s*环球时报.{0,4}环球网版权所有.{0,40}",
    r"[【\[]?\s*免责声明\s*[】\]]?\s*[:：]?",
    r"(?:点击|进入)?(?:环球网)?(?:专题|话题)[:：].{0,30}",
)
# A disclaimer may run past the length a boilerplate line is allowed: `免责声明：本文转自…，不代表环球网观点…`.
_DISCLAIMER = re.compile(r"^[【\[]?\s*免责声明\s*[】\]]?\s*[:：]?.{4,}")
_SECTION_SKIP = frozenset({"首页", "正文", "环球网"})
_DATA_TIME = css("textarea.article-time")
_DATA_CONTENT = css("textarea.article-content")


def _bare_or_labelled(text: str | None, label_rule) -> str | None:
    if not text:
        return None
    return label_rule(text) or (text if len(text) <= 30 and "来源" not in text else None)


class _HuanqiuMeta(Layout):
    """Meta slots every huanqiu era shares: a source printed bare or after 来源, a 作者/记者 byline."""

    def extract(self, doc: HtmlElement) -> Fields:
        out = super().extract(doc)
        out.body = [line for line in out.body if not _DISCLAIMER.match(line)]
        return out

    def get_source(self, doc: HtmlElement) -> str | None:
        return _bare_or_labelled(next(iter(metaline.texts(doc, self.source)), None), f.parse_source)

    def get_byline(self, doc: HtmlElement) -> list[str]:
        text = next(iter(metaline.texts(doc, self.byline)), None)
        if not text:
            return []
        return f.parse_reporters(text) or f.split_names(re.sub(r"^.*?(?:作者|记者)\s*[:：]?", "", text))


class Huanqiu2020(_HuanqiuMeta):
    """Template of about 2020 on: `/article/<id>` URLs, `div.t-container-title h3`, `div.metadata-info`,
    body `div.l-con article`, hidden `textarea.article-*` data fields."""

    name = "2020"
    detect = css("textarea.article-content", "div.t-container-title", "div.metadata-info")
    headline = css("div.t-container-title h3", "div.t-container-title h1", "textarea.article-title")
    time = css("div.metadata-info p.time", "div.metadata-info span.time")
    source = css("div.metadata-info span.source", "div.metadata-info .source", "textarea.article-source-name")
    byline = css("div.metadata-info span.author", "textarea.article-author")
    editor = css("div.l-con div.editor", "div.editor", "textarea.article-editor-name")
    section = css("div.nav-crumbs a", "div.crumbs a", "textarea.article-catalog-name")
    section_skip = _SECTION_SKIP
    body = css("div.l-con article", "div.l-con")
    drop = css(
        "div.editor", "div.metadata-info", "div.t-container-title", "div.l-con-tool", "div.l-bottom",
        "div.toolbar", "div.article-tools", "adv", "div.reTopics",
    )
    boilerplate = _BOILERPLATE

    def get_published_at(self, doc: HtmlElement) -> str | None:
        shown = super().get_published_at(doc)
        if shown:
            return shown
        for node in _DATA_TIME[0](doc):
            millis = squash(node.text_content())
            if millis.isdigit():
                when = datetime.fromtimestamp(int(millis) // 1000, self.tz).replace(second=0)
                return when.isoformat()
        return None

    def get_editor(self, doc: HtmlElement) -> list[str]:
        text = next(iter(metaline.texts(doc, self.editor)), None)
        if not text:
            return []
        return metaline.editors(text) or f.split_names(text)

    def body_node(self, doc: HtmlElement) -> HtmlElement | None:
        node = first_node(doc, self.body)
        if node is not None and len(squash(node.text_content())) >= 30:
            return node
        return _data_content(doc)


def _data_content(doc: HtmlElement) -> HtmlElement | None:
    """The HTML kept in `textarea.article-content`, parsed into its own element."""
    for node in _DATA_CONTENT[0](doc):
        if len(node):  # the parser already made elements of it
            return node
        markup = node.text or ""
        if markup.strip():
            return lxml.html.fragment_fromstring(markup, create_parent="div")
    return None


class Huanqiu2016(_HuanqiuMeta):
    """Template of about 2014-2019: `/<channel>/YYYY-MM/<id>.html` URLs, `h1.tle`, meta `div.la_tool`
    (`span.la_t_a` time, `span.la_t_b` source), body `div.la_con`, editor `div.la_edit`."""

    name = "2016"
    detect = css("div.la_con", "div.la_tool", "h1.tle")
    headline = css("div.l_a h1.tle", "h1.tle", "div.l_a h1")
    time = css("div.la_tool span.la_t_a", "span.la_t_a", "#pubtime_baidu")
    source = css("div.la_tool span.la_t_b", "span.la_t_b", "#source_baidu")
    byline = css("div.la_tool span.la_t_c", "#author_baidu")
    editor = css("div.la_edit", "div.editorSign", "#editor_baidu")
    section = css("div.topPath a", "div.nav_crumbs a", "div.path a")
    section_skip = _SECTION_SKIP
    body = css("div.la_con", "#text")
    drop = css("div.la_edit", "div.editorSign", "div.reTopics", "div.spTopic", "div.la_tool", "div.page")
    pages = css("#pages a", "div.page a")
    boilerplate = _BOILERPLATE

    def get_editor(self, doc: HtmlElement) -> list[str]:
        return metaline.editors(metaline.labelled(doc, self.editor, "编"))


class Huanqiu2012(_HuanqiuMeta):
    """Template of about 2010-2016: `div.conText > h1`, meta `div.summaryNew` (`strong.timeSummary`,
    `strong.fromSummary`, `strong.authorSummary`), body `div.text#text`, editor `div.editorSign` inside it."""

    name = "2012"
    detect = css("div.conText div.summaryNew", "strong.timeSummary")
    headline = css("div.conText > h1", "div.conText h1")
    time = css("strong.timeSummary", "#pubtime_baidu")
    source = css("strong.fromSummary a", "strong.fromSummary", "#source_baidu")
    byline = css("strong.authorSummary", "#author_baidu")
    editor = css("div.editorSign", "#editor_baidu")
    section = css("div.topPath a", "div.nav_crumbs a", "div.path a")
    section_skip = _SECTION_SKIP
    body = css("div.conText div.text", "#text")
    drop = css("div.editorSign", "div.reTopics", "div.spTopic", "div.summaryNew", "#pages", "div.pages")
    pages = css("#pages a", "div.pages a")
    boilerplate = _BOILERPLATE

    def get_editor(self, doc: HtmlElement) -> list[str]:
        return metaline.editors(metaline.labelled(doc, self.editor, "编"))


PROFILE = SiteProfile(
    key="huanqiu",
    site="huanqiu.com",
    domains=("huanqiu.com",),
    start_urls=(
        "https://world.huanqiu.com/",  # 国际 频道首页
        "https://china.huanqiu.com/",  # 国内 频道首页
        "https://mil.huanqiu.com/",  # 军事 频道首页
        "https://opinion.huanqiu.com/",  # 评论 频道首页
    ),
    # https://world.huanqiu.com/article/4HbU6hIbQnk (2020 on; 2019 also 3w.huanqiu.com/a/c36dc8/9CaKrnKmDz4) and
    # https://world.huanqiu.com/exclusive/2017-03/10298765.html (before, 7-digit ids until 2016; pages add `_2`).
    article_url=re.compile(
        r"huanqiu\.com/(?:[\w-]+/)*?(?:article/|a/[0-9a-f]{6}/|\d{4}-\d{2}/)(?P<key>[0-9A-Za-z]{6,14})(?:_\d+)?"
        r"(?:\.html)?(?:[/?#]|$)"
    ),
    article_page_url=re.compile(
        r"huanqiu\.com/(?:[\w-]+/)*?\d{4}-\d{2}/(?P<key>\d{6,10})_(?P<page>\d+)\.html"
    ),
    # Channel pages: the main `ul` feed under `div.m-recommend` / `div.list-con`; old channels `div.fallsFlow`.
    listing_links=css("div.list-con ul li a.item-title", "div.m-recommend-con ul li > a", "div.fallsFlow li h3 a"),
    listing_next=css("div.pageBox a.next", "#pages a.next"),
    layouts=(Huanqiu2020, Huanqiu2016, Huanqiu2012),
)
