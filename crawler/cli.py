"""`zhnews`: the one command for everything a user runs by hand (crawling stays `scrapy crawl <spider>`)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# name -> (module with main(argv, prog), whether the module's parser has this name as its subcommand, help)
COMMANDS: dict[str, tuple[str, bool, str]] = {
    "extract": ("crawler.ingest.command", False, "records from WARC/ARC archives, saved HTML pages and manifests"),
    "validate": ("crawler.corpus.__main__", True, "check JSONL files against the record schema"),
    "csv": ("crawler.corpus.__main__", True, "convert JSONL records to CSV"),
    "parquet": ("crawler.corpus.__main__", True, "convert JSONL records to Parquet"),
    "dedup": ("crawler.corpus.__main__", True, "mark or drop near-duplicate articles (MinHash LSH)"),
    "report": ("crawler.corpus.__main__", True, "HTML report with charts (and report.json)"),
    "check": ("crawler.state.check", False, "exit status of the last run in a folder (for cron)"),
    "demo": ("crawler.demo.__main__", False, "crawl a generated gmw-shaped site on 127.0.0.1, offline"),
    "seed": ("crawler.distributed.__main__", True, "distributed crawl: queue the start pages in Redis"),
    "status": ("crawler.distributed.__main__", True, "distributed crawl: queue, workers and counters"),
    "merge": ("crawler.distributed.__main__", True, "union of the workers' JSONL files, one record per id"),
    "clean": ("crawler.distributed.__main__", True, "distributed crawl: delete its Redis keys"),
}

EPILOG = """\
Crawling is `scrapy crawl <spider>` (e.g. `scrapy crawl gmw`); `scrapy list` shows the spiders.
`zhnews <command> --help` explains a command, with an example.

examples:
  zhnews extract CC-NEWS-*.warc.gz --site gmw.cn,people.com.cn -o news.jsonl
  zhnews report exports/*.jsonl -o report.html
  zhnews check exports/ || echo "the last run needs attention"
"""


def parser() -> argparse.ArgumentParser:
    listing = "\n".join(f"  {name:<9} {help_text}" for name, (_, _, help_text) in COMMANDS.items())
    top = argparse.ArgumentParser(
        prog="zhnews", usage="zhnews <command> [options]",
        description=f"Chinese news articles: extraction, corpus tools, crawl operations.\n\ncommands:\n{listing}",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("command", choices=list(COMMANDS), metavar="command", help=argparse.SUPPRESS)
    top.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        parser().print_help()
        return 0 if argv else 2
    args = parser().parse_args(argv[:1])
    # The project's settings wherever zhnews runs (scrapy finds them through scrapy.cfg only in the checkout).
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    module, subcommand, _ = COMMANDS[args.command]
    entry = importlib.import_module(module).main
    if subcommand:
        return entry([args.command, *argv[1:]], prog="zhnews")
    return entry(argv[1:], prog=f"zhnews {args.command}")


if __name__ == "__main__":
    sys.exit(main())
