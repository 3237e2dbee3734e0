"""All benchmarks in one run: `python -m bench` = `python -m bench.accuracy` then `python -m bench.crawl`."""

from __future__ import annotations

import subprocess
import sys

from bench import accuracy


def main() -> int:
    print("== extraction: accuracy and ms/page over the gold corpus, next to the peers")
    code = accuracy.main([])
    print("\n== crawl: the gmw spider over a generated loopback site, next to `scrapy bench`")
    # A fresh interpreter: a child's peak RSS (getrusage) starts from its parent's, which by now holds every peer.
    return code or subprocess.run([sys.executable, "-m", "bench.crawl"], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
