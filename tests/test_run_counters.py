"""RunReport keeps running counters, not items: the summary it builds from them is the one the items give."""

from __future__ import annotations

from pathlib import Path

from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.extensions import RunReport, fill_rates


class _Spider:
    name = "gmw"
    allowed_domains = ["gmw.cn"]


def _report(tmp_path: Path) -> RunReport:
    crawler = get_crawler(settings_dict={"RUN_REPORT_BASE": str(tmp_path / "run"), "SEEN_STORE": "off"})
    crawler.spider = _Spider()
    report = RunReport(crawler)
    report.spider_opened(crawler.spider)
    return report


def _record(n: int) -> dict:
    return {"url": f"https://news.gmw.cn/2024-05/01/content_{n}.htm", "site": "gmw.cn" if n % 5 else "other.cn",
            "headline": f"标题{n}", "source": "光明网" if n % 2 else None, "editor": ["王明"] if n % 3 else [],
            "reporters": [], "body": "正文", "published_at": None, "section": ["国内"]}


def test_summary_from_counters_matches_the_items(tmp_path: Path) -> None:
    report = _report(tmp_path)
    records = [_record(n) for n in range(1, 301)]
    for record in records:
        report.request_scheduled(Request(record["url"], meta={"stage": "article"}), _Spider())
        report.item_scraped(record, None, _Spider())
    report.request_scheduled(Request("https://news.gmw.cn/2024-05/01/content_999.htm", meta={"stage": "article"}),
                             _Spider())
    report.skipped("https://news.gmw.cn/2024-05/01/content_1.htm", "seen")  # already exported: ignored
    report.skipped("https://news.gmw.cn/2024-05/01/content_500.htm", "seen")
    report.failed("https://news.gmw.cn/2024-05/01/content_501.htm", "article", "dropped: invalid: no body")
    summary = report.summary("shutdown")
    assert summary["articles"] == {"discovered": 303, "exported": 300, "skipped": 1, "failed": 1, "pending": 1}
    assert summary["skipped_reasons"] == {"seen": 1}
    assert summary["failed_reasons"] == {"dropped": 1}
    for site in ("gmw.cn", "other.cn"):
        mine = [r for r in records if r["site"] == site]
        assert summary["items_per_site"][site] == len(mine)
        assert summary["fill_rates"][site] == fill_rates(mine)
    assert not any(isinstance(v, (list, dict)) and len(v) >= 300 for v in vars(report).values())


def test_pending_urls_fail_at_a_finished_close(tmp_path: Path) -> None:
    report = _report(tmp_path)
    for n in (1, 2):
        report.request_scheduled(Request(f"https://news.gmw.cn/a/content_{n}.htm", meta={"stage": "article"}),
                                 _Spider())
    report.exported("https://news.gmw.cn/a/content_1.htm")
    report.request_scheduled(Request("https://news.gmw.cn/a/content_1.htm", meta={"stage": "article"}), _Spider())
    report.spider_closed(_Spider(), "finished")
    lines = report.failures_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "content_2.htm" in lines[0] and "no record and no error" in lines[0]


def test_journal_hands_out_each_url_and_outcome_once(tmp_path: Path) -> None:
    report = _report(tmp_path)
    report.request_scheduled(Request("https://news.gmw.cn/a/content_1.htm", meta={"stage": "article"}), _Spider())
    report.start_journal()
    report.request_scheduled(Request("https://news.gmw.cn/a/content_2.htm", meta={"stage": "article"}), _Spider())
    report.exported("https://news.gmw.cn/a/content_1.htm")
    urls, settled = report.drain()
    assert urls == {"https://news.gmw.cn/a/content_1.htm", "https://news.gmw.cn/a/content_2.htm"}
    assert settled == [("https://news.gmw.cn/a/content_1.htm", "exported", "")]
    report.exported("https://news.gmw.cn/a/content_1.htm")
    assert report.drain() == (set(), [])
