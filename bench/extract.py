"""`zhnews extract` over a big WARC: -j 1 next to -j 2 (pages/s, speed-up, peak RSS), in one run.

    python -m bench.extract                       # builds a 20,000-record WARC in a temp folder, then both runs
    python -m bench.extract --records 40000 --jobs 1,2,4 --keep /tmp/bench-extract

The WARC holds one HTTP response record per page of generated gmw-shaped sites (crawler.demo.sitegen,
invented text; articles in two layouts, multi-page articles, listings, a gallery): the pages are rendered
once per seed until there are enough. Each run is a fresh `python -m crawler.cli extract` process;
its peak RSS and CPU time are sampled from /proc over the whole process tree (the command and
its workers), so they count every worker. Both runs must write byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.table import format_table
from crawler.demo.sitegen import build_site

REPO = Path(__file__).resolve().parents[1]
ARTICLES_PER_SITE = 2000  # build_site() of more than ~2,800 articles reaches a 29 February in 2017


def build_warc(path: Path, records: int) -> int:
    """A WARC of at least `records` response records; returns how many."""
    written = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        seed = 0
        while written < records:
            seed += 1
            site = build_site(ARTICLES_PER_SITE, per_page=20, seed=seed)
            for key, body in site.pages.items():
                if not key.endswith(".htm") or written >= records:
                    continue
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"http://{key}", "response", payload=BytesIO(body), http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2024-06-01T00:00:00Z"}))
                written += 1
    return written


TICKS = os.sysconf("SC_CLK_TCK")


def tree_sample(root: int) -> dict[int, tuple[int, float]]:
    """{pid: (resident kB, CPU seconds so far)} for `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    seen: dict[int, tuple[int, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as fh:
                stat = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(stat[1]), []).append(pid)
        # fields after the command: state ppid ... utime(12) stime(13) ... rss pages(22)
        seen[pid] = (int(stat[21]) * os.sysconf("SC_PAGE_SIZE") // 1024, (int(stat[11]) + int(stat[12])) / TICKS)
    tree, stack = {}, [root]
    while stack:
        pid = stack.pop()
        if pid in seen:
            tree[pid] = seen[pid]
        stack.extend(children.get(pid, []))
    return tree


def measured_extract(warc: Path, out: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "crawler.cli", "extract", str(warc), "-o", str(out), "-j", str(jobs), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, cpu = 0, {}
    while proc.poll() is None:
        sample = tree_sample(proc.pid)
        peak = max(peak, sum(rss for rss, _ in sample.values()))
        cpu.update((pid, used) for pid, (_, used) in sample.items())
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"-j {jobs} failed ({proc.returncode}):\n{stderr[-2000:]}")
    summary = json.loads(out.with_name(out.stem + ".summary.json").read_text(encoding="utf-8"))
    return {"jobs": jobs, "pages": summary["pages"], "written": summary["outcomes"]["written"],
            "seconds": seconds, "pages_per_s": summary["pages"] / seconds, "peak_rss_mb": peak / 1024,
            "cpu_ms_per_page": 1000 * sum(cpu.values()) / max(summary["pages"], 1), "load": load}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000, help="WARC response records (default 20000)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values, run in this order (default 1,2)")
    parser.add_argument("--keep", type=Path, help="keep the WARC and the outputs in this folder (reused if there)")
    args = parser.parse_args(argv)
    jobs = [int(j) for j in args.jobs.split(",")]

    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        warc = work / f"generated-{args.records}.warc.gz"
        if not warc.exists():
            started = time.perf_counter()
            count = build_warc(warc, args.records)
            print(f"built {warc.name}: {count} response records, {warc.stat().st_size / 1e6:.1f} MB "
                  f"in {time.perf_counter() - started:.0f}s")
        runs = [measured_extract(warc, work / f"out-j{j}.jsonl", j) for j in jobs]
        base = runs[0]["pages_per_s"]
        rows = [[f"zhnews extract -j {r['jobs']}", r["pages"], r["written"], r["seconds"], r["pages_per_s"],
                 f"{r['pages_per_s'] / base:.2f}x", r["peak_rss_mb"], r["cpu_ms_per_page"], r["load"]] for r in runs]
        print(format_table(["run", "pages", "records", "seconds", "pages/s", "speed-up", "peak RSS MB (all procs)",
                            "CPU ms/page (all procs)", "load avg at start"], rows))
        outputs = {(work / f"out-j{j}.jsonl").read_bytes() for j in jobs}
        print(f"outputs identical across runs: {'yes' if len(outputs) == 1 else 'NO'}; cores: {os.cpu_count()}")
        return 0 if len(outputs) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
