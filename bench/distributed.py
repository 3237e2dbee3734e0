"""Distributed crawl speed: 1, 2 and 3 Redis workers next to the single-process embedded crawl, plus Redis sizing.

    python -m bench.distributed [--articles 5000] [--keep DIR]

Everything runs on this machine, one configuration after the other, over the same generated loopback
site (bench.site_server, its own process) and a throw-away redis-server. Each distributed run starts
from an empty Redis (so the seen-store does not skip anything), seeds the crawl, starts N workers at
once and waits for all of them. pages/s = HTTP responses (summed over workers) / wall seconds from the
workers' start to the last exit, start-up and the end-of-crawl check included; the embedded crawl
is timed the same way; "pages/s spider time" leaves process start-up and exit out (pages / the longest
worker's `elapsed_time_seconds`). pages/crawl-CPU-s = pages / CPU seconds (user + system) of the crawl processes
together: when it stays flat from 1 to 3 workers, nothing shared (Redis, the site server) makes the
workers wait or work harder, and throughput is bounded by free cores only. Sizing: Redis MEMORY USAGE of the seen-store, the dupefilter and a queue
caught mid-crawl, divided by their entry counts.

Beside the curve, each part measured alone: the site server's own ceiling (1-3 `bench.loadgen` clients
hammering it with keep-alive GETs, no crawler running), and Redis's work per page in each distributed run
(INFO commandstats, reset before the run: commands per page, by command, and microseconds spent in Redis).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.child import scrapy_stats
from bench.crawl import SPEED_SETTINGS, start_site
from bench.table import format_table

REPO = Path(__file__).resolve().parent.parent
WORKER_SETTINGS = ("DISTRIBUTED_IDLE_CLOSE=0.5", "DISTRIBUTED_HEARTBEAT=0.5")
# Scrapy's default memory queue is LIFO; the Redis queue is a priority zset. A FIFO embedded run for comparison.
FIFO = ("SCHEDULER_PRIORITY_QUEUE=scrapy.pqueues.ScrapyPriorityQueue", "SCHEDULER_MEMORY_QUEUE=scrapy.squeues.FifoMemoryQueue")


@dataclass
class Row:
    name: str
    workers: int
    pages: int
    records: int
    seconds: float

    redis_calls: dict[str, tuple[int, float]] | None = None  # command -> (calls, usec in Redis)
    cpu: float = 0.0  # user + system seconds of the crawl processes together
    crawl_seconds: float = 0.0  # the longest `elapsed_time_seconds` of the workers: start-up and exit left out

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def _env(proxy: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(http_proxy=proxy, HTTP_PROXY=proxy)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return env


def _crawl_cmd(start_url: str, out: Path, extra: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "gmw", "-a", f"channels={start_url}", "-a", "max_pages=100000",
           "-s", f"EXPORTS_DIR={out}"]
    for setting in (*SPEED_SETTINGS, *extra):
        cmd += ["-s", setting]
    return cmd


def _records(out: Path) -> int:
    return sum(1 for path in out.glob("*.jsonl") if not path.name.endswith(".failures.jsonl")
               for line in path.open(encoding="utf-8") if line.strip())


def run_workers(cmds: list[list[str]], env: dict[str, str], logs: list[Path], timeout: float = 900
                ) -> tuple[float, int, float, float]:
    """Start the commands at once; (wall seconds until the last exits, summed response_received_count,
    their CPU seconds, the longest spider elapsed time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    procs = [subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
             for cmd, log in zip(cmds, logs, strict=True)]
    for proc in procs:
        try:
            proc.wait(timeout=max(1.0, timeout - (time.perf_counter() - started)))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    seconds = time.perf_counter() - started
    codes = [p.returncode for p in procs]
    if any(codes):
        print(f"warning: worker exit codes {codes}; see {logs[0].parent}", file=sys.stderr)
    stats = [scrapy_stats(log.read_text("utf-8", "replace")) for log in logs]
    pages = sum(int(s.get("response_received_count", 0)) for s in stats)
    crawl_seconds = max(float(s.get("elapsed_time_seconds", 0.0)) for s in stats)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # children reaped since `before`: these commands
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, pages, cpu, crawl_seconds


def embedded(start_url: str, env: dict[str, str], work: Path, fifo: bool) -> Row:
    name = "embedded-fifo" if fifo else "embedded"
    out = work / name
    seconds, pages, cpu, crawl_seconds = run_workers([_crawl_cmd(start_url, out, list(FIFO) if fifo else [])],
                                                     env, [work / f"{name}.log"])
    label = "embedded, FIFO memory queue" if fifo else "embedded (project defaults, LIFO)"
    return Row(label, 1, pages, _records(out), seconds, cpu=cpu, crawl_seconds=crawl_seconds)


def distributed(n: int, start_url: str, env: dict[str, str], work: Path, redis_url: str) -> Row:
    import redis

    from crawler.distributed.__main__ import main as operate

    client = redis.Redis.from_url(redis_url)
    client.flushall()
    if operate(["seed", "gmw", "--redis", redis_url, "-a", f"channels={start_url}"]) != 0:
        raise SystemExit("seeding failed")
    out = work / f"redis-{n}"
    cmds = [_crawl_cmd(start_url, out, [f"REDIS_URL={redis_url}", f"DISTRIBUTED_WORKER_ID=w{i}", *WORKER_SETTINGS])
            for i in range(1, n + 1)]
    client.config_resetstat()
    seconds, pages, cpu, crawl_seconds = run_workers(cmds, env,
                                                     [work / f"redis-{n}-w{i}.log" for i in range(1, n + 1)])
    calls = {name.removeprefix("cmdstat_"): (int(v["calls"]), float(v["usec"]))
             for name, v in client.info("commandstats").items()}
    return Row(f"redis, {n} worker(s)", n, pages, _records(out), seconds, calls, cpu, crawl_seconds)


def server_ceiling(port: int, urls: list[str], clients: int, seconds: float = 4.0) -> float:
    """Requests/s the site server answers to `clients` keep-alive load generators, nothing else running."""
    cmd = [sys.executable, "-m", "bench.loadgen", "--port", str(port), "--seconds", str(seconds)]
    procs = [subprocess.Popen([*cmd, *urls[i::clients]], cwd=REPO, stdout=subprocess.PIPE, text=True)
             for i in range(clients)]
    started = time.perf_counter()
    done = sum(int(p.communicate()[0].strip() or 0) for p in procs)
    return done / max(time.perf_counter() - started, seconds)


def redis_table(rows: list[Row]) -> str:
    table = []
    for row in rows:
        if not row.redis_calls or not row.pages:
            continue
        calls = sum(c for c, _ in row.redis_calls.values())
        usec = sum(u for _, u in row.redis_calls.values())
        top = sorted(row.redis_calls.items(), key=lambda kv: -kv[1][0])[:6]
        table.append([row.name, row.pages, calls / row.pages, usec / row.pages,
                      " ".join(f"{name}:{c / row.pages:.2f}" for name, (c, _) in top)])
    return format_table(["run", "pages", "Redis commands/page (Lua steps included)", "us in Redis/page",
                         "commands/page by name"], table)


def sizing(start_url: str, env: dict[str, str], work: Path, redis_url: str) -> list[list[object]]:
    """Bytes per entry of the seen-store and dupefilter (after a full crawl) and of a queue caught mid-crawl."""
    import redis

    client = redis.Redis.from_url(redis_url)
    rows: list[list[object]] = []
    n = client.hlen("zhnews:seen")
    seen = (client.memory_usage("zhnews:seen", samples=0) or 0) + (client.memory_usage("zhnews:seen:url", samples=0) or 0)
    rows.append(["seen-store (zhnews:seen + :seen:url)", n, seen, seen / n if n else None])
    fps = client.scard("zhnews:gmw:dupefilter")
    dupe = client.memory_usage("zhnews:gmw:dupefilter", samples=0) or 0
    rows.append(["dupefilter (zhnews:gmw:dupefilter)", fps, dupe, dupe / fps if fps else None])
    # A queue mid-crawl: one worker that stops after a few pages leaves what it discovered in the queue.
    from crawler.distributed.__main__ import main as operate

    client.flushall()
    operate(["seed", "gmw", "--redis", redis_url, "-a", f"channels={start_url}"])
    cmd = _crawl_cmd(start_url, work / "sizing", [f"REDIS_URL={redis_url}", "CLOSESPIDER_PAGECOUNT=3",
                                                  "CONCURRENT_REQUESTS=1", *WORKER_SETTINGS])
    run_workers([cmd], env, [work / "sizing.log"])  # only the queue it leaves behind is measured
    queued = client.zcard("zhnews:gmw:requests")
    queue = client.memory_usage("zhnews:gmw:requests", samples=0) or 0
    rows.append(["queued requests (zhnews:gmw:requests)", queued, queue, queue / queued if queued else None])
    rows.append(["redis used_memory (INFO), whole server", "-", client.info("memory")["used_memory"], None])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.distributed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000,
                        help="articles in the site (5,000: a worker's start-up is a small part of the run)")
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--repeat", type=int, default=1, help="rounds over every configuration (median reported)")
    parser.add_argument("--keep", type=Path, default=None, help="keep logs and exports in this folder")
    args = parser.parse_args(argv)
    from crawler.demo.sitegen import build_site
    from tests.redisserver import RedisServer

    runs: dict[str, list[Row]] = {}
    ceiling: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="zhnews-bench-dist-") as tmp:
        site, port, start_url, listed = start_site(args.articles, args.per_page)
        try:
            env = _env(f"http://127.0.0.1:{port}")
            urls = [a.url() for a in build_site(min(args.articles, 400), args.per_page).articles]
            for clients in (1, 2, 3):
                ceiling.append([f"site server, {clients} load client(s)", server_ceiling(port, urls, clients)])
            for round_no in range(args.repeat):  # interleaved rounds: background load hits every configuration
                work = (args.keep or Path(tmp)) / f"round-{round_no + 1}"
                work.mkdir(parents=True, exist_ok=True)
                with RedisServer(work / "redis") as server:
                    rows = [embedded(start_url, env, work, fifo=False), embedded(start_url, env, work, fifo=True)]
                    rows += [distributed(n, start_url, env, work, server.url) for n in args.workers]
                    for row in rows:
                        runs.setdefault(row.name, []).append(row)
                    if round_no == 0:
                        sizes = sizing(start_url, env, work, server.url)
        finally:
            site.kill()
            site.wait()
    medians = {name: statistics.median(r.pages_per_s for r in rows) for name, rows in runs.items()}
    base = next(iter(medians.values()))
    table = [[name, rows[0].pages, min(r.records for r in rows), statistics.median(r.seconds for r in rows),
              medians[name], min(r.pages_per_s for r in rows), max(r.pages_per_s for r in rows),
              medians[name] / base if base else None,
              statistics.median(r.pages / r.cpu for r in rows if r.cpu) if any(r.cpu for r in rows) else None,
              statistics.median(r.pages / r.crawl_seconds for r in rows if r.crawl_seconds)
              if any(r.crawl_seconds for r in rows) else None]
             for name, rows in runs.items()]
    one = medians.get("redis, 1 worker(s)")
    for row in table:
        row.append(medians[row[0]] / one if one else None)
    headers = ["run", "pages", "records", "wall s", "pages/s", "min", "max", "x embedded", "pages/crawl-CPU-s",
               "pages/s spider time", "x 1 worker"]
    print(format_table(headers, table))
    print()
    print(format_table(["server ceiling (no crawler running)", "requests/s"], ceiling))
    two = medians.get("redis, 2 worker(s)")
    if one and two:
        print(f"aim: 2 workers >= 1.6 x 1 worker: {'met' if two >= 1.6 * one else 'NOT met'} ({two / one:.2f} x)")
    print(f"site: {listed} articles; {args.repeat} round(s), medians; {os.cpu_count()} CPU core(s); "
          f"load average before the last round ended: {os.getloadavg()[0]:.1f}")
    print(f"crawl settings: {' '.join(SPEED_SETTINGS)}")
    print()
    print(format_table(["Redis sizing", "entries", "bytes", "bytes/entry"], sizes))
    print()
    print(redis_table([rows[-1] for rows in runs.values()]))
    for name, rows in runs.items():
        if any(r.records != listed for r in rows):
            print(f"warning: {name} wrote {[r.records for r in rows]} records, the site lists {listed} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
