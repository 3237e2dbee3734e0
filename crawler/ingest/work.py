"""One page -> its record line, or why not. Runs in the worker processes; no Scrapy, no shared state."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from jsonschema import Draft202012Validator

from crawler.corpus import load_schema
from crawler.corpus.jsonl import describe_error
from crawler.extract.article import extract, registrable_domain
from crawler.extract.encoding import decode_html
from crawler.ingest.sources import Task
from crawler.record import build_record
from crawler.sites import profile_for_url
from pipelines.jsonl import record_line

# Fields whose fill rate the summary reports (a list field is filled when not empty).
FILL_FIELDS = ("url", "site", "section", "headline", "source", "published_at", "editor", "reporters", "body")

_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")


@dataclass
class UrlFilter:
    """--site and --profiled-only: decided on the URL alone, before any page is read when the URL is known."""

    sites: frozenset[str] = frozenset()
    profiled_only: bool = False

    def __call__(self, url: str | None) -> str | None:
        if self.sites and registrable_domain(url) not in self.sites:
            return "other-site"
        if self.profiled_only and profile_for_url(url) is None:
            return "not-profiled"
        return None


@dataclass
class Options:
    url_filter: UrlFilter
    since: datetime | None = None
    until: datetime | None = None  # exclusive


@dataclass
class Outcome:
    kind: str  # written | skipped | failed
    reason: str | None = None
    line: bytes | None = None
    filled: tuple[str, ...] = ()
    detail: str = ""


def page_url(text: str) -> str | None:
    """The page's own URL from <link rel=canonical> or <meta property=og:url> in its head (absolute http only)."""
    head = text[: text.find("</head>") if "</head>" in text else 100_000]
    canonical = og = None
    for match in _TAG.finditer(head):
        attrs = {k.lower(): v.strip("\"'").strip() for k, v in _ATTR.findall(match.group(2))}
        if match.group(1).lower() == "link" and "canonical" in attrs.get("rel", "").lower().split():
            canonical = canonical or attrs.get("href")
        elif attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            og = og or attrs.get("content")
    for url in (canonical, og):
        if url and url.lower().startswith(("http://", "https://")):
            return url
    return None


def utc_seconds(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


_validator: Draft202012Validator | None = None


def validator() -> Draft202012Validator:
    global _validator
    if _validator is None:
        _validator = Draft202012Validator(load_schema())
    return _validator


def process(task: Task, options: Options) -> Outcome:
    if task.verdict:
        return Outcome(task.verdict[0], task.verdict[1], detail=task.detail)
    assert task.data is not None
    try:
        text, _ = decode_html(task.data, task.charset)
        url = task.url or page_url(text)
        if not task.url and url:
            reason = options.url_filter(url)
            if reason:
                return Outcome("skipped", reason)
        elif not url and (options.url_filter.sites or options.url_filter.profiled_only):
            return Outcome("skipped", "no-url")
        result = extract(text, url or "", now=task.fetched_at)
    except Exception as exc:  # one bad page must not end a batch
        return Outcome("failed", "extraction-error", detail=f"{type(exc).__name__}: {exc}")
    if not result.is_article:
        return Outcome("skipped", f"not-article/{result.skip_reason}")
    result.url = url
    record = build_record(result, crawled_at=utc_seconds(task.fetched_at) if task.fetched_at else None)
    if options.since or options.until:
        published = _aware(record["published_at"])
        if published is None:
            return Outcome("skipped", "no-published-date")
        if (options.since and published < options.since) or (options.until and published >= options.until):
            return Outcome("skipped", "outside-dates")
    if task.ref is not None:
        record["ref"] = task.ref
    error = next(iter(validator().iter_errors(record)), None)
    if error is not None:
        return Outcome("failed", "invalid-record", detail=describe_error(error))
    filled = tuple(f for f in FILL_FIELDS if record.get(f) not in (None, "", []))
    return Outcome("written", line=record_line(record), filled=filled)


def _aware(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
