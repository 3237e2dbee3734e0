"""Near-duplicate step: accuracy on planted pairs and time on N synthetic records.

`python -m bench.neardup [--records 100000]`. Prints two tables: precision/recall of the pairs found on the
planted corpus (edited wire copies vs different stories on the same topic), and seconds per stage for N records:
signatures + LSH alone, then the whole `python -m crawler.corpus dedup` command (read, validate, annotate, write).
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from bench.neardup_corpus import bulk_records, planted_corpus
from bench.table import format_table
from crawler.corpus.dedup import annotate
from crawler.corpus.neardup import NUM_PERM, SHINGLE, THRESHOLD, find_near_duplicates


def accuracy_rows() -> list[list[object]]:
    rows = []
    for seed in (7, 8, 9):
        records, truth = planted_corpus(seed=seed, stories_per_topic=30, copies=3)
        clusters: dict[str, list[str]] = {}
        for record in annotate([dict(r) for r in records]):
            clusters.setdefault(record["dup_of"] or record["id"], []).append(record["id"])
        found = {frozenset(p) for members in clusters.values() for p in combinations(members, 2)}
        hit = len(found & truth)
        rows.append([f"seed {seed}", len(records), len(truth), len(found), hit / max(len(found), 1),
                     hit / len(truth)])
    return rows


def timing_rows(n: int) -> list[list[object]]:
    started = time.perf_counter()
    records = bulk_records(n)
    made = time.perf_counter() - started
    gc.freeze()  # 100k live dicts: keep the collector from rescanning them (the command streams instead)
    chars = sum(len(r["body"]) for r in records) / n
    started = time.perf_counter()
    dups = sum(m is not None for _, m in find_near_duplicates((r["id"], r["body"]) for r in records))
    core = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        del records
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "crawler.corpus", "dedup", str(src), "--out", str(out)],
                              capture_output=True, text=True, check=False)
        cli = time.perf_counter() - started
        if proc.returncode:
            raise SystemExit(proc.stderr)
    return [
        ["generate records", n, f"{chars:.0f}", made, "-"],
        ["signatures + LSH (in memory)", n, f"{chars:.0f}", core, dups],
        ["`python -m crawler.corpus dedup` (whole command)", n, f"{chars:.0f}", cli, "-"],
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.neardup", description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args(argv)
    print(f"near-duplicates: {SHINGLE}-character shingles, {NUM_PERM} minhash bins, threshold {THRESHOLD}\n")
    print(format_table(["planted corpus", "records", "true pairs", "found pairs", "precision", "recall"],
                       accuracy_rows()))
    print()
    print(format_table(["stage", "records", "chars/body", "seconds", "copies found"], timing_rows(args.records)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
