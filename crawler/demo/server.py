"""A loopback HTTP server that plays many hosts: pages are keyed "host/path".

It answers both as a plain server and as an HTTP proxy (requests with an absolute URI, as
Scrapy sends through `http_proxy`), so a crawl can fetch the real URLs
(`http://news.gmw.cn/node_90001.htm`) while every byte comes from 127.0.0.1. Nothing ever
leaves the machine: an unknown host or path is a 404.

Responses carry ETag and Last-Modified and honour If-None-Match / If-Modified-Since (304),
so conditional-request logic can be tested against it. `served` counts requests per path.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

_TYPES = {".htm": "text/html; charset=utf-8", ".html": "text/html; charset=utf-8", ".txt": "text/plain",
          ".jsonl": "application/json"}
_EPOCH = 1716912000  # Last-Modified of every page: 2024-05-28T16:00:00Z
_LAST_MODIFIED = formatdate(_EPOCH, usegmt=True)


class DirectoryPages(Mapping[str, bytes]):
    """Pages read from disk: key "host/path" is the file root/host/path."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def __getitem__(self, key: str) -> bytes:
        path = (self.root / key).resolve()
        if self.root not in path.parents or not path.is_file():
            raise KeyError(key)
        return path.read_bytes()

    def __iter__(self) -> Iterator[str]:
        return (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Httpd(ThreadingHTTPServer):
    request_queue_size = 128  # a crawl opens many connections at once; the default backlog of 5 drops some


class LoopbackServer:
    """An HTTP server on 127.0.0.1 (port 0 picks a free port) in a daemon thread; subclasses give the handler."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], port: int = 0, name: str = "loopback-server") -> None:
        self._httpd = _Httpd(("127.0.0.1", port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name=name, daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class SiteServer(LoopbackServer):
    """Serve `pages` on 127.0.0.1 (port 0 picks a free port) from a daemon thread.

        with SiteServer(pages) as server:
            env["http_proxy"] = server.proxy_url
    """

    def __init__(self, pages: Mapping[str, bytes] | Path, port: int = 0) -> None:
        self.pages: Mapping[str, bytes] = DirectoryPages(pages) if isinstance(pages, Path) else pages
        self.served: Counter[str] = Counter()
        self._etags: dict[str, tuple[bytes, str]] = {}  # key -> (the body hashed, its ETag)
        super().__init__(_handler(self), port, name="site-server")

    def etag(self, key: str, body: bytes) -> str:
        """The page's ETag, hashed once per body: a page replaced in `pages` is the new object, hashed anew."""
        cached = self._etags.get(key)
        if cached is not None and cached[0] is body:
            return cached[1]
        tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if not isinstance(self.pages, DirectoryPages):  # bodies read from disk are new objects every time
            self._etags[key] = (body, tag)
        return tag

    def lookup(self, host: str, path: str) -> tuple[str, bytes] | None:
        key = f"{host}{path}"
        if key.endswith("/"):
            key += "index.html"
        body = self.pages.get(key)
        return None if body is None else (key, body)


def _handler(server: SiteServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms stalls

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._answer(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(with_body=False)

        def _answer(self, with_body: bool) -> None:
            if self.path.startswith(("http://", "https://")):  # proxy form: absolute URI
                parts = urlsplit(self.path)
                host, path = parts.hostname or "", parts.path or "/"
            else:
                host, path = (self.headers.get("Host") or "").split(":")[0], self.path.split("?")[0]
            found = server.lookup(host.lower(), path)
            server.served[f"{host}{path}"] += 1
            if found is None:
                self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html", {}, with_body)
                return
            key, body = found
            etag = server.etag(key, body)
            headers = {"ETag": etag, "Last-Modified": _LAST_MODIFIED}
            if self._not_modified(etag):
                self._send(304, b"", None, headers, with_body)
                return
            ctype = _TYPES.get(Path(key).suffix, "application/octet-stream")
            self._send(200, body, ctype, headers, with_body)

        def _not_modified(self, etag: str) -> bool:
            if (match := self.headers.get("If-None-Match")) is not None:
                return etag in [m.strip() for m in match.split(",")]
            if since := self.headers.get("If-Modified-Since"):
                try:
                    return parsedate_to_datetime(since).timestamp() >= _EPOCH
                except (TypeError, ValueError):
                    return False
            return False

        def _send(self, status: int, body: bytes, ctype: str | None, headers: dict[str, str], with_body: bool) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body and body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet: tests read `served`
            return

    return Handler
