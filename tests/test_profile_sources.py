"""Profiled spiders take feeds= and sitemaps= too, and a profile may declare its own."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from crawler.demo.server import DirectoryPages, SiteServer
from crawler.sites.gmw import PROFILE as GMW
from crawler.spiders.sites import spider_for

SITE = Path(__file__).resolve().parent / "site"
ARTICLES = ["http://news.gmw.cn/2024-05/31/content_100001.htm", "http://news.gmw.cn/2024-05/31/content_100004.htm"]


def test_profile_declared_feeds_and_sitemaps_are_crawled_by_default() -> None:
    profile = dataclasses.replace(GMW, feeds=("http://news.gmw.cn/rss.xml",), sitemaps=("http://news.gmw.cn/robots.txt",))
    spider = spider_for(profile)()
    assert [(r.url, r.callback.__name__) for r in spider.start_requests()] == [
        *((u, "parse_listing") for u in GMW.start_urls),
        ("http://news.gmw.cn/rss.xml", "parse_feed"), ("http://news.gmw.cn/robots.txt", "parse_sitemap")]
    only = spider_for(profile)(sitemaps="http://news.gmw.cn/sitemap.xml")  # named sources replace the defaults
    assert [r.url for r in only.start_requests()] == ["http://news.gmw.cn/sitemap.xml"]


def test_gmw_spider_with_a_sitemap_uses_the_profile(crawl_runner, tmp_path: Path) -> None:
    pages = dict(DirectoryPages(SITE))
    entries = [*ARTICLES, "http://news.gmw.cn/node_90001.htm", "http://www.gmw.cn/2024-05/31/content_1.htm"]
    pages["news.gmw.cn/sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{u}</loc></url>" for u in entries) + "</urlset>").encode("utf-8")
    with SiteServer(pages) as server:
        result = crawl_runner(server, tmp_path, "-a", "sitemaps=http://news.gmw.cn/sitemap.xml")
    assert result.returncode == 0, result.log[-3000:]
    records = {r["url"]: r for r in result.records}
    assert set(records) == set(ARTICLES)
    assert all(r["extractor"].startswith("gmw/") and r["extractor"] != "gmw/generic" for r in records.values())
    assert records[ARTICLES[0]]["pages"] == 3  # the profile's continuation pages still apply
    assert result.served["news.gmw.cn/node_90001.htm"] == 0  # a listing URL in a sitemap is no article
    [summary] = tmp_path.glob("gmw-*.summary.json")
    discovery = json.loads(summary.read_text(encoding="utf-8"))["discovery"]
    assert discovery["article_urls"]["sitemaps"] == 3 and discovery["skipped"] == {"sitemap-not-article-url": 1}
