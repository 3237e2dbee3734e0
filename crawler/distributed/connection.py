"""The Redis client of a worker, checked at start: an unreachable server is a clear error, not a hang."""

from __future__ import annotations

import logging
import time
from typing import Any

import redis
from scrapy_redis.connection import get_redis_from_settings

logger = logging.getLogger(__name__)


class RedisUnavailable(RuntimeError):
    """Redis could not be reached when the crawl started."""


# What a lost Redis looks like to a client: refused or dropped connections, timeouts.
REDIS_ERRORS: tuple[type[BaseException], ...] = (redis.ConnectionError, redis.TimeoutError, OSError)
EXIT_REDIS_LOST = 3  # exit status of a worker that stopped because Redis stayed unreachable


class RedisOutage:
    """When this process lost Redis, shared by the worker's parts (one per crawl, see `of`).

    Every Redis call that fails reports it (`failed`), every one that works clears it (`ok`); the
    Worker extension stops the crawl once `down_for()` passes DISTRIBUTED_REDIS_OUTAGE seconds.
    """

    def __init__(self, url: str) -> None:
        self.url = safe_url(url)
        self.since: float | None = None
        self.last_error = ""

    @classmethod
    def of(cls, crawler: Any) -> RedisOutage:
        outage = getattr(crawler, "_zhnews_redis_outage", None)
        if outage is None:
            outage = cls(str(crawler.settings.get("REDIS_URL") or ""))
            crawler._zhnews_redis_outage = outage
        return outage

    def failed(self, exc: BaseException) -> None:
        self.last_error = str(exc) or type(exc).__name__
        if self.since is None:
            self.since = time.monotonic()
            logger.error("Redis at %s is unreachable (%s); waiting for it to come back", self.url, self.last_error)

    def ok(self) -> None:
        if self.since is not None:
            logger.warning("Redis at %s is back after %.1f s", self.url, time.monotonic() - self.since)
            self.since = None

    def down_for(self) -> float:
        return 0.0 if self.since is None else time.monotonic() - self.since


def redis_params(settings: Any) -> dict[str, Any]:
    """REDIS_PARAMS for scrapy-redis: short connect timeout (REDIS_CONNECT_TIMEOUT), no endless retries."""
    timeout = float(settings.get("REDIS_CONNECT_TIMEOUT") or 5.0)
    return {"socket_connect_timeout": timeout, "socket_timeout": max(30.0, timeout), "retry_on_timeout": True}


def safe_url(url: str) -> str:
    """The URL without its password, for logs."""
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1) if "://" in url else ("redis", url)
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"


def checked_client(settings: Any) -> redis.Redis:
    """A client built the scrapy-redis way (REDIS_URL, REDIS_PARAMS), after one successful PING."""
    client = get_redis_from_settings(settings)
    url = str(settings.get("REDIS_URL") or "")
    try:
        client.ping()
    except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
        message = f"Redis at {safe_url(url)} is unreachable ({exc}); the distributed crawl cannot start"
        logger.error(message)
        raise RedisUnavailable(message) from exc
    return client
