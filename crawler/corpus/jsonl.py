"""Reading and writing JSONL exports: whole lines only, bad lines logged and counted, never fatal."""

from __future__ import annotations

import gzip
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from jsonschema import Draft202012Validator

from crawler.corpus import load_schema

log = logging.getLogger(__name__)

# Optional keys the corpus tools add to a record (`python -m crawler.corpus dedup`); in the published schema, never required.
ANNOTATIONS: tuple[str, ...] = ("dup_of", "similarity")


def open_text(path: Path, mode: str = "r", *, gz: bool | None = None) -> IO[str]:
    if path.suffix == ".gz" if gz is None else gz:
        return gzip.open(path, mode + "t", encoding="utf-8", newline="\n")
    return path.open(mode, encoding="utf-8", newline="\n")


def iter_lines(paths: Iterable[Path]) -> Iterator[tuple[Path, int, str]]:
    """(path, 1-based line number, line) for every non-blank line of every file."""
    for path in paths:
        with open_text(path) as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    yield path, number, line


@dataclass
class ReadStats:
    lines: int = 0
    records: int = 0
    bad_json: int = 0
    invalid: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"lines": self.lines, "records": self.records, "bad_json": self.bad_json, "invalid": self.invalid}


def parse_line(line: str) -> tuple[dict | None, str | None]:
    """The record on a line, or None and why not."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON: {exc.msg} at column {exc.colno}"
    if not isinstance(value, dict):
        return None, f"not a JSON object but {type(value).__name__}"
    return value, None


def minimal_problem(record: dict) -> str | None:
    """What a step that only matches bodies needs: a string id, and a body that is text or null."""
    if not isinstance(record.get("id"), str) or not record["id"]:
        return "id: missing or not a non-empty string"
    if not isinstance(record.get("body"), (str, type(None))):
        return "body: not a string"
    return None


def read_records(paths: Iterable[Path], stats: ReadStats | None = None, *, full_schema: bool = True
                 ) -> Iterator[dict]:
    """Records from JSONL files; lines that are not JSON objects or fail the check are logged and skipped.

    full_schema=False checks only id and body (for steps that pass records through untouched: several times
    faster than the JSON Schema on big files; `python -m crawler.corpus validate` checks the rest).
    """
    stats = stats if stats is not None else ReadStats()
    validator = Draft202012Validator(load_schema()) if full_schema else None
    for path, number, line in iter_lines(paths):
        stats.lines += 1
        record, problem = parse_line(line)
        if record is None:
            stats.bad_json += 1
            log.warning("%s:%d skipped: %s", path, number, problem)
            continue
        if validator is not None:
            error = next(iter(validator.iter_errors(record)), None)
            problem = describe_error(error) if error is not None else None
        else:
            problem = minimal_problem(record)
        if problem:
            stats.invalid += 1
            log.warning("%s:%d skipped: %s", path, number, problem)
            continue
        stats.records += 1
        yield record


def describe_error(error) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "(record)"
    return f"{where}: {error.message}"


def write_records(path: Path, records: Iterable[dict]) -> int:
    """Write records as JSONL, one whole line each, replacing `path` only once everything is written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    count = 0
    with open_text(tmp, "w", gz=path.suffix == ".gz") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    os.replace(tmp, path)
    return count
