"""Near-duplicate bodies: character-shingle MinHash signatures indexed by LSH banding in numpy.

Signatures use one-permutation hashing (one 64-bit hash per shingle, split into `num_perm` bins, the minimum
kept per bin, empty bins filled from the next non-empty bin). That is a MinHash estimator of Jaccard
similarity computed in a few numpy passes per batch instead of one pass per permutation, which is what
makes 100k articles fit in seconds. Candidates are records sharing a band of the signature (LSH banding,
bands and rows chosen as MinHash LSH usually picks them for the threshold); all candidate pairs of a batch are then checked against
the threshold with the signature estimate in one vectorised comparison.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

SHINGLE = 5          # characters per shingle (Chinese has no word spaces)
NUM_PERM = 128       # signature length; must be a power of two
THRESHOLD = 0.5      # estimated Jaccard of shingle sets at or above which two bodies are near-duplicates
MIN_CHARS = 40       # shorter bodies (after normalising) are never matched: too little text to judge
BATCH = 4096
SIGNATURE_SLICE = 512

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
    """splitmix64 finaliser: spreads the polynomial hash over all 64 bits (in place on a fresh array)."""
    h = h ^ np.uint64(seed * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF)
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


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
        h = codes[:last] + np.uint64(1)
        for j in range(1, shingle):  # h = h * MULT + code + 1, in place: the arrays are tens of MB
            h *= _MULT
            h += codes[j:last + j]
            h += np.uint64(1)
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


_area = getattr(np, "trapezoid", None) or np.trapz  # numpy 2 renamed it


def band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising equal-weight false-positive and false-negative areas of the S-curve."""
    xs = np.linspace(0.0, 1.0, 2001)
    best, best_err = (1, num_perm), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            p = 1.0 - (1.0 - xs ** r) ** b  # chance two texts of Jaccard x share a band
            below, above = xs <= threshold, xs >= threshold
            err = 0.5 * _area(p[below], xs[below]) + 0.5 * _area(1.0 - p[above], xs[above])
            if err < best_err:
                best, best_err = (b, r), err
    return best


@dataclass(frozen=True)
class Match:
    dup_of: str        # key of the first-seen copy (root of the cluster)
    similarity: float  # estimated Jaccard with the most similar earlier copy


class NearDuplicateIndex:
    """Feed texts in corpus order; each is compared with every earlier text that shares an LSH band.

    Everything is numpy arrays, not per-record Python objects: the signatures (low 32 bits of each bin, plenty
    to tell equal bins apart), and one sorted array of band keys with their record numbers. A batch is looked
    up with `searchsorted`, and its candidate pairs are verified all at once by comparing signature rows.
    """

    PAIR_CHUNK = 1 << 15  # candidate pairs compared at a time (bounds the temporary arrays)

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, shingle: int = SHINGLE,
                 min_chars: int = MIN_CHARS, seed: int = 1, params: tuple[int, int] | None = None) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.min_chars = max(min_chars, shingle)
        self.seed = seed
        self.bands, self.rows = params or _default_params(threshold, num_perm)
        self._keys: list[str] = []
        self._roots = np.zeros(0, dtype=np.int64)
        self._sigs = np.zeros((0, num_perm), dtype=np.uint32)
        self._band_keys = np.zeros(0, dtype=np.uint64)  # sorted
        self._band_ids = np.zeros(0, dtype=np.int64)  # record number of each band key, ascending within a key

    def __len__(self) -> int:
        return len(self._keys)

    def add_batch(self, items: Sequence[tuple[str, str]]) -> list[Match | None]:
        """Add (key, text) pairs; return, per pair, the match with an earlier text or None."""
        texts = [normalise(text or "") for _, text in items]
        # Signatures a slice at a time: the shingle arrays are ~30 bytes per character of text.
        sigs = np.concatenate([signatures(texts[i:i + SIGNATURE_SLICE], shingle=self.shingle, num_perm=self.num_perm,
                                          seed=self.seed) for i in range(0, len(texts), SIGNATURE_SLICE)]
                              or [np.zeros((0, self.num_perm), dtype=np.uint64)])
        base, n = len(self._keys), len(items)
        self._keys.extend(key for key, _ in items)
        self._grow(base + n)
        self._sigs[base:base + n] = sigs.astype(np.uint32)
        self._roots[base:base + n] = np.arange(base, base + n)
        usable = np.fromiter((len(t) >= self.min_chars for t in texts), dtype=bool, count=n)
        rows = np.flatnonzero(usable)
        if rows.size == 0:
            return [None] * n
        ids = rows + base
        band_keys = self._band_keys_of(sigs[rows])  # (len(rows), bands)
        self._insert(band_keys.ravel(), np.repeat(ids, self.bands))
        best, best_sim = self._best_earlier(ids, band_keys)
        out: list[Match | None] = [None] * n
        for i in np.flatnonzero(best_sim >= self.threshold):  # ascending: earlier roots are final
            me, root = int(ids[i]), int(self._roots[best[i]])
            self._roots[me] = root
            out[me - base] = Match(self._keys[root], round(float(best_sim[i]), 3))
        return out

    def _grow(self, size: int) -> None:
        if size <= len(self._roots):
            return
        capacity = max(size, 2 * len(self._roots), 1024)
        sigs = np.zeros((capacity, self.num_perm), dtype=np.uint32)
        sigs[:len(self._sigs)] = self._sigs
        roots = np.zeros(capacity, dtype=np.int64)
        roots[:len(self._roots)] = self._roots
        self._sigs, self._roots = sigs, roots

    def _band_keys_of(self, sigs: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: the band's bins hashed together with the band number."""
        keys = np.empty((sigs.shape[0], self.bands), dtype=np.uint64)
        for band in range(self.bands):
            h = np.full(sigs.shape[0], np.uint64(band + 1), dtype=np.uint64)
            for col in range(band * self.rows, (band + 1) * self.rows):
                h = _mix(h ^ sigs[:, col], col)
            keys[:, band] = h
        return keys

    def _insert(self, keys: np.ndarray, ids: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        keys, ids = keys[order], ids[order]
        at = np.searchsorted(self._band_keys, keys, side="right")  # after earlier records with the same key
        self._band_keys = np.insert(self._band_keys, at, keys)
        self._band_ids = np.insert(self._band_ids, at, ids)

    def _best_earlier(self, ids: np.ndarray, band_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per query record: the most similar earlier record sharing a band (ties: the earliest), and that similarity."""
        queries = band_keys.ravel()
        lo = np.searchsorted(self._band_keys, queries, side="left")
        hi = np.searchsorted(self._band_keys, queries, side="right")
        counts = hi - lo
        owner = np.repeat(ids, self.bands)
        total = int(counts.sum())
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
        cand = self._band_ids[starts + np.arange(total)]
        query = np.repeat(owner, counts)
        keep = cand < query
        pairs = np.unique(query[keep] * np.int64(len(self._keys)) + cand[keep])
        query, cand = pairs // len(self._keys), pairs % len(self._keys)
        sims = np.empty(len(pairs), dtype=np.float64)
        for start in range(0, len(pairs), self.PAIR_CHUNK):
            part = slice(start, start + self.PAIR_CHUNK)
            equal = self._sigs[query[part]] == self._sigs[cand[part]]
            sims[part] = np.count_nonzero(equal, axis=1) / self.num_perm
        best = np.full(len(ids), -1, dtype=np.int64)
        best_sim = np.zeros(len(ids), dtype=np.float64)
        if len(pairs):
            order = np.lexsort((cand, -sims, query))  # per query: highest similarity, then earliest
            query, cand, sims = query[order], cand[order], sims[order]
            first = np.flatnonzero(np.r_[True, query[1:] != query[:-1]])
            where = np.searchsorted(ids, query[first])
            best[where], best_sim[where] = cand[first], sims[first]
        return best, best_sim


_PARAMS: dict[tuple[float, int], tuple[int, int]] = {}


def _default_params(threshold: float, num_perm: int) -> tuple[int, int]:
    if (threshold, num_perm) not in _PARAMS:
        _PARAMS[threshold, num_perm] = band_params(threshold, num_perm)
    return _PARAMS[threshold, num_perm]


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
