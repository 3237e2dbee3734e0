"""Incremental crawl state: what was exported before, with which content and HTTP validators.

The store interface is deliberately small so that another backend (Redis) can replace SQLite
without touching spiders, middlewares or pipelines:

    get(article_id)        -> SeenEntry | None
    get_by_url(url)        -> SeenEntry | None   (canonical page-1 URL, decides skips before a fetch)
    put(entry)             -> None               (insert or replace, durable on return)
    record_run(run)        -> None               (per-site fill rates of a finished run)
    fill_history(site, n)  -> list[dict]         (fill rates of the last n runs of a site, newest first)
    close()                -> None

`open_store(uri)` picks the backend from the URI ("path/to/file.sqlite3" or "sqlite:path");
`store_for(crawler)` shares one open store between the components of a crawl (setting SEEN_STORE,
default `<EXPORTS_DIR>/seen.sqlite3`, "off" disables incremental crawling).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

# Record fields whose change makes an article "changed"; timestamps and ids are not content.
CONTENT_FIELDS: tuple[str, ...] = (
    "headline", "source", "published_at", "editor", "reporters", "section", "body",
)
FILL_FIELDS: tuple[str, ...] = CONTENT_FIELDS


@dataclass
class SeenEntry:
    """One exported article as the store remembers it."""

    id: str
    url: str
    content_hash: str
    first_seen: str
    last_seen: str
    published_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    revision: int = 1


@dataclass
class RunRecord:
    """Per-site outcome of one finished run, kept for fill-rate alerts."""

    run_id: str
    site: str
    finished_at: str
    items: int
    fill_rates: dict[str, float] = field(default_factory=dict)


class SeenStore(Protocol):
    def get(self, article_id: str) -> SeenEntry | None: ...

    def get_by_url(self, url: str) -> SeenEntry | None: ...

    def put(self, entry: SeenEntry) -> None: ...

    def record_run(self, run: RunRecord) -> None: ...

    def fill_history(self, site: str, limit: int = 5) -> list[dict[str, float]]: ...

    def close(self) -> None: ...


def content_hash(record: dict[str, Any]) -> str:
    """Stable digest of the content fields of a record (order of keys does not matter)."""
    content = {k: record.get(k) for k in CONTENT_FIELDS}
    data = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def open_store(uri: str) -> SeenStore:
    """Open the store named by a URI: a file path or `sqlite:<path>` (Redis: a later backend)."""
    if uri.startswith("sqlite:"):
        uri = uri[len("sqlite:"):]
        if uri.startswith("//"):
            uri = uri[2:]
    elif "://" in uri:
        raise ValueError(f"unsupported seen-store URI {uri!r} (only SQLite paths for now)")
    from crawler.state.sqlite import SQLiteStore

    return SQLiteStore(uri)


_SHARED_ATTR = "_zhnews_seen_store"
_OFF = {"", "off", "none", "false", "0"}


def store_uri(settings: Any) -> str | None:
    """SEEN_STORE: a path/URI, "off" to disable; unset means `<EXPORTS_DIR>/seen.sqlite3`."""
    uri = settings.get("SEEN_STORE")
    if uri is None:
        return f"{settings.get('EXPORTS_DIR') or 'exports'}/seen.sqlite3"
    return None if str(uri).strip().lower() in _OFF else str(uri)


def store_for(crawler: Any) -> SeenStore | None:
    """The crawl's shared store (opened on first use from the SEEN_STORE setting), or None when off."""
    store = getattr(crawler, _SHARED_ATTR, None)
    if store is not None:
        return store
    uri = store_uri(crawler.settings)
    if uri is None:
        return None
    if crawler.settings.get("REDIS_URL") and crawler.settings.get("SEEN_STORE") is None:
        # Distributed crawl: one seen-store in Redis for every worker (crawler/distributed).
        from crawler.state.redis_store import RedisStore

        store = RedisStore.from_settings(crawler.settings)
    else:
        store = open_store(str(uri))
    setattr(crawler, _SHARED_ATTR, store)
    from scrapy import signals

    def _close() -> None:
        store.close()
        setattr(crawler, _SHARED_ATTR, None)

    crawler.signals.connect(_close, signal=signals.engine_stopped, weak=False)
    return store


__all__ = [
    "CONTENT_FIELDS", "FILL_FIELDS", "RunRecord", "SeenEntry", "SeenStore", "content_hash", "open_store",
    "store_for", "store_uri",
]
