"""Shared fixtures: a loopback copy of a gmw-shaped site, and a way to run a real crawl against it.

The site in tests/site/ is served on 127.0.0.1 (port 0, a daemon thread) by
crawler.demo.server, which also acts as an HTTP proxy. A crawl runs the real `scrapy crawl`
in a subprocess (Twisted's reactor cannot restart inside pytest) with `http_proxy` pointing
at the server, so the spider fetches the real URLs (`http://news.gmw.cn/...`) and the gmw
profile applies unchanged, while nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer

REPO = Path(__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "site"
START_URL = "http://news.gmw.cn/node_90001.htm"
# No waiting between requests to our own loopback server; everything else as configured.
FAST = ("-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=INFO")
_RUN_FILE = re.compile(r"[\w-]+-\d{8}T\d{6}Z(?:-\d+)?\.jsonl")  # a run's records, not its side files
_STAT_LINE = re.compile(r"^[\s{]*'([^']+)': (\d+)[,}]?$")


@dataclass
class CrawlResult:
    returncode: int
    log: str
    files: list[Path]  # JSONL files the run wrote
    served: Counter[str] = field(default_factory=Counter)  # requests the server answered, per host/path

    @property
    def stats(self) -> dict[str, int]:
        """Integer stats from the final stats dump in the log."""
        dump = self.log.rsplit("Dumping Scrapy stats", 1)[-1]
        return {m.group(1): int(m.group(2)) for m in map(_STAT_LINE.match, dump.splitlines()) if m}

    @property
    def lines(self) -> list[str]:
        return [line for path in self.files for line in path.read_text(encoding="utf-8").splitlines(True)]

    @property
    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]


def run_crawl(server: SiteServer, out_dir: Path, *args: str, spider: str = "gmw",
              timeout: float = 120) -> CrawlResult:
    """`scrapy crawl <spider> *args` against `server`, records into `out_dir`."""
    before = Counter(server.served)
    env = dict(os.environ, http_proxy=server.proxy_url, HTTP_PROXY=server.proxy_url, no_proxy="", NO_PROXY="")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-s", f"EXPORTS_DIR={out_dir}", *FAST, *args]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    served = Counter(server.served)
    served.subtract(before)
    runs = [p for p in sorted(out_dir.glob(f"{spider}-*.jsonl")) if _RUN_FILE.fullmatch(p.name)]
    return CrawlResult(proc.returncode, proc.stderr, runs, +served)


@pytest.fixture(scope="session")
def crawl_runner():
    """`crawl_runner(server, out_dir, *scrapy_args, spider="gmw")` -> CrawlResult."""
    return run_crawl


@pytest.fixture(scope="session")
def site_server() -> Iterator[SiteServer]:
    """tests/site/ on 127.0.0.1, for the whole test session."""
    with SiteServer(SITE) as server:
        yield server


@pytest.fixture(scope="session")
def expected_records() -> dict[str, dict]:
    """What a correct crawl of tests/site writes, by record id."""
    lines = (SITE / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in map(json.loads, lines)}
