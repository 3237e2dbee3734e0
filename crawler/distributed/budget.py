"""The spider's per-channel listing-page budget, shared by every worker through Redis sets.

ProfileSpider keeps `listing_pages: {channel: set of listing pages scheduled}` and stops paginating
at `max_pages`. One process sees only the pages it scheduled; with this mapping in its place every
worker counts the same pages (one Redis set per channel). Two workers may both pass the check at
the same moment, so a channel can overshoot its budget by a page or two; never undershoot.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

import redis

from crawler.distributed import CrawlKeys


class SharedPageSet:
    def __init__(self, client: redis.Redis, key: str) -> None:
        self.client = client
        self.key = key

    def __contains__(self, url: object) -> bool:
        return bool(self.client.sismember(self.key, str(url)))

    def __len__(self) -> int:
        return int(self.client.scard(self.key))

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(m.decode() for m in self.client.smembers(self.key)))

    def add(self, url: str) -> None:
        self.client.sadd(self.key, url)


class SharedListingPages:
    """Dict-like `{channel: SharedPageSet}` backed by `<crawl>:listing:<hash of channel>` sets."""

    def __init__(self, client: redis.Redis, keys: CrawlKeys) -> None:
        self.client = client
        self.keys = keys

    def _set(self, channel: str) -> SharedPageSet:
        digest = hashlib.sha1(channel.encode("utf-8")).hexdigest()[:16]
        return SharedPageSet(self.client, self.keys.listing(digest))

    def __getitem__(self, channel: str) -> SharedPageSet:
        return self._set(channel)

    def __setitem__(self, channel: str, pages: Iterable[str]) -> None:
        target = self._set(channel)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(target.key)
            members = list(pages)
            if members:
                pipe.sadd(target.key, *members)
            pipe.execute()

    def setdefault(self, channel: str, default: Iterable[str] = ()) -> SharedPageSet:
        target = self._set(channel)
        members = list(default)
        if members:
            self.client.sadd(target.key, *members)  # idempotent: the channel page itself
        return target

    def get(self, channel: str, default: object = None) -> SharedPageSet:
        return self._set(channel)
