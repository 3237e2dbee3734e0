"""Item pipelines, one job each, run in this order (see ITEM_PIPELINES in crawler/settings.py):

normalise (whitespace) -> validate (JSON Schema) -> de-duplicate (by id) -> seen-store filter
-> write (JSONL) -> seen-store commit.

Normalising first means the validator sees exactly what would be written. Every dropped record
raises DropItem with the reason and bumps a `records/dropped/<reason>` stat. Each pipeline
builds itself in `from_crawler` and raises NotConfigured when its switch is off.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem


class SkipItem(DropItem):
    """A record that is fine but not wanted in this run's output (not a failure)."""

    outcome = "skipped"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message, log_level="INFO")
        self.reason = reason
