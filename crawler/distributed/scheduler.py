"""ReliableScheduler: scrapy-redis's scheduler on the reliable frontier (see queue.py).

Same settings and keys as `scrapy_redis.scheduler.Scheduler` (SCHEDULER_QUEUE_KEY,
SCHEDULER_DUPEFILTER_KEY, SCHEDULER_SERIALIZER...), with three changes:
- a taken request stays in this worker's in-flight zset until `ack()` (the Worker extension calls it
  when the engine is done with the request), so a killed worker loses nothing;
- closing never flushes the shared queue or dupefilter (other workers use them); requests this
  worker took but did not finish go back to the queue;
- stats are counted without the `spider=` argument Scrapy 2.19 deprecates.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any

from scrapy import Request
from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler

from crawler.distributed import default_worker_id, keys_for
from crawler.distributed.connection import REDIS_ERRORS, RedisOutage, checked_client
from crawler.distributed.queue import Frontier

logger = logging.getLogger(__name__)

INFLIGHT_META = "_zhnews_inflight"


class ReliableScheduler(Scheduler):
    worker_id: str
    frontier: Frontier

    @classmethod
    def from_crawler(cls, crawler: Any) -> ReliableScheduler:
        checked_client(crawler.settings)  # a clear error before scrapy-redis tries
        scheduler = cls.from_settings(crawler.settings)
        scheduler.stats = crawler.stats
        scheduler.crawler = crawler
        scheduler.persist = True
        scheduler.worker_id = crawler.settings.get("DISTRIBUTED_WORKER_ID") or default_worker_id()
        scheduler._taken: dict[int, bytes] = {}
        scheduler._tokens = itertools.count(1)
        scheduler.outage = RedisOutage.of(crawler)
        return scheduler

    def open(self, spider: Any) -> None:
        # scrapy-redis's open() without its deprecated spider.log() call.
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key % {"spider": spider.name},
            serializer=self.serializer,
        )
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        self.frontier = Frontier(self.server, keys_for(spider.settings, spider.name))
        if self.frontier.keys.queue != self.queue.key:
            raise ValueError(f"SCHEDULER_QUEUE_KEY gives {self.queue.key!r}, expected {self.frontier.keys.queue!r}")
        if len(self.queue):
            logger.info("Joining a crawl in progress (%d request(s) queued)", len(self.queue))

    # Redis calls made by the engine: an outage is reported (the Worker decides when to give up), never
    # raised into the engine, which would log it on every loop and could take it for the end of the crawl.

    def close(self, reason: str) -> None:
        self._taken.clear()
        try:
            returned = self.frontier.requeue(self.worker_id, only_if_dead=False)
        except REDIS_ERRORS as exc:
            logger.error("Could not return this worker's unfinished requests (%s); the next worker to see "
                         "its heartbeat expired will", exc)
            return
        if returned:
            logger.info("Returned %d unfinished request(s) to the shared queue", returned)

    def enqueue_request(self, request: Request) -> bool:
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        data = self.queue._encode_request(request)
        try:
            pushed = self.frontier.push(data, request.priority, fingerprint)
        except REDIS_ERRORS as exc:
            self.outage.failed(exc)
            logger.error("Request lost, Redis unreachable: %s", request.url)
            if self.stats:
                self.stats.inc_value("distributed/requests_lost")
            return False
        self.outage.ok()
        if not pushed:
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def has_pending_requests(self) -> bool:
        try:
            pending = self.frontier.pending() > 0
        except REDIS_ERRORS as exc:
            self.outage.failed(exc)
            return True  # unknown: not idle (an idle worker would close the crawl as finished)
        self.outage.ok()
        return pending

    def next_request(self) -> Request | None:
        try:
            data = self.frontier.take(self.worker_id)
        except REDIS_ERRORS as exc:
            self.outage.failed(exc)
            return None
        self.outage.ok()
        if data is None:
            return None
        request = self.queue._decode_request(data)
        token = next(self._tokens)
        self._taken[token] = data
        request.meta[INFLIGHT_META] = token
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def ack(self, request: Request) -> None:
        """The engine is done with `request`: drop it from this worker's in-flight set."""
        data = self._taken.pop(request.meta.get(INFLIGHT_META, 0), None)
        if data is not None:
            try:
                self.frontier.ack(self.worker_id, data)
            except REDIS_ERRORS as exc:  # stays in flight: requeued when this worker leaves
                self.outage.failed(exc)

    @property
    def taken(self) -> int:
        return len(self._taken)
