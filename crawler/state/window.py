"""The `since`/`until` crawl window (spider arguments) and the article revisit window."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from crawler.extract.fields import CHINA_TZ


def parse_bound(value: str | None, *, end: bool = False) -> datetime | None:
    """`2024-05-01` or an ISO datetime -> aware datetime; a bare `until` date includes that whole day."""
    if not value:
        return None
    value = str(value).strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            moment = datetime(day.year, day.month, day.day, tzinfo=CHINA_TZ)
            return moment + timedelta(days=1) - timedelta(microseconds=1) if end else moment
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"not a date (YYYY-MM-DD) or ISO datetime: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TZ)


def parse_published(value: str | None) -> datetime | None:
    """A record's `published_at` (ISO date or datetime) -> aware datetime, None when absent or odd."""
    if not value:
        return None
    try:
        return parse_bound(value)
    except ValueError:
        return None


class CrawlWindow:
    """Inclusive [since, until] on publication time; open ends when not given."""

    def __init__(self, since: str | None = None, until: str | None = None) -> None:
        self.since = parse_bound(since)
        self.until = parse_bound(until, end=True)

    @classmethod
    def from_spider(cls, spider: object) -> CrawlWindow:
        return cls(getattr(spider, "since", None), getattr(spider, "until", None))

    @property
    def is_open(self) -> bool:
        return self.since is None and self.until is None

    def contains(self, published_at: str | None) -> bool:
        """True when inside the window, or when the time is unknown (never drop on missing data)."""
        moment = parse_published(published_at)
        if moment is None:
            return True
        return not (self.since and moment < self.since) and not (self.until and moment > self.until)

    def is_before(self, published_at: str | None) -> bool:
        """True when older than `since`: a listing sorted newest first can stop paginating here."""
        moment = parse_published(published_at)
        return bool(self.since and moment and moment < self.since)


def within_revisit(published_at: str | None, hours: float, now: datetime | None = None) -> bool:
    """Is an article still young enough to be re-checked (news gets corrected in its first hours)?"""
    moment = parse_published(published_at)
    if moment is None or hours <= 0:
        return False
    now = now or datetime.now(timezone.utc)
    return now - moment < timedelta(hours=hours)


def truthy(value: object) -> bool:
    """Spider arguments arrive as strings: `-a refresh=1`, `true`, `yes`."""
    return str(value).strip().lower() in {"1", "true", "yes", "on"} if value is not None else False


_URL_DATE = re.compile(r"(?<!\d)(20\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")


def url_date(url: str) -> str | None:
    """The publication day most news URLs carry (`/2024-05/13/content_1.htm`, `/20240513/`), or None."""
    m = _URL_DATE.search(url)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
