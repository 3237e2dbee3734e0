"""Corpus tools over JSONL exports: `python -m crawler.corpus validate|csv|parquet|dedup|report ...`."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from crawler.corpus import convert, dedup, validate
from crawler.corpus.jsonl import ReadStats, read_records, write_records
from crawler.corpus.neardup import MIN_CHARS, SHINGLE, THRESHOLD
from crawler.corpus.report import write_report
from crawler.corpus.summary import summarise, with_duplicates

log = logging.getLogger("crawler.corpus")


def _inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", type=Path, help="JSONL exports (.jsonl or .jsonl.gz)")


def _neardup_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--threshold", type=float, default=THRESHOLD,
                        help=f"estimated Jaccard of {SHINGLE}-character shingles (default {THRESHOLD})")
    parser.add_argument("--min-chars", type=int, default=MIN_CHARS,
                        help=f"shorter bodies are never matched (default {MIN_CHARS})")


def _read(args: argparse.Namespace, stats: ReadStats, *, full_schema: bool = True):
    return read_records(args.inputs, stats, full_schema=full_schema)


def _done(what: str, count: int, stats: ReadStats, started: float) -> None:
    log.info("%s: %d records written in %.1fs (%d lines read, %d not JSON, %d failing the record checks)",
             what, count, time.monotonic() - started, stats.lines, stats.bad_json, stats.invalid)


def cmd_validate(args: argparse.Namespace) -> int:
    summary = validate.Summary()
    shown = 0
    for problem in validate.check(args.inputs, summary):
        if args.max_errors is None or shown < args.max_errors:
            print(problem)
        shown += 1
    print(f"{summary.lines} lines: {summary.valid} valid, {summary.invalid} invalid ({shown} problems)",
          file=sys.stderr)
    return 1 if summary.invalid else 0


def cmd_csv(args: argparse.Namespace) -> int:
    stats, started = ReadStats(), time.monotonic()
    _done("csv", convert.to_csv(_read(args, stats), args.out, bom=args.bom), stats, started)
    return 0


def cmd_parquet(args: argparse.Namespace) -> int:
    stats, started = ReadStats(), time.monotonic()
    _done("parquet", convert.to_parquet(_read(args, stats), args.out), stats, started)
    return 0


def cmd_dedup(args: argparse.Namespace) -> int:
    stats, started = ReadStats(), time.monotonic()
    options = {"threshold": args.threshold, "min_chars": args.min_chars}
    records = _read(args, stats, full_schema=False)  # records pass through untouched
    step = dedup.drop_copies(records, **options) if args.drop else dedup.annotate(records, **options)
    _done("dedup", write_records(args.out, step), stats, started)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    stats, started = ReadStats(), time.monotonic()
    records = with_duplicates(_read(args, stats), threshold=args.threshold, min_chars=args.min_chars)
    summary = summarise(records)
    summary["read"] = stats.as_dict()
    json_path = write_report(summary, [str(p) for p in args.inputs], args.out)
    log.info("report: %s and %s (%d records, %.1fs)", args.out, json_path, summary["records"],
             time.monotonic() - started)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m crawler.corpus", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check JSONL files against the record schema, one line per problem")
    _inputs(p)
    p.add_argument("--max-errors", type=int, default=None, help="print at most this many problems")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("csv", help="convert to CSV (list fields as JSON arrays)")
    _inputs(p)
    p.add_argument("--out", "-o", type=Path, required=True)
    p.add_argument("--bom", action="store_true", help="write a UTF-8 BOM (for spreadsheet programs)")
    p.set_defaults(func=cmd_csv)

    p = sub.add_parser("parquet", help="convert to Parquet (one row per article, list fields as lists)")
    _inputs(p)
    p.add_argument("--out", "-o", type=Path, required=True)
    p.set_defaults(func=cmd_parquet)

    p = sub.add_parser("dedup", help="annotate near-duplicate bodies (dup_of, similarity) or drop the copies")
    _inputs(p)
    p.add_argument("--out", "-o", type=Path, required=True)
    p.add_argument("--drop", action="store_true", help="write only first-seen copies, without annotations")
    _neardup_options(p)
    p.set_defaults(func=cmd_dedup)

    p = sub.add_parser("report", help="HTML report with charts, plus a JSON summary beside it")
    _inputs(p)
    p.add_argument("--out", "-o", type=Path, required=True, help="report.html (report.json is written beside)")
    _neardup_options(p)
    p.set_defaults(func=cmd_report)
    return top


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    missing = [str(p) for p in args.inputs if not p.is_file()]
    if missing:
        log.error("no such file: %s", ", ".join(missing))
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
