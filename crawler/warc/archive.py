"""Downloader middleware that archives every fetched response, with its request, into rotating .warc.gz files.

It sits next to the downloader (order 980, after HttpCompression, Redirect and Retry in process_response terms), so
it sees responses as received: body still compressed if the server compressed it, redirects and errors included.
Limits, all from Scrapy: header names come title-cased and chunked bodies de-chunked (the Transfer-Encoding
header is then kept as X-Warc-Original-Transfer-Encoding so the stored HTTP message stays valid), and header
values that are not ASCII are stored percent-encoded (RFC 8187) by warcio.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import scrapy
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders

from crawler.record import utc_now
from crawler.warc.writer import RotatingWarcWriter

log = logging.getLogger(__name__)

REPLAY_FLAG = "warc-replay"
DECHUNKED_HEADER = "X-Warc-Original-Transfer-Encoding"
DEFAULT_MAX_SIZE = 1_000_000_000  # bytes per file, the customary WARC size
PRIVATE_REQUEST_HEADERS = {"proxy-authorization"}  # our proxy credentials stay out of the archive


def header_pairs(headers: Headers, *, dechunked: bool = False) -> list[tuple[str, str]]:
    """Scrapy headers as (name, value) pairs, one per value, bytes kept as latin-1 text."""
    pairs = []
    for name, values in headers.items():
        text = name.decode("latin-1")
        if dechunked and text.lower() == "transfer-encoding":
            text = DECHUNKED_HEADER
        pairs.extend((text, value.decode("latin-1")) for value in values)
    return pairs


def request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class WarcArchiveMiddleware:
    def __init__(self, writer: RotatingWarcWriter, crawler: Crawler) -> None:
        self.writer = writer
        self.stats = crawler.stats
        self.builder = RecordBuilder()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchiveMiddleware:
        settings = crawler.settings
        directory = settings.get("WARC_ARCHIVE")
        if not directory:
            raise NotConfigured("WARC_ARCHIVE not set")
        prefix = settings.get("WARC_PREFIX") or (crawler.spidercls.name if crawler.spidercls else "crawl")
        info = {"software": f"zhnews-crawler (Scrapy {scrapy.__version__}, warcio)",
                "format": "WARC File Format 1.1",
                "http-header-user-agent": settings.get("USER_AGENT") or "",
                "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore"}
        writer = RotatingWarcWriter(Path(directory), prefix, settings.getint("WARC_MAX_SIZE", DEFAULT_MAX_SIZE), info)
        mw = cls(writer, crawler)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if REPLAY_FLAG in response.flags or "cached" in response.flags:
            return response  # not fetched now: nothing new to archive
        try:
            self.writer.write(*self.records(request, response))
        except (OSError, ValueError) as exc:
            self.stats.inc_value("warc/write_errors")
            log.error("WARC archive: could not write %s: %s", response.url, exc)
            return response
        self.stats.inc_value("warc/responses")
        self.stats.set_value("warc/files", len(self.writer.paths))
        return response

    def records(self, request: Request, response: Response) -> tuple:
        """The response record and the request record pointing at it (WARC-Concurrent-To)."""
        protocol = response.protocol or "HTTP/1.1"
        try:
            reason = HTTPStatus(response.status).phrase
        except ValueError:
            reason = ""
        dechunked = b"chunked" in (response.headers.get(b"Transfer-Encoding") or b"").lower()
        http = StatusAndHeaders(f"{response.status} {reason}".strip(),
                                header_pairs(response.headers, dechunked=dechunked), protocol=protocol)
        # One fetch time for the WARC-Date and the record's crawled_at, so a replay reproduces both.
        fetched_at = request.meta.setdefault("fetched_at", utc_now())
        warc_headers = {"WARC-Date": fetched_at}
        if response.ip_address:
            warc_headers["WARC-IP-Address"] = str(response.ip_address)
        resp = self.builder.create_warc_record(response.url, "response", payload=BytesIO(response.body),
                                               length=len(response.body), http_headers=http,
                                               warc_headers_dict=warc_headers)
        host = urlsplit(request.url).netloc
        req_headers = [("Host", host), *((k, v) for k, v in header_pairs(request.headers)
                                         if k.lower() not in PRIVATE_REQUEST_HEADERS)]
        req_http = StatusAndHeaders(f"{request.method} {request_target(request.url)} {protocol}", req_headers,
                                    is_http_request=True)
        req = self.builder.create_warc_record(
            request.url, "request", payload=BytesIO(request.body), length=len(request.body),
            http_headers=req_http,
            warc_headers_dict={"WARC-Concurrent-To": resp.rec_headers.get_header("WARC-Record-ID")})
        return resp, req

    def spider_closed(self, spider: Spider) -> None:
        self.writer.close()
        log.info("WARC archive: %d file(s): %s", len(self.writer.paths), ", ".join(map(str, self.writer.paths)))
