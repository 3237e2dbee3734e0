"""Crawl speed: the real `gmw` spider and pipelines over a generated loopback site, next to `scrapy bench`.

    python -m bench.crawl [--articles 2000] [--bench-seconds 10]

Both run as child processes on this machine, one after the other; each row reports pages (HTTP
responses) per second over the spider's own elapsed time, the median of Scrapy's per-second log rate,
records written, and the child's peak RSS. The crawl keeps the project's settings (robots.txt,
pipelines, seen-store, run report) except the politeness delays, which are set to what `scrapy bench`
uses (no delay, no AutoThrottle, 16 requests / 8 per host), so the figure measures the crawler, not
the sleep.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.child import ChildRun, own_peak_mb, run_measured, scrapy_stats
from bench.table import format_table

REPO = Path(__file__).resolve().parent.parent
RATIO_AIM = 0.6
_RATE = re.compile(r"Crawled (\d+) pages \(at (\d+) pages/min\)")
SPEED_SETTINGS = (
    "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=16", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "LOGSTATS_INTERVAL=1", "LOG_LEVEL=INFO",
)


@dataclass
class CrawlFigures:
    name: str
    pages: int
    seconds: float
    pages_per_s: float
    log_rate: float | None  # median of the per-second "Crawled N pages (at M pages/min)" lines, per second
    records: int
    peak_rss_mb: float
    finish: str


def log_rate(log: str) -> float | None:
    """Median pages/s over Scrapy's LogStats lines, the first (always 0) left out."""
    rates = [int(m.group(2)) / 60 for m in _RATE.finditer(log)][1:]
    return statistics.median(rates) if rates else None


def figures(name: str, run: ChildRun, records: int | None = None) -> CrawlFigures:
    stats = scrapy_stats(run.log)
    pages = int(stats.get("response_received_count", 0))
    seconds = float(stats.get("elapsed_time_seconds", 0.0)) or run.seconds
    finish = str(stats.get("finish_reason", f"exit {run.returncode}"))
    written = int(stats.get("item_scraped_count", 0)) if records is None else records
    return CrawlFigures(name, pages, seconds, pages / seconds if seconds else 0.0, log_rate(run.log), written,
                        run.peak_rss_mb, finish)


def scrapy_bench(seconds: int, work: Path) -> CrawlFigures:
    """Stock `scrapy bench`, run outside the project (no scrapy.cfg, no project settings)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT") and "proxy" not in k.lower()}
    cwd = work / "scrapy-bench"
    cwd.mkdir()
    cmd = [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"]
    run = run_measured(cmd, cwd=cwd, env=env, log_path=work / "scrapy-bench.log", timeout=seconds + 120)
    return figures("scrapy bench", run)


def start_site(articles: int, per_page: int) -> tuple[subprocess.Popen, int, str, int]:
    """The generated site in its own process: (process, port, start URL, number of articles)."""
    cmd = [sys.executable, "-m", "bench.site_server", "--articles", str(articles), "--per-page", str(per_page)]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    start_url, count, _ = proc.stdout.readline().split()
    return proc, port, start_url, int(count)


def gmw_crawl(articles: int, per_page: int, work: Path) -> tuple[CrawlFigures, int]:
    """`scrapy crawl gmw` over the loopback site; returns the figures and the number of articles listed."""
    server, port, start_url, listed = start_site(articles, per_page)
    try:
        proxy = f"http://127.0.0.1:{port}"
        env = dict(os.environ, http_proxy=proxy, HTTP_PROXY=proxy, no_proxy="", NO_PROXY="")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        out = work / "exports"
        cmd = [sys.executable, "-m", "scrapy", "crawl", "gmw", "-a", f"channels={start_url}", "-a", "max_pages=100000",
               "-s", f"EXPORTS_DIR={out}"]
        for setting in SPEED_SETTINGS:
            cmd += ["-s", setting]
        run = run_measured(cmd, cwd=REPO, env=env, log_path=work / "gmw-crawl.log", timeout=600)
    finally:
        server.kill()
        server.wait()
    records = sum(1 for path in out.glob("*.jsonl") if not path.name.endswith(".failures.jsonl")
                  for line in path.open(encoding="utf-8") if line.strip())
    return figures(f"gmw crawl ({listed} articles)", run, records), listed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.crawl", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the generated site (>= 2000)")
    parser.add_argument("--per-page", type=int, default=20, help="articles per listing page")
    parser.add_argument("--bench-seconds", type=int, default=10, help="CLOSESPIDER_TIMEOUT for scrapy bench")
    parser.add_argument("--keep", type=Path, default=None, help="keep logs and exports in this folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="zhnews-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        baseline = scrapy_bench(args.bench_seconds, work)
        ours, listed = gmw_crawl(args.articles, args.per_page, work)
    rows = [[f.name, f.pages, f.seconds, f.pages_per_s, f.log_rate, f.records, f.peak_rss_mb, f.finish]
            for f in (baseline, ours)]
    headers = ["run", "pages", "seconds", "pages/s", "log pages/s (median)", "records", "peak RSS MB", "finish"]
    print(format_table(headers, rows))
    print(f"crawl settings: {' '.join(SPEED_SETTINGS)}; records expected: {listed}")
    if baseline.pages_per_s:
        ratio = ours.pages_per_s / baseline.pages_per_s
        verdict = "met" if ratio >= RATIO_AIM else "NOT met"
        print(f"aim: crawl >= {RATIO_AIM} x scrapy bench: {verdict} ({ratio:.2f} x)")
    own_mb = own_peak_mb()
    if min(baseline.peak_rss_mb, ours.peak_rss_mb) <= own_mb + 1:
        print(f"warning: peak RSS may be this process' own ({own_mb:.0f} MB; Linux carries it into children)")
    if ours.records != listed:
        print(f"warning: the crawl wrote {ours.records} records, the site lists {listed} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
