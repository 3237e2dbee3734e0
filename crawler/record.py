"""The JSONL record: the one definition of the export contract (mirrored by exports/article.schema.json)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from urllib.parse import urldefrag

from crawler.extract.article import Extraction

SCHEMA_VERSION = "1.2"

# Every record carries every key, in this order; unknown values are null or [].
RECORD_KEYS: tuple[str, ...] = (
    "id", "url", "site", "section", "headline", "source", "published_at", "editor", "reporters",
    "body", "pages", "lang", "crawled_at", "extractor", "revision", "updated",
)


def canonical_url(url: str | None) -> str | None:
    """The URL without its fragment; None for a page whose URL is unknown (a saved page without one)."""
    return urldefrag(url)[0] if url else None


def record_id(extraction: Extraction) -> str:
    """Stable across runs: the site's own article id where the profile knows it, else a hash of the URL
    (or, for a page whose URL is unknown, of its headline and body)."""
    if extraction.key:
        return f"{extraction.site}:{extraction.key}"
    url = canonical_url(extraction.url)
    if url:
        hashed = url
    else:
        fields = extraction.fields
        hashed = "\n".join([fields.headline or "", *fields.body])
    digest = hashlib.sha1(hashed.encode("utf-8")).hexdigest()[:16]
    return f"{extraction.site or 'unknown'}:{digest}"


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_record(extraction: Extraction, *, pages: int = 1, crawled_at: str | None = None) -> dict:
    """Turn an article extraction into the exported record (all keys present)."""
    fields = extraction.fields
    return {
        "id": record_id(extraction),
        "url": canonical_url(extraction.url),
        "site": extraction.site or None,
        "section": list(fields.section),
        "headline": fields.headline,
        "source": fields.source,
        "published_at": fields.published_at,
        "editor": list(fields.editor),
        "reporters": list(fields.reporters),
        "body": "\n".join(fields.body),
        "pages": pages,
        "lang": extraction.lang,
        "crawled_at": crawled_at or utc_now(),
        "extractor": extraction.extractor,
        # Incremental crawls (pipelines.seen) raise these when an exported article's content changed.
        "revision": 1,
        "updated": False,
    }
