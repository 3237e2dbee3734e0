"""Validate each record against the published JSON Schema; an invalid record is never written."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.corpus import load_schema

log = logging.getLogger(__name__)


class SchemaValidationPipeline:
    def __init__(self, schema: dict, stats: StatsCollector | None = None) -> None:
        Draft202012Validator.check_schema(schema)
        self.validator = Draft202012Validator(schema)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SchemaValidationPipeline:
        settings = crawler.settings
        if not settings.getbool("VALIDATE_ENABLED", True):
            raise NotConfigured("VALIDATE_ENABLED is off")
        path = settings.get("RECORD_SCHEMA")
        schema = json.loads(Path(path).read_text(encoding="utf-8")) if path else load_schema()
        return cls(schema, crawler.stats)

    def errors(self, record: dict) -> list[str]:
        """Readable messages, `field: problem`, sorted by field."""
        found = sorted(self.validator.iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))
        return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in found]

    def process_item(self, item: Any, spider: Any = None) -> Any:
        record = ItemAdapter(item).asdict()
        problems = self.errors(record)
        if problems:
            if self.stats:
                self.stats.inc_value("records/dropped/invalid")
            raise DropItem(f"invalid record {record.get('url')}: {'; '.join(problems[:3])}")
        return item
