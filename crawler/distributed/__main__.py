"""Operate a shared crawl: seed it, watch it, merge its outputs, clean its keys.

    zhnews seed gmw --redis redis://host:6379/0 [-a channels=URL,URL] [-a max_pages=N]
    zhnews status gmw --redis redis://host:6379/0
    zhnews merge --out exports/gmw-merged.jsonl exports/gmw-*.jsonl
    zhnews clean gmw --redis redis://host:6379/0 [--seen-store]

Workers: `scrapy crawl gmw -s REDIS_URL=redis://host:6379/0` on any number of machines.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from scrapy.utils.project import get_project_settings

from crawler.distributed import CrawlKeys, keys_for
from crawler.distributed.budget import SharedListingPages
from crawler.distributed.connection import RedisUnavailable, checked_client, redis_params
from crawler.distributed.merge import write_merged
from crawler.distributed.queue import Frontier
from crawler.record import utc_now

logger = logging.getLogger("crawler.distributed")


def _settings(redis_url: str | None, prefix: str | None) -> Any:
    settings = get_project_settings()
    if redis_url:
        settings.set("REDIS_URL", redis_url, priority="cmdline")
    if prefix:
        settings.set("REDIS_KEY_PREFIX", prefix, priority="cmdline")
    if not settings.get("REDIS_URL"):
        raise SystemExit("error: give --redis redis://host:port/db (or set REDIS_URL in the settings)")
    settings.set("REDIS_PARAMS", {**redis_params(settings), **settings.getdict("REDIS_PARAMS")}, priority="cmdline")
    return settings


def _spider_args(pairs: list[str]) -> dict[str, str]:
    args = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"error: -a expects NAME=VALUE, got {pair!r}")
        args[name] = value
    return args


def busy_workers(client: Any, keys: CrawlKeys) -> list[str]:
    """Registered workers whose heartbeat is alive."""
    workers = sorted(w.decode() for w in client.smembers(keys.workers))
    return [w for w in workers if client.exists(keys.alive(w))]


def clean(client: Any, keys: CrawlKeys) -> int:
    """Delete every key of the crawl (queue, dupefilter, in-flight, counters); the seen-store stays."""
    deleted = 0
    batch = []
    for key in client.scan_iter(match=keys.pattern, count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            deleted += client.delete(*batch)
            batch = []
    if batch:
        deleted += client.delete(*batch)
    return deleted


def seed(settings: Any, spider_name: str, spider_args: dict[str, str], force: bool) -> int:
    from scrapy.spiderloader import SpiderLoader
    from scrapy_redis.dupefilter import RFPDupeFilter
    from scrapy_redis.queue import PriorityQueue

    client = checked_client(settings)
    keys = keys_for(settings, spider_name)
    frontier = Frontier(client, keys)
    inflight = sum(frontier.inflight_counts().values())
    if (frontier.pending() or inflight) and not client.exists(keys.finished) and not force:
        logger.error("Crawl %s is still running (%d queued, %d in flight): let it finish, or pass --force "
                     "to drop it and start over", keys.base, frontier.pending(), inflight)
        return 2
    removed = clean(client, keys)
    spidercls = SpiderLoader.from_settings(settings).load(spider_name)
    spider = spidercls(**spider_args)
    spider.settings = settings
    if isinstance(getattr(spider, "listing_pages", None), dict):
        spider.listing_pages = SharedListingPages(client, keys)
    queue = PriorityQueue(client, spider, keys.queue)
    dupefilter = RFPDupeFilter(client, keys.dupefilter)
    pushed = 0
    for request in spider.start_requests():
        fingerprint = None if request.dont_filter else dupefilter.request_fingerprint(request)
        pushed += frontier.push(queue._encode_request(request), request.priority, fingerprint)
    client.set(keys.seeded, utc_now())
    logger.info("Seeded crawl %s with %d request(s) (%d old key(s) removed)", keys.base, pushed, removed)
    print(json.dumps({"crawl": keys.base, "seeded": pushed}))
    return 0


def status(settings: Any, spider_name: str) -> dict[str, Any]:
    """The crawl as Redis sees it, with counters summed over every worker that has closed."""
    client = checked_client(settings)
    keys = keys_for(settings, spider_name)
    frontier = Frontier(client, keys)
    discovered = {m.decode() for m in client.smembers(keys.discovered)}
    outcomes = {k.decode(): v.decode() for k, v in client.hgetall(keys.outcomes).items()}
    by_outcome = Counter(v.split("|", 1)[0] for v in outcomes.values())
    reasons = Counter(v for v in outcomes.values() if not v.startswith("exported|"))
    pending = sorted(discovered - set(outcomes))
    # A killed worker's last outcomes never reach Redis; the seen-store still knows what it exported.
    known = client.hmget(f"{keys.prefix}:seen:url", pending) if pending else []
    stats = {k.decode(): int(v) for k, v in client.hgetall(keys.stats).items()}
    reports = [json.loads(v) for v in client.hvals(keys.reports)]

    def text(key: str) -> str | None:
        value = client.get(key)
        return value.decode() if value else None

    return {
        "crawl": keys.base,
        "seeded_at": text(keys.seeded),
        "finished_at": text(keys.finished),
        "queued": frontier.pending(),
        "in_flight": frontier.inflight_counts(),
        "live_workers": busy_workers(client, keys),
        "articles": {"discovered": len(discovered), "exported": by_outcome["exported"],
                     "skipped": by_outcome["skipped"], "failed": by_outcome["failed"],
                     "pending": len(pending), "pending_in_seen_store": sum(1 for k in known if k)},
        "skipped_and_failed_reasons": dict(sorted(reasons.items())),
        "workers": sorted(reports, key=lambda r: r.get("closed_at") or ""),
        "stats": dict(sorted(stats.items())),
    }


EXAMPLES = {
    "seed": "zhnews seed gmw --redis redis://10.0.0.5:6379/0 -a max_pages=20\n"
            "  (then on each machine: scrapy crawl gmw -s REDIS_URL=redis://10.0.0.5:6379/0)",
    "status": "zhnews status gmw --redis redis://10.0.0.5:6379/0",
    "clean": "zhnews clean gmw --redis redis://10.0.0.5:6379/0            # add --seen-store to forget exports too",
    "merge": "zhnews merge --out exports/gmw-merged.jsonl exports/gmw-*.jsonl",
}


def _command(sub, name: str, help_text: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help_text, description=help_text, epilog=f"example:\n  {EXAMPLES[name]}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def main(argv: list[str] | None = None, prog: str = "python -m crawler.distributed") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("seed", "queue the spider's listing pages once (starts a new crawl)"),
                            ("status", "queue, workers, aggregated counters (JSON)"),
                            ("clean", "delete a crawl's keys")):
        cmd = _command(sub, name, help_text)
        cmd.add_argument("spider")
        cmd.add_argument("--redis", help="redis://host:port/db (default: the REDIS_URL setting)")
        cmd.add_argument("--prefix", help="key prefix (default: REDIS_KEY_PREFIX, zhnews)")
        if name == "seed":
            cmd.add_argument("-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE",
                             help="spider argument, as for scrapy crawl")
            cmd.add_argument("--force", action="store_true", help="drop a crawl still in progress")
        if name == "clean":
            cmd.add_argument("--seen-store", action="store_true",
                             help="also forget every exported article (the seen-store and run history)")
            cmd.add_argument("--force", action="store_true", help="even while workers are alive")
    merge = _command(sub, "merge", "union of the workers' JSONL files, one record per id")
    merge.add_argument("--out", type=Path, required=True)
    merge.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")

    if args.command == "merge":
        from crawler.corpus.jsonl import without_side_files

        args.files = without_side_files(args.files)
        records, duplicates = write_merged(args.files, args.out)
        print(json.dumps({"out": str(args.out), "records": records, "duplicates_dropped": duplicates}))
        return 0
    try:
        settings = _settings(args.redis, args.prefix)
        if args.command == "seed":
            return seed(settings, args.spider, _spider_args(args.spider_args), args.force)
        if args.command == "status":
            print(json.dumps(status(settings, args.spider), ensure_ascii=False, indent=2))
            return 0
        client = checked_client(settings)
        keys = keys_for(settings, args.spider)
        live = busy_workers(client, keys)
        if live and not args.force:
            logger.error("Workers still alive on %s: %s (stop them, or pass --force)", keys.base, ", ".join(live))
            return 2
        removed = clean(client, keys)
        if args.seen_store:
            prefix = keys.prefix
            removed += client.delete(f"{prefix}:seen", f"{prefix}:seen:url")
            removed += sum(client.delete(k) for k in client.scan_iter(match=f"{prefix}:runs:*"))
        print(json.dumps({"crawl": keys.base, "deleted_keys": removed}))
        return 0
    except RedisUnavailable:
        return 3


if __name__ == "__main__":
    sys.exit(main())
