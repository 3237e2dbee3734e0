"""The embedded seen-store: one SQLite file (WAL journal, so a killed crawl never corrupts it)."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import astuple, fields

from crawler.state import RunRecord, SeenEntry

_ENTRY_COLUMNS = tuple(f.name for f in fields(SeenEntry))

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    published_at TEXT,
    etag TEXT,
    last_modified TEXT,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT NOT NULL,
    site TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    items INTEGER NOT NULL,
    fill_rates TEXT NOT NULL,
    PRIMARY KEY (run_id, site)
);
"""


class SQLiteStore:
    """SeenStore on SQLite. Every put/record_run is committed before it returns."""

    def __init__(self, path: str) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
        self._db.executescript(_SCHEMA)

    def _one(self, where: str, value: str) -> SeenEntry | None:
        cols = ", ".join(_ENTRY_COLUMNS)
        row = self._db.execute(f"SELECT {cols} FROM articles WHERE {where} = ? LIMIT 1", (value,)).fetchone()
        return SeenEntry(*row) if row else None

    def get(self, article_id: str) -> SeenEntry | None:
        return self._one("id", article_id)

    def get_by_url(self, url: str) -> SeenEntry | None:
        return self._one("url", url)

    def put(self, entry: SeenEntry) -> None:
        cols = ", ".join(_ENTRY_COLUMNS)
        marks = ", ".join("?" for _ in _ENTRY_COLUMNS)
        self._db.execute(f"INSERT OR REPLACE INTO articles ({cols}) VALUES ({marks})", astuple(entry))

    def record_run(self, run: RunRecord) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO runs (run_id, site, finished_at, items, fill_rates) VALUES (?, ?, ?, ?, ?)",
            (run.run_id, run.site, run.finished_at, run.items, json.dumps(run.fill_rates, sort_keys=True)),
        )

    def fill_history(self, site: str, limit: int = 5) -> list[dict[str, float]]:
        rows = self._db.execute(
            "SELECT fill_rates FROM runs WHERE site = ? ORDER BY finished_at DESC, rowid DESC LIMIT ?",
            (site, limit),
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count(self) -> int:
        """Number of stored articles (tests and summaries; not part of the store interface)."""
        return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self._db.close()
