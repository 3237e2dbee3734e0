"""Scaling curves: the same command at several sizes, side by side, so growth shows as a ratio.

    python -m bench.scale crawl [--articles 2000,20000,50000] [--set CONCURRENT_ITEMS=10 ...]
    python -m bench.scale items [--articles 2000] [--values 1,10,100]      # CONCURRENT_ITEMS by measurement
    python -m bench.scale listing [--links 1000,2000,4000,8000]
    python -m bench.scale corpus [--records 10000,50000,100000]

crawl: `scrapy crawl gmw` over a generated loopback site (as `bench.crawl`, same speed settings), sampled
twice a second from outside: Scrapy's per-second LogStats line (pages, items) and the child's VmRSS. The
run is cut into fifths by records written; each fifth gets its pages/s, its pages per CPU second of the crawl
process (steadier than pages/s on a shared machine) and the RSS at its end. "KB/article"
is the RSS growth from the end of the first fifth (warm-up) to the end, per record written. A second,
incremental run over the unchanged site follows (same seen-store): its time per listing page read must
stay flat as the site grows.
listing: one listing page with N pager links through `crawler.extract.listing.parse_listing` (best of 5).
corpus: `python -m crawler.corpus dedup` and `report` on N synthetic records, wall time and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.child import run_measured, scrapy_stats
from bench.crawl import REPO, SPEED_SETTINGS, start_site
from bench.table import format_table

_LOGSTATS = re.compile(r"Crawled (\d+) pages \(at \d+ pages/min\), scraped (\d+) items")
FIFTHS = 5


@dataclass
class Sample:
    seconds: float
    pages: int
    items: int
    rss_mb: float
    cpu_s: float = 0.0  # the child's user + system CPU time so far


@dataclass
class SampledRun:
    returncode: int
    seconds: float
    peak_rss_mb: float
    stats: dict[str, float | str]
    samples: list[Sample] = field(default_factory=list)
    cpu_seconds: float = 0.0


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_sampled(cmd: list[str], *, cwd: Path, env: dict[str, str], log_path: Path, timeout: float) -> SampledRun:
    """Run a Scrapy crawl; every new LogStats line becomes a sample (time, pages, items, RSS)."""
    start = time.perf_counter()
    samples = [Sample(0.0, 0, 0, 0.0)]
    with log_path.open("wb") as log, log_path.open("rb") as reader:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        tail = b""
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter() - start
            if now > timeout:
                proc.send_signal(signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            tail += reader.read()
            lines = tail.split(b"\n")
            tail = lines.pop()
            for line in lines:
                m = _LOGSTATS.search(line.decode("utf-8", "replace"))
                if m:
                    samples.append(Sample(now, int(m.group(1)), int(m.group(2)), _rss_mb(proc.pid), _cpu_s(proc.pid)))
            time.sleep(0.25)
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log_path.read_text("utf-8", "replace")
    return SampledRun(proc.returncode, time.perf_counter() - start, usage.ru_maxrss / 1024, scrapy_stats(text),
                      samples, usage.ru_utime + usage.ru_stime)


def fifths(samples: list[Sample], total_items: int) -> list[tuple[float, float, int, float]]:
    """Per fifth of the records: (pages/s within it, RSS MB at its end, records at its end, pages per CPU second)."""
    out: list[tuple[float, float, int, float]] = []
    prev = samples[0]
    for k in range(1, FIFTHS + 1):
        target = total_items * k / FIFTHS
        end = next((s for s in samples if s.items >= target), samples[-1])
        span, cpu = end.seconds - prev.seconds, end.cpu_s - prev.cpu_s
        pages = end.pages - prev.pages
        out.append((pages / span if span > 0 else 0.0, end.rss_mb, end.items, pages / cpu if cpu > 0 else 0.0))
        prev = end
    return out


@dataclass
class CrawlRow:
    articles: int
    pages: int
    seconds: float
    records: int
    peak_mb: float
    parts: list[tuple[float, float, int, float]]
    second_seconds: float | None = None
    second_listing_pages: int = 0
    second_cpu: float | None = None

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def kb_per_article(self) -> float | None:
        (_, rss1, n1, _), (_, rss5, n5, _) = self.parts[0], self.parts[-1]
        return (rss5 - rss1) * 1024 / (n5 - n1) if n5 > n1 and rss1 and rss5 else None


def crawl_once(start_url: str, port: int, out: Path, log: Path, settings: list[str]) -> SampledRun:
    proxy = f"http://127.0.0.1:{port}"
    env = dict(os.environ, http_proxy=proxy, HTTP_PROXY=proxy, no_proxy="", NO_PROXY="")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "scrapy", "crawl", "gmw", "-a", f"channels={start_url}", "-a", "max_pages=1000000",
           "-s", f"EXPORTS_DIR={out}"]
    for setting in (*SPEED_SETTINGS, *settings):
        cmd += ["-s", setting]
    return run_sampled(cmd, cwd=REPO, env=env, log_path=log, timeout=3600)


def measure_crawl(articles: int, work: Path, settings: list[str], incremental: bool = True) -> CrawlRow:
    work.mkdir(parents=True, exist_ok=True)
    server, port, start_url, listed = start_site(articles, 20)
    try:
        out = work / f"exports-{articles}"
        run = crawl_once(start_url, port, out, work / f"crawl-{articles}.log", settings)
        stats = run.stats
        records = int(stats.get("item_scraped_count", 0))
        row = CrawlRow(listed, int(stats.get("response_received_count", 0)),
                       float(stats.get("elapsed_time_seconds", 0.0)) or run.seconds, records, run.peak_rss_mb,
                       fifths(run.samples, records))
        if run.returncode or records != listed:
            print(f"warning: {articles}-article crawl: exit {run.returncode}, {records} records of {listed}",
                  file=sys.stderr)
        if incremental:
            again = crawl_once(start_url, port, out, work / f"crawl-{articles}-again.log", settings)
            row.second_seconds = float(again.stats.get("elapsed_time_seconds", 0.0)) or again.seconds
            row.second_listing_pages = int(again.stats.get("listing/pages", 0))
            row.second_cpu = again.cpu_seconds
    finally:
        server.kill()
        server.wait()
    return row


def crawl_table(rows: list[CrawlRow]) -> str:
    headers = ["articles", "pages", "seconds", "pages/s",
               *(f"p/s {k}/5" for k in range(1, FIFTHS + 1)), "last/first",
               *(f"p/CPU-s {k}/5" for k in range(1, FIFTHS + 1)), "last/first CPU",
               *(f"RSS {k}/5" for k in range(1, FIFTHS + 1)), "KB/article", "peak MB",
               "2nd run s", "2nd run CPU s", "listing pages", "CPU ms/listing"]
    out = []
    for r in rows:
        first, last = r.parts[0][0], r.parts[-1][0]
        cpu_first, cpu_last = r.parts[0][3], r.parts[-1][3]
        per_listing = (r.second_cpu * 1000 / r.second_listing_pages
                       if r.second_cpu and r.second_listing_pages else None)
        out.append([r.articles, r.pages, r.seconds, r.pages_per_s, *(p[0] for p in r.parts),
                    last / first if first else None, *(p[3] for p in r.parts),
                    cpu_last / cpu_first if cpu_first else None, *(p[1] for p in r.parts), r.kb_per_article, r.peak_mb,
                    r.second_seconds, r.second_cpu, r.second_listing_pages or None, per_listing])
    return format_table(headers, out)


def cmd_crawl(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="zhnews-scale-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = []
        for n in args.articles:
            rows.append(measure_crawl(n, work, args.set, incremental=not args.no_incremental))
            print(crawl_table(rows[-1:]), flush=True)  # progress: each size as it finishes
    print(f"\ncrawl settings: {' '.join((*SPEED_SETTINGS, *args.set))}")
    print(crawl_table(rows))
    for small, big in zip(rows, rows[1:], strict=False):
        print(f"{small.articles} -> {big.articles} articles ({big.articles / small.articles:.1f}x): "
              f"crawl time {big.seconds / small.seconds:.2f}x"
              + (f", incremental run {big.second_seconds / small.second_seconds:.2f}x"
                 f" ({big.second_cpu / small.second_cpu:.2f}x CPU)"
                 if big.second_seconds and small.second_seconds and big.second_cpu and small.second_cpu else ""))
    return 0


def cmd_items(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="zhnews-scale-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = []
        for value in args.values:
            for n in args.articles:
                row = measure_crawl(n, work / f"items-{value}", [f"CONCURRENT_ITEMS={value}"])
                rows.append([value, row.articles, row.seconds, row.pages_per_s,
                             statistics.median(p[3] for p in row.parts), row.peak_mb, row.second_seconds,
                             row.second_cpu])
                print(format_table(HEAD_ITEMS, rows[-1:]), flush=True)
    print()
    print(format_table(HEAD_ITEMS, rows))
    return 0


HEAD_ITEMS = ["CONCURRENT_ITEMS", "articles", "seconds", "pages/s", "pages/CPU-s (median fifth)", "peak MB",
              "2nd run s", "2nd run CPU s"]


def listing_page(links: int) -> tuple[bytes, str]:
    from crawler.demo import templates as t

    names = ["node_90001.htm"] + [f"node_90001_{k}.htm" for k in range(2, links + 1)]
    pager = [t.Link(names[k], str(k + 1)) for k in range(links)]
    entries = [t.Link(f"2024-05/{k % 28 + 1:02d}/content_{100000 + k}.htm", "标题", "2024-05-01") for k in range(20)]
    page = t.ListingPage("国内", "新闻频道", entries, pager, nav_articles=[], sidebar=[])
    return t.listing(page).encode("utf-8"), "http://news.gmw.cn/node_90001_3.htm"


def cmd_listing(args: argparse.Namespace) -> int:
    from crawler.extract.listing import parse_listing
    from crawler.sites.gmw import PROFILE

    rows = []
    previous = None
    for n in args.links:
        html, url = listing_page(n)
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            listing = parse_listing(html, url, PROFILE)
            best = min(best, time.perf_counter() - started)
        ms = best * 1000
        rows.append([n, len(html) // 1024, len(listing.next_urls), ms, ms * 1000 / n,
                     ms / previous if previous else None])
        previous = ms
    print(format_table(["pager links", "page KB", "pager URLs found", "ms (best of 5)", "us/link", "x previous"],
                       rows))
    worst = rows[-1]
    print(f"aim: {worst[0]} links under 50 ms: {'met' if worst[3] < 50 else 'NOT met'} ({worst[3]:.1f} ms)")
    return 0


def cmd_corpus(args: argparse.Namespace) -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="zhnews-scale-") as tmp:
        work = Path(tmp)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        for n in args.records:
            src = work / f"records-{n}.jsonl"
            # Written by a child: this process stays small, so the measured children's peak RSS is their own.
            subprocess.run([sys.executable, "-m", "bench.scale", "records", "--n", str(n), "--out", str(src)],
                           cwd=REPO, env=env, check=True)
            row: list[object] = [n, src.stat().st_size / 2**20]
            for tool, extra in (("dedup", ["--out", str(work / "dedup.jsonl")]),
                                ("report", ["--out", str(work / "report.html")])):
                cmd = [sys.executable, "-m", "crawler.corpus", tool, str(src), *extra]
                run = run_measured(cmd, cwd=REPO, env=env, log_path=work / f"{tool}.log", timeout=1800)
                if run.returncode:
                    print(run.log[-2000:], file=sys.stderr)
                row += [run.seconds, run.cpu_seconds, run.cpu_seconds * 10000 / n, run.peak_rss_mb]
            rows.append(row)
            src.unlink()
            print(format_table(HEAD_CORPUS, rows[-1:]), flush=True)
    print()
    print(format_table(HEAD_CORPUS, rows))
    big = rows[-1]
    print(f"aim: {big[0]} records under 60 s and 600 MB: dedup {big[2]:.1f} s ({big[3]:.1f} s CPU) / {big[5]:.0f} MB, "
          f"report {big[6]:.1f} s ({big[7]:.1f} s CPU) / {big[9]:.0f} MB")
    return 0


def cmd_records(args: argparse.Namespace) -> int:
    from bench.neardup_corpus import bulk_records

    with args.out.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in bulk_records(args.n))
    return 0


HEAD_CORPUS = ["records", "input MB", "dedup s", "dedup CPU s", "CPU s/10k", "dedup peak MB",
               "report s", "report CPU s", "CPU s/10k", "report peak MB"]


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    sub = top.add_subparsers(dest="what", required=True)
    p = sub.add_parser("crawl", help="pages/s and RSS by fifth of the run, and the incremental second run")
    p.add_argument("--articles", type=_ints, default=[2000, 20000])
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="extra Scrapy setting")
    p.add_argument("--no-incremental", action="store_true", help="skip the second run")
    p.add_argument("--keep", type=Path, default=None, help="keep logs and exports in this folder")
    p.set_defaults(func=cmd_crawl)
    p = sub.add_parser("items", help="the crawl and its incremental run for several CONCURRENT_ITEMS values")
    p.add_argument("--articles", type=_ints, default=[2000])
    p.add_argument("--values", type=_ints, default=[1, 10, 100])
    p.add_argument("--keep", type=Path, default=None)
    p.set_defaults(func=cmd_items)
    p = sub.add_parser("listing", help="one listing page with N pager links")
    p.add_argument("--links", type=_ints, default=[1000, 2000, 4000, 8000])
    p.set_defaults(func=cmd_listing)
    p = sub.add_parser("corpus", help="`python -m crawler.corpus dedup` and `report` on N records")
    p.add_argument("--records", type=_ints, default=[10000, 50000, 100000])
    p.set_defaults(func=cmd_corpus)
    p = sub.add_parser("records", help="write N synthetic records (bench.neardup_corpus) as JSONL")
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_records)
    args = top.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
