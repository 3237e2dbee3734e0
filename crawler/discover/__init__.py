"""Discovery: pure functions that find article URLs, one module per way of finding them.

- `urls`: the one gate every spider calls before it builds a request (scheme, allowed host);
  `gate` counts and reports refused links and guards every request the engine schedules.
- `shape`: does a URL look like an article, a listing page, or a page of a paginated series?
- `listing`: the main article list and the pager of any listing page, without a profile.
- `pages`: the other pages of a multi-page article on an unknown site.
- `feeds`: RSS 2.0 / Atom items (feedparser) with their dates.
- `sitemaps`: sitemap, sitemap index and robots.txt `Sitemap:` lines (scrapy.utils.sitemap).

Nothing here imports Scrapy's engine; the spiders call these and decide what to fetch.
"""
