"""WARC archive and replay middlewares, without a crawl: records written, read back, rotated, replayed."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from crawler.warc import WarcArchiveMiddleware, WarcReplayMiddleware
from crawler.warc.archive import REPLAY_FLAG
from crawler.warc.replay import MISS_FLAG

PAGE = "<html><head><title>测试</title></head><body><p>本文为测试页面正文。</p></body></html>".encode()


def archiver(tmp_path: Path, **settings) -> WarcArchiveMiddleware:
    crawler = get_crawler(settings_dict={"WARC_ARCHIVE": str(tmp_path / "warc"), **settings})
    return WarcArchiveMiddleware.from_crawler(crawler)


def replayer(path: Path) -> WarcReplayMiddleware:
    crawler = get_crawler(settings_dict={"WARC_REPLAY": str(path)})
    crawler.stats.open_spider()
    return WarcReplayMiddleware.from_crawler(crawler)


def fetched(url: str, body: bytes, status: int = 200, **headers: str) -> tuple[Request, Response]:
    request = Request(url, headers={"User-Agent": "test-agent", "Accept-Encoding": "gzip",
                                    "Proxy-Authorization": "Basic c2VjcmV0"})
    head = {"Content-Type": "text/html; charset=utf-8", **{k.replace("_", "-"): v for k, v in headers.items()}}
    return request, HtmlResponse(url, status=status, headers=head, body=body, request=request, protocol="HTTP/1.1")


def test_off_unless_configured() -> None:
    with pytest.raises(NotConfigured):
        WarcArchiveMiddleware.from_crawler(get_crawler())
    with pytest.raises(NotConfigured):
        WarcReplayMiddleware.from_crawler(get_crawler())


def test_request_and_response_records_keep_status_headers_and_raw_body(tmp_path: Path) -> None:
    mw = archiver(tmp_path)
    compressed = gzip.compress(PAGE)
    request, response = fetched("http://news.example.cn/a/1.html?x=1", compressed, Content_Encoding="gzip")
    response.headers.appendlist("Set-Cookie", "a=1")
    response.headers.appendlist("Set-Cookie", "b=2")
    assert mw.process_response(request, response) is response
    mw.spider_closed(None)
    [path] = mw.writer.paths
    with path.open("rb") as fh:
        records = [(r.rec_type, r.rec_headers, r.http_headers, r.raw_stream.read()) for r in ArchiveIterator(fh)]
    assert [r[0] for r in records] == ["warcinfo", "response", "request"]
    _, resp_warc, resp_http, resp_body = records[1]
    _, req_warc, req_http, _ = records[2]
    assert resp_warc.get_header("WARC-Target-URI") == "http://news.example.cn/a/1.html?x=1"
    assert resp_http.statusline == "200 OK" and resp_http.protocol == "HTTP/1.1"
    assert resp_body == compressed  # as received: still gzip
    assert resp_http.get_header("Content-Encoding") == "gzip"
    assert [v for k, v in resp_http.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    assert req_warc.get_header("WARC-Concurrent-To") == resp_warc.get_header("WARC-Record-ID")
    assert req_http.protocol == "GET" and req_http.statusline == "/a/1.html?x=1 HTTP/1.1"
    assert req_http.get_header("Host") == "news.example.cn"
    assert req_http.get_header("User-Agent") == "test-agent"
    assert req_http.get_header("Proxy-Authorization") is None  # proxy credentials are not archived


def test_replay_serves_the_archived_response_and_404_for_the_rest(tmp_path: Path) -> None:
    mw = archiver(tmp_path)
    request, response = fetched("http://news.example.cn/a/1.html", PAGE, ETag='"v1"')
    mw.process_response(request, response)
    mw.spider_closed(None)

    replay = replayer(tmp_path / "warc")
    served = replay.process_request(Request("http://news.example.cn/a/1.html"))
    assert isinstance(served, HtmlResponse)
    assert (served.status, served.body, served.url) == (200, PAGE, response.url)
    assert served.headers.get("ETag") == b'"v1"'
    assert served.text == response.text
    assert REPLAY_FLAG in served.flags
    missing = replay.process_request(Request("http://news.example.cn/a/2.html"))
    assert missing.status == 404 and MISS_FLAG in missing.flags
    assert replay.stats.get_value("warc_replay/served") == 1
    assert replay.stats.get_value("warc_replay/missing") == 1
    # A replayed response is not archived again.
    mw2 = archiver(tmp_path / "again")
    mw2.process_response(Request(served.url), served)
    assert mw2.writer.paths == []


def test_repeated_fetches_replay_in_order_then_the_last_repeats(tmp_path: Path) -> None:
    mw = archiver(tmp_path)
    for status in (503, 200):
        mw.process_response(*fetched("http://news.example.cn/a/1.html", PAGE, status=status))
    mw.spider_closed(None)
    replay = replayer(tmp_path / "warc")
    got = [replay.process_request(Request("http://news.example.cn/a/1.html")).status for _ in range(3)]
    assert got == [503, 200, 200]


def test_files_rotate_at_max_size_and_pairs_stay_together(tmp_path: Path) -> None:
    mw = archiver(tmp_path, WARC_MAX_SIZE=2000)
    urls = [f"http://news.example.cn/a/{n}.html" for n in range(6)]
    for url in urls:
        mw.process_response(*fetched(url, PAGE * 5))
    mw.spider_closed(None)
    assert len(mw.writer.paths) > 1
    assert all(p.name.endswith(".warc.gz") for p in mw.writer.paths)
    for path in mw.writer.paths:
        with path.open("rb") as fh:
            types = [r.rec_type for r in ArchiveIterator(fh)]
        assert types[0] == "warcinfo" and types[1:] == ["response", "request"] * ((len(types) - 1) // 2)
    replay = replayer(tmp_path / "warc")  # a directory: every file in it
    assert [replay.process_request(Request(u)).status for u in urls] == [200] * 6


def test_gzip_body_replays_still_compressed_for_the_compression_middleware(tmp_path: Path) -> None:
    mw = archiver(tmp_path)
    compressed = gzip.compress(PAGE)
    mw.process_response(*fetched("http://news.example.cn/a/1.html", compressed, Content_Encoding="gzip"))
    mw.spider_closed(None)
    served = replayer(tmp_path / "warc").process_request(Request("http://news.example.cn/a/1.html"))
    assert served.body == compressed and served.headers.get("Content-Encoding") == b"gzip"


@pytest.mark.parametrize(("cut", "flagged"), [(40, True), (150, False), (300, True), (420, True)])
def test_a_truncated_archive_replays_what_precedes_the_damage(tmp_path: Path, caplog, cut: int,
                                                               flagged: bool) -> None:
    mw = archiver(tmp_path)
    urls = [f"http://news.example.cn/a/{n}.html" for n in range(3)]
    for url in urls:
        mw.process_response(*fetched(url, PAGE))
    mw.spider_closed(None)
    [path] = mw.writer.paths
    path.write_bytes(path.read_bytes()[:-cut])  # the last pair cut short, as by a kill mid-write
    replay = replayer(path)
    # The cut pair is never served half-read; everything before it is. (warcio drops some cuts silently.)
    assert [replay.process_request(Request(u)).status for u in urls] == [200, 200, 404]
    assert replay.stats.get_value("warc_replay/missing") == 1
    assert (replay.index.damaged == [path]) is flagged
    assert ("is damaged after offset" in caplog.text) is flagged
