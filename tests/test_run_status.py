"""A run is `ok` only when it really read its listings (issue 10, item 2).

A listing page whose parsing raised, a run where every listing failed to download (no network) and a
run that found no article at all end as `failed` in the summary, with the cause named, and
`python -m crawler.state.check` exits 1 and prints that cause.
"""

from __future__ import annotations

import socket

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.demo.sitegen import HOST, NODE, build_site
from crawler.extensions import RunReport
from crawler.spiders.sites import GmwSpider
from crawler.state import check
from tests.faultserver import FaultServer, read_jsonl, run_crawl, summaries


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_every_listing_failing_is_a_failed_run(tmp_path, capsys):
    site = build_site(articles=4, per_page=4)
    dead_proxy = f"http://127.0.0.1:{closed_port()}"  # like a machine without network: nothing answers
    result = run_crawl(dead_proxy, tmp_path, "gmw", "-a", f"channels={site.start_urls[0]}",
                       settings={"RETRY_TIMES": 0})
    assert result.returncode == 0  # the crawl itself ends normally; its summary says what went wrong
    [summary] = summaries(tmp_path)
    assert summary["status"] == "failed"
    assert any("every listing page failed" in p and "ConnectionRefused" in p for p in summary["problems"])
    assert check.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "failed: every listing page failed" in out and "ConnectionRefused" in out


def test_a_run_that_finds_no_article_is_failed(tmp_path, capsys):
    site = build_site(articles=4, per_page=10)  # one listing page
    pages = dict(site.pages)
    key = f"{HOST}/{NODE}.htm"
    start, end = pages[key].index(b'<ul class="channel-newsGroup">'), pages[key].index(b"</ul>\n<div id=")
    pages[key] = pages[key][:start] + b'<ul class="channel-newsGroup">' + pages[key][end:]  # an empty main list
    with FaultServer(pages) as server:
        run_crawl(server.proxy_url, tmp_path, "gmw", "-a", f"channels={site.start_urls[0]}")
    [summary] = summaries(tmp_path)
    assert summary["status"] == "failed"
    assert "the run found no article at all" in summary["problems"]
    assert check.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "failed: the run found no article at all" in out
    assert "alert: no article link on any of the 1 listing page(s)" in out


def test_a_listing_page_that_raised_while_parsed_fails_the_run(tmp_path, capsys):
    crawler = get_crawler(GmwSpider, settings_dict={"RUN_REPORT_BASE": str(tmp_path / "gmw-run"),
                                                    "SEEN_STORE": "off"})
    spider = GmwSpider.from_crawler(crawler)
    crawler.spider = spider
    report = RunReport.from_crawler(crawler)
    report.spider_opened(spider)
    crawler.stats.set_value("listing/pages", 3)
    crawler.stats.set_value("listing/article_links", 20)
    report.exported("http://news.gmw.cn/2024-05/31/content_1.htm")
    url = "http://news.gmw.cn/node_1_2.htm"
    response = HtmlResponse(url, body=b"<html></html>", request=Request(url, callback=spider.parse_listing))
    report.spider_error(Failure(ValueError("Invalid IPv6 URL")), response, spider)
    report.spider_closed(spider, "finished")
    [summary] = summaries(tmp_path)
    assert summary["status"] == "failed"
    assert summary["problems"][0].startswith("1 listing page(s) raised while being parsed")
    [line] = read_jsonl([tmp_path / "gmw-run.failures.jsonl"])
    assert line["url"] == url and line["stage"] == "listing" and "Invalid IPv6 URL" in line["reason"]
    assert check.main([str(tmp_path)]) == 1
    assert "raised while being parsed" in capsys.readouterr().out
