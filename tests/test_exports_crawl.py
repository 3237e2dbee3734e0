"""The corpus tools on the output of a real crawl (`scrapy crawl gmw` against the loopback site)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from crawler.demo.sitegen import build_site

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run(site_server, crawl_runner, tmp_path_factory):
    result = crawl_runner(site_server, tmp_path_factory.mktemp("crawl"), "-a",
                          f"channels={build_site().start_urls[0]}")
    assert result.returncode == 0, result.log[-3000:]
    assert result.records
    return result


def exports_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.corpus", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def test_crawl_output_validates(run) -> None:
    proc = exports_cli("validate", *map(str, run.files))
    assert proc.returncode == 0, proc.stdout
    assert f"{len(run.records)} valid, 0 invalid" in proc.stderr


def test_parquet_of_a_crawl_run_round_trips(run, tmp_path: Path) -> None:
    out = tmp_path / "run.parquet"
    proc = exports_cli("parquet", *map(str, run.files), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = pq.read_table(out).to_pylist()
    assert rows == run.records  # every field, lists as lists, in crawl order


def test_report_of_a_crawl_run(run, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = exports_cli("report", *map(str, run.files), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    records = run.records
    assert summary["records"] == len(records)
    assert summary["per_site"] == {"gmw.cn": len(records)}
    assert summary["read"]["bad_json"] == summary["read"]["invalid"] == 0
    dated = [r["published_at"][:10] for r in records if r["published_at"]]
    assert summary["date_range"] == [min(dated), max(dated)]
    assert summary["extractors"] == {e: sum(r["extractor"] == e for r in records)
                                     for e in {r["extractor"] for r in records}}
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg ") == 7 and "gmw.cn" in html
