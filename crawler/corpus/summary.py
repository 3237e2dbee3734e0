"""Corpus statistics for the report: one pass over the records, a JSON-ready dict out."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from statistics import quantiles

from crawler.corpus.dedup import annotate

FILL_FIELDS = ("headline", "section", "source", "published_at", "editor", "reporters", "body")
LENGTH_BINS = (0, 200, 500, 1000, 1500, 2000, 3000, 5000, 10000)
TOP = 20


def filled(value: object) -> bool:
    return value not in (None, "", [])


def with_duplicates(records: Iterable[dict], **options: float | int) -> Iterator[dict]:
    """Keep existing dup_of annotations (from `python -m crawler.corpus dedup`); otherwise find near-duplicates now."""
    it = iter(records)
    first = next(it, None)
    if first is None:
        return iter(())
    rest = _prepend(first, it)
    return rest if "dup_of" in first else annotate(rest, **options)


def _prepend(first: dict, rest: Iterator[dict]) -> Iterator[dict]:
    yield first
    yield from rest


def length_bin(n: int) -> str:
    for low, high in zip(LENGTH_BINS, LENGTH_BINS[1:], strict=False):
        if n < high:
            return f"{low}–{high}"
    return f"≥{LENGTH_BINS[-1]}"


def summarise(records: Iterable[dict]) -> dict:
    """Counts per day, site, section and source; fill rates per site; body lengths; duplicate clusters."""
    total = 0
    per_day: Counter[str] = Counter()
    per_site: Counter[str] = Counter()
    per_section: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    extractors: Counter[str] = Counter()
    fills: dict[str, Counter[str]] = defaultdict(Counter)
    lengths: list[int] = []
    roots: dict[str, dict] = {}
    copies: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        total += 1
        site = record.get("site") or "(unknown)"
        per_site[site] += 1
        per_day[(record.get("published_at") or "")[:10] or "(no date)"] += 1
        section = record.get("section") or []
        per_section[f"{site} › {section[0]}" if section else f"{site} › (none)"] += 1
        if record.get("source"):
            sources[record["source"]] += 1
        extractors[record.get("extractor") or "(unknown)"] += 1
        fills[site]["(records)"] += 1
        for name in FILL_FIELDS:
            fills[site][name] += filled(record.get(name))
        lengths.append(len(record.get("body") or ""))
        member = {"id": record.get("id"), "site": site, "headline": record.get("headline"),
                  "similarity": record.get("similarity")}
        if record.get("dup_of"):
            copies[record["dup_of"]].append(member)
        else:
            roots[record["id"]] = member  # kept for every record: any may turn out to have copies
    clusters = sorted(({"first": roots.get(root, {"id": root}), "copies": members, "size": len(members) + 1}
                       for root, members in copies.items()), key=lambda c: (-c["size"], c["first"]["id"]))
    days = sorted(d for d in per_day if d != "(no date)")
    return {
        "records": total,
        "date_range": [days[0], days[-1]] if days else None,
        "no_date": per_day.get("(no date)", 0),
        "per_day": {d: per_day[d] for d in days},
        "per_site": dict(per_site.most_common()),
        "per_site_section": dict(per_section.most_common(TOP * 2)),
        "extractors": dict(extractors.most_common()),
        "fill_rates": {site: {name: round(c[name] / c["(records)"], 4) for name in FILL_FIELDS}
                       for site, c in sorted(fills.items())},
        "body_length": {
            "histogram": dict(Counter(length_bin(n) for n in lengths)),
            "bins": [length_bin(low) for low in LENGTH_BINS],
            **_length_stats(lengths),
        },
        "top_sources": dict(sources.most_common(TOP)),
        "duplicates": {
            "clusters": len(clusters),
            "copies": sum(len(c["copies"]) for c in clusters),
            "largest": clusters[:TOP],
        },
    }


def _length_stats(lengths: list[int]) -> dict:
    if not lengths:
        return {"min": None, "median": None, "p10": None, "p90": None, "max": None}
    qs = quantiles(lengths, n=10, method="inclusive") if len(lengths) > 1 else [lengths[0]] * 9
    return {"min": min(lengths), "p10": qs[0], "median": qs[4], "p90": qs[8], "max": max(lengths)}
