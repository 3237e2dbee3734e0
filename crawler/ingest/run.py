"""Run `zhnews extract`: tasks through worker processes in order, whole lines out, progress, resume, summary."""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np

from crawler.ingest import work
from crawler.ingest.sources import Sources, Task
from crawler.record import utc_now
from pipelines.jsonl import append_whole_line

log = logging.getLogger("crawler.ingest")

CHUNK = 8  # tasks per message to a worker
WINDOW = 4  # chunks in flight per worker: bounds memory (pages held) whatever the input size

_options: work.Options | None = None


def _init_worker(options: work.Options, parent: int) -> None:
    global _options
    _options = options
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose command was killed (even with SIGKILL) ends too, instead of waiting forever."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _work_chunk(tasks: list[Task]) -> list[work.Outcome]:
    assert _options is not None
    return [work.process(task, _options) for task in tasks]


def ordered_outcomes(tasks: Iterable[Task], options: work.Options, jobs: int
                     ) -> Iterator[tuple[Task, work.Outcome]]:
    """(task, outcome) in input order; at most jobs * WINDOW chunks of pages in memory at once."""
    source = iter(tasks)
    if jobs <= 1:
        for task in source:
            yield _stripped(task), work.process(task, options)
        return
    # fork: the workers start with the extractor already imported (no second start-up cost per worker).
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(options, os.getpid())) as pool:
        pending: deque[tuple[list[Task], Future]] = deque()
        while True:
            while len(pending) < jobs * WINDOW:
                chunk = list(islice(source, CHUNK))
                if not chunk:
                    break
                pending.append(([_stripped(t) for t in chunk], pool.submit(_work_chunk, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            yield from zip(chunk, future.result(), strict=True)


def _stripped(task: Task) -> Task:
    """The task without its page bytes (kept for the log and the progress bar once the page is sent)."""
    return Task(task.where, task.ref, task.url, verdict=task.verdict, detail=task.detail,
                warnings=task.warnings, progress=task.progress)


# -- --resume ---------------------------------------------------------------------------------------------------

def _key(ref: str) -> int:
    return int.from_bytes(hashlib.blake2b(ref.encode("utf-8"), digest_size=8).digest(), "little")


class DoneRefs:
    """The refs already in an output file, as a sorted array of 64-bit hashes (8 bytes a record)."""

    def __init__(self, keys: np.ndarray) -> None:
        self.keys = keys

    @classmethod
    def from_output(cls, path: Path) -> DoneRefs:
        keys = []
        decoder = json.JSONDecoder()
        with path.open("rb") as fh:
            for line in fh:
                text = line.decode("utf-8", errors="replace")
                at = text.rfind('"ref":')
                if at < 0:
                    continue
                try:
                    ref, _ = decoder.raw_decode(text, at + 6)
                except ValueError:
                    continue
                if isinstance(ref, str):
                    keys.append(_key(ref))
        return cls(np.unique(np.array(keys, dtype=np.uint64)))

    def __len__(self) -> int:
        return len(self.keys)

    def __call__(self, ref: str | None) -> bool:
        if ref is None or not len(self.keys):
            return False
        key = np.uint64(_key(ref))
        at = int(np.searchsorted(self.keys, key))
        return at < len(self.keys) and self.keys[at] == key


def whole_lines_only(path: Path) -> int:
    """Cut a partial last line (a run killed mid-write); return the size kept."""
    size = path.stat().st_size
    if not size:
        return 0
    with path.open("rb+") as fh:
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return size
        keep, block = 0, 1 << 16
        position = size
        while position > 0:
            start = max(0, position - block)
            fh.seek(start)
            chunk = fh.read(position - start)
            at = chunk.rfind(b"\n")
            if at >= 0:
                keep = start + at + 1
                break
            position = start
        fh.truncate(keep)
    log.warning("%s: cut a partial last line (%d bytes) left by an interrupted run", path, size - keep)
    return keep


# -- the run ------------------------------------------------------------------------------------------------------

@dataclass
class Tally:
    outcomes: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    filled: Counter = field(default_factory=Counter)

    def add(self, task: Task, outcome: work.Outcome) -> None:
        self.outcomes[outcome.kind] += 1
        if outcome.reason:
            self.reasons[f"{outcome.kind}/{outcome.reason}"] += 1
        self.warnings.update(task.warnings)
        self.filled.update(outcome.filled)


class Progress:
    """tqdm on stderr (input bytes, so the ETA holds for archives too) with rec/s and the counts."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar = None
        self.started = time.monotonic()
        self.last = 0.0
        if enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked later
            self.bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                            dynamic_ncols=True, mininterval=0.5, desc="extract")

    def update(self, position: int, tally: Tally, *, final: bool = False) -> None:
        if self.bar is None:
            return
        now = time.monotonic()
        if position > self.bar.n:
            self.bar.update(position - self.bar.n)
        if now - self.last >= 0.5 or final:
            self.last = now
            done = sum(tally.outcomes.values())
            self.bar.set_postfix_str(
                f"{done / max(now - self.started, 1e-9):.1f} rec/s written={tally.outcomes['written']} "
                f"skipped={tally.outcomes['skipped']} failed={tally.outcomes['failed']}", refresh=final)

    def close(self, tally: Tally) -> None:
        if self.bar is not None:
            self.update(self.bar.n, tally, final=True)
            self.bar.close()


def summary_path(out: Path) -> Path:
    name = out.name
    for suffix in (".jsonl.gz", ".jsonl"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return out.with_name(name + ".summary.json")


def run(sources: Sources, options: work.Options, out: Path, *, jobs: int, resumed: int | None,
        progress: bool, command: list[str]) -> dict:
    """Extract everything `sources` gives into `out`; the summary.

    `resumed`: None starts `out` afresh; a number appends to it (that many records were already there).
    """
    started, started_at = time.monotonic(), utc_now()
    tally = Tally()
    out.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resumed is not None else os.O_TRUNC)
    fd = os.open(out, flags, 0o644)
    offset = os.lseek(fd, 0, os.SEEK_END)
    bar = Progress(progress, sources.total_bytes() if progress else None)
    try:
        for task, outcome in ordered_outcomes(sources, options, jobs):
            if outcome.line is not None:
                try:
                    offset = append_whole_line(fd, offset, outcome.line)
                except OSError as exc:
                    outcome = work.Outcome("failed", "write-error", detail=str(exc))
            tally.add(task, outcome)
            _log(task, outcome)
            bar.update(task.progress, tally)
    finally:
        bar.close(tally)
        os.fsync(fd)
        os.close(fd)
    seconds = time.monotonic() - started
    written = tally.outcomes["written"]
    summary = {
        "kind": "extract",
        # What `zhnews check` reads: ok unless an input failed.
        "status": "failed" if tally.outcomes["failed"] else "ok",
        "finish_reason": "finished",
        "command": command,
        "out": str(out),
        "started_at": started_at,
        "finished_at": utc_now(),
        "seconds": round(seconds, 2),
        "jobs": jobs,
        "shard": f"{sources.shard.index}/{sources.shard.count}",
        "resumed_after_records": resumed,
        "pages": sum(tally.outcomes.values()),
        "pages_per_second": round(sum(tally.outcomes.values()) / seconds, 2) if seconds else None,
        "outcomes": {k: tally.outcomes[k] for k in ("written", "skipped", "failed")},
        "reasons": dict(sorted(tally.reasons.items())),
        "warnings": dict(sorted(tally.warnings.items())),
        "other_warc_records": dict(sorted(sources.other_records.items())),
        "inputs_not_found": list(sources.missing),
        "fill_rate": {f: round(tally.filled[f] / written, 4) if written else None for f in work.FILL_FIELDS},
    }
    return summary


def _log(task: Task, outcome: work.Outcome) -> None:
    for warning in task.warnings:
        log.warning("%s (%s): %s: %s", task.where, task.ref, warning, task.detail)
    if outcome.kind == "failed":
        log.error("%s (%s): failed: %s%s", task.where, task.ref, outcome.reason,
                  f": {outcome.detail}" if outcome.detail else "")
    elif outcome.kind == "skipped" and outcome.reason not in _QUIET_SKIPS:
        log.info("%s (%s): skipped: %s%s", task.where, task.ref, outcome.reason,
                 f": {outcome.detail}" if outcome.detail else "")


# Skips that are the point of a filter or a resume: counted in the summary, not logged one by one.
_QUIET_SKIPS = {"other-site", "not-profiled", "already-in-output", "outside-dates"}
