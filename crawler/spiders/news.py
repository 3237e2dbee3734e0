"""The generic spider `news`: crawl any site, with no profile.

    scrapy crawl news -a channels=URL[,URL...]   # listing pages: main list + pagination
    scrapy crawl news -a feeds=URL[,URL...]      # RSS 2.0 / Atom feeds
    scrapy crawl news -a sitemaps=URL[,URL...]   # sitemaps, sitemap indexes, robots.txt

The modes combine. Allowed hosts are the sites (registrable domains) of the URLs given, plus any
named with `-a domains=example.org,...`; nothing else is fetched. Listing pages are read by generic
main-list detection (crawler.discover.listing), multi-page articles are followed by their page
suffix or parameter (crawler.discover.pages) and stitched in order. Extraction is the usual
`crawler.extract.extract`: a site with a profile gets its profile, any other the generic extractor.
Everything else (since/until, max_pages, refresh, seen-store, failures, summary, WARC, Redis) is
ProfileSpider's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Request, Response

from crawler.discover.listing import Listing, main_list
from crawler.discover.pages import later_pages
from crawler.discover.shape import continuation_number, looks_like_article, page_key
from crawler.extract import Extraction
from crawler.extract.article import registrable_domain
from crawler.spiders.discovery import header_charset
from crawler.spiders.profile import ProfileSpider, _split_urls

MAX_ARTICLE_PAGES = 50  # a pager that never ends is not an article


class NewsSpider(ProfileSpider):
    """Any site: generic listing detection, feeds and sitemaps."""

    name = "news"
    profile = None  # type: ignore[assignment]  # no profile: extraction looks one up by host, else generic

    def __init__(self, *args: Any, domains: str | None = None, **kwargs: Any) -> None:
        self.extra_domains = [d.lower().strip(".") for d in _split_urls(domains)]
        super().__init__(*args, **kwargs)

    def default_sources(self) -> tuple[list[str], list[str], list[str]]:
        raise ValueError("the news spider needs -a channels=URL[,URL...], -a feeds=URL[,...] or -a sitemaps=URL[,...]")

    def site_domains(self) -> list[str]:
        sites = [registrable_domain(u) for u in (*self.channels, *self.feeds, *self.sitemaps)]
        return sorted({s for s in (*sites, *self.extra_domains) if s})

    def is_article_url(self, url: str) -> bool:
        return looks_like_article(url)

    def read_listing(self, response: Response) -> Listing:
        return main_list(response.body, response.url, declared_encoding=header_charset(response),
                         allowed_domains=self.allowed_domains)

    def next_listing_pages(self, next_urls: list[str], channel: str) -> Iterator[Request]:
        first = page_key(channel)  # the channel's own page under another name (`index.html` for `/`)
        return super().next_listing_pages([u for u in next_urls if page_key(u) != first], channel)

    # ------------------------------------------------------------ multi-page articles

    def more_pages(self, first: Extraction, response: Response) -> list[str]:
        found = later_pages(response.body, response.url, declared_encoding=header_charset(response))
        found += [u for u in first.page_urls if continuation_number(u, response.url) is not None]
        return self._in_order([], found, response.url, response.url)

    def parse_next_page(self, response: Response, first: Extraction, todo: list[str],
                        done: list[Extraction], crawled_at: str) -> Any:
        """A later page: keep its text, and learn pages its own pager links to (page 2 may show page 3)."""
        page = self.extract(response)
        if any(page.fields.body == other.fields.body for other in (first, *done)):
            self.count("article/duplicate_page")  # a pager link back to page 1 under another name
            page.fields.body = []  # kept (its URL is known now), but adds no text and is not counted
        done = [*done, page]
        known = {first.url, response.url, *(d.url for d in done)}
        found = later_pages(response.body, response.url, first.url, declared_encoding=header_charset(response))
        todo = self._in_order(todo, [u for u in found if u not in known], first.url, response.url)
        if todo and len(done) + 1 < MAX_ARTICLE_PAGES:
            yield self.page_request(todo[0], first, todo[1:], done, crawled_at)
        else:
            yield self.record(first, [d for d in done if d.fields.body], crawled_at)

    def _in_order(self, todo: list[str], found: list[str], first_url: str, found_on: str) -> list[str]:
        pages = {u: continuation_number(u, first_url) or 0 for u in todo}
        for url in found:
            if url not in pages and self.allowed(url, found_on):
                pages[url] = continuation_number(url, first_url) or 0
        return sorted(pages, key=pages.__getitem__)
