"""Exit status of the last crawl run, for cron / systemd / any scheduler.

    python -m crawler.state.check exports/            # newest *.summary.json in the folder
    python -m crawler.state.check exports/gmw-20240513T084921Z.summary.json

Prints one line and exits 0 when the run finished cleanly, 2 when it raised fill-rate alerts
(a layout change?), 1 when it failed (a listing page raised while being parsed, every listing failed
to download, no article was found, the disk filled up: each cause is printed), did not finish, or no
summary was found.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT = {"ok": 0, "alert": 2}


def newest_summary(path: Path) -> Path | None:
    if path.is_file():
        return path
    found = sorted(path.glob("*.summary.json"), key=lambda p: p.stat().st_mtime_ns)
    return found[-1] if found else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.state.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a run summary, or the folder the runs write to")
    args = parser.parse_args(argv)
    summary_path = newest_summary(args.path)
    if summary_path is None:
        print(f"no run summary in {args.path}", file=sys.stderr)
        return 1
    try:
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # cut short (disk full), or not a summary at all
        print(f"{summary_path.name}: failed, the summary cannot be read ({exc})")
        return 1
    counts = summary.get("articles", {})
    print(f"{summary_path.name}: {summary.get('status')} ({summary.get('finish_reason')}), "
          f"exported {counts.get('exported', 0)}, skipped {counts.get('skipped', 0)}, "
          f"failed {counts.get('failed', 0)}, alerts {len(summary.get('alerts', []))}")
    for problem in summary.get("problems", []):
        print(f"  failed: {problem}")
    for alert in summary.get("alerts", []):
        if alert.get("kind") == "listing":
            print(f"  alert: no article link on any of the {alert.get('listing_pages')} listing page(s)")
        else:
            print(f"  alert: {alert['site']} {alert['field']} {alert['previous']:.0%} -> {alert['current']:.0%}")
    return EXIT.get(summary.get("status"), 1)


if __name__ == "__main__":
    raise SystemExit(main())
