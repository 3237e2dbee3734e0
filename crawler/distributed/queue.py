"""The shared frontier as a reliable queue: atomic Lua steps on scrapy-redis's priority queue (a zset).

- push: dupefilter check and queue insert in one step, so a worker killed between the two cannot leave
  a request marked "seen" that was never queued.
- take: a request moves from the queue into the worker's in-flight zset in one step.
- ack: the worker removes it from its in-flight zset once the request is fully handled (callback
  or errback done, its items through the pipelines, its follow-up requests queued).
- requeue: a dead worker's in-flight requests go back into the queue (same priority).
"""

from __future__ import annotations

from typing import Any

import redis

from crawler.distributed import CrawlKeys

PUSH = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

TAKE = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('ZADD', KEYS[2], item[2], item[1])
return item[1]
"""

# KEYS: queue, in-flight zset, heartbeat key (or '' to skip the liveness check), workers set; ARGV: worker.
REQUEUE = """
if KEYS[3] ~= '' and redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local n = redis.call('ZCARD', KEYS[2])
if n > 0 then redis.call('ZUNIONSTORE', KEYS[1], 2, KEYS[1], KEYS[2], 'AGGREGATE', 'MIN') end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return n
"""


class Frontier:
    """The Lua steps, bound to one crawl's keys."""

    def __init__(self, client: redis.Redis, keys: CrawlKeys) -> None:
        self.client = client
        self.keys = keys
        self._push = client.register_script(PUSH)
        self._take = client.register_script(TAKE)
        self._requeue = client.register_script(REQUEUE)

    def push(self, data: bytes, priority: int, fingerprint: str | None) -> bool:
        """Queue `data` unless its fingerprint was seen (None = dont_filter). True when queued."""
        args: list[Any] = [fingerprint or "", -priority, data]
        return bool(self._push(keys=[self.keys.dupefilter, self.keys.queue], args=args))

    def take(self, worker: str) -> bytes | None:
        return self._take(keys=[self.keys.queue, self.keys.inflight(worker)])

    def ack(self, worker: str, data: bytes) -> None:
        self.client.zrem(self.keys.inflight(worker), data)

    def requeue(self, worker: str, only_if_dead: bool) -> int:
        """Put a worker's in-flight requests back; -1 when `only_if_dead` and its heartbeat is alive."""
        alive = self.keys.alive(worker) if only_if_dead else ""
        keys = [self.keys.queue, self.keys.inflight(worker), alive, self.keys.workers]
        return int(self._requeue(keys=keys, args=[worker]))

    def pending(self) -> int:
        return int(self.client.zcard(self.keys.queue))

    def inflight_counts(self) -> dict[str, int]:
        """In-flight requests per registered worker."""
        workers = sorted(w.decode() for w in self.client.smembers(self.keys.workers))
        with self.client.pipeline(transaction=False) as pipe:
            for worker in workers:
                pipe.zcard(self.keys.inflight(worker))
            counts = pipe.execute()
        return dict(zip(workers, map(int, counts), strict=True))
