"""The URL gate inside a crawl: count and report refused links, and guard every request.

`refuse_link()` is what a spider calls for a link it will not request: the stat
`links/refused/<reason>`, a log line, and a failures-file line (stage `link`).

`UrlGateMiddleware` (a downloader middleware) applies `refuse_reason` to every request the engine
schedules, whatever built it (spider callbacks, `dont_filter` continuation pages, redirects, feeds,
sitemaps), before robots.txt or a download handler sees it; and to the `Location` of a redirect
that Scrapy does not follow (`file:`, `data:`), so its failure says why instead of `HTTP 302`.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.discover.urls import join, refuse_reason
from crawler.extensions import RunReport, report_failure

logger = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})


class RefusedUrl(IgnoreRequest):
    """A request the URL gate refused; already counted and in the failures file."""

    outcome = "refused"

    def __init__(self, reason: str, url: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.reason = reason
        self.url = url


def allowed_domains(spider: Any) -> list[str]:
    return list(getattr(spider, "allowed_domains", None) or [])


def refuse_link(crawler: Any, url: str, reason: str, found_on: str | None = None) -> None:
    """Count, log and report a link that will not be requested."""
    if crawler.stats is not None:
        crawler.stats.inc_value(f"links/refused/{reason}")
    where = f" (link on {found_on})" if found_on else ""
    logger.info("Refused link (%s)%s: %r", reason, where, url)
    if (report := RunReport.of(crawler)) is not None:
        report.failed(url, "link", f"{reason}{where}")


class UrlGateMiddleware:
    """Refuse every request (and redirect target) that `refuse_reason` refuses."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> UrlGateMiddleware:
        gate = cls(crawler)
        # Checked when the request is scheduled (before the queue, robots.txt and the downloader),
        # the way Scrapy's own OffsiteMiddleware drops off-site requests.
        crawler.signals.connect(gate.request_scheduled, signal=signals.request_scheduled)
        return gate

    def request_scheduled(self, request: Request, spider: Any) -> None:
        reason = refuse_reason(request.url, allowed_domains(spider))
        if reason is not None:
            self.refuse(request, reason, request.url)

    def process_request(self, request: Request) -> None:
        # Requests that never pass the scheduler (downloaded directly by a component) are checked here.
        reason = refuse_reason(request.url, allowed_domains(self.crawler.spider))
        if reason is not None:
            self.refuse(request, reason, request.url)

    def process_response(self, request: Request, response: Response) -> Response:
        # Runs after RedirectMiddleware: a redirect still here was not followed (a non-http target).
        location = response.headers.get("Location") if response.status in REDIRECTS else None
        if not location:
            return response
        target = join(request.url, location.decode("latin-1")) or location.decode("latin-1")
        reason = refuse_reason(target, allowed_domains(self.crawler.spider))
        if reason is not None:
            self.refuse(request, reason, target)
        return response

    def refuse(self, request: Request, reason: str, target: str) -> None:
        self.crawler.stats.inc_value(f"links/refused/{reason}")
        redirected = target != request.url or "redirect_urls" in request.meta
        text = f"redirect refused ({reason}): {target}" if redirected else f"refused ({reason})"
        logger.warning("%s %s", text, request.url if redirected else target)
        report_failure(self.crawler, request, text)
        raise RefusedUrl(reason, target)
