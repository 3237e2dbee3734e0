"""Drop records whose `id` was already seen in this run (same article reached twice).

Only a 64-bit hash of each id is kept, so a million-record run costs tens of MB, not hundreds."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from pipelines import SkipItem


class DropDuplicatesPipeline:
    def __init__(self, stats: StatsCollector | None = None) -> None:
        self.seen: set[int] = set()
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DropDuplicatesPipeline:
        if not crawler.settings.getbool("DEDUPE_ENABLED", True):
            raise NotConfigured("DEDUPE_ENABLED is off")
        return cls(crawler.stats)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        record_id = ItemAdapter(item).get("id")
        key = hash(record_id)
        if key in self.seen:
            if self.stats:
                self.stats.inc_value("records/dropped/duplicate")
            raise SkipItem("duplicate", f"duplicate record {record_id} ({ItemAdapter(item).get('url')})")
        self.seen.add(key)
        return item
