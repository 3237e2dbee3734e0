"""Extract saved pages: `python -m crawler.extract --manifest M.jsonl --out O.jsonl`.

Each manifest line is {"ref": ..., "url": ..., "path": ...} (path absolute or relative to the
manifest's folder). Each output line is the full record (as a crawl would write it) plus `ref`.
Pages that are not articles are reported on stderr and counted, never written as junk.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
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
            try:
                result = extract(data, url)
            except Exception:  # one bad page must not end a batch: log it with its traceback, count it
                log.exception("manifest line %d (%s): extraction failed", lineno, entry.get("ref"))
                counts["error"] += 1
                continue
            if not result.is_article:
                log.warning("manifest line %d (%s): not an article: %s", lineno, entry.get("ref"), result.skip_reason)
                counts[f"skipped/{result.skip_reason}"] += 1
                continue
            record = build_record(result)
            if not url:
                record["url"] = None
            record["ref"] = entry.get("ref")
            dst.write(json.dumps(record, ensure_ascii=False) + "\n")
            counts["written"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", required=True, type=Path, help="JSONL lines of {ref, url, path}")
    parser.add_argument("--out", required=True, type=Path, help="where to write the records (JSONL)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    counts = run(args.manifest, args.out)
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "nothing", file=sys.stderr)
    return 1 if counts["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
