"""Held-out accuracy: 30 pages written in the layouts of sites that have no profile.

tests/heldout/ holds one page per site (UTF-8 or GBK bytes, invented text) and gold.jsonl in the
corpus gold format. The pages go through the same path as a batch run (a manifest in tmp_path,
crawler.extract.__main__.run) and are scored with tools/score.py next to the corpus (skipped when
absent). Run `pytest -s tests/test_heldout.py` to see the table.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

from crawler.extract.__main__ import run

REPO = Path(__file__).resolve().parents[1]
HELDOUT = Path(__file__).resolve().parent / "heldout"
GOLD = HELDOUT / "gold.jsonl"
CORPUS = Path(os.environ.get("ZHNEWS_CORPUS", REPO.parent / "shared" / "corpus"))
SCORER = CORPUS.parent / "tools" / "score.py"

# Scores reached: 1.000 on every field, body F1 0.999, leak 0.000; the bounds allow one page to slip.
FLOORS = {"headline": 0.96, "source": 0.96, "published_at": 0.96, "editor": 0.96, "reporters": 0.96, "body_f1": 0.98}
CEILINGS = {"leak": 0.04}  # share of pages whose body leaks boilerplate: lower is better


def _gold() -> list[dict]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["id"])
def test_gold_is_consistent(gold: dict) -> None:
    """The page exists in its declared encoding and the gold's substring checks fit its own body."""
    data = (HELDOUT / gold["file"]).read_bytes()
    text = data.decode(gold["encoding"])
    assert _flat(gold["headline"]) in _flat(text)
    body = _flat(gold["body"])
    assert all(_flat(s) in body for s in gold["must_include"])
    assert not [s for s in gold["must_exclude"] if _flat(s) in body]


@pytest.mark.skipif(not SCORER.is_file(), reason=f"scorer not found at {SCORER} (set ZHNEWS_CORPUS)")
def test_heldout_scores(tmp_path: Path) -> None:
    golds = _gold()
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        "".join(json.dumps({"ref": g["id"], "url": g["url"], "path": str(HELDOUT / g["file"])}) + "\n" for g in golds),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    counts = run(manifest, out)

    spec = importlib.util.spec_from_file_location("zhnews_score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        score.main([str(GOLD), str(out), "--by-site", "--failures"])
    print(f"\nextract run: {dict(counts)}\n{report.getvalue()}")

    summary = score.summarize(score.score(golds, score.load(out)))
    low = {k: summary.get(k, 0.0) for k, floor in FLOORS.items() if summary.get(k, 0.0) < floor}
    assert not low, f"below floor {FLOORS}: {low}\n{report.getvalue()}"
    high = {k: summary.get(k, 1.0) for k, ceiling in CEILINGS.items() if summary.get(k, 1.0) > ceiling}
    assert not high, f"above ceiling {CEILINGS}: {high}\n{report.getvalue()}"
