"""The seen-store (SQLite) and the pure helpers of incremental crawling."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from crawler.state import RunRecord, SeenEntry, content_hash, open_store
from crawler.state.window import CrawlWindow, truthy, within_revisit


def entry(i: int = 1, **kw) -> SeenEntry:
    base = dict(id=f"gmw.cn:{i}", url=f"https://news.gmw.cn/2024-05/13/content_{i}.htm", content_hash="h1",
                first_seen="2024-05-13T01:00:00Z", last_seen="2024-05-13T01:00:00Z",
                published_at="2024-05-13T08:00:00+08:00", etag='"abc"', last_modified=None)
    base.update(kw)
    return SeenEntry(**base)


def test_put_get_by_id_and_url_survive_reopen(tmp_path):
    path = tmp_path / "deep" / "seen.sqlite3"
    store = open_store(str(path))
    assert store.get("gmw.cn:1") is None
    store.put(entry(1))
    store.put(entry(2, content_hash="h2"))
    store.close()
    store = open_store(f"sqlite:{path}")
    assert store.get("gmw.cn:1") == entry(1)
    assert store.get_by_url("https://news.gmw.cn/2024-05/13/content_2.htm").content_hash == "h2"
    assert store.get_by_url("https://news.gmw.cn/node_1.htm") is None
    store.put(entry(1, content_hash="h9", revision=2))  # replace, not duplicate
    assert store.get("gmw.cn:1").revision == 2
    assert store.count() == 2


def test_fill_history_newest_first_per_site(tmp_path):
    store = open_store(str(tmp_path / "s.sqlite3"))
    store.record_run(RunRecord("r1", "gmw.cn", "2024-05-01T00:00:00Z", 10, {"source": 0.9}))
    store.record_run(RunRecord("r2", "gmw.cn", "2024-05-02T00:00:00Z", 10, {"source": 0.8}))
    store.record_run(RunRecord("r2", "people.com.cn", "2024-05-02T00:00:00Z", 10, {"source": 0.1}))
    assert store.fill_history("gmw.cn", 5) == [{"source": 0.8}, {"source": 0.9}]
    assert store.fill_history("gmw.cn", 1) == [{"source": 0.8}]
    assert store.fill_history("nowhere.cn") == []


def test_store_file_is_plain_sqlite_in_wal_mode(tmp_path):
    path = tmp_path / "s.sqlite3"
    open_store(str(path)).put(entry(1))
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT id FROM articles").fetchall() == [("gmw.cn:1",)]


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unsupported"):
        open_store("redis://localhost/0")


def test_content_hash_ignores_ids_and_timestamps_but_not_content():
    record = {"id": "a:1", "headline": "标题", "body": "正文", "crawled_at": "2024-01-01T00:00:00Z"}
    same = dict(record, id="a:2", crawled_at="2025-01-01T00:00:00Z", url="https://x/")
    assert content_hash(record) == content_hash(same)
    assert content_hash(record) != content_hash(dict(record, body="正文（更正）"))


def test_crawl_window_bounds_are_inclusive_days():
    window = CrawlWindow("2024-05-01", "2024-05-31")
    assert window.contains("2024-05-01T00:00:00+08:00")
    assert window.contains("2024-05-31T23:59:00+08:00")
    assert window.contains("2024-05-15")
    assert not window.contains("2024-04-30T23:59:59+08:00")
    assert not window.contains("2024-06-01T00:00:00+08:00")
    assert window.contains(None)  # unknown time is never dropped
    assert window.is_before("2024-04-30T10:00:00+08:00")
    assert not window.is_before("2024-05-02")
    assert CrawlWindow().is_open and not window.is_open


def test_bad_window_argument_is_a_clear_error():
    with pytest.raises(ValueError, match="not a date"):
        CrawlWindow("yesterday")


def test_revisit_window():
    now = datetime(2024, 5, 13, 12, 0, tzinfo=timezone.utc)
    fresh = (now - timedelta(hours=3)).isoformat()
    old = (now - timedelta(days=5)).isoformat()
    assert within_revisit(fresh, 48, now)
    assert not within_revisit(old, 48, now)
    assert not within_revisit(fresh, 0, now)
    assert not within_revisit(None, 48, now)


def test_truthy_spider_arguments():
    assert truthy("1") and truthy("true") and truthy("Yes")
    assert not truthy("0") and not truthy(None) and not truthy("")
