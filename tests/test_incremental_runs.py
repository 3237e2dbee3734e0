"""Incremental runs against a loopback gmw-shaped site that honours conditional requests.

The acceptance story of issue 4: an unchanged site costs no article fetch on the second run;
new articles are exported once; edited old articles are found with `-a refresh=1`, where every
unchanged page is answered 304.
"""

from __future__ import annotations

import sqlite3

import pytest

from crawler.demo.server import SiteServer
from crawler.demo.sitegen import HOST, build_site
from tests.faultserver import read_jsonl, run_crawl, run_outputs, summaries

OLD, NEW = 12, 5


def article_keys(spec) -> set[str]:
    return {f"{HOST}/{spec.path(n)}" for n in range(1, len(spec.pages) + 1)}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """Four runs: first, unchanged, 5 added + 2 edited, refresh. Returns what each run did."""
    big = build_site(articles=OLD + NEW, per_page=40)
    small = build_site(articles=OLD, per_page=40)
    pages = dict(small.pages)
    exports = tmp_path_factory.mktemp("incremental")
    runs = []
    with SiteServer(pages) as server:
        def crawl(*args: str) -> dict:
            server.served.clear()
            before = set(run_outputs(exports))
            result = run_crawl(server.proxy_url, exports, "gmw", "-a", f"channels={small.start_urls[0]}", *args)
            assert result.returncode == 0, result.stderr[-3000:]
            new_files = [p for p in run_outputs(exports) if p not in before]
            return {"records": read_jsonl(new_files), "served": dict(server.served), "log": result.stderr,
                    "summary": summaries(exports)[-1]}

        runs.append(crawl())
        runs.append(crawl())
        # The site moves on: 5 more articles in the listing, 2 old ones corrected in place.
        pages.update({k: v for k, v in big.pages.items() if k not in pages or "/node_" in k})
        edited = big.articles[3:5]
        for spec in edited:
            key = f"{HOST}/{spec.path()}"
            first = spec.pages[0][0]
            assert first.encode() in pages[key]
            pages[key] = pages[key].replace(first.encode(), (first + "（本报记者补充报道）").encode())
        runs.append(crawl())
        runs.append(crawl("-a", "refresh=1"))
    return {"big": big, "small": small, "edited": edited, "runs": runs, "exports": exports}


def test_first_run_exports_every_article(story):
    first = story["runs"][0]
    assert sorted(r["id"] for r in first["records"]) == sorted(f"gmw.cn:{a.article_id}"
                                                             for a in story["small"].articles)
    assert all(r["revision"] == 1 and r["updated"] is False for r in first["records"])


def test_unchanged_site_second_run_exports_nothing_and_fetches_no_article(story):
    second = story["runs"][1]
    assert second["records"] == []
    article_pages = set().union(*(article_keys(a) for a in story["small"].articles))
    assert not article_pages & set(second["served"])
    assert any(k.endswith("node_90001.htm") for k in second["served"])  # listings are always re-read
    assert second["summary"]["articles"]["skipped"] == OLD
    assert second["summary"]["skipped_reasons"] == {"seen": OLD}


def test_added_articles_are_exported_once_and_edits_outside_the_window_are_not_fetched(story):
    third = story["runs"][2]
    new_ids = {f"gmw.cn:{a.article_id}" for a in story["big"].articles[OLD:]}
    assert len(new_ids) == NEW
    assert sorted(r["id"] for r in third["records"]) == sorted(new_ids)
    for spec in story["edited"]:
        assert not article_keys(spec) & set(third["served"])


def test_refresh_exports_exactly_the_edited_articles_flagged_as_changed(story):
    fourth = story["runs"][3]
    edited = {f"gmw.cn:{a.article_id}": a for a in story["edited"]}
    assert sorted(r["id"] for r in fourth["records"]) == sorted(edited)
    for record in fourth["records"]:
        assert record["revision"] == 2 and record["updated"] is True
        assert "（本报记者补充报道）" in record["body"]
    # Every other stored article was asked conditionally and answered 304 Not Modified.
    assert fourth["summary"]["skipped_reasons"] == {"not-modified": OLD + NEW - len(edited)}
    assert "'incremental/not_modified': 15" in fourth["log"]


def test_store_remembers_each_article_once_with_validators(story):
    db = sqlite3.connect(story["exports"] / "seen.sqlite3")
    rows = db.execute("SELECT id, revision, etag FROM articles").fetchall()
    assert len(rows) == OLD + NEW
    assert all(etag for _, _, etag in rows)
    assert sorted(rev for _, rev, _ in rows) == [1] * (OLD + NEW - 2) + [2, 2]


def test_since_until_window_limits_the_crawl_and_stops_pagination(tmp_path):
    site = build_site(articles=12, per_page=5)  # 3 listing pages, newest first
    with SiteServer(dict(site.pages)) as server:
        result = run_crawl(server.proxy_url, tmp_path / "a", "gmw", "-a", f"channels={site.start_urls[0]}",
                           "-a", "since=2024-06-01")
        assert result.returncode == 0, result.stderr[-2000:]
        served = set(server.served)
        assert served == {f"{HOST}/robots.txt", f"{HOST}/node_90001.htm"}  # no page 2, no article
        assert "not paginating further" in result.stderr
        server.served.clear()
        result = run_crawl(server.proxy_url, tmp_path / "b", "gmw", "-a", f"channels={site.start_urls[0]}",
                           "-a", "since=2024-05-31", "-a", "until=2024-05-31")
        assert result.returncode == 0, result.stderr[-2000:]
    records = read_jsonl(run_outputs(tmp_path / "b"))
    in_window = [a for a in site.articles if a.when.strftime("%Y-%m-%d") == "2024-05-31"]
    assert 0 < len(in_window) < len(site.articles)
    assert sorted(r["id"] for r in records) == sorted(f"gmw.cn:{a.article_id}" for a in in_window)
    outside = [a for a in site.articles if a not in in_window]
    assert not set().union(*(article_keys(a) for a in outside)) & set(server.served)


def test_bad_window_argument_fails_the_run_clearly(tmp_path):
    with SiteServer({}) as server:
        result = run_crawl(server.proxy_url, tmp_path, "gmw", "-a", "since=last-week")
    assert result.returncode != 0
    assert "not a date" in result.stderr
