"""Feeds and sitemaps for every spider: `-a feeds=URL,...` and `-a sitemaps=URL,...`.

A mixin for ProfileSpider (and so for the generic `news` spider). The parsing is pure
(crawler.discover.feeds / sitemaps); here the spider decides what to fetch:
- every feed item's link is an article; its date decides since/until before any fetch;
- a sitemap, sitemap index or robots.txt (`Sitemap:` lines) leads to page URLs; those without an
  article's shape are skipped with a counted reason; `news:publication_date` decides since/until, and
  `lastmod` can only prove an entry too old (a page changed after `until` may have been published before);
- a channel page with no article links in its HTML (a list rendered by script) that announces a
  feed (`<link rel="alternate">`) is crawled through that feed instead, and the log says so.
Every URL passes the URL gate (`self.allowed`) first. Stats: `discovery/<lists|feeds|sitemaps>` count
the article URLs each mode scheduled, `discovery/skipped/<reason>` what was left out and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Request, Response

from crawler.discover.feeds import parse_feed
from crawler.discover.listing import announced_feeds
from crawler.discover.sitemaps import parse_sitemap
from crawler.extract.article import parse_html
from crawler.extract.encoding import decode_html
from crawler.state.window import url_date

MAX_SITEMAP_DEPTH = 3  # robots.txt -> index -> index -> sitemap


class FeedsAndSitemaps:
    """Needs from the spider: window, crawler, logger, allowed(url, found_on), count(key, n),
    is_article_url(url), parse_article, on_article_error, on_listing_error."""

    feeds: list[str]
    sitemaps: list[str]
    window: Any

    def source_requests(self) -> Iterator[Request]:
        """Requests for the feeds and sitemaps this run was given."""
        for url in self.feeds:
            if self.allowed(url, "the feed list"):
                yield self.feed_request(url)
        for url in self.sitemaps:
            if self.allowed(url, "the sitemap list"):
                yield self.sitemap_request(url, 0)

    def feed_request(self, url: str, announced: bool = False) -> Request:
        meta = {"stage": "listing", "announced": announced}
        return Request(url, callback=self.parse_feed, errback=self.on_listing_error, meta=meta)

    def sitemap_request(self, url: str, depth: int) -> Request:
        return Request(url, callback=self.parse_sitemap, errback=self.on_listing_error,
                       cb_kwargs={"depth": depth}, meta={"stage": "listing"})

    def discovered(self, url: str, mode: str, found_on: str) -> Iterator[Request]:
        """An article request for `url` found by `mode` (lists, feeds, sitemaps), if the gate allows it."""
        if self.allowed(url, found_on):
            self.count(f"discovery/{mode}")
            yield Request(url, callback=self.parse_article, errback=self.on_article_error)

    def left_out(self, url: str, reason: str, found_on: str) -> None:
        self.logger.debug("%s: left out (%s): %s", found_on, reason, url)
        self.count(f"discovery/skipped/{reason}")

    # ------------------------------------------------------------ feeds

    def parse_feed(self, response: Response) -> Iterator[Request]:
        self.count("feed/fetched")
        self.count("listing/pages")  # for the run's bookkeeping a feed is a listing page (stage "listing")
        feed = parse_feed(response.body, response.url, declared_encoding=header_charset(response))
        if feed.error:
            announced = [] if response.meta.get("announced") else _announced(response)
            if announced:  # a page given as a feed: read the feeds it announces
                self.logger.warning("feed %s is a page, not a feed; reading the feed(s) it announces: %s",
                                    response.url, ", ".join(announced))
                for url in announced:
                    if self.allowed(url, response.url):
                        yield self.feed_request(url, announced=True)
                return
            self.logger.error("feed %s: %s", response.url, feed.error)
            self.count("feed/unreadable")
            return
        if feed.no_link:
            self.logger.warning("feed %s: %d item(s) without a usable link", response.url, feed.no_link)
            self.count("discovery/skipped/feed-item-without-link", feed.no_link)
        self.count("feed/items", len(feed.items))
        for item in feed.items:
            when = item.published or url_date(item.url)
            if not self.window.contains(when) or (not item.published and self.window.is_before(item.updated)):
                self.left_out(item.url, "outside-window", response.url)
                continue
            yield from self.discovered(item.url, "feeds", response.url)
        self.logger.info("feed %s (%s): %d item(s)", response.url, feed.kind, len(feed.items))

    # ------------------------------------------------------------ sitemaps

    def parse_sitemap(self, response: Response, depth: int) -> Iterator[Request]:
        self.count("sitemap/fetched")
        self.count("listing/pages")  # and so is a sitemap
        doc = parse_sitemap(response.body, response.url)
        if doc.error:
            self.logger.error("sitemap %s: %s", response.url, doc.error)
            self.count("sitemap/unreadable")
            return
        if doc.bad:
            self.count("discovery/skipped/sitemap-entry-without-url", doc.bad)
        for entry in doc.sitemaps:  # an index or a robots.txt: more sitemaps
            if depth + 1 > MAX_SITEMAP_DEPTH:
                self.left_out(entry.url, "sitemap-too-deep", response.url)
            elif self.window.is_before(entry.lastmod):  # unchanged since before `since`: nothing new in it
                self.left_out(entry.url, "sitemap-older-than-since", response.url)
            elif self.allowed(entry.url, response.url):
                yield self.sitemap_request(entry.url, depth + 1)
        for entry in doc.pages:
            if not self.is_article_url(entry.url):
                self.left_out(entry.url, "sitemap-not-article-url", response.url)
            elif not self.window.contains(entry.published or url_date(entry.url)) or self.window.is_before(
                    entry.lastmod):
                self.left_out(entry.url, "outside-window", response.url)
            else:
                yield from self.discovered(entry.url, "sitemaps", response.url)
        self.logger.info("sitemap %s (%s): %d page(s), %d sitemap(s)", response.url, doc.kind, len(doc.pages),
                         len(doc.sitemaps))

    # ------------------------------------------------------------ script-rendered channels

    def fall_back_to_feeds(self, response: Response, feeds: list[str]) -> Iterator[Request]:
        """A listing with no article links in its HTML: crawl the feeds it announces instead."""
        for url in feeds:
            if self.allowed(url, response.url):
                self.logger.warning("listing %s: no article links in its HTML (list rendered by script?); "
                                    "crawling its announced feed %s instead", response.url, url)
                self.count("discovery/feed_fallback")
                yield self.feed_request(url)


def _announced(response: Response) -> list[str]:
    """Feeds an HTML page announces (`<link rel="alternate" type="application/rss+xml">`)."""
    text, _ = decode_html(response.body, header_charset(response))
    return announced_feeds(parse_html(text), response.url) if "<link" in text[:50_000].lower() else []


def header_charset(response: Response) -> str | None:
    """The charset the Content-Type header names (a hint: the decoder weighs it against the bytes)."""
    ctype = response.headers.get("Content-Type", b"").decode("latin-1")
    m = re.search(r"charset=([\w-]+)", ctype, re.I)
    return m.group(1) if m else None
