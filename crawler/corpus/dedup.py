"""The corpus de-duplication step: annotate records with their near-duplicate origin, or drop the copies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from crawler.corpus.neardup import BATCH, NearDuplicateIndex


def annotate(records: Iterable[dict], *, batch: int = BATCH, **options: float | int) -> Iterator[dict]:
    """Records in input order, each with `dup_of` (id of the first-seen copy or None) and `similarity`."""
    index = NearDuplicateIndex(**options)  # type: ignore[arg-type]
    it = iter(records)
    while chunk := list(islice(it, batch)):
        matches = index.add_batch([(r["id"], r.get("body") or "") for r in chunk])
        for record, match in zip(chunk, matches, strict=True):
            record["dup_of"] = match.dup_of if match else None
            record["similarity"] = match.similarity if match else None
            yield record


def drop_copies(records: Iterable[dict], **options: float | int) -> Iterator[dict]:
    """Only the first-seen copy of each story, without annotation keys."""
    for record in annotate(records, **options):
        if record.pop("dup_of") is None:
            record.pop("similarity")
            yield record


def clusters(records: Iterable[dict]) -> dict[str, list[dict]]:
    """Annotated records grouped by first-seen copy: {root id: [root?, copies...]} for roots that have copies."""
    by_root: dict[str, list[dict]] = {}
    roots: dict[str, dict] = {}
    for record in records:
        root = record.get("dup_of")
        if root is None:
            roots.setdefault(record["id"], record)
        else:
            by_root.setdefault(root, []).append(record)
    return {root: ([roots[root]] if root in roots else []) + copies for root, copies in by_root.items()}
