"""Disk full (issue 10, item 6): the failures file keeps whole lines only, and a run summary with status
`failed` and the reason is still written.

The crawl test runs in a subprocess whose file-size limit (RLIMIT_FSIZE) is SUMMARY_RESERVE bytes: the
kernel then refuses to grow a file past that size (a short write, then EFBIG), the way a full disk
refuses new blocks (ENOSPC), on every write path. The run file and the failures file outgrow it.
A full disk also refuses the new file the summary is written to first (RLIMIT_FSIZE cannot do that):
the summary tests make that write fail with ENOSPC.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from scrapy.utils.test import get_crawler

from crawler.demo.sitegen import HOST, build_site
from crawler.extensions import SUMMARY_RESERVE, RunReport
from crawler.spiders.sites import GmwSpider
from crawler.state import check
from tests.faultserver import REPO, FaultServer, crawl_env, run_outputs


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (SUMMARY_RESERVE, SUMMARY_RESERVE))


def test_full_disk_keeps_whole_lines_and_writes_a_failed_summary(tmp_path, capsys):
    site = build_site(articles=40, per_page=50)
    server = FaultServer(dict(site.pages))
    for i in range(3, 40):  # enough failures to outgrow the failures file too
        server.fault(f"{HOST}/{site.articles[i].path()}", "status", status=404)
    cmd = [sys.executable, "-m", "scrapy", "crawl", "gmw", "-a", f"channels={site.start_urls[0]}"]
    settings = {"EXPORTS_DIR": str(tmp_path), "SEEN_STORE": "off", "DOWNLOAD_DELAY": 0,
                "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "INFO", "ROBOTSTXT_OBEY": False}
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    with server:
        proc = subprocess.run(cmd, cwd=REPO, env=crawl_env(server.proxy_url), capture_output=True, text=True,
                              timeout=180, preexec_fn=_limit_file_size)
    assert "File too large" in proc.stderr, proc.stderr[-3000:]
    files = [*run_outputs(tmp_path), *tmp_path.glob("*.failures.jsonl")]
    assert len(files) == 2
    for path in files:
        data = path.read_bytes()
        assert data.endswith(b"\n") and data
        for line in data.splitlines():
            json.loads(line)  # every line whole
    [summary_path] = tmp_path.glob("*.summary.json")
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    assert summary["status"] == "failed"
    problems = " | ".join(summary["problems"])
    for what in ("run file: File too large", "failures file: File too large"):
        assert what in problems, problems
    assert check.main([str(tmp_path)]) == 1
    assert "File too large" in capsys.readouterr().out


def _report(tmp_path):
    crawler = get_crawler(GmwSpider, settings_dict={"RUN_REPORT_BASE": str(tmp_path / "gmw-run"),
                                                    "SEEN_STORE": "off"})
    spider = GmwSpider.from_crawler(crawler)
    crawler.spider = spider
    report = RunReport.from_crawler(crawler)
    report.spider_opened(spider)
    crawler.stats.set_value("listing/article_links", 3)
    report.exported("http://news.gmw.cn/2024-05/31/content_1.htm")
    return report, spider


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_summary_on_a_full_disk_is_written_over_its_placeholder(tmp_path, monkeypatch, capsys):
    report, spider = _report(tmp_path)
    placeholder = (tmp_path / "gmw-run.summary.json").read_bytes()
    assert len(placeholder) == SUMMARY_RESERVE and json.loads(placeholder)["status"] == "incomplete"
    monkeypatch.setattr(Path, "write_text", _no_space)  # the new file for the full summary: no room
    report.spider_closed(spider, "finished")
    assert not (tmp_path / "gmw-run.summary.json.tmp").exists()
    summary = json.loads((tmp_path / "gmw-run.summary.json").read_bytes())
    assert summary["status"] == "failed" and summary["articles"]["exported"] == 1
    assert "the full summary could not be written: No space left on device" in summary["problems"]
    assert check.main([str(tmp_path)]) == 1
    assert "No space left on device" in capsys.readouterr().out


def test_with_no_summary_at_all_check_still_reports_the_run_failed(tmp_path, monkeypatch, capsys):
    (tmp_path / "gmw-earlier.summary.json").write_text('{"status": "ok"}')  # an older, good run
    report, spider = _report(tmp_path)
    monkeypatch.setattr(Path, "write_text", _no_space)
    monkeypatch.setattr(os, "pwrite", _no_space)  # not even the placeholder can be overwritten
    report.spider_closed(spider, "finished")
    assert check.main([str(tmp_path)]) == 1  # the placeholder: the run never finished cleanly
    assert "not finished" in capsys.readouterr().out
