"""Listing pages: only the main list's article links, in page order, and the pager's links."""

from __future__ import annotations

import pytest

from crawler.extract.listing import parse_listing
from crawler.sites import gmw, profile_for_url
from tests.test_corpus import CORPUS, LISTINGS, NO_CORPUS

GMW = gmw.PROFILE
NAV = """<div class="channelHead"><a href="https://news.gmw.cn/2031-03/01/content_41000900.htm">导航里的文章</a></div>"""
SIDEBAR = """<div class="m-recommend"><h3>推荐阅读</h3><ul>
<li><a href="https://news.gmw.cn/2031-03/01/content_41000901.htm">侧栏推荐</a></li></ul></div>"""


def page(main_list: str, pager: str = "") -> str:
    return f"<html><body>{NAV}<div class='main'>{main_list}</div>{SIDEBAR}{pager}</body></html>"


def test_channel_list_with_pagination() -> None:
    html = page(
        """<ul class="channel-newsGroup">
        <li><span class="channel-newsTitle"><a href="2031-03/02/content_41000001.htm">一</a></span>
            <span class="channel-newsTime">2031-03-02</span></li>
        <li><span class="channel-newsTitle"><a href="2031-03/02/content_41000002_2.htm">二（第2页）</a></span></li>
        <li><span class="channel-newsTitle"><a href="https://topics.gmw.cn/node_1.htm">专题</a></span></li>
        </ul>""",
        """<div id="displaypagenum"><center><a href="node_4108.htm">1</a>
        <a href="node_4108_2.htm">2</a><a href="node_4108_3.htm">3</a><a href="node_4108_2.htm">下一页</a></center></div>""",
    )
    listing = parse_listing(html, "https://news.gmw.cn/node_4108.htm", GMW)
    assert listing.article_urls == [
        "https://news.gmw.cn/2031-03/02/content_41000001.htm",
        "https://news.gmw.cn/2031-03/02/content_41000002.htm",  # a continuation link maps to page 1
    ]
    assert listing.other_links == ["https://topics.gmw.cn/node_1.htm"]
    assert listing.next_urls == ["https://news.gmw.cn/node_4108_2.htm", "https://news.gmw.cn/node_4108_3.htm"]


def test_regional_channel_list() -> None:
    html = page("""<div class="each_news"><h3><a href="https://gx.gmw.cn/2031-03/02/content_41000010.htm">桂</a></h3>
    <p>摘要</p></div><div class="each_news"><h3><a href="https://gx.gmw.cn/2031-03/01/content_41000011.htm">柳</a></h3></div>""")
    listing = parse_listing(html.encode("utf-8"), "https://gx.gmw.cn/node_7661.htm", GMW)
    assert listing.article_urls == [
        "https://gx.gmw.cn/2031-03/02/content_41000010.htm",
        "https://gx.gmw.cn/2031-03/01/content_41000011.htm",
    ]


def test_commentary_list() -> None:
    html = page("""<div class="content_left_main"><ul>
    <li><div class="main_title"><a href="//guancha.gmw.cn/2031-03/02/content_41000020.htm">评</a></div></li>
    </ul></div>""")
    listing = parse_listing(html, "https://guancha.gmw.cn/node_7292.htm", GMW)
    assert listing.article_urls == ["https://guancha.gmw.cn/2031-03/02/content_41000020.htm"]


def test_nav_and_sidebar_only_page_gives_nothing() -> None:
    listing = parse_listing(page(""), "https://news.gmw.cn/node_4108.htm", GMW)
    assert listing.article_urls == [] and listing.next_urls == []


@pytest.mark.skipif(not LISTINGS, reason=NO_CORPUS)
@pytest.mark.parametrize("gold", LISTINGS, ids=[g["id"] for g in LISTINGS])
def test_corpus_listing_matches_gold(gold: dict) -> None:
    profile = profile_for_url(gold["url"])
    assert profile is not None, f"no profile for {gold['url']}"
    listing = parse_listing((CORPUS / gold["file"]).read_bytes(), gold["url"], profile)
    assert listing.article_urls == gold["article_links"]
    expected_next = [gold["next_page"]] if gold.get("next_page") else []
    assert [u for u in listing.next_urls if u.split("#")[0] != gold["url"]] == [
        u for u in expected_next if u.split("#")[0] != gold["url"]
    ]


@pytest.mark.parametrize("base", [
    "https://news.gmw.cn/node_4108.htm", "http://news.gmw.cn/a/b/list.htm?page=2#top", "https://gx.gmw.cn",
    "https://gx.gmw.cn/", "http://h.example/dir/",
])
def test_resolver_matches_urljoin(base: str) -> None:
    from urllib.parse import urldefrag, urljoin

    from crawler.extract.listing import Resolver

    resolve = Resolver(base)
    for href in ["node_2.htm", "a/b/c.htm", "a//b.htm", "./x.htm", "../x.htm", "a/../x.htm", "a/./x.htm",
                 "x.htm?p=1", "x.htm#frag", "/root.htm", "//other.cn/y.htm", "https://other.cn/z.htm",
                 "http:rel.htm", "..x.htm", "x;p=1.htm", "中文.htm", "a b.htm", "?q=2", "x\\y.htm", "x.htm?"]:
        assert resolve(href) == urldefrag(urljoin(base, href))[0], href


def test_big_pager_keeps_order_and_drops_repeats() -> None:
    links = "".join(f'<a href="node_4108_{n}.htm">{n}</a>' for n in range(2, 3001))
    repeats = '<a href="node_4108_2.htm">下一页</a><a href="node_4108.htm">1</a>'
    items = "".join(f'<li><span class="channel-newsTitle"><a href="2031-03/02/content_{41000000 + n}.htm">'
                    f"{n}</a></span></li>" for n in range(500))
    html = page(f'<ul class="channel-newsGroup">{items}{items}</ul>',
                f'<div id="displaypagenum"><center>{repeats}{links}{repeats}</center></div>')
    listing = parse_listing(html, "https://news.gmw.cn/node_4108.htm", GMW)
    assert listing.next_urls == [f"https://news.gmw.cn/node_4108_{n}.htm" for n in range(2, 3001)]
    assert listing.article_urls == [f"https://news.gmw.cn/2031-03/02/content_{41000000 + n}.htm" for n in range(500)]
