"""Deploy the project to a real scrapyd on 127.0.0.1 and run the gmw spider through schedule.json.

The project is copied to a temporary folder first, because `scrapyd-deploy` writes setup.py and
build folders next to scrapy.cfg.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer
from crawler.demo.sitegen import build_site
from tests.faultserver import REPO, crawl_env, read_jsonl, run_outputs, summaries

pytest.importorskip("scrapyd")
DEPLOY = shutil.which("scrapyd-deploy")
PROJECT = "zhnews"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(base: str, endpoint: str, data: dict | None = None) -> dict:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    url = f"{base}/{endpoint}" + ("" if data is not None else f"?project={PROJECT}")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    with opener.open(url, data=body, timeout=10) as resp:
        return json.loads(resp.read())


def copy_project(dest: Path) -> Path:
    skip = shutil.ignore_patterns("__pycache__", "*.jsonl", "*.sqlite3*", "*.summary.json", "build", "*.egg-info")
    for name in ("crawler", "pipelines"):
        shutil.copytree(REPO / name, dest / name, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, dest / name)
        else:
            (dest / name).write_text("", encoding="utf-8")
    return dest


@pytest.fixture
def scrapyd(tmp_path):
    """A scrapyd daemon on a free loopback port, crawling through the proxy of a loopback site."""
    site = build_site(articles=8, per_page=20)
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\npoll_interval = 0.2\nmax_proc = 1\nitems_dir =\n"
        f"eggs_dir = {home}/eggs\nlogs_dir = {home}/logs\ndbs_dir = {home}/dbs\n",
        encoding="utf-8",
    )
    with SiteServer(dict(site.pages)) as server:
        proc = subprocess.Popen([sys.executable, "-m", "scrapyd", "--nodaemon", "--pidfile="], cwd=home,
                                env=crawl_env(server.proxy_url), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if api(base, "daemonstatus.json")["status"] == "ok":
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(proc.stdout.read().decode(errors="replace")) from None
                    time.sleep(0.2)
            yield {"base": base, "site": site, "home": home}
        finally:
            proc.terminate()
            proc.wait(timeout=20)


@pytest.mark.skipif(DEPLOY is None, reason="scrapyd-client (scrapyd-deploy) is not installed")
def test_deploy_schedule_and_collect(scrapyd, tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "scrapy.cfg").write_text(
        f"[settings]\ndefault = crawler.settings\n\n[deploy]\nurl = {scrapyd['base']}/\nproject = {PROJECT}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in crawl_env("").items() if k.lower() != "http_proxy"}
    env.pop("PYTHONPATH")  # the egg, not the working tree, must carry the code
    deployed = subprocess.run([DEPLOY, "--version", "r1"], cwd=project, env=env, capture_output=True, text=True,
                              timeout=180)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert '"status": "ok"' in deployed.stdout + deployed.stderr
    spiders = api(scrapyd["base"], "listspiders.json")
    assert "gmw" in spiders["spiders"], spiders

    exports = tmp_path / "exports"
    job = api(scrapyd["base"], "schedule.json", {
        "project": PROJECT, "spider": "gmw", "channels": scrapyd["site"].start_urls[0],
        "setting": [f"EXPORTS_DIR={exports}", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0"],
    })
    assert job["status"] == "ok", job
    deadline = time.monotonic() + 120
    while True:
        jobs = api(scrapyd["base"], "listjobs.json")
        if any(j["id"] == job["jobid"] for j in jobs["finished"]):
            break
        assert time.monotonic() < deadline, jobs
        time.sleep(0.3)

    log = next((scrapyd["home"] / "logs").rglob(f"{job['jobid']}.log")).read_text(encoding="utf-8")
    assert "Traceback" not in log, log[-3000:]
    records = read_jsonl(run_outputs(exports))
    expected = {f"gmw.cn:{a.article_id}" for a in scrapyd["site"].articles}
    assert {r["id"] for r in records} == expected
    summary = summaries(exports)[-1]
    assert summary["status"] == "ok"
    assert summary["articles"]["exported"] == len(expected)
    assert summary["fill_rates"]["gmw.cn"]["headline"] == 1.0
