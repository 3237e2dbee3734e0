"""The generic `news` spider end to end, one loopback crawl per discovery mode.

tests/anysite/ holds two sites written for these tests, with no profile: a TRS-style county
government (`index_N.html` pages from a `createPageHTML` script, a 3-page article, robots.txt ->
sitemap index -> news sitemap) and a `node_N.htm` portal in GB18030 (an RSS feed in GBK that declares
UTF-8, and a channel whose list is rendered by script but announces an Atom feed). Both carry
decoys in every box: navigation, side rankings, 推荐 / 相关阅读 lists, 专题, friend links and ads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer

ANYSITE = Path(__file__).resolve().parent / "anysite"
GOV = "http://www.xinglin.gov.cn/xwzx/gzdt/"
HY = "http://news.haiyun.com.cn/"
GOV_ARTICLES = ["202406/t20240603_100031", "202406/t20240602_100030", "202406/t20240601_100002",
                "202406/t20240601_100001", "202405/t20240530_100020", "202405/t20240528_100019",
                "202405/t20240527_100018", "202405/t20240521_100011", "202405/t20240520_100010"]
HY_ARTICLES = ["2024-06/03/content_5003", "2024-06/03/content_5002", "2024-06/02/content_5001",
               "2024-06/01/content_4990", "2024-05/31/content_4989"]
DECOYS = ["www.xinglin.gov.cn/xwzx/gzdt/202405/t20240518_099901.html",  # 热点排行
          "www.xinglin.gov.cn/xwzx/gzdt/202406/t20240518_099901.html",  # 相关阅读 in an article
          "www.xinglin.gov.cn/xwzx/gzdt/202406/t20240605_100900.html",  # headline in the nav bar
          "www.xinglin.gov.cn/xwzx/bmdt/202406/t20240601_200001.html",  # another channel, in the menu
          "www.xinglin.gov.cn/ztzl/2024lh/202403/t20240305_088801.html",  # 专题
          "news.haiyun.com.cn/2024-05/29/content_4970.htm", "news.haiyun.com.cn/2024-05/28/content_4969.htm"]
BOILERPLATE = ["分享到", "责任编辑", "相关阅读", "推荐阅读", "版权所有", "当前位置", "热点排行", "字号"]


@pytest.fixture(scope="module")
def anysite() -> Iterator[SiteServer]:
    with SiteServer(ANYSITE) as server:
        yield server


def summary_of(out: Path) -> dict:
    [path] = out.glob("news-*.summary.json")
    return json.loads(path.read_text(encoding="utf-8"))


def by_url(records: list[dict]) -> dict[str, dict]:
    return {r["url"]: r for r in records}


def assert_clean(record: dict) -> None:
    assert record["headline"] and record["published_at"] and record["body"], record["url"]
    for word in BOILERPLATE:
        assert word not in record["body"], (record["url"], word)


@pytest.fixture(scope="module")
def channels_crawl(anysite, crawl_runner, tmp_path_factory):
    out = tmp_path_factory.mktemp("news-channels")
    result = crawl_runner(anysite, out, "-a", f"channels={GOV},{HY}node_301.htm", spider="news")
    assert result.returncode == 0, result.log[-3000:]
    return result, out


def test_channels_on_two_cms_styles_give_every_main_list_article(channels_crawl) -> None:
    result, _ = channels_crawl
    records = by_url(result.records)
    expected = {GOV + a + ".html" for a in GOV_ARTICLES} | {HY + a + ".htm" for a in HY_ARTICLES}
    assert set(records) == expected
    for record in records.values():
        assert_clean(record)
        assert record["extractor"] == "generic"
    gov = records[GOV + "202406/t20240603_100031.html"]
    assert gov["headline"] == "杏林县召开夏季农业生产调度会 部署抢收抢种工作"
    assert gov["published_at"] == "2024-06-03T09:30:00+08:00" and gov["source"] == "杏林县融媒体中心"
    portal = records[HY + "2024-06/03/content_5002.htm"]  # GB18030 bytes served as utf-8
    assert portal["headline"] == "市区三条公交线路优化调整 新增站点九个"
    assert portal["published_at"] == "2024-06-03T11:05:00+08:00" and portal["source"] == "海云日报"


def test_three_page_article_is_stitched_in_order(channels_crawl) -> None:
    result, _ = channels_crawl
    record = by_url(result.records)[GOV + "202406/t20240601_100002.html"]
    assert record["pages"] == 3
    body = record["body"]
    marks = ["集中开工仪式在县经济开发区举行", "年产五万吨新型建材项目", "强化要素保障"]  # page 1, 2, 3
    assert all(m in body for m in marks) and sorted(marks, key=body.index) == marks
    for n in ("", "_1", "_2"):
        assert result.served[f"www.xinglin.gov.cn/xwzx/gzdt/202406/t20240601_100002{n}.html"] == 1


def test_channel_crawl_follows_pagination_and_no_decoy(channels_crawl) -> None:
    result, out = channels_crawl
    for page in ("www.xinglin.gov.cn/xwzx/gzdt/", "www.xinglin.gov.cn/xwzx/gzdt/index_1.html",
                 "www.xinglin.gov.cn/xwzx/gzdt/index_2.html", "news.haiyun.com.cn/node_301.htm",
                 "news.haiyun.com.cn/node_301_2.htm"):
        assert result.served[page] == 1, page
    for decoy in DECOYS:
        assert result.served[decoy] == 0, decoy
    hosts = {key.split("/")[0] for key in result.served}
    assert hosts == {"www.xinglin.gov.cn", "news.haiyun.com.cn"}  # never the ad, friend-link or weibo hosts
    summary = summary_of(out)
    assert summary["discovery"]["article_urls"] == {"lists": 14, "feeds": 0, "sitemaps": 0}
    assert summary["articles"]["exported"] == 14 and summary["articles"]["failed"] == 0


def test_max_pages_bounds_generic_pagination(anysite, crawl_runner, tmp_path: Path) -> None:
    result = crawl_runner(anysite, tmp_path, "-a", f"channels={GOV}", "-a", "max_pages=2", spider="news")
    assert result.returncode == 0, result.log[-3000:]
    assert result.served["www.xinglin.gov.cn/xwzx/gzdt/index_1.html"] == 1
    assert result.served["www.xinglin.gov.cn/xwzx/gzdt/index_2.html"] == 0
    assert len(result.records) == 7


def test_feed_mode_with_since(anysite, crawl_runner, tmp_path: Path) -> None:
    feeds = f"{HY}rss/news.xml,{HY}rss/gone.xml"  # the second one is a 404
    result = crawl_runner(anysite, tmp_path, "-a", f"feeds={feeds}", "-a", "since=2024-06-01", spider="news")
    assert result.returncode == 0, result.log[-3000:]
    assert set(by_url(result.records)) == {HY + a + ".htm" for a in HY_ARTICLES[:2] + HY_ARTICLES[3:4]}
    for record in result.records:
        assert_clean(record)
    assert result.served["news.haiyun.com.cn/2024-05/31/content_4989.htm"] == 0  # older than since: not fetched
    assert not any(key.startswith("www.linshi-news.cn") for key in result.served)  # off-site item refused
    summary = summary_of(tmp_path)
    assert summary["discovery"]["article_urls"]["feeds"] == 3
    assert summary["discovery"]["skipped"] == {"outside-window": 1}
    assert result.stats["links/refused/offsite"] == 1
    assert summary["status"] == "ok" and summary["failures_by_stage"] == {"listing": 1, "link": 1}


def test_sitemap_index_through_robots_txt(anysite, crawl_runner, tmp_path: Path) -> None:
    robots = "http://www.xinglin.gov.cn/robots.txt"
    result = crawl_runner(anysite, tmp_path, "-a", f"sitemaps={robots}", "-a", "since=2024-05-01", spider="news")
    assert result.returncode == 0, result.log[-3000:]
    assert set(by_url(result.records)) == {GOV + a + ".html" for a in ("202406/t20240603_100031",
                                                                       "202406/t20240602_100030",
                                                                       "202405/t20240530_100020")}
    assert result.served["www.xinglin.gov.cn/sitemap_index.xml"] == 1
    assert result.served["www.xinglin.gov.cn/sitemap_news.xml"] == 1
    assert result.served["www.xinglin.gov.cn/sitemap_2023.xml.gz"] == 0  # lastmod before since: not read
    assert result.served["www.xinglin.gov.cn/about/contact.html"] == 0  # not an article: no fetch, no record
    summary = summary_of(tmp_path)
    assert summary["discovery"]["article_urls"]["sitemaps"] == 3
    assert summary["discovery"]["skipped"] == {"sitemap-not-article-url": 3, "sitemap-older-than-since": 1}


def test_script_rendered_channel_falls_back_to_its_feed(anysite, crawl_runner, tmp_path: Path) -> None:
    result = crawl_runner(anysite, tmp_path, "-a", f"channels={HY}video/node_500.htm", spider="news")
    assert result.returncode == 0, result.log[-3000:]
    assert set(by_url(result.records)) == {HY + "2024-06/03/content_6001.htm", HY + "2024-06/02/content_6002.htm"}
    assert "crawling its announced feed http://news.haiyun.com.cn/rss/video.xml instead" in result.log
    for decoy in DECOYS[-2:]:
        assert result.served[decoy] == 0
    summary = summary_of(tmp_path)
    assert summary["discovery"]["feed_fallbacks"] == 1 and summary["discovery"]["article_urls"]["feeds"] == 2


def test_a_page_given_as_a_feed_is_read_through_the_feed_it_announces(anysite, crawl_runner, tmp_path: Path) -> None:
    result = crawl_runner(anysite, tmp_path, "-a", f"feeds={HY}video/node_500.htm", spider="news")
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.records) == 2 and result.served["news.haiyun.com.cn/rss/video.xml"] == 1


def test_news_spider_needs_a_source(anysite, crawl_runner, tmp_path: Path) -> None:
    result = crawl_runner(anysite, tmp_path, spider="news")
    assert result.returncode != 0 and "needs -a channels=" in result.log


def test_incremental_rerun_with_jobdir_fetches_no_stored_article(anysite, crawl_runner, tmp_path: Path) -> None:
    args = ("-a", f"channels={GOV}", "-s", f"JOBDIR={tmp_path / 'job'}")
    first = crawl_runner(anysite, tmp_path, *args, spider="news")  # JOBDIR: requests go through disk queues
    assert first.returncode == 0, first.log[-3000:]
    assert len(first.records) == 9
    again = crawl_runner(anysite, tmp_path, *args, spider="news")
    assert again.returncode == 0, again.log[-3000:]
    assert len(again.records) == 9  # the first run's file only: the second exported nothing
    assert not any("/2024" in key for key in again.served)  # stored articles are not fetched again
    assert again.stats["incremental/skipped_seen"] == 9


def test_warc_archive_and_replay_of_a_sitemap_crawl(anysite, crawl_runner, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from tests.test_warc_replay import closed_port, middlewares_setting

    robots = "http://www.xinglin.gov.cn/robots.txt"
    warc = ("-s", f"DOWNLOADER_MIDDLEWARES={middlewares_setting()}", "-s", "SEEN_STORE=off")
    live = crawl_runner(anysite, tmp_path / "live", "-a", f"sitemaps={robots}", *warc,
                        "-s", f"WARC_ARCHIVE={tmp_path / 'warc'}", spider="news")
    assert live.returncode == 0, live.log[-3000:]
    assert len(live.records) == 4  # the 2023 sitemap too: no since
    nowhere = SimpleNamespace(proxy_url=f"http://127.0.0.1:{closed_port()}", served=anysite.served)
    before = sum(anysite.served.values())
    replay = crawl_runner(nowhere, tmp_path / "replay", "-a", f"sitemaps={robots}", *warc,
                          "-s", f"WARC_REPLAY={tmp_path / 'warc'}", spider="news")
    assert replay.returncode == 0, replay.log[-3000:]
    assert sum(anysite.served.values()) == before  # nothing reached the network
    assert sorted(replay.lines) == sorted(live.lines)


def test_start_requests_serialise_for_redis_workers() -> None:
    from scrapy.utils.request import request_from_dict

    from crawler.spiders.news import NewsSpider

    spider = NewsSpider(channels=GOV, feeds=f"{HY}rss/news.xml", sitemaps="http://www.xinglin.gov.cn/robots.txt")
    assert spider.allowed_domains == ["haiyun.com.cn", "xinglin.gov.cn"]
    requests = list(spider.start_requests())
    assert [r.callback.__name__ for r in requests] == ["parse_listing", "parse_feed", "parse_sitemap"]
    for request in requests:  # scrapy-redis and JOBDIR store requests as dicts
        again = request_from_dict(request.to_dict(spider=spider), spider=spider)
        assert again.url == request.url and again.callback == request.callback


def test_news_spider_on_the_gmw_test_site_writes_what_the_gmw_spider_writes(
        site_server, crawl_runner, expected_records, tmp_path: Path) -> None:
    """Profile off for discovery (generic list, pager and continuation pages), same records."""
    from tests.conftest import START_URL

    result = crawl_runner(site_server, tmp_path, "-a", f"channels={START_URL}", spider="news")
    assert result.returncode == 0, result.log[-3000:]
    fields = ("url", "headline", "source", "published_at", "body", "pages", "editor", "reporters")
    got = {r["id"]: {k: r[k] for k in fields} for r in result.records}
    assert got == {i: {k: r[k] for k in fields} for i, r in expected_records.items()}
