"""Crawl the loopback site with WARC archiving on, then re-run the crawl from the archive with no network.

The replay run's proxy points at a closed port, so any request that escaped the archive would fail; the loopback
server must see no request at all during replay, and the records must equal the live crawl's, crawled_at included
(the fetch time is the archived WARC-Date).
"""

from __future__ import annotations

import json
import socket
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.utils.project import get_project_settings
from warcio.archiveiterator import ArchiveIterator

from crawler.demo.sitegen import build_site

START_URL = build_site().start_urls[0]
WARC_MIDDLEWARES = {"crawler.warc.WarcArchiveMiddleware": 980, "crawler.warc.WarcReplayMiddleware": 990}
VOLATILE: tuple[str, ...] = ()  # fields allowed to differ between a crawl and its replay: none


def middlewares_setting() -> str:
    """The project's downloader middlewares plus the WARC pair (idempotent if settings.py lists them already)."""
    configured = get_project_settings().getdict("DOWNLOADER_MIDDLEWARES")
    return json.dumps({**configured, **WARC_MIDDLEWARES})


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed as soon as we return: connections are refused


@pytest.fixture(scope="module")
def live(site_server, crawl_runner, tmp_path_factory):
    out = tmp_path_factory.mktemp("live")
    result = crawl_runner(site_server, out, "-a", f"channels={START_URL}",
                          "-s", f"DOWNLOADER_MIDDLEWARES={middlewares_setting()}",
                          "-s", f"WARC_ARCHIVE={out / 'warc'}")
    assert result.returncode == 0, result.log[-3000:]
    return result, out / "warc"


@pytest.fixture(scope="module")
def replayed(live, site_server, crawl_runner, tmp_path_factory):
    _, warc_dir = live
    time.sleep(1.1)  # a later second than every live fetch: an equal crawled_at must come from the archive
    before = Counter(site_server.served)
    nowhere = SimpleNamespace(proxy_url=f"http://127.0.0.1:{closed_port()}", served=Counter())
    result = crawl_runner(nowhere, tmp_path_factory.mktemp("replay"), "-a", f"channels={START_URL}",
                          "-s", f"DOWNLOADER_MIDDLEWARES={middlewares_setting()}",
                          "-s", f"WARC_REPLAY={warc_dir}")
    assert result.returncode == 0, result.log[-3000:]
    assert Counter(site_server.served) == before, "replay reached the live server"
    return result


def stable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in VOLATILE}


def test_archive_holds_a_request_and_response_for_every_fetch(live) -> None:
    result, warc_dir = live
    files = sorted(warc_dir.glob("gmw-*.warc.gz"))
    assert files
    kinds: Counter[str] = Counter()
    uris = set()
    for path in files:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                kinds[record.rec_type] += 1
                if record.rec_type == "response":
                    uris.add(record.rec_headers.get_header("WARC-Target-URI"))
    assert kinds["response"] == kinds["request"] == result.stats["warc/responses"]
    assert kinds["response"] == sum(result.served.values())  # every request the server answered
    assert "http://news.gmw.cn/robots.txt" in uris and START_URL in uris
    assert {r["url"] for r in result.records} <= uris


def test_replay_without_network_writes_identical_records(live, replayed) -> None:
    result, _ = live
    assert result.records
    assert replayed.stats["warc_replay/served"] == result.stats["warc/responses"]
    assert "warc_replay/missing" not in replayed.stats
    got = sorted(map(stable, replayed.records), key=lambda r: r["id"])
    want = sorted(map(stable, result.records), key=lambda r: r["id"])
    assert got == want


def test_replay_refuses_a_missing_archive(site_server, crawl_runner, tmp_path: Path) -> None:
    result = crawl_runner(site_server, tmp_path, "-a", f"channels={START_URL}",
                          "-s", f"DOWNLOADER_MIDDLEWARES={middlewares_setting()}",
                          "-s", f"WARC_REPLAY={tmp_path / 'nothing-here'}")
    assert "no archive files found" in result.log
    assert not result.records
