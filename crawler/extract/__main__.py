"""Extract saved pages: `python -m crawler.extract --manifest M.jsonl --out O.jsonl`.

Each manifest line is {"ref": ..., "url": ..., "path": ..., "fetched_at": ...} (path absolute or
relative to the manifest's folder; `fetched_at`, optional, is when the page was saved, ISO 8601: it
anchors relative times such as `3小时前` / `昨天 15:30` and becomes the record's crawled_at).
Each output line is the full record (as a crawl would write it) plus `ref`.
Pages that are not articles are reported on stderr and counted, never written as junk.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from crawler.extract.article import extract
from crawler.record import build_record

log = logging.getLogger("crawler.extract")


def run(manifest: Path, out: Path) -> Counter:
    counts: Counter = Counter()
    base = manifest.parent
    with manifest.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for lineno, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                path = Path(entry["path"])
                data = (path if path.is_absolute() else base / path).read_bytes()
            except (ValueError, KeyError, OSError) as exc:
                log.error("manifest line %d: unreadable entry: %s", lineno, exc)
                counts["error"] += 1
                continue
            url = entry.get("url") or ""
            fetched = fetched_at(entry.get("fetched_at"))
            if entry.get("fetched_at") and fetched is None:
                log.warning("manifest line %d (%s): fetched_at %r is not an ISO 8601 time; using now",
                            lineno, entry.get("ref"), entry.get("fetched_at"))
                counts["bad-fetched_at"] += 1
            try:
                result = extract(data, url, now=fetched)
            except Exception:  # one bad page must not end a batch: log it with its traceback, count it
                log.exception("manifest line %d (%s): extraction failed", lineno, entry.get("ref"))
                counts["error"] += 1
                continue
            if not result.is_article:
                log.warning("manifest line %d (%s): not an article: %s", lineno, entry.get("ref"), result.skip_reason)
                counts[f"skipped/{result.skip_reason}"] += 1
                continue
            record = build_record(result, crawled_at=utc_seconds(fetched) if fetched else None)
            if not url:
                record["url"] = None
            record["ref"] = entry.get("ref")
            dst.write(json.dumps(record, ensure_ascii=False) + "\n")
            counts["written"] += 1
    return counts


def fetched_at(value: object) -> datetime | None:
    """An ISO 8601 time (`2024-05-21T09:00:00+08:00`, `...Z`); a time without offset is read as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def utc_seconds(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", required=True, type=Path, help="JSONL lines of {ref, url, path[, fetched_at]}")
    parser.add_argument("--out", required=True, type=Path, help="where to write the records (JSONL)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    counts = run(args.manifest, args.out)
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "nothing", file=sys.stderr)
    return 1 if counts["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
