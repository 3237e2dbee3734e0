"""Generic listing detection, pagers and continuation pages: pure functions, no profile.

The listing pages are written for these tests (tests/listings/ and the loopback site tests/anysite/),
one per CMS style, with decoys in every box a real page has: navigation, focus sliders, side
rankings, 推荐 / 猜你喜欢 / 专题 boxes, friend links, ads, footers, off-site and `ftp:` links.
The corpus test scores the real listing pages of ../shared/corpus with the profiles switched off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.discover.listing import main_list
from crawler.discover.pages import continuation_urls, later_pages, pager_urls, script_pages
from crawler.discover.shape import continuation_number, looks_like_article, page_key
from crawler.extract.article import parse_html
from tests.test_corpus import CORPUS, LISTINGS, NO_CORPUS

HERE = Path(__file__).resolve().parent
ANYSITE = HERE / "anysite"
LISTING_PAGES = HERE / "listings"
GOV = "http://www.xinglin.gov.cn/xwzx/gzdt/"
PORT = "http://news.haiyun.com.cn/"


def read(path: Path, url: str):
    return main_list(path.read_bytes(), url)


# ------------------------------------------------------------ one page per CMS style

def test_trs_government_list_split_in_two_uls_with_script_pager() -> None:
    listing = read(ANYSITE / "www.xinglin.gov.cn/xwzx/gzdt/index.html", GOV)
    assert listing.article_urls == [
        GOV + "202406/t20240603_100031.html", GOV + "202406/t20240602_100030.html",
        GOV + "202406/t20240601_100002.html", GOV + "202406/t20240601_100001.html",
    ]  # not the nav headline, the left menu's 部门动态, the 热点排行 sidebar, 专题专栏 or friend links
    assert listing.next_urls == [GOV + "index_1.html", GOV + "index_2.html"]  # createPageHTML(3, 0, ...)
    assert listing.refused == []


def test_trs_later_page_counts_from_its_own_index() -> None:
    listing = read(ANYSITE / "www.xinglin.gov.cn/xwzx/gzdt/index_1.html", GOV + "index_1.html")
    assert [u.rsplit("/", 1)[1] for u in listing.article_urls] == [
        "t20240530_100020.html", "t20240528_100019.html", "t20240527_100018.html"]
    assert listing.next_urls[0] == GOV + "index_2.html"  # the page after this one first
    last = read(ANYSITE / "www.xinglin.gov.cn/xwzx/gzdt/index_2.html", GOV + "index_2.html")
    assert [u.rsplit("/", 1)[1] for u in last.article_urls] == ["t20240521_100011.html", "t20240520_100010.html"]
    assert all(page_key(u)[1] < 2 for u in last.next_urls)  # nothing after the last page


def test_node_list_with_title_and_time_spans() -> None:
    listing = read(ANYSITE / "news.haiyun.com.cn/node_301.htm", PORT + "node_301.htm")
    assert listing.article_urls == [
        PORT + "2024-06/03/content_5003.htm", PORT + "2024-06/03/content_5002.htm", PORT + "2024-06/02/content_5001.htm",
    ]  # not the focus picture, 热门排行, the ad box (off-site) or the nav
    assert listing.next_urls == [PORT + "node_301_2.htm"]


def test_portal_list_with_summaries_and_page_parameter() -> None:
    url = "https://www.jinlanbao.com/caijing/"
    listing = read(LISTING_PAGES / "portal-summaries.html", url)
    assert listing.article_urls == [
        "https://www.jinlanbao.com/caijing/2024/0603/a1b2c3d4e5f60718.html",
        "https://www.jinlanbao.com/caijing/2024/0603/a1b2c3d4e5f60719.html",
        "https://www.jinlanbao.com/caijing/2024/0602/a1b2c3d4e5f60720.html",
        "https://www.jinlanbao.com/caijing/2024/0602/a1b2c3d4e5f60721.html",
    ]  # not the slider, the nav headline, 猜你喜欢 (same item markup), the 24小时热榜 aside
    assert listing.next_urls == [url + "?page=2", url + "?page=3", url + "?page=10"]
    assert listing.refused == [
        ("ftp://files.jinlanbao.com/caijing/report-2024.html", "bad-scheme"),
        ("https://partner.example.org/2024/0602/778899001122.html", "offsite"),
    ]
    assert listing.feeds == ["https://www.jinlanbao.com/rss/caijing.xml"]


def test_plain_table_page_with_dates_and_folder_pager() -> None:
    url = "http://www.linchuan-xianbao.cn/bdxw/"
    listing = read(LISTING_PAGES / "plain-table-list.html", url)  # GB18030 bytes, no classes anywhere
    assert [u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[1] for u in listing.article_urls] == [
        "20240603/310110.shtml", "20240603/310109.shtml", "20240602/310108.shtml",
        "20240601/310107.shtml", "20240531/310106.shtml", "20240531/310105.shtml",
    ]  # not 本站推荐 (a list under its heading) or the picture box
    assert listing.next_urls == [url + "2/", url + "3/"]


def test_script_rendered_channel_has_no_list_but_announces_its_feed() -> None:
    listing = read(ANYSITE / "news.haiyun.com.cn/video/node_500.htm", PORT + "video/node_500.htm")
    assert listing.article_urls == []  # the 热门排行 sidebar is not taken for the list
    assert listing.feeds == [PORT + "rss/video.xml"]


def test_page_of_navigation_and_sidebars_only_gives_nothing() -> None:
    html = """<html><body><div class="nav"><a href="/a/2024/0601/123456.html">导航里的一条新闻标题</a></div>
    <div class="sidebar"><h3>热点排行</h3><ul><li><a href="/a/2024/0601/223456.html">侧栏一条热点新闻标题</a></li>
    <li><a href="/a/2024/0601/323456.html">侧栏二条热点新闻标题</a></li><li><a href="/a/2024/0601/423456.html">侧栏三条热点新闻</a></li>
    </ul></div><div class="footer"><a href="mailto:x@y.cn">联系我们的邮箱地址</a></div></body></html>"""
    assert main_list(html, "http://www.example.cn/a/").article_urls == []


# ------------------------------------------------------------ URL shapes, pagers, continuation pages

@pytest.mark.parametrize("url,article", [
    ("http://a.gov.cn/xwzx/202406/t20240601_123456.html", True),
    ("http://news.gmw.cn/2024-06/01/content_37330990.htm", True),
    ("https://dy.163.com/article/FK6DC69605503FCU.html", True),
    ("http://x.cn/show.php?id=12345", True),
    ("http://x.cn/news/123456", True),
    ("http://x.cn/news/detail?id=12345", True),
    ("http://x.cn/news/list?id=12345", False),
    ("http://x.cn/newslist.aspx?classid=12", False),
    ("http://a.gov.cn/xwzx/index_1.html", False),
    ("http://news.gmw.cn/node_4108_2.htm", False),
    ("https://new.qq.com/omn/author/7011717", False),
    ("https://new.qq.com/zt/template/?id=SPO2020070400561800", False),
    ("http://x.cn/about/contact.html", False),
    ("http://x.cn/news/", False),
    ("http://x.cn/2024/0601/pic.jpg", False),
])
def test_article_url_shape(url: str, article: bool) -> None:
    assert looks_like_article(url) is article


@pytest.mark.parametrize("a,b,same", [
    ("http://x.cn/list/", "http://x.cn/list/index_2.html", True),
    ("http://x.cn/list/index.html", "http://x.cn/list/index_2.html", True),
    ("http://x.cn/node_12.htm", "http://x.cn/node_12_2.htm", True),
    ("http://x.cn/node_4108.htm", "http://x.cn/node_4108_3.htm", True),
    ("http://x.cn/l.php?c=3", "http://x.cn/l.php?c=3&page=2", True),
    ("http://x.cn/news/", "http://x.cn/news/2/", True),
    ("http://x.cn/l.php?c=3", "http://x.cn/l.php?c=4&page=2", False),
    ("http://x.cn/news/", "http://x.cn/sports/2/", False),
])
def test_page_series(a: str, b: str, same: bool) -> None:
    assert (page_key(a)[0] == page_key(b)[0]) is same
    if same:
        assert page_key(b)[1] > page_key(a)[1]


def test_create_page_html_with_literal_and_variable_arguments() -> None:
    doc = parse_html("""<script>createPageHTML('page_div', 4, 1, 'index', 'shtml', 60);</script>""")
    assert script_pages(doc, "http://x.gov.cn/tzgg/index_1.shtml") == [
        "http://x.gov.cn/tzgg/index_2.shtml", "http://x.gov.cn/tzgg/index_3.shtml", "http://x.gov.cn/tzgg/index.shtml"]
    doc = parse_html("""<script>var n = 2; createPageHTML(n, 0, "index", "html");</script>""")
    assert script_pages(doc, "http://x.gov.cn/tzgg/") == ["http://x.gov.cn/tzgg/index_1.html"]


def test_pager_ignores_calendars_and_other_channels_but_takes_link_rel_next() -> None:
    doc = parse_html("""<html><head><link rel="next" href="/roll/list_2.html"></head><body>
    <ul class="calendar"><li><a href="/archive/0601.html">1</a></li><li><a href="/archive/0602.html">2</a></li></ul>
    <div class="nav"><a href="/sports/">体育</a><a href="/">首页</a></div>
    <div class="pages"><a href="/roll/list_2.html">2</a> <a href="/roll/list_3.html">3</a></div></body></html>""")
    assert pager_urls(doc, "http://x.cn/roll/list.html") == ["http://x.cn/roll/list_2.html", "http://x.cn/roll/list_3.html"]


def test_trs_continuation_pages_in_order_and_found_page_by_page() -> None:
    first = "http://www.xinglin.gov.cn/xwzx/gzdt/202406/t20240601_100002.html"
    page1 = ANYSITE / "www.xinglin.gov.cn/xwzx/gzdt/202406/t20240601_100002.html"
    page2 = ANYSITE / "www.xinglin.gov.cn/xwzx/gzdt/202406/t20240601_100002_1.html"
    assert later_pages(page1.read_bytes(), first) == [first.replace(".html", "_1.html")]  # 相关阅读 links are not pages
    second = first.replace(".html", "_1.html")
    assert later_pages(page2.read_bytes(), second, first) == [first.replace(".html", "_2.html")]


def test_trs_article_paged_by_script() -> None:
    doc = parse_html("""<div class="page"><script>createPageHTML(3, 0, "t20240601_123456", "html");</script></div>""")
    first = "http://x.gov.cn/a/202406/t20240601_123456.html"
    assert continuation_urls(doc, first) == [first.replace(".html", "_1.html"), first.replace(".html", "_2.html")]


def test_continuation_by_suffix_or_parameter_only_of_the_same_article() -> None:
    doc = parse_html("""<div class="pages"><a href="story_88123_3.html">3</a><a href="story_88123_2.html">2</a>
    <a href="story_88124.html">下一篇</a><a href="story_88123.html?page=9">全文</a></div>""")
    assert continuation_urls(doc, "http://x.cn/a/story_88123.html") == [
        "http://x.cn/a/story_88123_2.html", "http://x.cn/a/story_88123_3.html", "http://x.cn/a/story_88123.html?page=9"]
    assert continuation_number("http://x.cn/a/s.php?id=5&page=2", "http://x.cn/a/s.php?id=5") == 2
    assert continuation_number("http://x.cn/a/s.php?id=6&page=2", "http://x.cn/a/s.php?id=5") is None


# ------------------------------------------------------------ the corpus's real listing pages

@pytest.mark.skipif(not LISTINGS, reason=NO_CORPUS)
def test_corpus_listings_precision_and_recall_without_profiles() -> None:
    """Micro precision/recall of article links over the real listing pages (bench.listings prints them)."""
    found = gold = hits = 0
    for row in LISTINGS:
        listing = main_list((CORPUS / row["file"]).read_bytes(), row["url"])
        found += len(listing.article_urls)
        gold += len(row["article_links"])
        hits += len(set(listing.article_urls) & set(row["article_links"]))
        next_page = row.get("next_page")
        if next_page and next_page.split("#")[0] != row["url"]:  # a fetchable next page
            assert listing.next_urls[:1] == [next_page], row["id"]
    assert hits / max(found, 1) >= 0.95 and hits / gold >= 0.95, json.dumps([found, gold, hits])


def test_the_list_the_pager_follows_beats_a_longer_neutral_box() -> None:
    main = "".join(f'<li><a href="/xw/2024/0603/{700 + i}001.html">本频道第{i}条新闻的完整标题</a><em>2024-06-03</em></li>'
                   for i in range(5))
    other = "".join(f'<li><a href="/qt/2024/0603/{800 + i}001.html">别处最新发布第{i}条标题</a><em>06-03 10:0{i}</em></li>'
                    for i in range(8))
    html = f"""<html><body><div class="c1"><ul class="ls">{main}</ul>
    <div class="pg"><a href="/xw/index_1.html">下一页</a></div></div>
    <div class="c2"><div class="t">最新发布</div><ul class="ls">{other}</ul></div></body></html>"""
    listing = main_list(html, "http://www.example.cn/xw/index.html")
    assert [u.rsplit("/", 1)[1] for u in listing.article_urls] == [f"{700 + i}001.html" for i in range(5)]
    assert listing.next_urls == ["http://www.example.cn/xw/index_1.html"]


def test_bare_links_separated_by_breaks_and_table_rows() -> None:
    bare = "".join(f'<a href="/a/2024/0602/{900 + i}123.shtml">第{i}条只用换行分隔的标题</a> <font>(2024-06-02)</font><br>'
                   for i in range(4))
    listing = main_list(f"<html><body><div class='nr'>{bare}</div></body></html>", "http://x.com.cn/a/")
    assert len(listing.article_urls) == 4
    rows = "".join(f'<tr><td><a href="/b/202406/t20240601_{5000 + i}.html">表格第{i}行公告标题文字</a></td><td>2024-06-01</td></tr>'
                   for i in range(3))
    listing = main_list(f"<html><body><table>{rows}</table></body></html>", "http://x.gov.cn/b/")
    assert [u.rsplit("_", 1)[1] for u in listing.article_urls] == ["5000.html", "5001.html", "5002.html"]


@pytest.mark.parametrize("page", ["node_90001.htm", "node_90001_2.htm", "node_90001_3.htm"])
def test_generic_detection_agrees_with_the_gmw_profile_on_its_test_site(page: str) -> None:
    """tests/site is gmw-shaped (nav, 推荐 boxes, a list linking an article's page 2): profile off, same list."""
    from crawler.extract.listing import parse_listing
    from crawler.sites.gmw import PROFILE

    html, url = (HERE / "site/news.gmw.cn" / page).read_bytes(), "http://news.gmw.cn/" + page
    generic, profiled = main_list(html, url), parse_listing(html, url, PROFILE)
    assert generic.article_urls == profiled.article_urls
    assert sorted(generic.next_urls) == sorted(profiled.next_urls)


def test_trs_anchor_pager_with_first_previous_next_last() -> None:
    doc = parse_html("""<div class="pagination"><a href="index.html">首页</a> <a href="index.html">上一页</a>
    <a href="index_2.html">下一页</a> <a href="index_9.html">尾页</a></div>
    <div class="nav"><a href="../tzgg/index.html">通知公告</a></div>""")
    assert pager_urls(doc, "http://x.gov.cn/gzdt/index_1.html") == [
        "http://x.gov.cn/gzdt/index_2.html", "http://x.gov.cn/gzdt/index_9.html", "http://x.gov.cn/gzdt/index.html"]


def test_government_list_shipped_as_a_script_datastore() -> None:
    records = "".join(
        f"<record><![CDATA[<li><a href='/art/2024/6/{3 - i}/art_1201_{88000 + i}.html' title='县政府第{i}号工作通报标题'>"
        f"县政府第{i}号工作通报标题</a><span>2024-06-0{3 - i}</span></li>]]></record>" for i in range(3))
    html = f"""<html><body><div class="nav"><a href="/col/col1201/index.html">政务动态</a></div>
    <div class="main"><div id="1201"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/jpage.jsp?p=2"></a>]]>
    </nextgroup><recordset>{records}</recordset></datastore></script></div></div>
    <div class="side"><h3>热点排行</h3><ul><li><a href="/art/2024/5/1/art_1201_70001.html">侧栏里的一条热点新闻标题</a></li></ul></div>
    </body></html>"""
    listing = main_list(html, "http://www.example.gov.cn/col/col1201/index.html")
    assert [u.rsplit("/", 1)[1] for u in listing.article_urls] == [f"art_1201_{88000 + i}.html" for i in range(3)]


def test_long_decoy_boxes_are_never_the_main_list_of_a_script_rendered_channel() -> None:
    rank = "".join(f'<li><a href="/n/2024/0601/{610000 + i}.html">排行榜上的第{i}条新闻标题</a><span>06-01 09:{i:02d}</span></li>'
                   for i in range(12))
    recommend = "".join(f'<li><a href="/n/2024/0530/{620000 + i}.html">编辑推荐的第{i}条文章标题</a></li>' for i in range(8))
    html = f"""<html><head><link rel="alternate" type="application/rss+xml" href="/rss/n.xml"></head><body>
    <div class="main"><div id="app"></div><script src="/js/list.js"></script></div>
    <div class="r"><div class="box"><div class="tit">阅读排行</div><ul>{rank}</ul></div>
    <div class="recommend-box"><ul>{recommend}</ul></div></div></body></html>"""
    listing = main_list(html, "http://www.example.com.cn/n/")
    assert listing.article_urls == [] and listing.feeds == ["http://www.example.com.cn/rss/n.xml"]
