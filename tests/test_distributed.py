"""One crawl shared by several worker processes through a real redis-server, over a loopback site of 520 articles.

Each worker is a real `scrapy crawl gmw -s REDIS_URL=...` subprocess; the site is served by
bench.site_server in its own process (the real gmw URLs through `http_proxy`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from crawler.demo.sitegen import build_site
from crawler.distributed import CrawlKeys
from crawler.distributed.__main__ import main as distributed_main
from crawler.distributed.__main__ import status
from crawler.distributed.merge import merge_records
from tests.redisserver import RedisServer, closed_port, have_redis_server

pytestmark = pytest.mark.skipif(not have_redis_server(), reason="redis-server is not installed")

REPO = Path(__file__).resolve().parent.parent
ARTICLES, PER_PAGE = 520, 20
# Fast, small crawl settings; a short heartbeat so a killed worker is noticed within seconds.
WORKER_SETTINGS = {
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    "RETRY_BACKOFF_BASE": 0.05, "LOG_LEVEL": "INFO", "DISTRIBUTED_HEARTBEAT": 0.5,
    "DISTRIBUTED_WORKER_TTL": 3, "DISTRIBUTED_IDLE_CLOSE": 1, "DISTRIBUTED_SEED_WAIT": 60,
}


@pytest.fixture(scope="module")
def site():
    """(proxy URL, start URL, expected article ids) of a generated site served from its own process."""
    cmd = [sys.executable, "-m", "bench.site_server", "--articles", str(ARTICLES), "--per-page", str(PER_PAGE)]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True, env=_env(None))
    try:
        port = int(proc.stdout.readline())
        start_url = proc.stdout.readline().split()[0]
        expected = {r["id"] for r in build_site(ARTICLES, PER_PAGE).expected_records()}
        assert len(expected) == ARTICLES
        yield f"http://127.0.0.1:{port}", start_url, expected
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture
def redis_server(tmp_path: Path):
    with RedisServer(tmp_path / "redis") as server:
        yield server


def _env(proxy: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    if proxy:
        env.update(http_proxy=proxy, HTTP_PROXY=proxy)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return env


def seed(redis_url: str, start_url: str) -> None:
    assert distributed_main(["seed", "gmw", "--redis", redis_url, "-a", f"channels={start_url}",
                             "-a", "max_pages=100"]) == 0


def start_worker(proxy: str, redis_url: str, out: Path, worker: str, log: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "gmw", "-a", "max_pages=100", "-s", f"REDIS_URL={redis_url}",
           "-s", f"EXPORTS_DIR={out}", "-s", f"DISTRIBUTED_WORKER_ID={worker}"]
    for name, value in WORKER_SETTINGS.items():
        cmd += ["-s", f"{name}={value}"]
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(cmd, cwd=REPO, env=_env(proxy), stdout=subprocess.DEVNULL, stderr=log.open("wb"))


def wait_all(procs: list[subprocess.Popen], timeout: float = 240) -> list[int]:
    deadline = time.monotonic() + timeout
    codes = []
    for proc in procs:
        try:
            codes.append(proc.wait(timeout=max(1.0, deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            proc.kill()
            codes.append(proc.wait())
    return codes


def record_files(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("gmw-*.jsonl") if not p.name.endswith(".failures.jsonl"))


def raw_ids(out: Path) -> Counter[str]:
    """Article ids over every whole line of every worker file."""
    ids: Counter[str] = Counter()
    for path in record_files(out):
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.endswith("\n"):
                ids[json.loads(line)["id"]] += 1
    return ids


def crawl_with(n: int, site, redis_url: str, out: Path, tag: str) -> list[int]:
    proxy, start_url, _ = site
    seed(redis_url, start_url)
    workers = [start_worker(proxy, redis_url, out, f"{tag}{i}", out / f"{tag}{i}.log") for i in range(1, n + 1)]
    return wait_all(workers)


def test_three_workers_export_every_article_once_and_a_second_run_nothing(site, redis_server, tmp_path):
    _, _, expected = site
    first = tmp_path / "first"
    assert crawl_with(3, site, redis_server.url, first, "a") == [0, 0, 0]
    ids = raw_ids(first)
    assert set(ids) == expected
    assert max(ids.values()) == 1  # exactly once, across the three files, without a merge
    per_worker = [sum(1 for _ in p.open(encoding="utf-8")) for p in record_files(first)]
    assert len(per_worker) == 3 and sum(per_worker) == ARTICLES
    assert sum(1 for n in per_worker if n > 0) >= 2, per_worker  # the work was shared
    for log in first.glob("a*.log"):  # scrapy-redis 0.9.1 on Scrapy 2.19, without its deprecation warnings
        assert "Deprecation" not in log.read_text(encoding="utf-8"), log

    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("REDIS_URL", redis_server.url)
    crawl = status(settings, "gmw")
    assert crawl["finished_at"] and crawl["queued"] == 0 and crawl["live_workers"] == []
    assert crawl["articles"]["exported"] == ARTICLES and crawl["articles"]["pending"] == 0
    assert crawl["stats"]["item_scraped_count"] == ARTICLES  # counters summed over the workers
    assert len(crawl["workers"]) == 3

    # A second seeded crawl: the seen-store in Redis knows every article, whichever worker wrote it.
    second = tmp_path / "second"
    assert crawl_with(2, site, redis_server.url, second, "b") == [0, 0]
    assert raw_ids(second) == Counter()
    again = status(settings, "gmw")
    assert again["articles"]["exported"] == 0
    assert again["articles"]["skipped"] == ARTICLES


def test_a_worker_killed_midway_loses_nothing(site, redis_server, tmp_path):
    proxy, start_url, expected = site
    out = tmp_path / "out"
    client = redis_server.client()
    keys = CrawlKeys("zhnews", "gmw")
    seed(redis_server.url, start_url)
    workers = {name: start_worker(proxy, redis_server.url, out, name, out.parent / f"{name}.log")
               for name in ("k1", "k2", "k3")}
    victim = workers["k1"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill it with work in hand: records written and requests in flight
        written = sum(sum(1 for _ in p.open(encoding="utf-8")) for p in out.glob("gmw-k1-*.jsonl")
                      if not p.name.endswith(".failures.jsonl"))
        if written >= 40 and client.zcard(keys.inflight("k1")) > 0:
            break
        assert victim.poll() is None, "the victim finished before it could be killed"
        time.sleep(0.02)
    else:
        pytest.fail("the victim never had work in flight")
    victim.send_signal(signal.SIGKILL)
    assert victim.wait() == -signal.SIGKILL
    assert wait_all([workers["k2"], workers["k3"]]) == [0, 0]

    records, _ = merge_records(record_files(out))
    assert sorted(r["id"] for r in records) == sorted(expected)  # the union: every article exactly once
    ids = raw_ids(out)
    assert set(ids) == expected
    # A duplicate line needs the kill to land between writing a line and storing it as seen.
    assert sum(n - 1 for n in ids.values()) <= 1, [i for i, n in ids.items() if n > 1]

    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("REDIS_URL", redis_server.url)
    crawl = status(settings, "gmw")
    assert crawl["stats"]["distributed/dead_workers"] >= 1
    assert crawl["stats"]["distributed/requeued_from_dead"] >= 1
    assert crawl["queued"] == 0 and crawl["in_flight"] == {}
    # Outcomes the victim had not reported yet are articles it exported: the seen-store has them.
    assert crawl["articles"]["pending"] == crawl["articles"]["pending_in_seen_store"]


def test_unreachable_redis_is_a_clear_error_not_a_hang(tmp_path):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "gmw", "-s", f"REDIS_URL={url}", "-s", f"EXPORTS_DIR={tmp_path}"]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, env=_env(None), capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert f"Redis at {url} is unreachable" in proc.stderr
    assert time.monotonic() - started < 30
    assert distributed_main(["seed", "gmw", "--redis", url]) == 3


def test_a_worker_whose_redis_stops_exits_non_zero_in_time_with_whole_files(site, tmp_path):
    """Redis stopped mid-crawl: within DISTRIBUTED_REDIS_OUTAGE (default 30 s) the worker stops, names Redis,
    writes its summary, leaves only whole lines, and exits with status 3 (issue 10, item 3)."""
    proxy, start_url, _ = site
    out = tmp_path / "out"
    server = RedisServer(tmp_path / "redis").start()
    try:
        seed(server.url, start_url)
        worker = start_worker(proxy, server.url, out, "r1", tmp_path / "r1.log")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if sum(1 for p in record_files(out) for _ in p.open(encoding="utf-8")) >= 20:
                break
            assert worker.poll() is None, "the worker finished before Redis was stopped"
            time.sleep(0.05)
        else:
            pytest.fail("the worker wrote nothing")
    finally:
        server.stop()
    stopped = time.monotonic()
    try:
        code = worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
        pytest.fail("the worker did not exit within 60 s of Redis stopping")
    assert code == 3, code
    assert time.monotonic() - stopped < 60
    log = (tmp_path / "r1.log").read_text(encoding="utf-8")
    assert f"Redis at {server.url} has been unreachable for" in log and "stopping worker r1" in log
    for path in [*record_files(out), *out.glob("*.failures.jsonl")]:
        data = path.read_bytes()
        assert not data or data.endswith(b"\n"), path
        for line in data.splitlines():
            json.loads(line)
    [summary] = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.summary.json")]
    assert summary["finish_reason"] == "redis_unavailable" and summary["status"] != "ok"
    assert summary["articles"]["exported"] >= 20
