"""Default output folder for crawl runs, the published JSON Schema of the records, and the corpus tools.

Tools: `python -m exports validate|csv|parquet|dedup|report ...` (see exports/README.md).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

EXPORTS_DIR = Path(__file__).resolve().parent
SCHEMA_PATH = EXPORTS_DIR / "article.schema.json"


@lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
