"""The spider's per-channel listing-page budget, shared by every worker through Redis sets.

ProfileSpider keeps `listing_pages: {channel: set of listing pages scheduled}` and stops paginating
at `max_pages`. One process sees only the pages it scheduled; with this mapping in its place every
worker counts the same pages (one Redis set per channel). A listing page's pager links are claimed in
one atomic Lua step (`claim`), not one round trip per link: a pager can list thousands of pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

import redis

from crawler.distributed import CrawlKeys

# KEYS: the channel's set; ARGV: budget, then the URLs. Returns {claimed URLs..., number over budget}.
CLAIM = """
local budget, claimed, beyond = tonumber(ARGV[1]), {}, 0
local size = redis.call('SCARD', KEYS[1])
for i = 2, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 0 then
    if size >= budget then beyond = beyond + 1
    else redis.call('SADD', KEYS[1], ARGV[i]); size = size + 1; claimed[#claimed + 1] = ARGV[i] end
  end
end
claimed[#claimed + 1] = beyond
return claimed
"""


class SharedPageSet:
    def __init__(self, client: redis.Redis, key: str) -> None:
        self.client = client
        self.key = key

    def claim(self, urls: list[str], budget: int) -> tuple[list[str], int]:
        """Add the URLs not yet in the set while it holds fewer than `budget`: (added, left out by the budget)."""
        if not urls:
            return [], 0
        *claimed, beyond = self.client.register_script(CLAIM)(keys=[self.key], args=[budget, *urls])
        return [u.decode("utf-8") for u in claimed], int(beyond)

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
