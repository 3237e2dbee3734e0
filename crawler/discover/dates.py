"""Dates of feed items and sitemap entries -> ISO 8601 with an offset, for the since/until window."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from crawler.extract.fields import CHINA_TZ, parse_time


def entry_date(raw: str | None, tz: timezone = CHINA_TZ) -> str | None:
    """RFC 822 (`Sat, 01 Jun 2024 10:00:00 +0800`), W3C/ISO (`2024-06-01T10:00:00Z`, `2024-06-01`), or
    what Chinese feeds print instead (`2024-06-01 10:00`, `2024年6月1日 10:00`). A time without a zone
    is the site's time (`tz`). None when nothing parses."""
    text = (raw or "").strip()
    if not text:
        return None
    moment: datetime | None = None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    if moment is None:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    if moment is None:
        return parse_time(text, tz)  # the extractor's printed-date rules, zone-less: the site's time
    if len(text) == 10 and text[4] == "-":
        return text  # a bare date stays a date
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.isoformat()
