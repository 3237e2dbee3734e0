"""The gmw spider end to end: a real `scrapy crawl gmw` against the loopback site in tests/site/.

tests/site/ is `crawler.demo.sitegen.build_site()` written to disk (regenerate with
`python -m crawler.demo.sitegen --out tests/site`); expected.jsonl there is the truth the
generator wrote the pages from.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler.corpus import load_schema
from crawler.demo.server import DirectoryPages
from crawler.demo.sitegen import build_site
from crawler.extract import Extraction
from crawler.record import RECORD_KEYS
from crawler.sites import PROFILES
from crawler.sites.base import Fields
from crawler.sites.gmw import PROFILE as GMW
from crawler.spiders.profile import continuation_urls

SITE = Path(__file__).resolve().parent / "site"
SITE_SPEC = build_site()
START_URL = SITE_SPEC.start_urls[0]


@pytest.fixture(scope="module")
def crawl(site_server, crawl_runner, tmp_path_factory):
    result = crawl_runner(site_server, tmp_path_factory.mktemp("exports"), "-a", f"channels={START_URL}")
    assert result.returncode == 0, result.log[-3000:]
    return result


def test_one_run_writes_one_file_named_after_spider_and_utc_time(crawl) -> None:
    assert len(crawl.files) == 1
    assert re.fullmatch(r"gmw-\d{8}T\d{6}Z\.jsonl", crawl.files[0].name)
    assert f"writing records to {crawl.files[0]}" in crawl.log


def test_every_line_is_a_whole_valid_record(crawl) -> None:
    validator = Draft202012Validator(load_schema())
    assert crawl.lines
    for line in crawl.lines:
        assert line.endswith("\n") and line.count("\n") == 1
        assert "\\u" not in line  # real characters, not escapes
        record = json.loads(line)
        assert list(record)[: len(RECORD_KEYS)] == list(RECORD_KEYS)
        assert not list(validator.iter_errors(record)), record["url"]


def test_records_match_the_site(crawl, expected_records: dict[str, dict]) -> None:
    got = {r["id"]: r for r in crawl.records}
    assert sorted(got) == sorted(expected_records)
    assert len(crawl.records) == len(got)  # no duplicates
    for record_id, expected in expected_records.items():
        for key, value in expected.items():
            assert got[record_id][key] == value, f"{record_id} {key}"


def test_multi_page_article_is_one_record_from_page_one(crawl) -> None:
    by_id = {r["id"]: r for r in crawl.records}
    three = SITE_SPEC.articles[0]
    record = by_id[f"gmw.cn:{three.article_id}"]
    assert record["pages"] == 3
    assert record["url"] == three.url(1)
    parts = [three.pages[0][0], three.pages[1][0], three.pages[2][-1]]
    assert [record["body"].index(p) for p in parts] == sorted(record["body"].index(p) for p in parts)
    # Listed only by its page 2 URL: still crawled from page 1, recorded under page 1's URL.
    two = SITE_SPEC.articles[1]
    assert by_id[f"gmw.cn:{two.article_id}"]["url"] == two.url(1)
    assert by_id[f"gmw.cn:{two.article_id}"]["pages"] == 2
    assert crawl.stats["article/multipage"] == 2


def test_old_layout_article_is_extracted_with_its_layout(crawl) -> None:
    extractors = {r["extractor"] for r in crawl.records}
    assert extractors == {"gmw/2024", "gmw/2017"}


def test_nav_and_sidebar_links_are_never_followed(crawl) -> None:
    for decoy in SITE_SPEC.decoys:
        assert crawl.served[f"news.gmw.cn/{decoy.path()}"] == 0, decoy.url()
    assert not any(host.split("/")[0] != "news.gmw.cn" for host in crawl.served)


def test_listing_pagination_is_followed_once_per_page(crawl) -> None:
    for url in SITE_SPEC.listing_urls:
        assert crawl.served[url.removeprefix("http://")] == 1
    assert crawl.stats["listing/pages"] == 3


def test_non_articles_and_failures_are_counted_not_written(crawl) -> None:
    stats = crawl.stats
    assert stats["article/failed/http_404"] == 1
    assert stats["article/skipped/no-body"] == 1  # the gallery
    assert stats["article/failed/robots_forbidden"] == 1
    assert crawl.served[SITE_SPEC.blocked_urls[0].removeprefix("http://")] == 0  # robots.txt obeyed
    assert f"article fetch failed (http_404): {SITE_SPEC.missing_urls[0]}" in crawl.log
    assert f"not an article (no-body): {SITE_SPEC.gallery_urls[0]}" in crawl.log
    assert stats["records/written"] == stats["article/records"] == len(SITE_SPEC.articles)


def test_max_pages_bounds_listing_pagination(site_server, crawl_runner, tmp_path: Path) -> None:
    result = crawl_runner(site_server, tmp_path, "-a", f"channels={START_URL}", "-a", "max_pages=1")
    assert result.returncode == 0, result.log[-3000:]
    assert result.stats["listing/pages"] == 1
    assert result.served["news.gmw.cn/node_90001_2.htm"] == 0
    first_page = {f"gmw.cn:{a.article_id}" for a in SITE_SPEC.articles[:5]}
    assert {r["id"] for r in result.records} == first_page


def test_offline_demo_crawls_its_bundled_site(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.demo", "--articles", "8", "--per-page", "4", "--out", str(tmp_path)],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    written = [p for p in tmp_path.glob("gmw-*.jsonl") if re.fullmatch(r"gmw-\d{8}T\d{6}Z\.jsonl", p.name)]
    assert len(written) == 1 and f"8 records written to {written[0]}" in proc.stdout
    assert "8 found, 0 missing, 0 unexpected" in proc.stdout


def test_committed_site_is_what_the_generator_builds() -> None:
    on_disk = dict(DirectoryPages(SITE))
    expected = on_disk.pop("expected.jsonl").decode("utf-8").splitlines()
    assert on_disk == SITE_SPEC.pages, "regenerate: python -m crawler.demo.sitegen --out tests/site"
    assert [json.loads(x) for x in expected] == SITE_SPEC.expected_records()


def test_a_spider_per_registered_profile() -> None:
    names = SpiderLoader.from_settings(get_project_settings()).list()
    assert sorted(names) == sorted([p.key for p in PROFILES] + ["news"])  # + the generic spider


def test_continuation_url_maps_to_page_one() -> None:
    base = "https://politics.gmw.cn/2024-05/13/content_37319243"
    assert GMW.first_page_url(f"{base}_3.htm") == f"{base}.htm"
    assert GMW.first_page_url(f"{base}.htm") == f"{base}.htm"


def test_continuation_pages_are_fetched_in_page_order() -> None:
    base = "https://politics.gmw.cn/2024-05/13/content_37319243"
    other = "https://politics.gmw.cn/2024-05/13/content_1_2.htm"
    first = Extraction(f"{base}.htm", Fields(), "gmw/2024", "gmw.cn", "37319243",
                       page_urls=[f"{base}_10.htm", f"{base}_2.htm", other, f"{base}.htm", f"{base}_3.htm"])
    assert continuation_urls(GMW, first) == [f"{base}_2.htm", f"{base}_3.htm", f"{base}_10.htm"]


def test_end_of_crawl_stats_show_extractors_and_fill_rates(crawl) -> None:
    stats = crawl.stats
    by_layout = {k: v for k, v in stats.items() if k.startswith("article/extractor/")}
    assert sum(by_layout.values()) == len(SITE_SPEC.articles)
    assert set(by_layout) == {"article/extractor/gmw/2024", "article/extractor/gmw/2017"}
    dump = crawl.log.rsplit("Dumping Scrapy stats", 1)[-1]
    assert "'fill_rate/gmw.cn/headline': 1.0" in dump
    assert "'fill_rate/gmw.cn/body': 1.0" in dump


def test_offline_demo_keeps_out_of_the_real_crawls_state(tmp_path: Path, site_server, crawl_runner) -> None:
    """The demo writes only under exports/demo/, so a later real crawl into exports/ sees none of its articles."""
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    proc = subprocess.run([sys.executable, "-m", "crawler.demo", "--articles", "6", "--per-page", "3"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    exports = tmp_path / "exports"
    assert [p.name for p in exports.iterdir()] == ["demo"]  # nothing beside the demo's own folder
    assert len(list((exports / "demo").glob("gmw-*.summary.json"))) == 1
    assert "demo output goes to exports/demo/" in proc.stdout
    real = crawl_runner(site_server, exports, "-a", f"channels={START_URL}")
    assert real.returncode == 0, real.log[-3000:]
    assert "Seen-store missed the last record" not in real.log
    demo_ids = {json.loads(line)["id"] for p in (exports / "demo").glob("gmw-*.jsonl")
                if not p.name.endswith(".failures.jsonl") for line in p.read_text(encoding="utf-8").splitlines()}
    assert demo_ids and demo_ids <= {r["id"] for r in real.records}  # the real crawl exports them itself


def test_offline_demo_refuses_the_real_exports_folder(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    proc = subprocess.run([sys.executable, "-m", "crawler.demo", "--articles", "4", "--out", "exports"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "EXPORTS_DIR" in proc.stderr
    assert not (tmp_path / "exports").exists()


def test_site_of_any_size_builds_across_29_february() -> None:
    site = build_site(4700, 2000)  # 29 February 2024 (a 2017-layout article there) and 31 December 2023
    assert not any(a.url().startswith("http://news.gmw.cn/2023-12/31/") for a in site.articles)  # robots.txt
    moved = [a for a in site.articles if a.layout == "2017" and (a.when.month, a.when.day) == (2, 28)]
    assert len(site.articles) == 4700 and moved
    assert all(a.expected()["published_at"].startswith("2017-") for a in site.articles if a.layout == "2017")
