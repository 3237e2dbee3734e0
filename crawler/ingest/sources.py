"""The inputs of `zhnews extract`, streamed one page at a time.

An input argument is a file, a folder (walked recursively, in sorted order) or a glob. By name:
- `*.warc`, `*.warc.gz`, `*.arc`, `*.arc.gz`: an archive; every HTTP response record is a page;
- `*.jsonl`: a manifest, one `{"ref", "url", "path"[, "fetched_at"]}` object a line;
- anything else given by name, and `*.html`/`*.htm`/`*.shtml`/`*.xhtml` found in folders: a saved page.

The unit of `--shard K/N` is a whole archive file, one manifest line or one HTML file: the K-th of
every N units in input order, so N machines given the same arguments split the work with no coordinator.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from crawler.corpus.jsonl import is_side_file

log = logging.getLogger(__name__)

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
MANIFEST_SUFFIXES = (".jsonl",)
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Task:
    """One page to extract, or an input already decided (`verdict`) before extraction."""

    where: str  # for messages: `manifest.jsonl:12`, `file.warc.gz@1234`, `pages/a.html`
    ref: str | None = None  # the record's `ref`: manifest ref, WARC-Record-ID or file path (--resume key)
    url: str | None = None
    data: bytes | None = None
    fetched_at: datetime | None = None
    charset: str | None = None  # the HTTP Content-Type charset: a hint only
    verdict: tuple[str, str] | None = None  # ("skipped" | "failed", reason)
    detail: str = ""  # why, for the log
    warnings: list[str] = field(default_factory=list)
    progress: int = 0  # input bytes consumed so far, this task included (for the progress bar)


@dataclass
class Shard:
    index: int = 1  # 1-based
    count: int = 1

    @classmethod
    def parse(cls, text: str) -> Shard:
        k, sep, n = text.partition("/")
        if not sep or not k.isdigit() or not n.isdigit() or not 1 <= int(k) <= int(n):
            raise ValueError(f"--shard expects K/N with 1 <= K <= N, got {text!r}")
        return cls(int(k), int(n))

    def mine(self, unit: int) -> bool:
        return unit % self.count == self.index - 1


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    if name.endswith(MANIFEST_SUFFIXES):
        return "manifest"
    return "html"


def input_files(arguments: list[str], missing: list[str]) -> Iterator[Path]:
    """Every input file, in a deterministic order; arguments that match nothing go to `missing`."""
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = walk(path)
        elif path.is_file():
            found = iter([path])
        else:
            found = (Path(p) for p in sorted(glob.glob(argument, recursive=True)) if Path(p).is_file())
        empty = True
        for file in found:
            empty = False
            if is_side_file(file):
                log.info("%s: skipped, a run's side file (failures, summary or unfinished output)", file)
                continue
            yield file
        if empty:
            missing.append(argument)


def walk(folder: Path) -> Iterator[Path]:
    """Pages and archives under `folder`, in sorted order, one directory listing in memory at a time."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(HTML_SUFFIXES + ARCHIVE_SUFFIXES):
                yield Path(root) / name


def utc_time(value: object) -> datetime | None:
    """An ISO 8601 time (`2024-05-21T09:00:00+08:00`, `...Z`); a time without offset is read as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def read_capped(path: Path, cap: int) -> bytes | None:
    """The file's bytes, or None when it is bigger than `cap` (checked before and while reading)."""
    if path.stat().st_size > cap:
        return None
    with path.open("rb") as fh:
        data = fh.read(cap + 1)
    return None if len(data) > cap else data


class Sources:
    """Turns input arguments into Tasks, streaming: one page in memory at a time."""

    def __init__(self, arguments: list[str], *, max_size: int, shard: Shard | None = None,
                 url_map: dict[str, str] | None = None, wanted: Callable[[str | None], str | None] | None = None,
                 done: Callable[[str], bool] | None = None) -> None:
        self.arguments = arguments
        self.max_size = max_size
        self.shard = shard or Shard()
        self.url_map = url_map or {}
        self.wanted = wanted or (lambda url: None)  # url -> skip reason, or None to keep
        self.done = done or (lambda ref: False)  # ref already in the output (--resume)
        self.missing: list[str] = []
        self.other_records: Counter = Counter()  # WARC records that are not pages: request, metadata...
        self.unit = -1

    def total_bytes(self) -> int:
        return sum(file_size(p) for p in input_files(self.arguments, []))

    def __iter__(self) -> Iterator[Task]:
        consumed = 0
        for path in input_files(self.arguments, self.missing):
            kind = kind_of(path)
            size = file_size(path)
            if kind == "archive":
                self.unit += 1
                if self.shard.mine(self.unit):
                    for task in self.archive(path):
                        task.progress += consumed
                        yield task
            elif kind == "manifest":
                for task in self.manifest(path):
                    task.progress += consumed
                    yield task
            else:
                self.unit += 1
                if self.shard.mine(self.unit):
                    task = self.html_file(path)
                    task.progress = consumed + size
                    yield task
            consumed += size

    # -- saved pages ---------------------------------------------------------------------------------------

    def html_file(self, path: Path) -> Task:
        ref = str(path)
        task = Task(ref, ref=ref, url=self.url_map.get(str(path.resolve())))
        if self.done(ref):
            task.verdict = ("skipped", "already-in-output")
            return task
        try:
            saved = path.stat().st_mtime
        except OSError as exc:
            task.verdict, task.detail = ("failed", "unreadable"), str(exc)
            return task
        task.fetched_at = datetime.fromtimestamp(int(saved), timezone.utc)  # when it was saved
        return self.loaded(task, path)

    def loaded(self, task: Task, file: Path) -> Task:
        """The task with the file's bytes (then filtered), or its failed / too-large verdict."""
        try:
            data = read_capped(file, self.max_size)
        except OSError as exc:
            task.verdict, task.detail = ("failed", "unreadable"), str(exc)
            return task
        if data is None:
            task.verdict, task.detail = ("skipped", "too-large"), f"{file} is bigger than {self.max_size} bytes"
            return task
        task.data = data
        return self.filtered(task)

    def filtered(self, task: Task) -> Task:
        reason = self.wanted(task.url) if task.url else None
        if reason:
            task.verdict, task.data = ("skipped", reason), None
        return task

    # -- manifests -----------------------------------------------------------------------------------------

    def manifest(self, path: Path) -> Iterator[Task]:
        """One task per non-blank line; a bad line is a failed task with its line number, never the end."""
        base = path.parent
        consumed = 0
        try:
            fh = path.open("rb")
        except OSError as exc:
            yield Task(str(path), verdict=("failed", "unreadable"), detail=str(exc))
            return
        with fh:
            for lineno, raw in enumerate(fh, 1):
                consumed += len(raw)
                if not raw.strip():
                    continue
                self.unit += 1
                if not self.shard.mine(self.unit):
                    continue
                task = self.manifest_line(base, raw, f"{path}:{lineno}")
                task.progress = consumed
                yield task

    def manifest_line(self, base: Path, raw: bytes, where: str) -> Task:
        task = Task(where)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            task.verdict, task.detail = ("failed", "bad-manifest-line"), f"not UTF-8 ({exc.reason} at byte {exc.start})"
            return task
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            task.verdict, task.detail = ("failed", "bad-manifest-line"), f"not JSON ({exc.msg}, column {exc.colno})"
            return task
        if not isinstance(entry, dict):
            task.verdict = ("failed", "bad-manifest-line")
            task.detail = f"not a JSON object but {type(entry).__name__}"
            return task
        page = entry.get("path")
        if not isinstance(page, str) or not page:
            task.verdict, task.detail = ("failed", "bad-manifest-line"), f"path is not a non-empty string: {page!r}"
            return task
        ref, url = entry.get("ref"), entry.get("url")
        task.ref = str(ref) if ref is not None and ref != "" else page
        task.url = url if isinstance(url, str) and url else None
        if self.done(task.ref):
            task.verdict = ("skipped", "already-in-output")
            return task
        if entry.get("fetched_at"):
            task.fetched_at = utc_time(entry["fetched_at"])
            if task.fetched_at is None:
                task.warnings.append("bad-fetched_at")
                task.detail = f"fetched_at {entry['fetched_at']!r} is not an ISO 8601 time; using now"
        file = Path(page)
        file = file if file.is_absolute() else base / file
        return self.loaded(task, file)

    # -- WARC / ARC ----------------------------------------------------------------------------------------

    def archive(self, path: Path) -> Iterator[Task]:
        """Every response record, as a task; a damaged or cut file is read up to the damage."""
        size = file_size(path)
        # warcio gives ARC records a random WARC-Record-ID on every read: their ref is file name and offset.
        arc = path.name.lower().endswith((".arc", ".arc.gz"))
        try:
            fh = path.open("rb")
        except OSError as exc:
            yield Task(str(path), verdict=("failed", "unreadable"), detail=str(exc))
            return
        with fh:
            records = ArchiveIterator(fh, arc2warc=True)
            try:
                for record in records:
                    offset = records.offset  # (get_record_offset() would consume the record)
                    task = self.archive_record(record, f"{path}@{offset}", f"{path.name}@{offset}" if arc else None)
                    if task is not None:
                        task.progress = fh.tell()
                        yield task
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:  # a cut or damaged file
                yield Task(f"{path}@{records.offset}", verdict=("failed", "archive-damaged"),
                           detail=f"{type(exc).__name__}: {exc}; the rest of the file is lost", progress=fh.tell())
                return
            # warcio ends quietly at a cut gzip member: the bytes after the last whole record are a lost record.
            if records.offset < size:
                yield Task(f"{path}@{records.offset}", verdict=("failed", "archive-truncated"),
                           detail=f"{size - records.offset} bytes at the end are not a whole record", progress=size)

    def archive_record(self, record, where: str, ref: str | None) -> Task | None:
        kind = record.rec_type
        if kind not in ("response", "revisit"):
            self.other_records[kind] += 1
            return None
        headers = record.rec_headers
        task = Task(where, ref=ref or headers.get_header("WARC-Record-ID") or where,
                    url=headers.get_header("WARC-Target-URI") or None,
                    fetched_at=utc_time(headers.get_header("WARC-Date")))
        if self.done(task.ref):
            task.verdict = ("skipped", "already-in-output")
            return task
        if kind == "revisit":
            task.verdict = ("skipped", "warc-revisit")
            return task
        http = record.http_headers
        if http is None:
            task.verdict = ("skipped", "not-http")
            return task
        status = http.get_statuscode()
        if status != "200":
            task.verdict = ("skipped", f"http-{status}")
            return task
        content_type = (http.get_header("Content-Type") or "").lower()
        mime, _, params = content_type.partition(";")
        if mime.strip() not in HTML_TYPES:
            task.verdict = ("skipped", "not-html")
            return task
        task = self.filtered(task)
        if task.verdict:
            return task
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip() == "charset" and value.strip():
                task.charset = value.strip().strip("\"'")
        if (record.length or 0) > self.max_size + 65536:  # record length includes the HTTP headers
            task.verdict, task.detail = ("skipped", "too-large"), f"record of {record.length} bytes"
            return task
        data = record.content_stream().read(self.max_size + 1)
        if len(data) > self.max_size:
            task.verdict, task.detail = ("skipped", "too-large"), f"bigger than {self.max_size} bytes"
            return task
        if getattr(record.raw_stream, "limit", 0):  # the file ended inside this record
            task.verdict = ("failed", "archive-truncated")
            task.detail = f"the record is cut short ({record.raw_stream.limit} bytes missing)"
            return task
        task.data = data
        return task


def load_url_map(path: Path) -> dict[str, str]:
    """`--url-map`: lines `<file path> <TAB> <url>` or JSON `{"path": ..., "url": ...}`; paths relative to the map."""
    mapping: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            entry = json.loads(line)
            page, url = entry.get("path"), entry.get("url")
        else:
            page, _, url = line.partition("\t")
        if not isinstance(page, str) or not isinstance(url, str) or not url.strip():
            raise ValueError(f"{path}:{lineno}: expected a path and a URL")
        file = Path(page.strip())
        file = file if file.is_absolute() else path.parent / file
        mapping[str(file.resolve())] = url.strip()
    return mapping



def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone since it was listed: reading it will say so
        return 0
