"""SelectorGroup finds what the same CSS selectors find one by one, in the same order."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml.cssselect import CSSSelector

from crawler.extract import generic
from crawler.extract.scan import SelectorGroup

PAGE = """<html><head><title>春季花展开幕_湖畔网</title>
<meta name="publishdate" content="2024-05-20"><meta property="article:published_time" content="2024-05-20T09:30:00+08:00">
<meta name="weibo: article:create_at" content="2024-05-20 09:30:00"></head><body>
<div id="pageTitle"><h1 class="main-title">春季花展开幕</h1></div>
<div class="article-author byline"><span itemprop="author"><a href="/people/1">苏晴</a></span>
<a rel="author" href="/author/2">林舟</a><a class="authorName" href="/user/3">周岚</a></div>
<address>湖畔日报</address><h2 class="subTitle">花田边的游客</h2><h3>相关</h3>
<a href="/member/4">会员</a><p class="writer">文字</p>
<div itemprop="author"><p><a href="/x">王林</a></p></div></body></html>"""

GROUPS = [generic._HEADINGS, generic._META_TIME, generic._AUTHORS_AND_BYLINES, generic._AUTHOR_LINKS, generic._TIME_TAG,
          generic._META_SOURCE, generic._SITE_NAME, generic._OG_TITLE]


def _same(doc) -> None:
    for group in GROUPS:
        assert group.each(doc) == [CSSSelector(css)(doc) for css in group.css]


def test_group_matches_css_selectors_in_order() -> None:
    doc = lxml.html.document_fromstring(PAGE)
    _same(doc)
    names = [n.text_content() for n in generic._AUTHOR_LINKS.all(doc)]
    assert names == ["林舟", "林舟", "苏晴", "王林", "周岚", "周岚", "会员"]


def test_descendant_selector_stops_at_the_context() -> None:
    doc = lxml.html.document_fromstring(PAGE)
    inner = doc.xpath("//div[@itemprop='author']/p")[0]
    assert SelectorGroup("[itemprop=author] a").each(inner) == [CSSSelector("[itemprop=author] a")(inner)] == [[]]


@pytest.mark.parametrize("css", ["a > b", "a:first-child", "div.x", "[class~=x]", "a b c"])
def test_unsupported_selector_is_refused(css: str) -> None:
    with pytest.raises(ValueError):
        SelectorGroup(css)


def test_same_as_css_selectors_on_kept_pages() -> None:
    """Every held-out page in the repository (real page structure)."""
    pages = sorted(Path(__file__).parent.glob("heldout*/*.html"))
    assert pages
    for path in pages:
        _same(lxml.html.document_fromstring(path.read_bytes()))
