"""Near-duplicate detection: planted syndicated copies found, same-topic different stories kept apart."""

from __future__ import annotations

import json
import logging
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from bench import neardup_corpus as corpus
from crawler.corpus.__main__ import main
from crawler.corpus.dedup import annotate, drop_copies
from crawler.corpus.neardup import NearDuplicateIndex, normalise, signatures, similarity


@pytest.fixture(scope="module")
def planted():
    return corpus.planted_corpus(seed=7, stories_per_topic=20, copies=2)


def predicted_pairs(records: list[dict]) -> set[frozenset[str]]:
    clusters: dict[str, list[str]] = {}
    for record in annotate(records):
        clusters.setdefault(record["dup_of"] or record["id"], []).append(record["id"])
    return {frozenset(p) for members in clusters.values() for p in combinations(members, 2)}


def test_every_planted_pair_found_and_no_false_pair(planted) -> None:
    records, truth = planted
    found = predicted_pairs([dict(r) for r in records])
    missed, false = truth - found, found - truth
    precision = len(found & truth) / len(found)
    recall = len(found & truth) / len(truth)
    print(f"near-dup pairs: {len(truth)} planted, {len(found)} found, precision {precision:.3f}, "
          f"recall {recall:.3f}")
    assert not missed, sorted(map(sorted, missed))[:5]
    assert not false, sorted(map(sorted, false))[:5]


def test_threshold_separates_edited_copies_from_same_topic_stories(planted) -> None:
    records, truth = planted
    sigs = signatures([normalise(r["body"]) for r in records])
    row = {r["id"]: i for i, r in enumerate(records)}
    copies = [similarity(sigs[row[a]], sigs[row[b]]) for a, b in map(tuple, truth)]
    topic = [similarity(sigs[i], sigs[j]) for i, j in combinations(range(len(records)), 2)
             if records[i]["section"] == records[j]["section"]
             and frozenset((records[i]["id"], records[j]["id"])) not in truth]
    assert min(copies) >= 0.55 and max(topic) <= 0.2, (min(copies), max(topic))


def test_dup_of_points_at_the_first_seen_copy(planted) -> None:
    records, _ = planted
    out = list(annotate([dict(r) for r in records]))
    first_seen = {r["id"] for r in out if r["dup_of"] is None}
    for record in out:
        if record["dup_of"] is not None:
            assert record["dup_of"] in first_seen
            assert 0.5 <= record["similarity"] <= 1
        else:
            assert record["similarity"] is None
    originals = {r["id"] for r in records if r["site"] == "example.cn"}
    assert first_seen == originals  # originals come first in the planted corpus


def test_signatures_are_deterministic_and_order_free() -> None:
    text = normalise("光明网讯（记者 王明）今天上午，某地举行春季植树活动，数百名志愿者参加。" * 3)
    a = signatures([text, "别的文本内容完全不同的一段话，用来做对照。" * 3])
    b = signatures(["另一段无关文字" * 5, text])
    assert np.array_equal(a[0], b[1])
    assert similarity(a[0], b[1]) == 1.0


def test_normalise_ignores_spacing_punctuation_and_width() -> None:
    assert normalise("新华社 北京５月１日电，ＡＢＣ！\n") == normalise("新华社北京5月1日电abc")


def test_short_and_empty_bodies_are_never_matched() -> None:
    index = NearDuplicateIndex(min_chars=40)
    got = index.add_batch([("a", "短讯一则"), ("b", "短讯一则"), ("c", ""), ("d", "")])
    assert got == [None, None, None, None]


def test_exact_copy_under_another_id_is_a_duplicate() -> None:
    body = corpus.record("x", corpus.story(corpus.random.Random(3), "交通"))["body"]
    out = list(annotate([{"id": "s:1", "body": body}, {"id": "s:2", "body": body}]))
    assert out[1]["dup_of"] == "s:1" and out[1]["similarity"] == 1.0


def test_drop_keeps_first_seen_copies_only(planted) -> None:
    records, _ = planted
    kept = list(drop_copies([dict(r) for r in records]))
    assert [r["id"] for r in kept] == [r["id"] for r in records if r["site"] == "example.cn"]
    assert all("dup_of" not in r and "similarity" not in r for r in kept)


def test_dedup_command_annotates_and_drops(planted, tmp_path: Path, caplog) -> None:
    records, _ = planted
    src = tmp_path / "in.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + ['{"body": "no id"}', "not json"]
    src.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    caplog.set_level(logging.INFO)
    assert main(["dedup", str(src), "--out", str(tmp_path / "annotated.jsonl")]) == 0
    assert "1 not JSON, 1 failing the record checks" in caplog.text
    annotated = [json.loads(line) for line in (tmp_path / "annotated.jsonl").open(encoding="utf-8")]
    assert len(annotated) == len(records)
    assert sum(r["dup_of"] is not None for r in annotated) == len(records) - 120
    assert main(["dedup", str(src), "--drop", "--out", str(tmp_path / "unique.jsonl")]) == 0
    assert sum(1 for _ in (tmp_path / "unique.jsonl").open(encoding="utf-8")) == 120
