"""A loopback HTTP server that misbehaves on purpose, for the fault-injection tests.

Like crawler.demo.server it answers in proxy form too (absolute URIs, as Scrapy sends through
`http_proxy`), so a crawl fetches real-looking URLs (`http://news.gmw.cn/...`) from 127.0.0.1.
Pages are keyed "host/path"; a fault registered for a key replaces the normal answer:

    status      a fixed HTTP status (500, 503, 404, 410 ...)
    timeout     answer after `seconds` (longer than the crawl's DOWNLOAD_TIMEOUT)
    reset       close the connection with a TCP reset, no answer
    truncated   promise Content-Length, send half the body, close
    redirect    302 to `location` (a loop, or another host)
    huge        a `size`-byte HTML body, streamed
    raw         `body` bytes with `content_type` as given (GBK bytes, a PDF, an empty 200)

Normal pages carry ETag and honour If-None-Match (304). `served` counts requests per key,
`conditional` counts the ones that carried If-None-Match / If-Modified-Since, `times` keeps
when each request arrived (to check retry backoff). `run_crawl` runs `scrapy crawl` in a
subprocess through a server's proxy URL.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import struct
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.demo.server import LoopbackServer


@dataclass
class Fault:
    kind: str
    options: dict[str, Any] = field(default_factory=dict)


class FaultServer(LoopbackServer):
    def __init__(self, pages: dict[str, bytes] | None = None) -> None:
        self.pages: dict[str, bytes] = pages if pages is not None else {}
        self.faults: dict[str, Fault] = {}
        self.served: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self.times: dict[str, list[float]] = {}  # key -> time.monotonic() of each request
        super().__init__(_make_handler(self), name="fault-server")

    def fault(self, key: str, kind: str, **options: Any) -> None:
        self.faults[key] = Fault(kind, options)


def _make_handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if self.path.startswith(("http://", "https://")):
                parts = urlsplit(self.path)
                key = f"{parts.hostname}{parts.path or '/'}"
            else:
                key = f"{(self.headers.get('Host') or '').split(':')[0]}{self.path.split('?')[0]}"
            server.served[key] += 1
            server.times.setdefault(key, []).append(time.monotonic())
            if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                server.conditional[key] += 1
            fault = server.faults.get(key)
            try:
                if fault is not None:
                    getattr(self, f"_fault_{fault.kind}")(**fault.options)
                elif key in server.pages:
                    self._page(server.pages[key], key)
                else:
                    self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler hung up (size cap, timeout): expected

        def _page(self, body: bytes, key: str) -> None:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if etag in (self.headers.get("If-None-Match") or ""):
                self._send(304, b"", {"ETag": etag})
                return
            ctype = "text/plain" if key.endswith(".txt") else "text/html; charset=utf-8"
            self._send(200, body, {"ETag": etag}, ctype)

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
                  ctype: str | None = "text/html; charset=utf-8") -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _fault_status(self, status: int) -> None:
            self._send(status, f"<html><body><h1>{status}</h1></body></html>".encode())

        def _fault_timeout(self, seconds: float = 5.0) -> None:
            time.sleep(seconds)
            self.close_connection = True

        def _fault_reset(self) -> None:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.wfile = io.BytesIO()  # http.server flushes after us: into the void, not the dead socket
            self.close_connection = True

        def _fault_truncated(self, body: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True

        def _fault_redirect(self, location: str) -> None:
            self._send(302, b"", {"Location": location})

        def _fault_huge(self, size: int) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"<p>" + "填充".encode() * 20000 + b"</p>\n"
            sent = 0
            while sent < size:
                part = chunk[: size - sent]
                self.wfile.write(part)
                sent += len(part)
            self.close_connection = True

        def _fault_raw(self, body: bytes, content_type: str | None) -> None:
            self._send(200, body, None, content_type)

        def log_message(self, format: str, *args: object) -> None:  # quiet; tests read `served`
            return

    return Handler


REPO = Path(__file__).resolve().parents[1]


def run_crawl(proxy_url: str, exports: Path, *args: str, settings: dict[str, Any] | None = None,
              timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """`scrapy crawl <args>` in a subprocess, fetching through `proxy_url`, fast and quiet settings."""
    opts = {"EXPORTS_DIR": str(exports), "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False,
            "RETRY_BACKOFF_BASE": 0.05, "LOG_LEVEL": "INFO", **(settings or {})}
    cmd = [sys.executable, "-m", "scrapy", "crawl", *args]
    for name, value in opts.items():
        cmd += ["-s", f"{name}={value}"]
    return subprocess.run(cmd, cwd=REPO, env=crawl_env(proxy_url), capture_output=True, text=True,
                          timeout=timeout)


def crawl_env(proxy_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in {"https_proxy", "no_proxy", "all_proxy"}}
    env.update(http_proxy=proxy_url, PYTHONPATH=str(REPO))
    return env


def read_jsonl(paths: list[Path]) -> list[dict[str, Any]]:
    """Every line of the files, parsed; a line that is not whole JSON fails loudly."""
    out = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(keepends=True), 1):
            assert line.endswith("\n"), f"{path}:{n} is a partial line"
            out.append(json.loads(line))
    return out


def run_outputs(exports: Path, spider: str = "gmw") -> list[Path]:
    """The run files (records only, not failures files), oldest first."""
    files = [p for p in exports.glob(f"{spider}-*.jsonl") if not p.name.endswith(".failures.jsonl")]
    return sorted(files, key=lambda p: p.stat().st_mtime_ns)


def summaries(exports: Path) -> list[dict[str, Any]]:
    paths = sorted(exports.glob("*.summary.json"), key=lambda p: p.stat().st_mtime_ns)
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]
