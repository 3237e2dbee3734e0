"""JSONL exports to CSV and Parquet: one row per article, columns in contract order."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from crawler.corpus import load_schema
from crawler.corpus.jsonl import ANNOTATIONS

ROW_GROUP = 10_000


def columns(records_have: Iterable[str] = ()) -> list[str]:
    """Contract keys in order, then any annotation keys present."""
    keys = list(load_schema()["required"])
    extra = set(records_have)
    return keys + [k for k in ANNOTATIONS if k in extra]


def _arrow_type(spec: dict) -> pa.DataType:
    kinds = spec.get("type")
    kinds = [kinds] if isinstance(kinds, str) else [k for k in (kinds or []) if k != "null"]
    kind = kinds[0] if kinds else "string"
    if kind == "array":
        return pa.list_(_arrow_type(spec.get("items", {})))
    return {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}.get(kind, pa.string())


def arrow_schema(names: list[str]) -> pa.Schema:
    props = load_schema()["properties"]
    return pa.schema([pa.field(name, _arrow_type(props[name])) for name in names])


def _batches(records: Iterator[dict], size: int) -> Iterator[list[dict]]:
    while chunk := list(islice(records, size)):
        yield chunk


def _peek_keys(records: Iterable[dict]) -> tuple[list[str], Iterator[dict]]:
    """Columns from the first record (every record carries the same keys), without losing it."""
    it = iter(records)
    first = next(it, None)
    if first is None:
        return columns(), iter(())
    return columns(first), _chain(first, it)


def _chain(first: dict, rest: Iterator[dict]) -> Iterator[dict]:
    yield first
    yield from rest


def to_parquet(records: Iterable[dict], path: Path, *, compression: str = "zstd") -> int:
    """Write records to one Parquet file (list fields stay list<string>); returns the row count."""
    names, it = _peek_keys(records)
    schema = arrow_schema(names)
    tmp = path.with_name(path.name + ".part")
    rows = 0
    with pq.ParquetWriter(tmp, schema, compression=compression) as writer:
        for chunk in _batches(it, ROW_GROUP):
            table = pa.Table.from_pylist([{k: r.get(k) for k in names} for r in chunk], schema=schema)
            writer.write_table(table)
            rows += len(chunk)
    os.replace(tmp, path)
    return rows


def csv_cell(value: object) -> object:
    """Lists as JSON arrays (unambiguous, since names may contain any separator); null as an empty cell."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def to_csv(records: Iterable[dict], path: Path, *, bom: bool = False) -> int:
    """Write records to CSV (UTF-8, with a BOM for spreadsheet programs if asked); returns the row count."""
    names, it = _peek_keys(records)
    tmp = path.with_name(path.name + ".part")
    rows = 0
    with tmp.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for record in it:
            writer.writerow([csv_cell(record.get(k)) for k in names])
            rows += 1
    os.replace(tmp, path)
    return rows
