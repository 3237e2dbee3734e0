"""The switch: with REDIS_URL set, a crawl runs as one worker of a shared crawl; without it, nothing changes.

Listed in ADDONS (crawler/settings.py); Scrapy calls `update_settings` after every settings source,
command line included, so `-s REDIS_URL=redis://host:6379/0` is enough to turn it on.
"""

from __future__ import annotations

import logging
from typing import Any

from crawler.distributed import default_worker_id

logger = logging.getLogger(__name__)

SCHEDULER = "crawler.distributed.scheduler.ReliableScheduler"
DUPEFILTER = "scrapy_redis.dupefilter.RFPDupeFilter"
WORKER_EXTENSION = "crawler.distributed.worker.Worker"
START_MIDDLEWARE = "crawler.distributed.worker.SeededStartMiddleware"


def apply_distributed(settings: Any) -> None:
    """Rewrite `settings` (a mutable Settings) for a Redis worker."""
    from crawler.distributed.connection import redis_params  # redis/scrapy-redis: needed only when on

    prefix = settings.get("REDIS_KEY_PREFIX") or "zhnews"
    settings.set("REDIS_KEY_PREFIX", prefix, priority="addon")
    settings.set("SCHEDULER", SCHEDULER, priority="addon")
    settings.set("DUPEFILTER_CLASS", DUPEFILTER, priority="addon")
    settings.set("SCHEDULER_PERSIST", True, priority="addon")
    settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", priority="addon")
    settings.set("SCHEDULER_QUEUE_KEY", f"{prefix}:%(spider)s:requests", priority="addon")
    settings.set("SCHEDULER_DUPEFILTER_KEY", f"{prefix}:%(spider)s:dupefilter", priority="addon")
    params = {**redis_params(settings), **settings.getdict("REDIS_PARAMS")}
    settings.set("REDIS_PARAMS", params, priority="addon")
    worker = settings.get("DISTRIBUTED_WORKER_ID") or default_worker_id()
    settings.set("DISTRIBUTED_WORKER_ID", worker, priority="cmdline")
    # One JSONL file per worker: the worker id goes into the file name.
    template = settings.get("EXPORTS_FILENAME") or "{spider}-{timestamp}.jsonl"
    if worker not in template:
        named = template.replace("{spider}", "{spider}-" + worker, 1) if "{spider}" in template \
            else f"{worker}-{template}"
        settings.set("EXPORTS_FILENAME", named, priority=settings.getpriority("EXPORTS_FILENAME") or "addon")
    # One worker may get no article to do in a shared crawl; the crawl-wide `status` judges the whole.
    settings.set("RUN_REPORT_REQUIRE_ARTICLES", False, priority="addon")
    settings.set_in_component_priority_dict("EXTENSIONS", _load(WORKER_EXTENSION), 90)
    settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", _load(START_MIDDLEWARE), 10)
    if settings.get("JOBDIR"):
        logger.warning("JOBDIR is ignored by the distributed crawl: the queue and dupefilter live in Redis")


def _load(path: str) -> type:
    from scrapy.utils.misc import load_object

    return load_object(path)


class DistributedAddon:
    """Scrapy add-on: turns a crawl into a worker of the shared Redis crawl when REDIS_URL is set."""

    def update_settings(self, settings: Any) -> None:
        if not settings.get("REDIS_URL"):
            return
        apply_distributed(settings)
        logger.info("Distributed crawl: worker %s on Redis (keys %s:<spider>:*)",
                    settings.get("DISTRIBUTED_WORKER_ID"), settings.get("REDIS_KEY_PREFIX"))


__all__ = ["DistributedAddon", "apply_distributed"]
