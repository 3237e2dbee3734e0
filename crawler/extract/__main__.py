"""`python -m crawler.extract` is `zhnews extract` (kept for old scripts): see crawler/ingest/command.py."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from crawler.ingest.command import main


def run(manifest: Path, out: Path, *, jobs: int = 1) -> Counter:
    """Extract a manifest into `out` (the batch path as a function); counts per outcome and reason."""
    from crawler import settings
    from crawler.ingest import run as runner
    from crawler.ingest.sources import Sources
    from crawler.ingest.work import Options, UrlFilter

    sources = Sources([str(manifest)], max_size=settings.DOWNLOAD_MAXSIZE)
    summary = runner.run(sources, Options(UrlFilter()), out, jobs=jobs, resumed=None, progress=False,
                         command=["crawler.extract.run", str(manifest)])
    return Counter({**summary["outcomes"], **summary["reasons"]})


if __name__ == "__main__":
    sys.exit(main(prog="python -m crawler.extract"))
