"""Serve responses from WARC archives instead of the network (WARC_REPLAY), so a crawl can be re-run offline.

A downloader middleware placed last (order 990) answers every request from the archive in process_request, so
nothing reaches a download handler: no DNS, no sockets. Everything above it runs as in a live crawl (robots.txt,
decompression, redirects, retries, the spider, the pipelines). When a URL was fetched several times, the copies
are served in archive order and the last one repeats. A request the archive lacks gets an empty 404 marked
'warc-miss', logged and counted (warc_replay/missing).
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.misc import arg_to_iter
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from crawler.warc.archive import DECHUNKED_HEADER, REPLAY_FLAG

log = logging.getLogger(__name__)

MISS_FLAG = "warc-miss"
Key = tuple[str, str, str]  # method, URL, sha1 of the request body


def request_key(method: str, url: str, body: bytes) -> Key:
    return method.upper(), url, hashlib.sha1(body).hexdigest()


def archive_files(specs: Iterable[str]) -> list[Path]:
    """Expand WARC_REPLAY entries: files as given, directories to their *.warc / *.warc.gz in name order."""
    files: list[Path] = []
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            files.extend(sorted([*path.glob("*.warc.gz"), *path.glob("*.warc")]))
        elif path.is_file():
            files.append(path)
        else:
            log.error("WARC replay: no such archive %s", path)
    return files


@dataclass(frozen=True)
class Capture:
    path: Path
    offset: int


class WarcIndex:
    """(method, URL, body hash) -> captures in archive order, built by one pass over the files."""

    def __init__(self, files: Iterable[Path]) -> None:
        self.captures: dict[Key, deque[Capture]] = {}
        self.damaged: list[Path] = []
        for path in files:
            self._scan(path)

    def _scan(self, path: Path) -> None:
        responses: dict[str, Capture] = {}
        requests: dict[str, Key] = {}  # response record id -> key
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            try:
                self._read(path, records, responses, requests)
            except Exception as exc:  # warcio fails in several ways on a file cut short by a killed crawl
                log.error("WARC replay: %s is damaged after offset %d (%s); using the records before it",
                          path, fh.tell(), exc)
                self.damaged.append(path)
        for record_id, capture in responses.items():
            key = requests.get(record_id)
            if key is None:
                log.warning("WARC replay: response %s in %s has no request record; skipped", record_id, path)
                continue
            self.captures.setdefault(key, deque()).append(capture)

    @staticmethod
    def _read(path: Path, records: ArchiveIterator, responses: dict[str, Capture], requests: dict[str, Key]
              ) -> None:
        for record in records:
            if record.rec_type not in ("response", "request"):
                if record.rec_type is None:
                    raise ArchiveLoadFailed("record without a WARC-Type")
                continue
            body = record.raw_stream.read()
            expected = record.length - (record.http_headers.total_len if record.http_headers else 0)
            if len(body) != expected:
                raise ArchiveLoadFailed(f"record body is {len(body)} bytes, its header says {expected}")
            if record.rec_type == "response":
                # Offset asked only now: warcio reads the record to its end to find it.
                responses[record.rec_headers.get_header("WARC-Record-ID")] = Capture(path, records.get_record_offset())
            elif record.http_headers is not None:
                method = record.http_headers.protocol or "GET"
                url = record.rec_headers.get_header("WARC-Target-URI")
                requests[record.rec_headers.get_header("WARC-Concurrent-To")] = request_key(method, url, body)

    def __len__(self) -> int:
        return sum(len(c) for c in self.captures.values())

    def next_capture(self, key: Key) -> Capture | None:
        queue = self.captures.get(key)
        if not queue:
            return None
        return queue.popleft() if len(queue) > 1 else queue[0]


def load_response(capture: Capture, url: str) -> tuple[Response, str | None]:
    """Rebuild the Scrapy response exactly as the download handler produced it during the crawl,
    with the time it was fetched."""
    with capture.path.open("rb") as fh:
        fh.seek(capture.offset)
        record = next(iter(ArchiveIterator(fh)))
        http = record.http_headers
        body = record.raw_stream.read()
        address = record.rec_headers.get_header("WARC-IP-Address")
        fetched_at = record.rec_headers.get_header("WARC-Date")
    headers = Headers()
    for name, value in http.headers:
        name = "Transfer-Encoding" if name == DECHUNKED_HEADER else name
        headers.appendlist(name, value.encode("latin-1"))
    status = int(http.get_statuscode())
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    response = cls(url=url, status=status, headers=headers, body=body, flags=[REPLAY_FLAG],
                   ip_address=ipaddress.ip_address(address) if address else None, protocol=http.protocol or None)
    return response, _utc_seconds(fetched_at)


def _utc_seconds(warc_date: str | None) -> str | None:
    """WARC-Date (seconds or finer) -> `YYYY-MM-DDTHH:MM:SSZ`, the record's crawled_at form."""
    return f"{warc_date[:19]}Z" if warc_date and len(warc_date) >= 19 else None


class WarcReplayMiddleware:
    def __init__(self, index: WarcIndex, crawler: Crawler) -> None:
        self.index = index
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcReplayMiddleware:
        specs = crawler.settings.get("WARC_REPLAY")
        if not specs:
            raise NotConfigured("WARC_REPLAY not set")
        specs = specs.split(",") if isinstance(specs, str) else list(arg_to_iter(specs))
        files = archive_files(s.strip() for s in specs if s.strip())
        if not files:
            raise ValueError(f"WARC_REPLAY={specs!r}: no archive files found")
        index = WarcIndex(files)
        log.info("WARC replay: %d responses indexed from %d file(s); the network is not used", len(index), len(files))
        return cls(index, crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> Response:
        capture = self.index.next_capture(request_key(request.method, request.url, request.body))
        if capture is None:
            self.stats.inc_value("warc_replay/missing")
            log.warning("WARC replay: %s %s is not in the archive; answering 404", request.method, request.url)
            return Response(request.url, status=404, flags=[REPLAY_FLAG, MISS_FLAG], request=request)
        try:
            response, fetched_at = load_response(capture, request.url)
        except Exception as exc:  # the index read this record once, so only a file changed since can fail
            self.stats.inc_value("warc_replay/unreadable")
            log.error("WARC replay: cannot read %s at offset %d for %s: %s", capture.path, capture.offset,
                      request.url, exc)
            return Response(request.url, status=404, flags=[REPLAY_FLAG, MISS_FLAG], request=request)
        self.stats.inc_value("warc_replay/served")
        if fetched_at:
            request.meta["fetched_at"] = fetched_at
        return response
