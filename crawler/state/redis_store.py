"""The seen-store on Redis, for crawls shared by many workers (same interface as SQLiteStore).

Keys (prefix `zhnews` by default, REDIS_KEY_PREFIX):
  <prefix>:seen             hash  article id -> compact JSON list of the SeenEntry fields
  <prefix>:seen:url         hash  canonical page-1 URL -> article id
  <prefix>:runs:<site>      hash  run id -> fill rates (JSON)
  <prefix>:runs:<site>:by   zset  run id scored by finish time (newest first in fill_history)

Both article hashes are written in one MULTI/EXEC, so a reader never sees an id without its URL.
The seen-store outlives crawls: `zhnews clean` leaves these keys alone.
"""

from __future__ import annotations

import json
from dataclasses import astuple, fields
from datetime import datetime
from typing import Any

import redis

from crawler.state import RunRecord, SeenEntry

_N_FIELDS = len(fields(SeenEntry))
# URL -> id -> entry in one round trip (asked once per article request, before the fetch).
_BY_URL = """
local id = redis.call('HGET', KEYS[2], ARGV[1])
if not id then return false end
return redis.call('HGET', KEYS[1], id)
"""


def _decode(raw: bytes | None) -> SeenEntry | None:
    if raw is None:
        return None
    values = json.loads(raw)
    return SeenEntry(*values[:_N_FIELDS]) if len(values) >= _N_FIELDS else None


def _timestamp(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


class RedisStore:
    """SeenStore on Redis. Every put/record_run is acknowledged by the server before it returns."""

    def __init__(self, client: redis.Redis, prefix: str = "zhnews") -> None:
        self.client = client
        self.prefix = prefix
        self.key = f"{prefix}:seen"
        self.url_key = f"{prefix}:seen:url"
        self._by_url = client.register_script(_BY_URL)

    @classmethod
    def from_url(cls, url: str, prefix: str = "zhnews", connect_timeout: float = 5.0) -> RedisStore:
        client = redis.Redis.from_url(url, socket_connect_timeout=connect_timeout, socket_timeout=30,
                                      retry_on_timeout=True)
        return cls(client, prefix)

    @classmethod
    def from_settings(cls, settings: Any) -> RedisStore:
        """REDIS_URL, REDIS_KEY_PREFIX and REDIS_CONNECT_TIMEOUT, as the distributed crawl uses them."""
        return cls.from_url(str(settings.get("REDIS_URL")), str(settings.get("REDIS_KEY_PREFIX") or "zhnews"),
                            float(settings.get("REDIS_CONNECT_TIMEOUT") or 5.0))

    def get(self, article_id: str) -> SeenEntry | None:
        return _decode(self.client.hget(self.key, article_id))

    def get_by_url(self, url: str) -> SeenEntry | None:
        return _decode(self._by_url(keys=[self.key, self.url_key], args=[url]))

    def put(self, entry: SeenEntry) -> None:
        data = json.dumps(astuple(entry), ensure_ascii=False, separators=(",", ":"))
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(self.key, entry.id, data)
            pipe.hset(self.url_key, entry.url, entry.id)
            pipe.execute()

    def record_run(self, run: RunRecord) -> None:
        key = f"{self.prefix}:runs:{run.site}"
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(key, run.run_id, json.dumps(run.fill_rates, sort_keys=True))
            pipe.zadd(f"{key}:by", {run.run_id: _timestamp(run.finished_at)})
            pipe.execute()

    def fill_history(self, site: str, limit: int = 5) -> list[dict[str, float]]:
        key = f"{self.prefix}:runs:{site}"
        run_ids = self.client.zrevrange(f"{key}:by", 0, max(limit, 1) - 1)
        if not run_ids:
            return []
        return [json.loads(raw) for raw in self.client.hmget(key, run_ids) if raw is not None]

    def count(self) -> int:
        """Number of stored articles (tests and summaries; not part of the store interface)."""
        return int(self.client.hlen(self.key))

    def memory_usage(self) -> dict[str, Any]:
        """Bytes Redis spends on the article hashes (MEMORY USAGE, all samples), for sizing."""
        by_id = self.client.memory_usage(self.key, samples=0) or 0
        by_url = self.client.memory_usage(self.url_key, samples=0) or 0
        return {"articles": self.count(), "bytes": by_id + by_url}

    def close(self) -> None:
        self.client.close()
