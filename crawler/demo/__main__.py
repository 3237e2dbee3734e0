"""Offline demo: serve a generated gmw-shaped site on 127.0.0.1 and crawl it with the real spider.

    python -m crawler.demo [--articles 40] [--per-page 10] [--out exports] [--polite]

The site (crawler.demo.sitegen) is served from memory by crawler.demo.server, which the crawl
uses as its HTTP proxy: the spider fetches the real-looking URLs (`http://news.gmw.cn/...`)
and every answer comes from this machine. No internet is needed. Records go to
`<out>/gmw-<UTC time>.jsonl` (default `exports/demo/`), checked against what the site was generated from.

The generated site uses real gmw.cn host names, so the demo keeps everything it writes (run file,
failures file, summary) in its own folder and runs without a seen-store: a later real `scrapy crawl gmw`
never sees demo articles as already exported. `--out` may not be the real crawl's EXPORTS_DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler.demo.server import SiteServer
from crawler.demo.sitegen import build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40, help="articles on the generated site")
    parser.add_argument("--per-page", type=int, default=10, help="articles per listing page")
    parser.add_argument("--out", type=Path, default=Path("exports") / "demo",
                        help="the demo's own folder for its run files (default exports/demo)")
    parser.add_argument("--polite", action="store_true", help="keep the production delays and AutoThrottle")
    args = parser.parse_args(argv)

    site = build_site(args.articles, args.per_page)
    settings = get_project_settings()
    real_exports = Path(settings.get("EXPORTS_DIR") or "exports")
    if args.out.resolve() == real_exports.resolve():
        print(f"--out {args.out} is the real crawl's EXPORTS_DIR: the demo's gmw.cn look-alike records would mix "
              "with real ones there; choose another folder (default exports/demo)", file=sys.stderr)
        return 2
    settings.set("EXPORTS_DIR", str(args.out), priority="cmdline")
    settings.set("SEEN_STORE", "off", priority="cmdline")  # a demo run always exports everything
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    if not args.polite:  # our own loopback server: no need to wait between requests
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")

    with SiteServer(site.pages) as server:
        os.environ.update(http_proxy=server.proxy_url, HTTP_PROXY=server.proxy_url, no_proxy="", NO_PROXY="")
        print(f"serving {len(site.pages)} pages of a generated gmw-shaped site on {server.proxy_url}")
        print(f"demo output goes to {args.out}/ (its own folder, no seen-store; the real crawl's "
              f"{real_exports}/ and its seen-store are not touched)")
        print("(the site has a 404, a robots.txt-forbidden link and a gallery on purpose: their warnings are expected)")
        process = CrawlerProcess(settings)
        crawler = process.create_crawler("gmw")
        process.crawl(crawler, channels=",".join(site.start_urls), max_pages=len(site.listing_urls))
        process.start()
        requests = sum(server.served.values())

    stats = crawler.stats.get_stats() if crawler.stats else {}
    path = stats.get("jsonl/path")
    if not path or not Path(path).exists():
        print("the crawl wrote no output file; see the log above", file=sys.stderr)
        return 1
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    expected = {r["id"] for r in site.expected_records()}
    got = {r["id"] for r in records}
    print(f"{requests} requests answered, {len(records)} records written to {path}")
    print(f"expected {len(expected)} articles: {len(got & expected)} found, {len(expected - got)} missing, "
          f"{len(got - expected)} unexpected")
    return 0 if got == expected else 1


if __name__ == "__main__":
    sys.exit(main())
