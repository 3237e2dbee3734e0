"""Fault injection: every broken page ends in the failures file (or, when readable, in the output),
with a clear log line, no crash and no junk record."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from crawler.demo.sitegen import HOST, build_site
from crawler.record import RECORD_KEYS
from tests.faultserver import FaultServer, read_jsonl, run_crawl, run_outputs, summaries

SCHEMA = json.loads((__import__("pathlib").Path(__file__).parents[1] / "exports/article.schema.json").read_text())

# Article index in the generated site -> fault. Articles 0-2 stay healthy (3-page, 2-page, 2017 layout).
FAULTS: dict[int, tuple[str, dict]] = {
    3: ("status", {"status": 500}),
    4: ("status", {"status": 502}),
    5: ("status", {"status": 503}),
    6: ("status", {"status": 404}),
    7: ("status", {"status": 410}),
    8: ("timeout", {"seconds": 4}),
    9: ("reset", {}),
    10: ("truncated", {}),
    11: ("redirect", {}),  # loop
    12: ("redirect", {}),  # off-site
    13: ("huge", {"size": 20 * 1024 * 1024}),
    14: ("raw", {"content_type": "application/pdf"}),
    15: ("raw", {"content_type": "text/html"}),  # empty 200
    16: ("raw", {"content_type": "text/html"}),  # GBK bytes, UTF-8 meta
}
RETRIES = 2  # RETRY_TIMES: three attempts in all


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    site = build_site(articles=17, per_page=40)
    articles = site.articles
    server = FaultServer(dict(site.pages))
    key = {i: f"{HOST}/{a.path()}" for i, a in enumerate(articles)}
    for i, (kind, options) in FAULTS.items():
        server.fault(key[i], kind, **options)
    server.faults[key[10]].options["body"] = site.pages[key[10]]
    loop_b = key[11].replace(".htm", "_b.htm")
    server.fault(key[11], "redirect", location=f"http://{loop_b}")
    server.fault(loop_b, "redirect", location=f"http://{key[11]}")
    server.fault(key[12], "redirect", location="http://www.evil-example.com/landing.htm")
    server.faults[key[14]].options["body"] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 50
    server.faults[key[15]].options["body"] = b""
    gbk = site.pages[key[16]].decode("utf-8").encode("gbk")
    assert b'charset="utf-8"' in gbk.lower() or b"charset=utf-8" in gbk.lower()
    server.faults[key[16]].options["body"] = gbk
    exports = tmp_path_factory.mktemp("faults")
    with server:
        result = run_crawl(
            server.proxy_url, exports, "gmw", "-a", f"channels={site.start_urls[0]}",
            settings={"DOWNLOAD_TIMEOUT": 1, "RETRY_BACKOFF_BASE": 0.3, "RETRY_TIMES": RETRIES},
        )
    failures = read_jsonl(sorted(exports.glob("*.failures.jsonl")))
    records = read_jsonl(run_outputs(exports))
    return {
        "site": site, "server": server, "result": result, "key": key, "exports": exports,
        "failures": {f["url"]: f for f in failures}, "failure_lines": failures,
        "records": {r["url"]: r for r in records}, "summary": summaries(exports)[-1],
    }


def url(crawl, i: int) -> str:
    return crawl["site"].articles[i].url()


def test_crawl_survives_every_fault(crawl):
    result = crawl["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert crawl["summary"]["status"] == "ok"


def test_healthy_articles_and_gbk_page_are_exported(crawl):
    records = crawl["records"]
    for i in (0, 1, 2, 16):
        expected = crawl["site"].articles[i].expected()
        record = records[url(crawl, i)]
        assert record["headline"] == expected["headline"]
        assert record["body"] == expected["body"]
    assert len(records) == 4


def test_no_junk_records(crawl):
    for record in crawl["records"].values():
        jsonschema.validate(record, SCHEMA)
        assert list(record) == list(RECORD_KEYS)


@pytest.mark.parametrize("i,reason,attempts", [
    (3, "HTTP 500", RETRIES + 1),
    (4, "HTTP 502", RETRIES + 1),
    (5, "HTTP 503", RETRIES + 1),
    (6, "HTTP 404", 1),
    (7, "HTTP 410", 1),
    (8, "timeout", RETRIES + 1),
    (9, "ConnectionLost", RETRIES + 1),
    (10, "DataLoss", RETRIES + 1),
    (11, "redirect loop|max redirections", 1),
    (12, r"redirect refused \(offsite\)", 1),
    (13, "larger than download max size", 1),
    (14, "not an article", 1),
    (15, "not an article: empty", 1),
])
def test_fault_is_recorded_once_with_reason_and_attempts(crawl, i, reason, attempts):
    failure = crawl["failures"].get(url(crawl, i))
    assert failure is not None, crawl["failure_lines"]
    assert re.search(reason, failure["reason"], re.I), failure
    assert failure["attempts"] == attempts
    assert url(crawl, i) not in crawl["records"]
    assert url(crawl, i) in crawl["result"].stderr  # a log line names the URL


def test_retries_back_off_and_final_errors_are_not_retried(crawl):
    server, key = crawl["server"], crawl["key"]
    for i in (3, 4, 5):
        times = server.times[key[i]]
        assert len(times) == RETRIES + 1
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        assert gaps[0] >= 0.3 and gaps[1] >= 0.6  # RETRY_BACKOFF_BASE, doubled
    assert server.served[key[6]] == server.served[key[7]] == 1


def test_offsite_redirect_is_never_followed(crawl):
    assert not any("evil-example" in k for k in crawl["server"].served)


def test_robots_and_missing_pages_of_the_site_are_recorded(crawl):
    site = crawl["site"]
    assert "robots.txt" in crawl["failures"][site.blocked_urls[0]]["reason"]
    assert crawl["server"].served.get(site.blocked_urls[0].removeprefix("http://"), 0) == 0
    assert crawl["failures"][site.missing_urls[0]]["reason"] == "HTTP 404"


def test_every_discovered_article_has_exactly_one_outcome(crawl):
    summary = crawl["summary"]
    counts = summary["articles"]
    lines = [f for f in crawl["failure_lines"] if f["stage"] != "listing"]
    assert len(lines) == len({f["url"] for f in lines})  # one line per URL
    assert set(crawl["records"]).isdisjoint(crawl["failures"])
    assert counts["exported"] == len(crawl["records"]) == 4
    assert counts["failed"] == len(lines)
    assert counts["pending"] == 0
    assert counts["discovered"] == counts["exported"] + counts["skipped"] + counts["failed"]
    site = crawl["site"]
    listed = {a.url() for a in site.articles} | set(site.gallery_urls + site.missing_urls + site.blocked_urls)
    assert set(crawl["records"]) | set(crawl["failures"]) == listed
