"""Seen-store pipeline steps: export only new and changed articles, and remember what was written.

SeenFilter runs before the JSONL writer: it drops records outside the `since`/`until` window and
records whose content hash matches the stored one; a changed article gets `revision` + 1 and
`updated: true`. SeenCommit runs after the writer, so an article counts as seen only once its line
is on disk (a crawl killed between the two exports it again rather than losing it).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.middlewares import validators_for
from crawler.record import utc_now
from crawler.state import SeenEntry, SeenStore, content_hash, store_for
from crawler.state.window import CrawlWindow
from pipelines import SkipItem

logger = logging.getLogger(__name__)


class _StoreStep:
    def __init__(self, crawler: Any, store: SeenStore) -> None:
        self.crawler = crawler
        self.store = store

    @classmethod
    def from_crawler(cls, crawler: Any) -> Any:
        store = store_for(crawler)
        if store is None:
            raise NotConfigured("SEEN_STORE is not set")
        step = cls(crawler, store)
        crawler.signals.connect(step.spider_opened, signal=signals.spider_opened)
        return step

    def spider_opened(self, spider: Any) -> None:
        pass


class SeenFilter(_StoreStep):
    window = CrawlWindow()

    def spider_opened(self, spider: Any) -> None:
        self.window = CrawlWindow.from_spider(spider)

    def process_item(self, item: Any) -> Any:
        record = item
        url = record.get("url")
        if not self.window.contains(record.get("published_at")):
            validators_for(self.crawler).pop(url, None)
            self.crawler.stats.inc_value("incremental/out_of_window")
            raise SkipItem("out-of-window", f"Outside since/until ({record.get('published_at')}): {url}")
        entry = self.store.get(record["id"])
        if entry is None:
            record["revision"], record["updated"] = 1, False
            return item
        if entry.content_hash == content_hash(record):
            etag, modified = validators_for(self.crawler).pop(url, (None, None))  # nothing kept per item
            entry.last_seen = utc_now()
            entry.etag, entry.last_modified = etag or entry.etag, modified or entry.last_modified
            self.store.put(entry)
            self.crawler.stats.inc_value("incremental/unchanged")
            raise SkipItem("unchanged", f"Unchanged since {entry.last_seen[:10]}: {url}")
        record["revision"], record["updated"] = entry.revision + 1, True
        self.crawler.stats.inc_value("incremental/changed")
        logger.info("Changed article %s: revision %d", url, record["revision"])
        return item


class SeenCommit(_StoreStep):
    def spider_opened(self, spider: Any) -> None:
        written = self.crawler.stats.get_value("jsonl/path")
        if written:
            self.reconcile(Path(written), spider.name)

    def reconcile(self, current: Path, spider_name: str) -> None:
        """A run killed between writing a line and committing it left that one line unrecorded.

        Lines are committed one at a time, right after they are written, so only the last line of
        the newest earlier run file can be missing from the store: record it, so it is not exported twice.
        """
        earlier = [p for p in current.parent.glob(f"{spider_name}-*.jsonl")
                   if p != current and not p.name.endswith(".failures.jsonl")]
        if not earlier:
            return
        last = _last_line(max(earlier, key=lambda p: p.stat().st_mtime))
        if last is None or not last.get("id") or not last.get("url"):
            return
        entry = self.store.get(last["id"])
        if entry is None or entry.content_hash != content_hash(last):
            logger.warning("Seen-store missed the last record of the previous run, recording it: %s", last["url"])
            self.commit(last, etag=None, modified=None)

    def process_item(self, item: Any) -> Any:
        etag, modified = validators_for(self.crawler).pop(item["url"], (None, None))
        self.commit(item, etag, modified)
        return item

    def commit(self, record: Any, etag: str | None, modified: str | None) -> None:
        now = utc_now()
        previous = self.store.get(record["id"])
        self.store.put(SeenEntry(
            id=record["id"],
            url=record["url"],
            content_hash=content_hash(record),
            first_seen=previous.first_seen if previous else now,
            last_seen=now,
            published_at=record.get("published_at"),
            etag=etag,
            last_modified=modified,
            revision=int(record.get("revision") or 1),
        ))


def _last_line(path: Path) -> dict[str, Any] | None:
    """The last whole JSON line of a file (reads only its tail)."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - (1 << 20)))
        lines = [ln for ln in fh.read().split(b"\n") if ln.strip()]
    for raw in reversed(lines):
        try:
            return json.loads(raw)
        except ValueError:
            continue  # a partial line: try the one before
    return None
