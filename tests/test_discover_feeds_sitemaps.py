"""Feeds (feedparser) and sitemaps (scrapy.utils.sitemap): pure parsing, dates for since/until."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from crawler.discover.dates import entry_date
from crawler.discover.feeds import parse_feed
from crawler.discover.sitemaps import parse_sitemap

ANYSITE = Path(__file__).resolve().parent / "anysite"
HY = "http://news.haiyun.com.cn/"


@pytest.mark.parametrize("raw,iso", [
    ("Sat, 01 Jun 2024 10:00:00 +0800", "2024-06-01T10:00:00+08:00"),
    ("Sat, 01 Jun 2024 02:00:00 GMT", "2024-06-01T02:00:00+00:00"),
    ("2024-06-01T10:00:00Z", "2024-06-01T10:00:00+00:00"),
    ("2024-06-01 10:00", "2024-06-01T10:00:00+08:00"),  # no zone: the site's (China) time
    ("2024/06/01 10:00:00", "2024-06-01T10:00:00+08:00"),
    ("2024年6月1日 10:00", "2024-06-01T10:00:00+08:00"),
    ("2024-06-01", "2024-06-01"),
    ("", None),
    ("不是日期", None),
])
def test_entry_dates(raw: str, iso: str | None) -> None:
    assert entry_date(raw) == iso


def test_rss_in_gbk_declared_utf8_with_chinese_dates() -> None:
    feed = parse_feed((ANYSITE / "news.haiyun.com.cn/rss/news.xml").read_bytes(), HY + "rss/news.xml")
    assert feed.kind == "rss20" and feed.title == "海云网-滚动新闻"
    assert [(i.url, i.title, i.published) for i in feed.items[:2]] == [
        (HY + "2024-06/03/content_5003.htm", "海云港集装箱吞吐量前五个月同比增长一成", "2024-06-03T16:20:00+08:00"),
        (HY + "2024-06/03/content_5002.htm", "市区三条公交线路优化调整 新增站点九个", "2024-06-03T11:05:00+08:00"),
    ]
    assert len(feed.items) == 5  # the off-site item is parsed; the spider's URL gate refuses it


def test_atom_with_relative_link_and_only_an_updated_date() -> None:
    feed = parse_feed((ANYSITE / "news.haiyun.com.cn/rss/video.xml").read_bytes(), HY + "rss/video.xml")
    assert feed.kind == "atom10"
    assert [(i.url, i.published, i.updated) for i in feed.items] == [
        (HY + "2024-06/03/content_6001.htm", "2024-06-03T12:00:00+08:00", "2024-06-03T12:00:00+08:00"),
        (HY + "2024-06/02/content_6002.htm", None, "2024-06-02T15:30:00+08:00"),
    ]


def test_rss_items_without_links_are_counted_and_a_page_is_not_a_feed() -> None:
    rss = """<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>t</title>
    <item><title>无链接</title></item><item><title>脚本</title><link>javascript:void(0)</link></item>
    <item><title>有链接</title><link>http://x.cn/a/2024/0601/123456.html?utm_source=rss&amp;utm_medium=feed</link>
    </item></channel></rss>"""
    feed = parse_feed(rss.encode("utf-8"), "http://x.cn/rss.xml")  # declared gb2312, really UTF-8
    assert [i.title for i in feed.items] == ["有链接"] and feed.no_link == 2
    assert feed.items[0].url == "http://x.cn/a/2024/0601/123456.html"  # tracking parameters dropped
    page = parse_feed(b"<html><body><p>not a feed</p></body></html>", "http://x.cn/rss.xml")
    assert page.items == [] and page.error


def test_news_sitemap_keeps_publication_dates() -> None:
    doc = parse_sitemap((ANYSITE / "www.xinglin.gov.cn/sitemap_news.xml").read_bytes(),
                        "http://www.xinglin.gov.cn/sitemap_news.xml")
    assert doc.kind == "urlset"
    first = doc.pages[0]
    assert first.url == "http://www.xinglin.gov.cn/xwzx/gzdt/202406/t20240603_100031.html"
    assert first.published == "2024-06-03T09:30:00+08:00" and first.lastmod == "2024-06-03T09:30:00+08:00"
    assert doc.pages[-1].url == "http://www.xinglin.gov.cn/about/contact.html" and doc.pages[-1].published is None


def test_sitemap_index_robots_and_gzip() -> None:
    robots = parse_sitemap((ANYSITE / "www.xinglin.gov.cn/robots.txt").read_bytes(), "http://www.xinglin.gov.cn/robots.txt")
    assert robots.kind == "robots"
    assert [s.url for s in robots.sitemaps] == ["http://www.xinglin.gov.cn/sitemap_index.xml"]
    index = parse_sitemap((ANYSITE / "www.xinglin.gov.cn/sitemap_index.xml").read_bytes(),
                          "http://www.xinglin.gov.cn/sitemap_index.xml")
    assert index.kind == "sitemapindex"
    assert [(s.url.rsplit("/", 1)[1], s.lastmod) for s in index.sitemaps] == [
        ("sitemap_news.xml", "2024-06-03T18:00:00+08:00"), ("sitemap_2023.xml.gz", "2023-12-31T18:00:00+08:00")]
    old = parse_sitemap((ANYSITE / "www.xinglin.gov.cn/sitemap_2023.xml.gz").read_bytes(), "http://x/sitemap_2023.xml.gz")
    assert [p.lastmod for p in old.pages] == ["2023-12-30"]


def test_text_sitemap_and_junk() -> None:
    text = parse_sitemap(b"http://x.cn/a/2024/0601/123456.html\nnot a url\n\nhttps://x.cn/b/654321.html\n",
                         "http://x.cn/sitemap.txt")
    assert text.kind == "text" and [p.url for p in text.pages] == [
        "http://x.cn/a/2024/0601/123456.html", "https://x.cn/b/654321.html"] and text.bad == 1
    assert parse_sitemap(b"<html><body>no</body></html>", "http://x.cn/s.xml").error
    assert parse_sitemap(gzip.compress(b"<urlset"), "http://x.cn/s.xml.gz").kind in ("", "urlset")
    assert parse_sitemap(b"\x1f\x8bnot gzip at all", "http://x.cn/s.xml.gz").error
