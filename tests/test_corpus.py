"""Accuracy on the shared dev corpus (read-only, never copied into the repo).

The corpus path comes from ZHNEWS_CORPUS (default <repo>/../shared/corpus); every test skips
with a reason when it is absent. Per page: the encoding sniffer matches the gold `encoding`,
and each article's must_include strings are in the body and must_exclude strings are not.
In aggregate: the scorer's metrics (tools/score.py next to the corpus) stay above floors,
for the normal run and for the generic extractor alone (which serves every unknown site).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from crawler.extract import extract
from crawler.extract.encoding import decode_html
from crawler.record import build_record

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("ZHNEWS_CORPUS", REPO.parent / "shared" / "corpus"))
GOLD = CORPUS / "gold.jsonl"
SCORER = CORPUS.parent / "tools" / "score.py"
NO_CORPUS = f"corpus not found at {CORPUS} (set ZHNEWS_CORPUS)"

# Floors: what the extractor reaches on the 61-article corpus (re-based when the corpus grew from 33 to 61
# articles and captions left the gold), rounded down to the scorer's resolution. Ratchet them up as the
# extractor improves; never lower them below the last landed figure. One page is 1/61 = .016 of a field.
# The only reporters miss is sohu-auto-changhe-duibi-20031112 (a 测试： test-team credit the gold counts).
NORMAL_FLOORS = {
    "headline": 1.0, "source": 1.0, "published_at": 1.0, "editor": 1.0, "reporters": 0.98,
    "body_f1": 0.995,
}
GENERIC_FLOORS = {
    "headline": 1.0, "source": 1.0, "published_at": 1.0, "editor": 1.0, "reporters": 0.98,
    "body_f1": 0.995,
}
NORMAL_MAX_LEAK = 0.0
GENERIC_MAX_LEAK = 0.0

# Pages whose substring checks fail today, and why (kept visible as xfail, not hidden).
KNOWN_GAPS = {
    "dahe-epaper-20220212": "e-paper subtitle line sits outside the body block",
}


def _gold() -> list[dict]:
    if not GOLD.is_file():
        return []
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


GOLD_ROWS = _gold()
ARTICLES = [g for g in GOLD_ROWS if g.get("kind", "article") == "article"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@cache
def _record(page_id: str, use_profiles: bool) -> dict:
    gold = next(g for g in GOLD_ROWS if g["id"] == page_id)
    result = extract((CORPUS / gold["file"]).read_bytes(), gold.get("url") or "", use_profiles=use_profiles)
    record = build_record(result)
    record["ref"] = page_id
    return record


def _scorer():
    spec = importlib.util.spec_from_file_location("zhnews_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not GOLD_ROWS, reason=NO_CORPUS)
@pytest.mark.parametrize("gold", GOLD_ROWS, ids=[g["id"] for g in GOLD_ROWS])
def test_encoding_sniffer(gold: dict) -> None:
    _, encoding = decode_html((CORPUS / gold["file"]).read_bytes())
    assert encoding == gold["encoding"]


@pytest.mark.skipif(not ARTICLES, reason=NO_CORPUS)
@pytest.mark.parametrize("gold", ARTICLES, ids=[g["id"] for g in ARTICLES])
def test_article_substrings(gold: dict, request: pytest.FixtureRequest) -> None:
    if gold["id"] in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[gold["id"]], strict=False))
    body = _flat(_record(gold["id"], True)["body"])
    missing = [s for s in gold.get("must_include", []) if _flat(s) not in body]
    leaked = [s for s in gold.get("must_exclude", []) if _flat(s) in body]
    assert not missing, f"body misses {missing}"
    assert not leaked, f"body leaks {leaked}"


@pytest.mark.skipif(not ARTICLES or not SCORER.is_file(), reason=NO_CORPUS + " or its tools/score.py")
@pytest.mark.parametrize(
    ("use_profiles", "floors", "max_leak"),
    [(True, NORMAL_FLOORS, NORMAL_MAX_LEAK), (False, GENERIC_FLOORS, GENERIC_MAX_LEAK)],
    ids=["normal", "generic-only"],
)
def test_corpus_scores(use_profiles: bool, floors: dict[str, float], max_leak: float) -> None:
    score = _scorer()
    preds = [_record(g["id"], use_profiles) for g in ARTICLES]
    summary = score.summarize(score.score(GOLD_ROWS, preds))
    low = {k: summary[k] for k, floor in floors.items() if summary[k] < floor}
    assert not low, f"below floor: {low} (floors {floors})"
    assert summary["leak"] <= max_leak, f"leak {summary['leak']} > {max_leak}"


LISTINGS = [g for g in GOLD_ROWS if g.get("kind") == "listing"]


@pytest.mark.skipif(not LISTINGS, reason=NO_CORPUS)
@pytest.mark.parametrize("gold", LISTINGS, ids=[g["id"] for g in LISTINGS])
@pytest.mark.parametrize("use_profiles", [True, False], ids=["normal", "generic-only"])
def test_listing_page_is_not_an_article(gold: dict, use_profiles: bool) -> None:
    result = extract((CORPUS / gold["file"]).read_bytes(), gold.get("url") or "", use_profiles=use_profiles)
    assert not result.is_article, f"listing page extracted as an article: {result.fields.headline!r}"
