"""One worker of a shared crawl: heartbeat, requeue of dead workers' requests, end of crawl, counters.

Worker (extension, on when REDIS_URL is set):
- every DISTRIBUTED_HEARTBEAT seconds it refreshes `<crawl>:alive:<worker>` (expires after
  DISTRIBUTED_WORKER_TTL) and requeues the in-flight requests of any registered worker whose
  heartbeat has expired (killed, machine lost);
- it acknowledges a request when the engine is done with it (see ReliableScheduler.ack);
- an idle worker stays open while the shared queue has requests or another worker has requests in
  flight (they may still discover more); the crawl is over when both have been empty for
  DISTRIBUTED_IDLE_CLOSE seconds. A worker started before the seed waits DISTRIBUTED_SEED_WAIT s.
- every heartbeat it adds its new article outcomes to `<crawl>:discovered` / `<crawl>:outcomes`, and
  at close its integer stats to `<crawl>:stats`; `zhnews status` builds the
  crawl-wide summary from them.

SeededStartMiddleware: workers never run the spider's start requests; the seed step
(`zhnews seed`) pushed them once into the shared queue.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import AsyncIterator
from typing import Any

from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.distributed import CrawlKeys, keys_for
from crawler.distributed.budget import SharedListingPages
from crawler.distributed.connection import EXIT_REDIS_LOST, REDIS_ERRORS, RedisOutage, checked_client
from crawler.distributed.scheduler import ReliableScheduler
from crawler.record import utc_now

logger = logging.getLogger(__name__)


class SeededStartMiddleware:
    """Spider middleware: drop the spider's own start requests (the seed step queued them once)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> SeededStartMiddleware:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        return cls()

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        logger.info("Distributed worker: requests come from the shared queue, not from the spider's start")
        return
        yield  # an async generator that yields nothing


class Worker:
    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.worker_id: str = settings.get("DISTRIBUTED_WORKER_ID")
        self.heartbeat = settings.getfloat("DISTRIBUTED_HEARTBEAT", 2.0)
        self.ttl = max(settings.getfloat("DISTRIBUTED_WORKER_TTL", 15.0), 2 * self.heartbeat)
        self.idle_close = settings.getfloat("DISTRIBUTED_IDLE_CLOSE", 2.0)
        self.seed_wait = settings.getfloat("DISTRIBUTED_SEED_WAIT", 300.0)
        self.client = checked_client(settings)
        self.outage = RedisOutage.of(crawler)
        self.outage_limit = settings.getfloat("DISTRIBUTED_REDIS_OUTAGE", 30.0)
        self.stopping = False
        self.keys: CrawlKeys | None = None
        self.scheduler: ReliableScheduler | None = None
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()
        self.quiet_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> Worker:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured("REDIS_URL is not set")
        worker = cls(crawler)
        crawler.signals.connect(worker.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.spider_closed, signal=signals.spider_closed)
        return worker

    # -- start ---------------------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        self.keys = keys_for(self.crawler.settings, spider.name)
        slot = getattr(self.crawler.engine, "_slot", None)
        scheduler = getattr(slot, "scheduler", None)
        if not isinstance(scheduler, ReliableScheduler) or not callable(getattr(slot, "remove_request", None)):
            raise RuntimeError("the distributed crawl needs SCHEDULER = crawler.distributed.scheduler."
                               "ReliableScheduler and Scrapy's engine slot (tested with Scrapy 2.13-2.19)")
        self.scheduler = scheduler
        remove = slot.remove_request

        def remove_and_ack(request: Any) -> None:
            remove(request)
            scheduler.ack(request)

        slot.remove_request = remove_and_ack  # the one place every taken request ends
        if isinstance(getattr(spider, "listing_pages", None), dict):
            spider.listing_pages = SharedListingPages(self.client, self.keys)
        from crawler.extensions import RunReport

        if (run := RunReport.of(self.crawler)) is not None:
            run.start_journal()  # report() sends only what is new since the last heartbeat
        self.beat()
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.heartbeat, now=False)
        logger.info("Worker %s joined crawl %s (%d request(s) queued)", self.worker_id, self.keys.base,
                    scheduler.frontier.pending())

    # -- heartbeat -------------------------------------------------------------------------------

    def beat(self) -> None:
        assert self.keys is not None
        with self.client.pipeline(transaction=False) as pipe:
            pipe.set(self.keys.alive(self.worker_id), utc_now(), ex=math.ceil(self.ttl))
            pipe.sadd(self.keys.workers, self.worker_id)
            pipe.execute()

    def tick(self) -> None:
        try:
            self.beat()
            self.reap()
            self.report(settle=False)
            self.outage.ok()
        except REDIS_ERRORS as exc:  # a Redis hiccup must not stop the heartbeat loop; a long outage stops us
            self.outage.failed(exc)
        except Exception:
            logger.exception("Worker heartbeat failed")
        if self.outage.down_for() >= self.outage_limit:
            self.stop_for_redis()
        self.poke()  # an idle engine re-checks the queue and the end of the crawl

    def stop_for_redis(self) -> None:
        """Redis stayed away too long: close the crawl (pipelines close the output file whole, the run
        summary is written) and make the process exit with EXIT_REDIS_LOST (crawler/commands/crawl.py)."""
        if self.stopping:
            return
        self.stopping = True
        logger.error("Redis at %s has been unreachable for %.0f s (%s; DISTRIBUTED_REDIS_OUTAGE=%g s): "
                     "stopping worker %s. Requests it had taken stay in Redis for the next worker.",
                     self.outage.url, self.outage.down_for(), self.outage.last_error, self.outage_limit,
                     self.worker_id)
        self.crawler.stats.set_value("distributed/redis_unreachable_s", round(self.outage.down_for(), 1))
        self.crawler.stats.set_value("exit_code", EXIT_REDIS_LOST)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="redis_unavailable"))

    def reap(self) -> int:
        """Requeue the in-flight requests of workers whose heartbeat expired; how many came back."""
        assert self.keys is not None and self.scheduler is not None
        returned = 0
        for raw in self.client.smembers(self.keys.workers):
            other = raw.decode()
            if other == self.worker_id:
                continue
            count = self.scheduler.frontier.requeue(other, only_if_dead=True)
            if count >= 0:
                logger.warning("Worker %s stopped without a goodbye (no heartbeat for %.0f s): "
                               "%d request(s) it had taken are back in the queue", other, self.ttl, count)
                self.crawler.stats.inc_value("distributed/requeued_from_dead", count)
                self.crawler.stats.inc_value("distributed/dead_workers")
                returned += count
        return returned

    def poke(self) -> None:
        """Wake an idle engine now rather than at its next 5 s heartbeat."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    # -- end of crawl ----------------------------------------------------------------------------

    def spider_idle(self, spider: Any) -> None:
        if self.stopping:
            return
        try:
            self.idle(spider)
        except REDIS_ERRORS as exc:  # never "finished" because Redis is away: wait (tick stops us in time)
            self.outage.failed(exc)
            raise DontCloseSpider from exc

    def idle(self, spider: Any) -> None:
        assert self.keys is not None and self.scheduler is not None
        if not self.client.exists(self.keys.seeded):
            if time.monotonic() - self.started < self.seed_wait:
                raise DontCloseSpider
            logger.error("Crawl %s was never seeded in %.0f s: run `zhnews seed %s`",
                         self.keys.base, self.seed_wait, spider.name)
            raise CloseSpider("not_seeded")
        self.reap()
        if self.scheduler.frontier.pending() > 0:
            self.quiet_since = None
            self.poke()
            raise DontCloseSpider
        busy = {w: n for w, n in self.scheduler.frontier.inflight_counts().items() if n and w != self.worker_id}
        if busy:
            self.quiet_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.quiet_since is None:
            self.quiet_since = now
        if now - self.quiet_since < self.idle_close:
            from twisted.internet import reactor

            reactor.callLater(self.idle_close - (now - self.quiet_since) + 0.05, self.poke)
            raise DontCloseSpider
        if self.client.set(self.keys.finished, utc_now(), nx=True):
            logger.info("Crawl %s is complete: queue empty, nothing in flight", self.keys.base)
        self.report(settle=True)

    # -- close -----------------------------------------------------------------------------------

    def report(self, settle: bool) -> None:
        """Add this worker's new article outcomes to the crawl's (called every heartbeat and at the end);
        with `settle`, hand other workers' URLs back (this worker's run summary then lists only what it
        settled itself, instead of calling them failures)."""
        from crawler.extensions import RunReport

        run = RunReport.of(self.crawler)
        if run is None or self.keys is None:
            return
        run.start_journal()
        urls, outcomes = run.drain()  # new since the last report: each outcome is settled once
        if urls or outcomes:
            with self.client.pipeline(transaction=False) as pipe:
                batch = sorted(urls)
                for start in range(0, len(batch), 1000):
                    pipe.sadd(self.keys.discovered, *batch[start:start + 1000])
                for url, outcome, reason in outcomes:
                    pipe.hsetnx(self.keys.outcomes, url, f"{outcome}|{reason}")
                pipe.execute()
        if settle:
            run.forget_unsettled()

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.keys is None:
            return
        try:
            self.leave(reason)
        except REDIS_ERRORS as exc:
            logger.error("Worker %s could not report its end to Redis at %s (%s): `status` will not count it",
                         self.worker_id, self.outage.url, exc)

    def leave(self, reason: str) -> None:
        assert self.keys is not None
        self.report(settle=False)
        stats = self.crawler.stats.get_stats()
        counts = {k: v for k, v in stats.items() if isinstance(v, int) and not isinstance(v, bool)}
        summary = {"worker": self.worker_id, "finish_reason": reason, "closed_at": utc_now(),
                   "items": counts.get("item_scraped_count", 0), "requests": counts.get("downloader/request_count", 0),
                   "output": stats.get("jsonl/path")}
        with self.client.pipeline(transaction=False) as pipe:
            for key, value in counts.items():
                pipe.hincrby(self.keys.stats, key, value)
            pipe.hset(self.keys.reports, self.worker_id, json.dumps(summary, ensure_ascii=False))
            pipe.delete(self.keys.alive(self.worker_id))
            pipe.srem(self.keys.workers, self.worker_id)
            pipe.execute()
        logger.info("Worker %s left crawl %s (%s)", self.worker_id, self.keys.base, reason)
