"""Near-duplicate bodies: character-shingle MinHash signatures indexed with datasketch's MinHash LSH.

Signatures use one-permutation hashing (one 64-bit hash per shingle, split into `num_perm` bins, the minimum
kept per bin, empty bins filled from the next non-empty bin). That is a MinHash estimator of Jaccard
similarity computed in a few numpy passes per batch instead of one pass per permutation, which is what
makes 100k articles fit in seconds. Candidates come from `datasketch.MinHashLSH`; each candidate is then
checked against the threshold with the signature estimate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

SHINGLE = 5          # characters per shingle (Chinese has no word spaces)
NUM_PERM = 128       # signature length; must be a power of two
THRESHOLD = 0.5      # estimated Jaccard of shingle sets at or above which two bodies are near-duplicates
MIN_CHARS = 40       # shorter bodies (after normalising) are never matched: too little text to judge
BATCH = 4096

_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)
_VALUE_MASK = np.uint64((1 << 56) - 1)
_MULT = np.uint64(0x100000001B3)
_NOISE = re.compile(r"[\W_]+")  # whitespace and punctuation: edits there do not make a different story


def normalise(text: str) -> str:
    """Drop whitespace and punctuation, fold full-width forms and case (NFKC only where needed: it is slow)."""
    text = _NOISE.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _NOISE.sub("", unicodedata.normalize("NFKC", text))
    return text.lower()


def _mix(h: np.ndarray, seed: int) -> np.ndarray:
    """splitmix64 finaliser: spreads the polynomial hash over all 64 bits."""
    h = h ^ np.uint64(seed * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF)
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def _densify(rows: np.ndarray) -> None:
    """Fill empty bins in place from the next non-empty bin to the right (circular), offset by the distance."""
    m = rows.shape[1]
    cols = np.arange(m)
    for r in np.flatnonzero((rows == _EMPTY).any(axis=1)):
        row = rows[r]
        filled = np.flatnonzero(row != _EMPTY)
        if filled.size == 0:
            continue  # no shingles at all: stays empty, never matched
        target = filled[np.searchsorted(filled, cols) % filled.size]
        rows[r] = row[target] + ((target - cols) % m).astype(np.uint64)


def signatures(texts: Sequence[str], *, shingle: int = SHINGLE, num_perm: int = NUM_PERM,
               seed: int = 1) -> np.ndarray:
    """One signature row (uint64 x num_perm) per normalised text; rows of texts shorter than a shingle stay empty."""
    if num_perm & (num_perm - 1):
        raise ValueError("num_perm must be a power of two")
    n = len(texts)
    out = np.full(n * num_perm, _EMPTY, dtype=np.uint64)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n)
    joined = "\x00".join(texts) + "\x00"  # normalised texts never contain NUL
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    last = codes.size - shingle + 1
    if last > 0:
        doc = np.repeat(np.arange(n, dtype=np.int64), lengths + 1)
        h = np.zeros(last, dtype=np.uint64)
        for j in range(shingle):
            h = h * _MULT + codes[j:last + j] + np.uint64(1)
        h = _mix(h, seed)
        keep = (doc[:last] == doc[shingle - 1:]) & (codes[shingle - 1:] != 0)
        h, doc = h[keep], doc[:last][keep]
        bins = (h >> np.uint64(64 - num_perm.bit_length() + 1)).astype(np.int64)
        np.minimum.at(out, doc * num_perm + bins, h & _VALUE_MASK)
    rows = out.reshape(n, num_perm)
    _densify(rows)
    return rows


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / a.size


@dataclass(frozen=True)
class Match:
    dup_of: str        # key of the first-seen copy (root of the cluster)
    similarity: float  # estimated Jaccard with the most similar earlier copy


class NearDuplicateIndex:
    """Feed texts in corpus order; each is compared with every earlier text through the LSH."""

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, shingle: int = SHINGLE,
                 min_chars: int = MIN_CHARS, seed: int = 1, params: tuple[int, int] | None = None) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.min_chars = max(min_chars, shingle)
        self.seed = seed
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=params)
        self._keys: list[str] = []
        self._roots: list[int] = []
        self._sigs: list[np.ndarray | None] = []

    def add_batch(self, items: Sequence[tuple[str, str]]) -> list[Match | None]:
        """Add (key, text) pairs; return, per pair, the match with an earlier text or None."""
        texts = [normalise(text or "") for _, text in items]
        sigs = signatures(texts, shingle=self.shingle, num_perm=self.num_perm, seed=self.seed)
        return [self._add(key, text, sig) for (key, _), text, sig in zip(items, texts, sigs, strict=True)]

    def _add(self, key: str, text: str, sig: np.ndarray) -> Match | None:
        me = len(self._keys)
        self._keys.append(key)
        if len(text) < self.min_chars:
            self._roots.append(me)
            self._sigs.append(None)
            return None
        sketch = LeanMinHash(seed=self.seed, hashvalues=sig, scheme="affine64")
        best, best_sim = -1, 0.0
        for cand in self.lsh.query(sketch):
            sim = similarity(sig, self._sigs[cand])
            if sim > best_sim or (sim == best_sim and cand < best):
                best, best_sim = cand, sim
        self.lsh.insert(me, sketch, check_duplication=False)
        self._sigs.append(sig)
        if best >= 0 and best_sim >= self.threshold:
            root = self._roots[best]
            self._roots.append(root)
            return Match(self._keys[root], round(best_sim, 3))
        self._roots.append(me)
        return None


def find_near_duplicates(items: Iterable[tuple[str, str]], *, batch: int = BATCH,
                         **options: float | int) -> Iterator[tuple[str, Match | None]]:
    """(key, text) pairs in corpus order -> (key, match or None), streaming in batches."""
    index = NearDuplicateIndex(**options)  # type: ignore[arg-type]
    chunk: list[tuple[str, str]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch:
            yield from zip((k for k, _ in chunk), index.add_batch(chunk), strict=True)
            chunk = []
    if chunk:
        yield from zip((k for k, _ in chunk), index.add_batch(chunk), strict=True)
