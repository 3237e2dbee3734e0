"""The Redis client of a worker, checked at start: an unreachable server is a clear error, not a hang."""

from __future__ import annotations

import logging
from typing import Any

import redis
from scrapy_redis.connection import get_redis_from_settings

logger = logging.getLogger(__name__)


class RedisUnavailable(RuntimeError):
    """Redis could not be reached when the crawl started."""


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
