"""`zhnews extract INPUT... --out O.jsonl`: records from manifests, saved HTML pages and WARC/ARC archives."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from datetime import datetime, timedelta
from pathlib import Path

from crawler import settings as project_settings
from crawler.extract.article import registrable_domain
from crawler.extract.fields import CHINA_TZ
from crawler.ingest import run as runner
from crawler.ingest.sources import Shard, Sources, load_url_map
from crawler.ingest.work import Options, UrlFilter

log = logging.getLogger("crawler.ingest")

DESCRIPTION = """\
Extract article records from pages you already have, into one JSONL file (the crawl's record format,
validated against exports/article.schema.json, plus `ref`: where the record came from).

INPUT is any mix of files, folders (walked recursively) and globs:
  *.warc[.gz], *.arc[.gz]  archives (Common Crawl, CC-NEWS, your own): every HTTP 200 HTML response;
                           WARC-Target-URI is the url, WARC-Date the fetch time (crawled_at)
  *.jsonl                  a manifest: one {"ref", "url", "path"[, "fetched_at"]} object a line
                           (path absolute or relative to the manifest; fetched_at ISO 8601)
  anything else            a saved HTML page (in folders: *.html, *.htm, *.shtml, *.xhtml); its url comes
                           from <link rel=canonical> / og:url, or --url-map; without either it is null

Records are written as they finish, in input order whatever -j is. A summary (counts per outcome and
reason, fill rate per field) is printed and written beside the output as <out>.summary.json.

Exit status: 0 all inputs read (pages that are not articles or are filtered out are skipped, not
failures); 1 some input failed (a bad manifest line, an unreadable or damaged file, an extraction
error; each is logged with where it is and why, and the rest goes on); 2 bad arguments or no input found.
"""

EXAMPLES = """\
examples:
  zhnews extract CC-NEWS-20240501*.warc.gz --site gmw.cn,people.com.cn,xinhuanet.com -o gmw-may.jsonl
  zhnews extract saved_pages/ --url-map urls.tsv -o saved.jsonl -j 4
  zhnews extract manifest.jsonl -o records.jsonl
  zhnews extract 'cc-news/2024/05/*.warc.gz' --shard 3/16 --profiled-only -o may-3.jsonl --resume
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="manifests, HTML files/folders/globs, WARC/ARC files")
    parser.add_argument("--out", "-o", type=Path, required=True, help="the JSONL file to write")
    parser.add_argument("--manifest", action="append", default=[], metavar="M.jsonl",
                        help="a manifest (same as giving it as an INPUT)")
    parser.add_argument("--url-map", type=Path, help="URLs of saved pages: lines `path<TAB>url` or "
                        '{"path": ..., "url": ...} (paths relative to this file)')
    parser.add_argument("--site", default="", help="keep only these registrable domains, comma-separated "
                        "(gmw.cn,people.com.cn); pages of other sites are skipped before they are read")
    parser.add_argument("--profiled-only", action="store_true",
                        help="keep only pages of sites that have a profile (crawler/sites/)")
    parser.add_argument("--since", help="keep articles published at or after this time "
                        "(2024-05-01, 2024-05-01T08:00; without an offset: China time)")
    parser.add_argument("--until", help="keep articles published before this time; a bare date includes that day")
    parser.add_argument("-j", "--jobs", type=int, default=usable_cores(),
                        help="worker processes (default: the number of cores, %(default)s here)")
    parser.add_argument("--shard", default="1/1", metavar="K/N",
                        help="process only the K-th of every N inputs (a whole archive file, a manifest "
                             "line or an HTML file), to spread a corpus over N machines")
    parser.add_argument("--resume", action="store_true",
                        help="append to --out, skipping inputs whose record (by ref / WARC-Record-ID) is in it")
    parser.add_argument("--max-size", type=int, default=project_settings.DOWNLOAD_MAXSIZE, metavar="BYTES",
                        help="skip pages bigger than this (default: the crawl's DOWNLOAD_MAXSIZE, %(default)s)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no per-page notes")


def usable_cores() -> int:
    """The cores this process may run on (a batch scheduler's allocation), not all the machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parse_time(text: str | None, *, end: bool = False) -> datetime | None:
    """A date or ISO 8601 time; without an offset it is China time. A bare date as --until ends that day."""
    if not text:
        return None
    when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=CHINA_TZ)
    if end and len(text.strip()) == 10:  # YYYY-MM-DD
        when += timedelta(days=1)
    return when


def main(argv: list[str] | None = None, prog: str = "zhnews extract") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    inputs = [*args.manifest, *args.inputs]
    if not inputs:
        parser.error("give at least one INPUT")
    try:
        shard = Shard.parse(args.shard)
        since, until = parse_time(args.since), parse_time(args.until, end=True)
        url_map = load_url_map(args.url_map) if args.url_map else {}
    except (ValueError, OSError) as exc:
        parser.error(str(exc))
    if args.jobs < 1 or args.max_size < 1:
        parser.error("--jobs and --max-size must be at least 1")

    done, resumed = None, None
    if args.resume and args.out.exists():
        runner.whole_lines_only(args.out)
        done = runner.DoneRefs.from_output(args.out)
        resumed = len(done)
        log.info("resuming: %d records already in %s are skipped", resumed, args.out)
    # A host given for a site (news.gmw.cn) means its registrable domain (gmw.cn).
    sites = frozenset(registrable_domain(f"http://{s.strip().lower()}/") for s in args.site.split(",") if s.strip())
    options = Options(UrlFilter(sites, args.profiled_only), since, until)
    sources = Sources(inputs, max_size=args.max_size, shard=shard, url_map=url_map, wanted=options.url_filter,
                      done=done)
    # SIGTERM (a batch scheduler's stop) ends the run like Ctrl-C: the workers are stopped, the file stays whole.
    signal.signal(signal.SIGTERM, _terminate)
    command = [prog, *(argv if argv is not None else sys.argv[1:])]
    summary = runner.run(sources, options, args.out, jobs=args.jobs, resumed=resumed,
                         progress=sys.stderr.isatty() and not args.quiet, command=command)
    path = runner.summary_path(args.out)
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(describe(summary, path), file=sys.stderr)
    if sources.missing:
        log.error("no such input: %s", ", ".join(sources.missing))
        return 2
    return 1 if summary["outcomes"]["failed"] else 0


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def describe(summary: dict, path: Path) -> str:
    out = summary["outcomes"]
    lines = [f"extract: {summary['pages']} pages in {summary['seconds']}s ({summary['pages_per_second']} pages/s, "
             f"-j {summary['jobs']}): written {out['written']}, skipped {out['skipped']}, failed {out['failed']}"]
    lines += [f"  {reason}: {count}" for reason, count in summary["reasons"].items()]
    lines += [f"  warning {reason}: {count}" for reason, count in summary["warnings"].items()]
    fill = summary["fill_rate"]
    if out["written"]:
        lines.append("  fill rate: " + ", ".join(f"{k} {v:.0%}" for k, v in fill.items()))
    lines.append(f"  records: {summary['out']}; summary: {path}")
    return "\n".join(lines)
