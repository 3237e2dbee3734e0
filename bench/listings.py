"""Listing detection on the corpus's real listing pages: which article links a crawler would follow.

    python -m bench.listings [--repeat 5] [--json out.json]

Rows, over every gold page of `kind: listing` (gold `article_links`, `next_page`):
- `zhnews generic`: crawler.discover.listing.main_list, profiles switched off (what the `news` spider does);
- `zhnews profile`: the site profile's main-list selectors (crawler.extract.listing), where one exists;
- `courlan links`: trafilatura's link extractor (`courlan.extract_links`, internal links, the filter its
  focused crawler starts from), kept to article-shaped URLs, the peer's best case.
Columns: micro precision/recall of article links, pages whose article list matches gold exactly (same
links, same order), fetchable next pages found (a gold `next_page` that is only a `#fragment` of the page
itself is a script pager: no page to fetch), and ms/page (best of `--repeat`, per-URL caches emptied
before every call).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import corpus_dir, load_gold
from bench.table import format_table
from crawler.discover.listing import main_list
from crawler.discover.shape import looks_like_article
from crawler.extract.encoding import decode_html
from crawler.extract.listing import parse_listing
from crawler.sites import profile_for_url

Method = Callable[[bytes, str], tuple[list[str], list[str]] | None]


def generic(html: bytes, url: str) -> tuple[list[str], list[str]]:
    listing = main_list(html, url)
    return listing.article_urls, listing.next_urls


def profiled(html: bytes, url: str) -> tuple[list[str], list[str]] | None:
    profile = profile_for_url(url)
    if profile is None:
        return None
    listing = parse_listing(html, url, profile)
    return listing.article_urls, listing.next_urls


def courlan_links(html: bytes, url: str) -> tuple[list[str], list[str]]:
    import courlan

    text, _ = decode_html(html)
    links = courlan.extract_links(text, url, external_bool=False, strict=False, with_nav=True)
    return sorted(u for u in links if looks_like_article(u)), []


METHODS: dict[str, Method] = {"zhnews generic": generic, "zhnews profile": profiled, "courlan links": courlan_links}


def cold_caches() -> None:
    from crawler.discover import listing, pages, shape

    for cached in (listing._refuse, pages._clean_href, shape.looks_like_article, shape.page_key):
        cached.cache_clear()


def score(rows: list[dict], corpus: Path, method: Method, repeat: int) -> dict:
    found = gold = hits = exact = pages = next_gold = next_hits = 0
    times: list[float] = []
    for row in rows:
        html = (corpus / row["file"]).read_bytes()
        best = float("inf")
        result = None
        for _ in range(repeat):
            cold_caches()  # every timed call starts from empty per-URL caches: no credit for repeats
            start = time.perf_counter()
            result = method(html, row["url"])
            best = min(best, time.perf_counter() - start)
        if result is None:
            continue
        pages += 1
        times.append(best * 1000)
        articles, next_urls = result
        want = row["article_links"]
        found, gold = found + len(articles), gold + len(want)
        hits += len(set(articles) & set(want))
        exact += articles == want
        page = row.get("next_page")
        if page and page.split("#")[0] != row["url"]:
            next_gold += 1
            next_hits += next_urls[:1] == [page]
    return {"pages": pages, "found": found, "gold": gold, "precision": hits / found if found else None,
            "recall": hits / gold if gold else None, "exact_pages": exact, "next_pages": f"{next_hits}/{next_gold}",
            "ms_per_page": sum(times) / len(times) if times else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    rows = [g for g in load_gold(corpus) if g.get("kind") == "listing"]
    if not rows:
        print(f"no listing pages in {corpus}/gold.jsonl", file=sys.stderr)
        return 1
    results = {name: score(rows, corpus, method, args.repeat) for name, method in METHODS.items()}
    headers = ["method", "pages", "links", "gold", "P", "R", "exact pages", "next pages", "ms/page"]
    print(format_table(headers, [[name, r["pages"], r["found"], r["gold"], r["precision"], r["recall"],
                                  r["exact_pages"], r["next_pages"], r["ms_per_page"]]
                                 for name, r in results.items()]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
