"""The gold corpus and its scorer, found beside the repo (or via ZHNEWS_CORPUS)."""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import crawler.extract  # noqa: F401  (import before crawler.sites: the two import each other)
from crawler.sites import profile_for_url

REPO = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    return Path(os.environ.get("ZHNEWS_CORPUS") or REPO.parent / "shared" / "corpus")


def load_scorer(path: Path) -> ModuleType:
    """The shared scorer (tools/score.py, a sibling of the corpus folder), imported as a module."""
    spec = importlib.util.spec_from_file_location("zhnews_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Page:
    ref: str
    url: str
    site: str
    data: bytes
    profiled: bool  # a site profile claims this URL


def load_gold(corpus: Path) -> list[dict]:
    with (corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def article_pages(corpus: Path, gold: list[dict]) -> list[Page]:
    """Every kind=article page of the gold file, read once into memory."""
    pages = []
    for g in gold:
        if g.get("kind", "article") != "article":
            continue
        url = g.get("url") or ""
        data = (corpus / g["file"]).read_bytes()
        pages.append(Page(g["id"], url, g.get("site", "?"), data, profile_for_url(url) is not None))
    return pages
