"""Kill a crawl midway (SIGKILL, and a graceful SIGINT), resume it with the same JOBDIR, and check
that nothing is lost or doubled: every article exactly once across the run files, only whole
valid lines, and a seen-store that matches the output."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema

from crawler.demo.server import SiteServer
from crawler.demo.sitegen import build_site
from crawler.state import content_hash
from tests.faultserver import REPO, crawl_env, read_jsonl, run_outputs, summaries

ARTICLES = 60
SCHEMA = json.loads((REPO / "exports/article.schema.json").read_text(encoding="utf-8"))


def crawl_cmd(exports: Path, jobdir: Path, start_url: str) -> list[str]:
    settings = {
        "EXPORTS_DIR": exports, "JOBDIR": jobdir, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0.04,
        "RANDOMIZE_DOWNLOAD_DELAY": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "LOG_LEVEL": "INFO",
    }
    cmd = [sys.executable, "-m", "scrapy", "crawl", "gmw", "-a", f"channels={start_url}", "-a", "max_pages=20"]
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    return cmd


def lines_written(exports: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in run_outputs(exports))


def interrupt_then_resume(tmp_path: Path, sig: signal.Signals) -> dict:
    site = build_site(articles=ARTICLES, per_page=10)
    exports, jobdir = tmp_path / "exports", tmp_path / "job"
    with SiteServer(dict(site.pages)) as server:
        cmd = crawl_cmd(exports, jobdir, site.start_urls[0])
        env = crawl_env(server.proxy_url)
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)
        deadline = time.monotonic() + 60
        while lines_written(exports) < 15 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the crawl finished before it could be interrupted"
        proc.send_signal(sig)
        first_log = proc.communicate(timeout=60)[1]
        interrupted_at = lines_written(exports)
        assert 0 < interrupted_at < ARTICLES
        resumed = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    return {"site": site, "exports": exports, "jobdir": jobdir, "first_log": first_log,
            "log": resumed.stderr, "interrupted_at": interrupted_at}


def check_nothing_lost_nothing_doubled(run: dict) -> list[dict]:
    records = read_jsonl(run_outputs(run["exports"]))  # fails on a partial line
    for record in records:
        jsonschema.validate(record, SCHEMA)
    ids = [r["id"] for r in records]
    expected = {f"gmw.cn:{a.article_id}" for a in run["site"].articles}
    assert len(ids) == len(set(ids)), "an article was exported twice"
    assert set(ids) == expected
    db = sqlite3.connect(run["exports"] / "seen.sqlite3")
    stored = dict(db.execute("SELECT id, content_hash FROM articles").fetchall())
    assert stored == {r["id"]: content_hash(r) for r in records}
    summary = summaries(run["exports"])[-1]
    assert summary["status"] == "ok" and summary["finish_reason"] == "finished"
    assert summary["articles"]["pending"] == 0
    assert not (run["jobdir"] / "requests.queue").exists()  # a finished run leaves a clean JOBDIR
    assert not (run["jobdir"] / "running.pid").exists()
    return records


def test_sigkill_midway_then_resume(tmp_path):
    run = interrupt_then_resume(tmp_path, signal.SIGKILL)
    check_nothing_lost_nothing_doubled(run)
    assert "did not stop cleanly" in run["log"]
    summary = summaries(run["exports"])[-1]
    # What the killed run wrote is skipped as seen, the rest is exported now.
    assert summary["skipped_reasons"].get("seen", 0) >= run["interrupted_at"]
    assert summary["articles"]["exported"] + run["interrupted_at"] == ARTICLES


def test_graceful_stop_keeps_the_queue_and_resumes_it(tmp_path):
    run = interrupt_then_resume(tmp_path, signal.SIGINT)
    assert "shutdown" in run["first_log"]
    assert "did not stop cleanly" not in run["log"]
    assert "Resuming crawl" in run["log"]  # Scrapy picked up the saved queue
    check_nothing_lost_nothing_doubled(run)


def test_a_record_written_but_not_remembered_is_not_exported_again(tmp_path):
    """The one line a kill can leave between the writer and the store is recorded on the next run."""
    from tests.faultserver import run_crawl

    site = build_site(articles=6, per_page=20)
    with SiteServer(dict(site.pages)) as server:
        first = run_crawl(server.proxy_url, tmp_path, "gmw", "-a", f"channels={site.start_urls[0]}")
        assert first.returncode == 0, first.stderr[-2000:]
        last = read_jsonl(run_outputs(tmp_path))[-1]
        db = sqlite3.connect(tmp_path / "seen.sqlite3")
        with db:
            db.execute("DELETE FROM articles WHERE id = ?", (last["id"],))  # as if killed right after the write
        second = run_crawl(server.proxy_url, tmp_path, "gmw", "-a", f"channels={site.start_urls[0]}")
    assert second.returncode == 0, second.stderr[-2000:]
    assert "missed the last record of the previous run" in second.stderr
    ids = [r["id"] for r in read_jsonl(run_outputs(tmp_path))]
    assert len(ids) == len(set(ids)) == 6
