"""ProfileSpider: the one spider class; a SiteProfile tells it where to start and what to follow.

Discovery and fetching only. Extraction is the pure `crawler.extract.extract`, records come
from `crawler.record.build_record`, and everything after that is the item pipelines' job.

Arguments (`scrapy crawl gmw -a name=value`):
  channels   comma-separated listing URLs to start from (default: the profile's start_urls)
  feeds      comma-separated RSS/Atom feed URLs (default: the profile's feeds)
  sitemaps   comma-separated sitemap, sitemap index or robots.txt URLs (default: the profile's sitemaps)
  max_pages  listing pages to read per channel, the first included (default: LISTING_MAX_PAGES)
Given any of channels/feeds/sitemaps, the run reads exactly those; given none, the profile's.

Flow: listing page -> main-list links matching the profile's article URL pattern (a
continuation page is mapped to its page 1) and up to `max_pages` pager pages -> article page
-> extract -> fetch the article's other pages in order -> stitch -> one record.
A page that is not an article, or a failed fetch, yields no record: it is logged with its
reason and counted in the stats under `article/skipped/<reason>` or `article/failed/<reason>`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.discover.gate import refuse_link
from crawler.discover.listing import announced_feeds
from crawler.discover.urls import refuse_reason
from crawler.extensions import RunReport, report_request_failure
from crawler.extract import Extraction, extract, stitch
from crawler.extract.article import parse_html
from crawler.extract.encoding import decode_html
from crawler.extract.listing import parse_listing
from crawler.record import build_record, utc_now
from crawler.sites.base import SiteProfile
from crawler.spiders.discovery import FeedsAndSitemaps, header_charset
from crawler.state.window import CrawlWindow, url_date

DEFAULT_MAX_PAGES = 5


class ProfileSpider(FeedsAndSitemaps, scrapy.Spider):
    """Crawl one site as its profile describes. Subclasses only set `name` and `profile`."""

    profile: ClassVar[SiteProfile]

    def __init__(self, *args: Any, channels: str | None = None, max_pages: str | int | None = None,
                 feeds: str | None = None, sitemaps: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Incremental runs: `-a since=2024-05-01 -a until=...` (refresh=1 is read by crawler.middlewares).
        self.window = CrawlWindow.from_spider(self)
        self.channels, self.feeds, self.sitemaps = _split_urls(channels), _split_urls(feeds), _split_urls(sitemaps)
        if not (self.channels or self.feeds or self.sitemaps):
            self.channels, self.feeds, self.sitemaps = self.default_sources()
        self.allowed_domains = self.site_domains()
        self.max_pages_arg = int(max_pages) if max_pages not in (None, "") else None
        # channel -> listing pages scheduled: the pagination budget. A distributed crawl swaps in a
        # Redis-backed mapping with the same interface (crawler.distributed.budget).
        self.listing_pages: dict[str, set[str]] = {}

    def default_sources(self) -> tuple[list[str], list[str], list[str]]:
        """Channels, feeds and sitemaps crawled when the run names none."""
        return list(self.profile.start_urls), list(self.profile.feeds), list(self.profile.sitemaps)

    def site_domains(self) -> list[str]:
        return list(self.profile.domains)

    def is_article_url(self, url: str) -> bool:
        return self.profile.is_article_url(url)

    @property
    def max_pages(self) -> int:
        if self.max_pages_arg is not None:
            return self.max_pages_arg
        return self.settings.getint("LISTING_MAX_PAGES", DEFAULT_MAX_PAGES)

    async def start(self) -> AsyncIterator[Request]:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Request]:
        for url in self.channels:
            if not self.allowed(url, "the channel list"):
                continue
            self.listing_pages[url] = {url}
            yield Request(url, callback=self.parse_listing, cb_kwargs={"channel": url},
                          errback=self.on_listing_error)
        yield from self.source_requests()  # feeds and sitemaps (crawler.spiders.discovery)

    # ------------------------------------------------------------ listings

    def read_listing(self, response: Response) -> Any:
        """The listing's main-list article URLs, pager URLs, other and refused links."""
        return parse_listing(response.body, response.url, self.profile, declared_encoding=header_charset(response))

    def parse_listing(self, response: Response, channel: str) -> Iterator[Request]:
        self.count("listing/pages")
        listing = self.read_listing(response)
        for url, reason in listing.refused:
            refuse_link(self.crawler, url, reason, found_on=response.url)
        for url in listing.other_links:
            self.logger.debug("listing %s: not an article link: %s", response.url, url)
        self.count("listing/links_not_article", len(listing.other_links))
        found = len(listing.article_urls)
        older = 0
        for url in listing.article_urls:
            day = url_date(url)  # since/until: judged by the date in the URL, before any fetch
            if not self.window.contains(day):
                older += self.window.is_before(day)
                self.count("listing/outside_window")
                continue
            yield from self.discovered(url, "lists", response.url)
        self.count("listing/article_links", found)
        if found == 0 and channel in (response.url, *response.meta.get("redirect_urls", ())):
            # A channel page with no list in its HTML (rendered by script): its announced feed has the
            # articles. Not on later pages, whose last page may simply hold one item.
            feeds = getattr(listing, "feeds", None)
            if feeds is None:
                feeds = announced_feeds(parse_html(decode_html(response.body, header_charset(response))[0]),
                                        response.url)
            if feeds:
                yield from self.fall_back_to_feeds(response, feeds)
                return
        if found == 0:
            self.logger.warning("listing %s: no article links in the main list", response.url)
            self.count("listing/empty")
        if found and older == found:  # newest first: every later page is older still
            self.logger.info("listing %s: all items older than since=%s, not paginating further",
                             response.url, self.window.since.date() if self.window.since else "")
            self.count("listing/stopped_at_since")
            return
        yield from self.next_listing_pages(listing.next_urls, channel)

    def next_listing_pages(self, next_urls: list[str], channel: str) -> Iterator[Request]:
        """Pager links, in page order, while the channel's page budget lasts."""
        scheduled = self.listing_pages.setdefault(channel, {channel})
        new, beyond = claim_pages(
            scheduled, [u for u in next_urls if u not in scheduled and self.allowed(u, channel)], self.max_pages
        )
        if beyond:
            self.count("listing/pages_beyond_max", beyond)
        for url in new:
            yield Request(url, callback=self.parse_listing, cb_kwargs={"channel": channel},
                          errback=self.on_listing_error)

    # ------------------------------------------------------------ articles

    def parse_article(self, response: Response) -> Iterator[dict | Request]:
        # The fetch time: set by the WARC archive/replay middlewares (so a replay keeps the original
        # crawl's time), else now.
        crawled_at = response.meta.get("fetched_at") or utc_now()
        first = self.extract(response)
        if not first.is_article:
            self.skip(response.url, first.skip_reason or "not-article")
            return
        rest = self.more_pages(first, response)
        if not rest:
            yield self.record(first, [], crawled_at)
            return
        self.count("article/multipage")
        yield self.page_request(rest[0], first, rest[1:], [], crawled_at)

    def more_pages(self, first: Extraction, response: Response) -> list[str]:
        """The article's pages after page 1, in order."""
        return continuation_urls(self.profile, first, accept=lambda url: self.allowed(url, response.url))

    def parse_next_page(self, response: Response, first: Extraction, todo: list[str],
                        done: list[Extraction], crawled_at: str) -> Iterator[dict | Request]:
        done = [*done, self.extract(response)]
        if todo:
            yield self.page_request(todo[0], first, todo[1:], done, crawled_at)
        else:
            yield self.record(first, done, crawled_at)

    def page_request(self, url: str, first: Extraction, todo: list[str], done: list[Extraction],
                     crawled_at: str) -> Request:
        # dont_filter: a continuation page dropped as a duplicate would silently lose the article.
        return Request(
            url, callback=self.parse_next_page, errback=self.on_article_error, dont_filter=True,
            cb_kwargs={"first": first, "todo": todo, "done": done, "crawled_at": crawled_at},
        )

    def extract(self, response: Response) -> Extraction:
        # Relative times (`3小时前`) count from the fetch: on a WARC replay, the archived fetch time.
        fetched = response.meta.get("fetched_at")
        now = datetime.fromisoformat(fetched.replace("Z", "+00:00")) if fetched else None
        page = extract(response.body, response.url, declared_encoding=header_charset(response),
                       profile=self.profile, now=now)
        if page.replaced_bytes:  # a stray byte or a pasted paragraph in another encoding
            self.logger.warning("%d byte(s) of %s did not decode, replaced with U+FFFD", page.replaced_bytes,
                                response.url)
            self.count("decode/replaced_bytes", page.replaced_bytes)
            self.count("decode/pages_with_replacements")
        return page

    def record(self, first: Extraction, rest: list[Extraction], crawled_at: str) -> dict:
        pages = 1 + len(rest)
        article = stitch(first, rest)
        self.count("article/records")
        self.count(f"article/extractor/{article.extractor}")  # a rise in */generic means a layout changed
        return build_record(article, pages=pages, crawled_at=crawled_at)

    # ------------------------------------------------------------ failures and stats

    def skip(self, url: str, reason: str) -> None:
        self.logger.info("not an article (%s): %s", reason, url)
        self.count(f"article/skipped/{reason}")
        if (report := RunReport.of(self.crawler)) is not None:
            report.failed(url, "extract", f"not an article: {reason}")

    def on_article_error(self, failure: Failure) -> None:
        if getattr(failure.value, "outcome", None) == "skipped":
            return  # the seen-store said it was not needed (crawler.middlewares), not a failure
        report_request_failure(self.crawler, failure)  # -> the run's failures file
        reason = _failure_reason(failure)
        request = failure.request  # type: ignore[attr-defined]
        first = request.cb_kwargs.get("first")
        if first is not None:  # a continuation page failed: the article is incomplete, never written
            self.logger.error("article %s: page %s failed (%s), article dropped", first.url, request.url, reason)
            self.count("article/failed/incomplete")
        else:
            self.logger.warning("article fetch failed (%s): %s", reason, request.url)
        self.count(f"article/failed/{reason}")

    def on_listing_error(self, failure: Failure) -> None:
        report_request_failure(self.crawler, failure)
        reason = _failure_reason(failure)
        self.logger.error("listing fetch failed (%s): %s", reason, failure.request.url)  # type: ignore[attr-defined]
        self.count(f"listing/failed/{reason}")

    def allowed(self, url: str, found_on: str) -> bool:
        """The URL gate for every request this spider builds; a refused link is counted and reported."""
        reason = refuse_reason(url, self.allowed_domains)
        if reason is not None:
            refuse_link(self.crawler, url, reason, found_on=found_on)
        return reason is None

    def count(self, key: str, n: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, n)


def claim_pages(scheduled: Any, urls: list[str], budget: int) -> tuple[list[str], int]:
    """Add the unseen URLs to `scheduled` while it holds fewer than `budget`: (added, left out by the budget).

    A shared (Redis) page set does it in one step (`claim`); a local set in one pass.
    """
    if hasattr(scheduled, "claim"):
        return scheduled.claim(urls, budget)
    new: list[str] = []
    beyond = 0
    for url in urls:
        if url in scheduled:
            continue
        if len(scheduled) >= budget:
            beyond += 1
            continue
        scheduled.add(url)
        new.append(url)
    return new, beyond


def continuation_urls(profile: SiteProfile, first: Extraction,
                      accept: Callable[[str], bool] = lambda url: True) -> list[str]:
    """The other pages of a multi-page article, page 2 onwards, in page order (only `accept`ed URLs)."""
    key = first.key
    pages: dict[int, str] = {}
    for url in first.page_urls:
        number = profile.page_number(url)
        if number > 1 and number not in pages and profile.article_key(url) == key and accept(url):
            pages[number] = url
    return [pages[n] for n in sorted(pages)]


def _split_urls(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else re.split(r"[,\s]+", value)
    return [u.strip() for u in items if u.strip()]


def _failure_reason(failure: Failure) -> str:
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
        return "robots_forbidden"
    return failure.type.__name__ if failure.type else "error"
