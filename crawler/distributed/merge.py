"""The union of the workers' JSONL files: one record per article id.

Each worker writes its own file. A record appears in two files only if a worker was killed between
writing a line and remembering it in the seen-store, and its request was then redone by another
worker; the merge keeps one line per id: the highest `revision`, then the latest `crawled_at`.
A half-written last line (a killed worker) is skipped with a warning.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


def read_records(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                logger.warning("%s:%d: not a whole JSON line (a killed worker?), skipped", path, number)
                continue
            if isinstance(record, dict) and record.get("id"):
                yield record


def _rank(record: dict) -> tuple[int, str]:
    return int(record.get("revision") or 1), str(record.get("crawled_at") or "")


def merge_records(paths: Iterable[Path]) -> tuple[list[dict], int]:
    """(records, duplicates dropped); records in first-seen order."""
    best: dict[str, dict] = {}
    duplicates = 0
    for path in paths:
        for record in read_records(path):
            old = best.get(record["id"])
            if old is not None:
                duplicates += 1
                if _rank(record) <= _rank(old):
                    continue
            best[record["id"]] = record
    return list(best.values()), duplicates


def write_merged(paths: Iterable[Path], out: Path) -> tuple[int, int]:
    """Write the union to `out` (whole lines, contract key order kept); (records, duplicates dropped)."""
    from pipelines.jsonl import record_line

    records, duplicates = merge_records(paths)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("wb") as fh:
        for record in records:
            fh.write(record_line(record))
    tmp.replace(out)
    return len(records), duplicates
