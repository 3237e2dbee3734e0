"""Write records as JSON Lines: one file per spider run, whole lines only.

File: EXPORTS_DIR / EXPORTS_FILENAME, by default `exports/<spider>-<UTC start time>.jsonl`,
e.g. `exports/gmw-20240513T084921Z.jsonl` (`-2`, `-3`... is appended if the name is taken).
The path is in the stats as `jsonl/path` and in the log.

Each record is one UTF-8 line (real characters, no \\uXXXX escapes), keys in contract order,
written with a single append to a file opened O_APPEND (unbuffered, so nothing sits in a
buffer). If a write fails half way, the file is cut back to the last whole line and the record
is dropped. The file is fsynced at close.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.record import RECORD_KEYS

log = logging.getLogger(__name__)


def record_line(record: dict) -> bytes:
    """The record as one JSON line: contract keys first, in order (missing ones as null)."""
    ordered = {key: record.get(key) for key in RECORD_KEYS}
    ordered.update((k, v) for k, v in record.items() if k not in ordered)
    return (json.dumps(ordered, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def append_whole_line(fd: int, offset: int, line: bytes) -> int:
    """Append one line to a file opened O_APPEND whose size is `offset`; return the new size.

    If the write fails half way, the file is cut back to `offset` (the last whole line) and the
    error is raised: the file never holds a partial line. Shared by crawls and `zhnews extract`.
    """
    view = memoryview(line)
    try:
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except BaseException:  # a failed write, or a signal between two partial writes
        os.ftruncate(fd, offset)
        raise
    return offset + len(line)


def run_files(directory: Path, template: str, spider: str, started: datetime) -> Iterator[Path]:
    """Candidate paths for this run: the plain name, then `-2`, `-3`..."""
    stamp = started.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    base = directory / template.format(spider=spider, timestamp=stamp)
    yield base
    for n in itertools.count(2):
        yield base.with_name(f"{base.stem}-{n}{base.suffix}")


class JsonlWriterPipeline:
    def __init__(self, directory: Path, template: str, fsync: bool = True,
                 stats: StatsCollector | None = None, crawler: Crawler | None = None) -> None:
        self.directory = directory
        self.template = template
        self.fsync = fsync
        self.stats = stats
        self.crawler = crawler
        self.path: Path | None = None
        self.fd: int | None = None
        self.offset = 0
        self.written = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsonlWriterPipeline:
        settings = crawler.settings
        if not settings.getbool("JSONL_ENABLED", True):
            raise NotConfigured("JSONL_ENABLED is off")
        return cls(
            Path(settings.get("EXPORTS_DIR") or "exports"),
            settings.get("EXPORTS_FILENAME") or "{spider}-{timestamp}.jsonl",
            settings.getbool("EXPORTS_FSYNC", True),
            crawler.stats,
            crawler,
        )

    def open_spider(self, spider: Any = None) -> None:
        spider = spider or (self.crawler.spider if self.crawler else None)
        self.open(getattr(spider, "name", None) or "crawl")

    def open(self, spider_name: str, started: datetime | None = None) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        for path in run_files(self.directory, self.template, spider_name, started or datetime.now(timezone.utc)):
            try:  # O_EXCL: never append to another run's file
                self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
            except FileExistsError:
                continue
            self.path = path
            break
        self.offset = 0
        if self.stats:
            self.stats.set_value("jsonl/path", str(self.path))
        log.info("writing records to %s", self.path)
        return self.path

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if self.fd is None:
            raise DropItem("JSONL writer is not open")
        line = record_line(ItemAdapter(item).asdict())
        try:
            self.offset = append_whole_line(self.fd, self.offset, line)
        except OSError as exc:
            if self.stats:
                self.stats.inc_value("records/dropped/write_error")
            raise DropItem(f"could not write record {ItemAdapter(item).get('id')}: {exc}") from exc
        self.written += 1
        if self.stats:
            self.stats.inc_value("records/written")
        return item

    def close_spider(self, spider: Any = None) -> None:
        if self.fd is None:
            return
        if self.fsync:
            os.fsync(self.fd)
        os.close(self.fd)
        self.fd = None
        log.info("wrote %d records to %s", self.written, self.path)
