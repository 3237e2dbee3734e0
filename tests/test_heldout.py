"""Blind held-out sets: pages of sites with no profile, annotated without reading the extractor.

tests/heldout*/ each hold one page per site (UTF-8 or GBK bytes, invented text modelled on the site's
real template) and gold.jsonl in the corpus gold format. Each set's gold was frozen before its first
run; its first-run scores (the honest estimate for unknown sites, see README) are recorded below, then
its failure classes were fixed with general rules and the floors set at what was reached, allowing one
page to slip. The pages go through the batch path (a manifest in tmp_path, crawler.extract.__main__.run)
and are scored with tools/score.py beside the corpus (skipped when absent). `pytest -s -k scores`
prints the scorer's tables.
"""

from __future__ import annotations

import contextlib
import html
import importlib.util
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from crawler.extract.__main__ import run
from crawler.sites import profile_for_url

TESTS = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("ZHNEWS_CORPUS", TESTS.parent.parent / "shared" / "corpus"))
SCORER = CORPUS.parent / "tools" / "score.py"
NO_SCORER = f"scorer not found at {SCORER} (set ZHNEWS_CORPUS)"
GOLD_KEYS = {
    "id", "file", "url", "site", "kind", "encoding", "headline", "source", "published_at",
    "editor", "reporters", "body", "must_include", "must_exclude", "notes",
}
FIELDS = ("headline", "source", "published_at", "editor", "reporters")


def _load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(frozen=True)
class HeldOut:
    name: str
    pages: int
    first_run: str  # the blind scores, before any rule was tuned on the set
    published_at: float = 0.96  # floors (body F1 0.98 by default, every field 0.96)
    reporters: float = 0.96
    source: float = 0.96
    editor: float = 0.96
    headline: float = 0.96
    body_f1: float = 0.98
    leak: float = 0.04  # ceiling on the share of pages leaking boilerplate
    floors: dict[str, float] = field(init=False)

    def __post_init__(self) -> None:
        floors = {name: 0.96 for name in FIELDS} | {
            "published_at": self.published_at, "reporters": self.reporters, "source": self.source,
            "editor": self.editor, "headline": self.headline, "body_f1": self.body_f1,
        }
        object.__setattr__(self, "floors", floors)

    @property
    def folder(self) -> Path:
        return TESTS / self.name

    def gold(self) -> list[dict]:
        return _load(self.folder / "gold.jsonl")


SETS = (
    HeldOut("heldout", 30, "headline 1.000, source .767, time .967, editor .867, reporters .467, body F1 .977, "
            "leak .233"),
    HeldOut("heldout2", 30, "headline .967, source .867, time .933, editor 1.000, reporters .767, body F1 .977, "
            "leak .367"),
    HeldOut("heldout3", 30, "headline 1.000, source .933, time .933, editor .933, reporters .800, body F1 .997, "
            "leak .100"),
    # published_at: three pages miss on purpose. `昨天 15:30` and `05-20 08:06` need the crawl time, which
    # the gold has no field for (a manifest's `fetched_at` gives it), and a Jakarta page prints no offset.
    HeldOut("heldout4", 30, "headline 1.000, source .867, time .767, editor 1.000, reporters .767, body F1 .975, "
            "leak .100", published_at=0.85, leak=0.05),
    HeldOut("heldout5", 20, "headline 1.000, source .900, time 1.000, editor .950, reporters .850, body F1 .996, "
            "leak .150", leak=0.05),
    # reporters: the ftchinese page credits a translator (译者); the corpus counts translators as reporters
    # (qq-tech-20161014), this set's annotator did not. We follow the corpus, so that page stays one miss.
    HeldOut("heldout6", 20, "headline 1.000, source .950, time .950, editor 1.000, reporters .900, body F1 .994, "
            "leak .150", reporters=0.90, leak=0.05),
    # Written blind after the 61-article corpus round (messier pages: full chrome, short stories beside long
    # teaser lists, times only in JSON-LD or with the year only in the URL). Two pages miss on purpose, their
    # gold going against earlier conventions: xueqiu counts an account name beside a follow button as the
    # writer (corpus 360kuai-dingjunhui-20240508 does not), and yiche leaves a data table out of the body
    # (heldout caixin/stcn, heldout2 cs-gppd and heldout3 hexun keep such tables). Floors allow one more miss.
    HeldOut("heldout7", 20, "headline 1.000, source .950, time .900, editor 1.000, reporters .850, body F1 .992, "
            "leak .050", source=0.95, published_at=0.95, reporters=0.90, leak=0.05),
    # Written blind after heldout7, to stress what breaks extractors on real pages: mobile folds and app bars, bodies
    # in nested tables or <br>-split divs, several h1s, comment threads, a live page, a Q&A interview, closing
    # 稿件来源 lines, Taiwan, Singapore and US pages. First run with this round's final extractor (string below).
    # After the byline / zone-label / styled-headline fixes: headline, editor, reporters 1.000, source and time .933
    # (guokr's account name and wallstreetcn's live time are debatable golds), body F1 .995, leak 0; floors allow
    # one page to slip.
    HeldOut("heldout8", 15, "headline .933, source .867, time .800, editor .933, reporters .733, body F1 .973, "
            "leak .133", source=0.86, published_at=0.86, reporters=0.93, editor=0.93, headline=0.93, body_f1=0.98,
            leak=0.07),
)
GOLDS = [(s, g) for s in SETS for g in s.gold()]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _page_text(markup: str) -> str:
    """Visible-ish text of a page: tags dropped, entities decoded (enough for substring checks)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize(("held", "gold"), GOLDS, ids=[f"{s.name}/{g['id']}" for s, g in GOLDS])
def test_gold_is_consistent(held: HeldOut, gold: dict) -> None:
    """The page decodes in its declared encoding (and only then), every gold body line and must_exclude
    string is on the page, and the gold's own checks fit its body."""
    data = (held.folder / gold["file"]).read_bytes()
    if gold["encoding"] != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    text = _flat(_page_text(data.decode(gold["encoding"])))
    assert _flat(gold["headline"]) in text
    body = _flat(gold["body"])
    assert all(_flat(s) in body for s in gold["must_include"])
    assert not [s for s in gold["must_exclude"] if _flat(s) in body]
    assert set(gold) == GOLD_KEYS
    missing = [line for line in gold["body"].split("\n") if _flat(line) not in text]
    assert not missing, f"gold body lines not on the page: {missing}"
    assert all(_flat(s) in text for s in gold["must_exclude"]), "must_exclude strings must be on the page"


def test_every_site_appears_once_and_has_no_profile() -> None:
    """One page per site across all sets and the corpus: a held-out site is one the rules never saw."""
    for held in SETS:
        assert len(held.gold()) == held.pages, held.name
    sites = [g["site"] for _, g in GOLDS]
    assert len(sites) == len(set(sites))
    assert not [g["id"] for _, g in GOLDS if profile_for_url(g["url"])]
    if (CORPUS / "gold.jsonl").is_file():
        assert not set(sites) & {g["site"] for g in _corpus_seen_before_sets(_load(CORPUS / "gold.jsonl"))}


# The corpus's first 33 articles are the pages the rules were written on before the held-out sets. The pages
# added later (from this id on, see the corpus README) came after the sets and may share their sites.
CORPUS_ADDED_FROM = "sina-house-fangchan-touzi-20050331"


def _corpus_seen_before_sets(rows: list[dict]) -> list[dict]:
    ids = [g["id"] for g in rows]
    return rows[: ids.index(CORPUS_ADDED_FROM)] if CORPUS_ADDED_FROM in ids else rows


@pytest.mark.skipif(not SCORER.is_file(), reason=NO_SCORER)
@pytest.mark.parametrize("held", SETS, ids=[s.name for s in SETS])
def test_heldout_scores(held: HeldOut, tmp_path: Path) -> None:
    golds = held.gold()
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        "".join(json.dumps({"ref": g["id"], "url": g["url"], "path": str(held.folder / g["file"])}) + "\n"
                for g in golds),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    counts = run(manifest, out)

    spec = importlib.util.spec_from_file_location("zhnews_score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        score.main([str(held.folder / "gold.jsonl"), str(out), "--by-site", "--failures"])
    print(f"\n{held.name} (first blind run: {held.first_run})\nextract run: {dict(counts)}\n{report.getvalue()}")

    summary = score.summarize(score.score(golds, score.load(out)))
    low = {k: summary.get(k, 0.0) for k, floor in held.floors.items() if summary.get(k, 0.0) < floor}
    assert not low, f"below floor {held.floors}: {low}\n{report.getvalue()}"
    assert summary.get("leak", 1.0) <= held.leak, f"leak above {held.leak}\n{report.getvalue()}"
