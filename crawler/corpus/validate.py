"""Validate JSONL files against the published record schema, reporting every problem with its line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator

from crawler.corpus import load_schema
from crawler.corpus.jsonl import describe_error, iter_lines, parse_line


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Summary:
    lines: int = 0
    valid: int = 0

    @property
    def invalid(self) -> int:
        return self.lines - self.valid


def check(paths: Iterable[Path], summary: Summary) -> Iterator[Problem]:
    """Every problem of every line (a line may have several); counts lines and valid lines in `summary`."""
    validator = Draft202012Validator(load_schema())
    for path, number, line in iter_lines(paths):
        summary.lines += 1
        record, problem = parse_line(line)
        if record is None:
            yield Problem(path, number, problem or "unreadable")
            continue
        errors = sorted(validator.iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            yield Problem(path, number, describe_error(error))
        if not errors:
            summary.valid += 1
