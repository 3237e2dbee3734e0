"""Serve a generated gmw-shaped site on 127.0.0.1 from its own process, as `scrapy bench` serves its pages.

    python -m bench.site_server --articles 2000 [--per-page 20]

Builds the site in memory with crawler.demo.sitegen and serves it with crawler.demo.server (plain server
and HTTP proxy, so the crawl fetches the real gmw URLs through `http_proxy`). The first stdout line is
the port, the second the start URL and the number of articles; the server runs until killed.
"""

from __future__ import annotations

import argparse
import sys
import threading

from crawler.demo.server import SiteServer
from crawler.demo.sitegen import build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site_server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--per-page", type=int, default=20)
    args = parser.parse_args(argv)
    site = build_site(args.articles, args.per_page)
    server = SiteServer(site.pages).start()
    print(server.port, flush=True)
    print(site.start_urls[0], len(site.articles), len(site.listing_urls), flush=True)
    threading.Event().wait()  # until killed
    return 0


if __name__ == "__main__":
    sys.exit(main())
