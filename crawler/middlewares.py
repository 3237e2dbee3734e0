"""Downloader middlewares for unattended crawls.

IncrementalMiddleware: before an article page is fetched, ask the seen-store. A stored page is not
fetched again, unless it is still inside the revisit window after publication or the run was started
with `-a refresh=1`; a revisit is a conditional request, and a 304 answer ends it as "not modified".
Listing pages are never stored, so they are always fetched.

BackoffRetryMiddleware: Scrapy's retry (same settings) with an exponential pause before each retry.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from crawler.extensions import RunReport, canonical, origin_url
from crawler.record import utc_now
from crawler.state import SeenEntry, store_for
from crawler.state.window import truthy, within_revisit

logger = logging.getLogger(__name__)

_VALIDATORS_ATTR = "_zhnews_validators"


class Skipped(IgnoreRequest):
    """A request that was not needed: the article is already exported and unchanged."""

    outcome = "skipped"

    def __init__(self, reason: str, url: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.reason = reason


def validators_for(crawler: Any) -> dict[str, tuple[str | None, str | None]]:
    """URL -> (ETag, Last-Modified) of article pages fetched in this run, for the seen-store pipeline."""
    cache = getattr(crawler, _VALIDATORS_ATTR, None)
    if cache is None:
        cache = {}
        setattr(crawler, _VALIDATORS_ATTR, cache)
    return cache


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class IncrementalMiddleware:
    def __init__(self, crawler: Any, revisit_hours: float) -> None:
        self.crawler = crawler
        self.revisit_hours = revisit_hours
        self.refresh = False
        self.validators = validators_for(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> IncrementalMiddleware:
        if store_for(crawler) is None:
            raise NotConfigured("SEEN_STORE is not set")
        mw = cls(crawler, crawler.settings.getfloat("REVISIT_WINDOW_HOURS", 48.0))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    def spider_opened(self, spider: Any) -> None:
        self.refresh = truthy(getattr(spider, "refresh", None))
        if self.refresh:
            logger.info("refresh=1: every stored article page is re-checked with a conditional request")

    @property
    def store(self) -> Any:
        return store_for(self.crawler)

    def process_request(self, request: Request) -> None:
        # Only article pages are stored, so listings always pass through.
        if request.meta.get("incremental_checked"):
            return None
        entry: SeenEntry | None = self.store.get_by_url(canonical(request.url))
        if entry is None:
            return None
        revisit = within_revisit(entry.published_at, self.revisit_hours)
        if not (self.refresh or revisit):
            self.crawler.stats.inc_value("incremental/skipped_seen")
            self._skip(request, "seen")
        # Ask the server whether the page changed since we stored it.
        request.meta["incremental_checked"] = True
        request.meta["incremental_conditional"] = True
        if entry.etag:
            request.headers["If-None-Match"] = entry.etag
        if entry.last_modified:
            request.headers["If-Modified-Since"] = entry.last_modified
        self.crawler.stats.inc_value("incremental/revisit_refresh" if self.refresh else "incremental/revisit_window")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 304 and request.meta.get("incremental_conditional"):
            self.crawler.stats.inc_value("incremental/not_modified")
            self._touch(origin_url(request))
            self._skip(request, "not-modified")
        if 200 <= response.status < 300:
            etag, modified = _header(response, "ETag"), _header(response, "Last-Modified")
            if etag or modified:
                for url in {canonical(response.url), origin_url(request)}:
                    self.validators[url] = (etag, modified)
        return response

    def _skip(self, request: Request, reason: str) -> None:
        url = origin_url(request)
        report = RunReport.of(self.crawler)
        if report is not None:
            report.skipped(url, reason)
        logger.debug("Skipped %s (%s)", url, reason)
        raise Skipped(reason, url)

    def _touch(self, url: str) -> None:
        entry = self.store.get_by_url(url)
        if entry is not None:
            entry.last_seen = utc_now()
            self.store.put(entry)


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits RETRY_BACKOFF_BASE * 2**(n-1) seconds (capped) before retry n."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 30.0)

    async def _pause(self, result: Any) -> Any:
        if isinstance(result, Request) and self.backoff_base > 0:
            tries = int(result.meta.get("retry_times", 1))
            delay = min(self.backoff_max, self.backoff_base * 2 ** (tries - 1))
            self.crawler.stats.inc_value("retry/backoff_seconds", delay)
            from twisted.internet import reactor  # the crawl's reactor; importing early would install one
            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return result

    async def process_response(self, request: Request, response: Response) -> Any:  # type: ignore[override]
        return await self._pause(super().process_response(request, response))

    async def process_exception(self, request: Request, exception: Exception) -> Any:  # type: ignore[override]
        return await self._pause(super().process_exception(request, exception))
