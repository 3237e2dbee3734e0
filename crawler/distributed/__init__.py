"""Scale-out: one crawl shared by many worker processes through Redis (scrapy-redis underneath).

Off unless the REDIS_URL setting is given (`scrapy crawl gmw -s REDIS_URL=redis://host:6379/0`).
Then `addon.DistributedAddon` swaps in scrapy-redis's shared request queue and dupefilter (through
`scheduler.ReliableScheduler`), the Redis seen-store, and the `worker.Worker` extension (heartbeat,
requeue of dead workers' requests, shared end-of-crawl detection, aggregated counters).

Seeding, status, merge and clean-up: `zhnews --help`. See docs/distributed.md.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass


@dataclass(frozen=True)
class CrawlKeys:
    """The Redis keys of one shared crawl (one spider). The seen-store keys are not among them."""

    prefix: str
    spider: str

    @property
    def base(self) -> str:
        return f"{self.prefix}:{self.spider}"

    @property
    def queue(self) -> str:
        return f"{self.base}:requests"

    @property
    def dupefilter(self) -> str:
        return f"{self.base}:dupefilter"

    @property
    def workers(self) -> str:
        return f"{self.base}:workers"

    def inflight(self, worker: str) -> str:
        return f"{self.base}:inflight:{worker}"

    def alive(self, worker: str) -> str:
        return f"{self.base}:alive:{worker}"

    def listing(self, channel_hash: str) -> str:
        return f"{self.base}:listing:{channel_hash}"

    @property
    def seeded(self) -> str:
        return f"{self.base}:seeded"

    @property
    def finished(self) -> str:
        return f"{self.base}:finished"

    @property
    def stats(self) -> str:
        return f"{self.base}:stats"

    @property
    def discovered(self) -> str:
        return f"{self.base}:discovered"

    @property
    def outcomes(self) -> str:
        return f"{self.base}:outcomes"

    @property
    def reports(self) -> str:
        return f"{self.base}:reports"

    @property
    def pattern(self) -> str:
        """SCAN pattern of every key of this crawl (for clean-up)."""
        return f"{self.base}:*"


def keys_for(settings: object, spider: str) -> CrawlKeys:
    return CrawlKeys(str(settings.get("REDIS_KEY_PREFIX") or "zhnews"), spider)  # type: ignore[attr-defined]


def default_worker_id() -> str:
    """`<host>-<pid>`: unique among live workers, readable in `status`."""
    host = re.sub(r"[^\w-]", "-", socket.gethostname())[:40] or "host"
    return f"{host}-{os.getpid()}"
