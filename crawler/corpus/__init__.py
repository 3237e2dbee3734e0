"""Corpus tools over JSONL exports, and the published JSON Schema of the records.

Tools: `python -m crawler.corpus validate|csv|parquet|dedup|report ...` (see exports/README.md).
The schema's published copy is exports/article.schema.json; article.schema.json here links to it,
so that installed packages (wheels, scrapyd eggs) carry it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).resolve().parent / "article.schema.json"


@lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
