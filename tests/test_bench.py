"""The bench helpers: peer output mapping, Scrapy log parsing, child measurement, and one small accuracy run.

No timing is asserted here: speed figures only mean something on a quiet machine (see bench/README.md).
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bench import accuracy
from bench.child import run_measured, scrapy_stats
from bench.corpus import corpus_dir
from bench.peers import html_text, iso_time
from bench.table import format_table


def test_iso_time_converts_formats_without_inventing_a_time() -> None:
    assert iso_time("2024-05-13 08:49") == "2024-05-13T08:49:00"
    assert iso_time("2024年5月3日 07:05:09") == "2024-05-03T07:05:09"
    assert iso_time("2024/05/03") == "2024-05-03"
    assert iso_time("2024-05-13") == "2024-05-13"
    assert iso_time(datetime(2024, 5, 13)) == "2024-05-13"
    assert iso_time("2024-05-13T09:16:04+08:00") == "2024-05-13T09:16:04+08:00"
    cst = timezone(timedelta(hours=8))
    assert iso_time(datetime(2024, 5, 3, 7, 5, tzinfo=cst)) == "2024-05-03T07:05:00+08:00"
    assert iso_time("no date here") is None
    assert iso_time("") is None and iso_time(None) is None


def test_html_text_puts_each_block_on_its_own_line() -> None:
    assert html_text("<div><p>第一段 文字</p><p>第二段<br>下一行</p></div>") == "第一段 文字\n第二段\n下一行"
    assert html_text("  ") == ""


def test_scrapy_stats_reads_the_last_stats_dump() -> None:
    log = (
        "[scrapy.statscollectors] INFO: Dumping Scrapy stats:\n{'response_received_count': 3}\n"
        "INFO: Crawled 790 pages (at 4740 pages/min)\n"
        "[scrapy.statscollectors] INFO: Dumping Scrapy stats:\n"
        "{'elapsed_time_seconds': 10.5,\n 'finish_reason': 'closespider_timeout',\n"
        " 'finish_time': datetime.datetime(2024, 1, 1, 0, 0),\n 'item_scraped_count': 12,\n"
        " 'response_received_count': 790}\nINFO: Spider closed (closespider_timeout)\n"
    )
    stats = scrapy_stats(log)
    assert stats["response_received_count"] == 790
    assert stats["elapsed_time_seconds"] == 10.5
    assert stats["finish_reason"] == "closespider_timeout"
    assert stats["item_scraped_count"] == 12
    assert scrapy_stats("no stats in this log") == {}


def test_run_measured_reports_the_childs_peak_rss(tmp_path: Path) -> None:
    code = "b = bytearray(80 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); print('done')"
    run = run_measured([sys.executable, "-c", code], cwd=tmp_path, env={}, log_path=tmp_path / "log", timeout=60)
    assert run.returncode == 0
    assert run.peak_rss_mb >= 80
    assert "done" in run.log


def test_run_measured_kills_a_child_past_its_timeout(tmp_path: Path) -> None:
    cmd = [sys.executable, "-c", "import time; time.sleep(30)"]
    run = run_measured(cmd, cwd=tmp_path, env={}, log_path=tmp_path / "log", timeout=0.5)
    assert run.returncode == -9


def test_format_table_aligns_columns() -> None:
    text = format_table(["name", "score"], [["a", 0.5], ["longer", None]])
    lines = text.splitlines()
    assert lines[0] == "name    score"
    assert lines[2] == "a       0.500"
    assert lines[3] == "longer      -"


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>小镇图书馆延长夜间开放时间_示例新闻网</title></head>
<body><div class="nav"><a href="/">首页</a><a href="/a">本地</a></div>
<h1>小镇图书馆延长夜间开放时间</h1><div class="info">2024-03-02 09:30 来源：示例日报</div>
<div class="content"><p>本报讯 从下周一起，小镇图书馆每天晚上开放到十点，方便下班后的居民前来借阅和自习。</p>
<p>馆长介绍，夜间开放期间将增加两名值班管理员，并在阅览区加装照明设备，确保读者安全舒适。</p>
<p>不少居民表示，这一举措让他们有了更多读书的时间，希望今后还能举办更多读书分享活动。</p></div>
<div class="share">分享到：微信 微博</div></body></html>"""


def test_accuracy_runs_the_scorer_over_a_small_corpus(tmp_path: Path) -> None:
    scorer = corpus_dir().parent / "tools" / "score.py"
    if not scorer.exists():
        pytest.skip(f"shared scorer not found at {scorer} (set ZHNEWS_CORPUS)")
    (tmp_path / "tools").mkdir()
    shutil.copy(scorer, tmp_path / "tools" / "score.py")
    corpus = tmp_path / "corpus"
    (corpus / "pages").mkdir(parents=True)
    (corpus / "pages" / "demo-1.html").write_text(PAGE, encoding="utf-8")
    paragraphs = [p.split("</p>", 1)[0] for p in PAGE.split("<p>")[1:]]
    gold = {
        "id": "demo-1", "file": "pages/demo-1.html", "url": "https://news.example.com/2024/0302/1.html",
        "site": "example.com", "kind": "article", "headline": "小镇图书馆延长夜间开放时间",
        "body": "\n".join(paragraphs), "must_exclude": ["分享到"], "must_include": ["小镇图书馆每天晚上开放到十点"],
    }
    (corpus / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "summary.json"
    assert accuracy.main(["--corpus", str(corpus), "--repeat", "1", "--only", "zhnews", "--json", str(out)]) == 0
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert set(summary) == {"zhnews (profiled)", "zhnews generic only"}
    for row in summary.values():
        assert row["pages"] == 1 and row["found"] == 1
        assert row["headline"] == 1.0
        assert row["body_f1"] > 0.9
        assert row["leak"] == 0.0
        assert row["ms_unknown"] > 0 and row["ms_profiled"] is None


def test_crawl_figures_come_from_the_scrapy_log() -> None:
    from bench.child import ChildRun
    from bench.crawl import figures, log_rate

    log = (
        "INFO: Crawled 0 pages (at 0 pages/min), scraped 0 items (at 0 items/min)\n"
        "INFO: Crawled 100 pages (at 6000 pages/min), scraped 90 items (at 5400 items/min)\n"
        "INFO: Crawled 190 pages (at 5400 pages/min), scraped 180 items (at 5400 items/min)\n"
        "INFO: Crawled 310 pages (at 7200 pages/min), scraped 300 items (at 7200 items/min)\n"
        "INFO: Dumping Scrapy stats:\n{'elapsed_time_seconds': 4.0,\n 'finish_reason': 'finished',\n"
        " 'item_scraped_count': 300,\n 'response_received_count': 320}\n"
    )
    assert log_rate(log) == 100.0  # median of 100, 90, 120 pages/s; the first (0) line left out
    f = figures("x", ChildRun(0, 5.0, 123.0, log))
    assert (f.pages, f.seconds, f.pages_per_s, f.records, f.finish) == (320, 4.0, 80.0, 300, "finished")
    assert f.peak_rss_mb == 123.0
    assert figures("y", ChildRun(1, 2.0, 50.0, "Traceback ...")).finish == "exit 1"


def test_extract_bench_runs_both_job_counts_on_a_small_warc(tmp_path: Path, capsys) -> None:
    from bench import extract as bench_extract

    assert bench_extract.main(["--records", "120", "--keep", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "120 response records" in out and "zhnews extract -j 1" in out and "zhnews extract -j 2" in out
    assert "outputs identical across runs: yes" in out


def test_site_rows_weigh_each_site_once_and_since_cuts_the_gold() -> None:
    scorer = corpus_dir().parent / "tools" / "score.py"
    if not scorer.exists():
        pytest.skip(f"shared scorer not found at {scorer} (set ZHNEWS_CORPUS)")
    module = accuracy.load_scorer(scorer)
    gold = [
        {"id": f"a-{i}", "site": "a.com", "kind": "article", "headline": "甲", "body": "湖畔小城的春天来了。"}
        for i in range(3)
    ] + [{"id": "b-1", "site": "b.com", "kind": "article", "headline": "乙", "body": "湖畔小城的春天来了。"}]
    run = accuracy.Run("demo", "repo", predictions=[
        {"ref": "a-0", "headline": "甲", "body": "湖畔小城的春天来了。"},
        {"ref": "a-1", "headline": "甲", "body": "湖畔小城的春天来了。"},
        {"ref": "a-2", "headline": "甲", "body": "湖畔小城的春天来了。"},
        {"ref": "b-1", "headline": "错", "body": ""},
    ])
    rows = accuracy.site_rows(module, gold, run)
    assert [r[0] for r in rows[:2]] == ["a.com", "b.com"]
    mean = rows[-1]
    assert mean[1] == 4 and mean[2] == 0.5  # headline: site a 1.0, site b 0.0 -> 0.5 (page mean would be 0.75)
    assert [g["id"] for g in accuracy.from_id(gold, "a-2")] == ["a-2", "b-1"]


def test_linemodel_fit_separates_a_toy_problem() -> None:
    import numpy as np

    from bench.linemodel import fit

    x = np.array([[1.0, v] for v in (-3, -2, -1, 1, 2, 3)])
    y = np.array([0, 0, 0, 1, 1, 1], dtype=float)
    w = fit(x, y)
    p = 1 / (1 + np.exp(-x @ w))
    assert (p[:3] < 0.5).all() and (p[3:] > 0.5).all()


def test_scale_fifths_split_the_run_by_records() -> None:
    from bench.scale import CrawlRow, Sample, fifths

    # 10 records/s for 10 s, 12 pages/s; RSS grows 1 MB per 20 records after the first fifth.
    samples = [Sample(float(t), 12 * t, 10 * t, 100.0 + max(0, 10 * t - 20) / 20, t / 2) for t in range(11)]
    parts = fifths(samples, 100)
    assert [p[2] for p in parts] == [20, 40, 60, 80, 100]
    assert all(abs(p[0] - 12.0) < 1e-9 and abs(p[3] - 24.0) < 1e-9 for p in parts)
    row = CrawlRow(100, 120, 10.0, 100, 105.0, parts)
    assert abs(row.kb_per_article - 1024 / 20) < 1e-9


def test_scale_run_sampled_reads_logstats_lines(tmp_path: Path) -> None:
    from bench.scale import run_sampled

    script = ("import time\nfor n in range(3):\n"
              "    print(f'INFO: Crawled {n * 10} pages (at 600 pages/min), scraped {n * 5} items (at 0 items/min)',"
              " flush=True)\n    time.sleep(0.3)\n")
    run = run_sampled([sys.executable, "-c", script], cwd=tmp_path, env={}, log_path=tmp_path / "log",
                      timeout=30)
    assert run.returncode == 0
    assert [(s.pages, s.items) for s in run.samples][-2:] == [(10, 5), (20, 10)]
