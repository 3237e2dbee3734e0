"""The pieces of the distributed crawl against a real redis-server: seen-store, reliable queue, switch, merge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.distributed import CrawlKeys
from crawler.distributed.addon import DistributedAddon
from crawler.distributed.budget import SharedListingPages
from crawler.distributed.merge import merge_records, write_merged
from crawler.distributed.queue import Frontier
from crawler.state import RunRecord, store_for
from crawler.state.redis_store import RedisStore
from tests.redisserver import RedisServer, have_redis_server
from tests.test_incremental_store import entry  # the same SeenEntry factory for both stores

pytestmark = pytest.mark.skipif(not have_redis_server(), reason="redis-server is not installed")


@pytest.fixture
def redis_server(tmp_path: Path):
    with RedisServer(tmp_path / "redis") as server:
        yield server


def test_redis_store_keeps_entries_across_clients(redis_server):
    store = RedisStore.from_url(redis_server.url)
    assert store.get("gmw.cn:1") is None and store.get_by_url(entry(1).url) is None
    store.put(entry(1))
    store.put(entry(2, content_hash="h2", etag=None))
    store.close()
    other = RedisStore.from_url(redis_server.url)  # another worker
    assert other.get("gmw.cn:1") == entry(1)
    assert other.get_by_url(entry(2).url) == entry(2, content_hash="h2", etag=None)
    other.put(entry(1, content_hash="h9", revision=2))  # replace, not duplicate
    assert other.get("gmw.cn:1").revision == 2
    assert other.count() == 2
    assert other.memory_usage()["bytes"] > 0


def test_redis_store_fill_history_newest_first_per_site(redis_server):
    store = RedisStore.from_url(redis_server.url, prefix="t")
    store.record_run(RunRecord("r1", "gmw.cn", "2024-05-01T00:00:00Z", 10, {"source": 0.9}))
    store.record_run(RunRecord("r2", "gmw.cn", "2024-05-02T00:00:00Z", 10, {"source": 0.8}))
    store.record_run(RunRecord("r2", "people.com.cn", "2024-05-02T00:00:00Z", 10, {"source": 0.1}))
    store.record_run(RunRecord("r1", "gmw.cn", "2024-05-01T00:00:00Z", 10, {"source": 0.7}))  # same run again
    assert store.fill_history("gmw.cn", 5) == [{"source": 0.8}, {"source": 0.7}]
    assert store.fill_history("gmw.cn", 1) == [{"source": 0.8}]
    assert store.fill_history("nowhere.cn") == []


class _Crawler:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        from scrapy.signalmanager import SignalManager

        self.signals = SignalManager()


def test_store_factory_picks_redis_only_when_redis_url_is_set(redis_server, tmp_path):
    redis_crawler = _Crawler(Settings({"REDIS_URL": redis_server.url, "EXPORTS_DIR": str(tmp_path)}))
    assert isinstance(store_for(redis_crawler), RedisStore)
    local = _Crawler(Settings({"EXPORTS_DIR": str(tmp_path)}))
    assert not isinstance(store_for(local), RedisStore)
    assert (tmp_path / "seen.sqlite3").exists()


def test_frontier_take_moves_requests_in_flight_and_requeue_returns_them(redis_server):
    client = redis_server.client()
    keys = CrawlKeys("t", "gmw")
    frontier = Frontier(client, keys)
    assert frontier.push(b"listing", 0, "fp-listing")
    assert not frontier.push(b"listing-again", 0, "fp-listing")  # dupefilter
    assert frontier.push(b"article", 5, "fp-article")
    assert frontier.push(b"article", 5, None)  # dont_filter skips the dupefilter
    assert frontier.take("w1") == b"article"  # highest priority first
    assert frontier.take("w1") == b"listing"
    assert frontier.take("w1") is None
    assert frontier.pending() == 0
    client.sadd(keys.workers, "w1")
    assert frontier.inflight_counts() == {"w1": 2}
    frontier.ack("w1", b"listing")
    client.set(keys.alive("w1"), "x")
    assert frontier.requeue("w1", only_if_dead=True) == -1  # heartbeat alive: left alone
    client.delete(keys.alive("w1"))
    assert frontier.requeue("w1", only_if_dead=True) == 1  # dead: its unfinished request goes back
    assert frontier.take("w2") == b"article"
    assert frontier.inflight_counts() == {}  # w1 is no longer registered
    assert client.zscore(keys.inflight("w2"), b"article") == -5  # priority kept


def test_shared_listing_budget_is_one_set_per_channel(redis_server):
    client = redis_server.client()
    pages = SharedListingPages(client, CrawlKeys("t", "gmw"))
    pages["http://a/node.htm"] = {"http://a/node.htm"}
    other_worker = SharedListingPages(client, CrawlKeys("t", "gmw"))
    scheduled = other_worker.setdefault("http://a/node.htm", {"http://a/node.htm"})
    scheduled.add("http://a/node_2.htm")
    assert len(pages["http://a/node.htm"]) == 2
    assert "http://a/node_2.htm" in pages.setdefault("http://a/node.htm", set())
    assert "http://a/node_3.htm" not in scheduled
    assert len(pages.setdefault("http://b/node.htm", {"http://b/node.htm"})) == 1


def test_shared_and_local_budgets_claim_pager_links_alike(redis_server):
    from crawler.spiders.profile import claim_pages

    urls = ["http://a/node_2.htm", "http://a/node.htm", "http://a/node_3.htm", "http://a/node_2.htm",
            "http://a/node_4.htm", "http://a/node_5.htm"]
    shared = SharedListingPages(redis_server.client(), CrawlKeys("t", "gmw")).setdefault("http://a/node.htm",
                                                                                         {"http://a/node.htm"})
    local = {"http://a/node.htm"}
    for scheduled in (shared, local):
        assert claim_pages(scheduled, urls, 4) == (["http://a/node_2.htm", "http://a/node_3.htm",
                                                    "http://a/node_4.htm"], 1)
        assert claim_pages(scheduled, urls, 4) == ([], 1)
        assert len(scheduled) == 4


def test_switch_is_off_without_redis_url():
    settings = Settings({"EXPORTS_FILENAME": "{spider}-{timestamp}.jsonl"})
    DistributedAddon().update_settings(settings)
    assert settings.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    assert settings.get("EXPORTS_FILENAME") == "{spider}-{timestamp}.jsonl"


def test_switch_on_moves_queue_dupefilter_and_files_to_a_worker():
    settings = Settings({"EXPORTS_FILENAME": "{spider}-{timestamp}.jsonl"})
    settings.set("REDIS_URL", "redis://127.0.0.1:1/0", priority="cmdline")
    settings.set("DISTRIBUTED_WORKER_ID", "box-7", priority="cmdline")
    DistributedAddon().update_settings(settings)
    assert settings.get("SCHEDULER") == "crawler.distributed.scheduler.ReliableScheduler"
    assert settings.get("DUPEFILTER_CLASS") == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert settings.get("SCHEDULER_QUEUE_KEY") == "zhnews:%(spider)s:requests"
    assert settings.get("EXPORTS_FILENAME") == "{spider}-box-7-{timestamp}.jsonl"
    assert settings.getdict("REDIS_PARAMS")["socket_connect_timeout"] == 5.0
    extensions = {getattr(k, "__name__", k) for k in settings.getdict("EXTENSIONS")}
    assert "Worker" in extensions


def test_merge_keeps_one_record_per_id_and_skips_a_partial_tail(tmp_path):
    a, b = tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"
    line = {"id": "gmw.cn:1", "url": "u1", "revision": 1, "crawled_at": "2024-05-01T00:00:00Z"}
    a.write_text(json.dumps(line) + "\n" + json.dumps({"id": "gmw.cn:2", "revision": 1}) + "\n{\"id\": \"gmw.cn:3\", \"hea",
                 encoding="utf-8")
    newer = dict(line, revision=2, crawled_at="2024-05-02T00:00:00Z")
    b.write_text(json.dumps(dict(line, crawled_at="2024-04-30T00:00:00Z")) + "\n" + json.dumps(newer) + "\n",
                 encoding="utf-8")
    records, duplicates = merge_records([a, b])
    assert [r["id"] for r in records] == ["gmw.cn:1", "gmw.cn:2"]
    assert records[0]["revision"] == 2 and duplicates == 2
    out = tmp_path / "merged.jsonl"
    assert write_merged([a, b], out) == (2, 2)
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["gmw.cn:1", "gmw.cn:2"]
