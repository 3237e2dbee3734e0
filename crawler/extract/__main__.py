"""`python -m crawler.extract` is `zhnews extract` (kept for old scripts): see crawler/ingest/command.py."""

from __future__ import annotations

import sys

from crawler.ingest.command import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m crawler.extract"))
