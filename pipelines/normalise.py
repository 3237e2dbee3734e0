"""Normalise whitespace in every string of a record: runs of spaces collapsed, ends trimmed.

`body` keeps its paragraph breaks (one `\n` between paragraphs, empty paragraphs removed).
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extract.text import clean_line, squash

MULTILINE_FIELDS = frozenset({"body"})


def normalise_value(value: Any, multiline: bool = False) -> Any:
    if isinstance(value, str):
        if multiline:
            return "\n".join(line for line in (clean_line(x) for x in value.splitlines()) if line)
        return squash(value)
    if isinstance(value, list):
        items = [normalise_value(x) for x in value]
        return [x for x in items if x != ""]
    return value


class NormaliseWhitespacePipeline:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormaliseWhitespacePipeline:
        if not crawler.settings.getbool("NORMALISE_ENABLED", True):
            raise NotConfigured("NORMALISE_ENABLED is off")
        return cls()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        adapter = ItemAdapter(item)
        for key in list(adapter.keys()):
            adapter[key] = normalise_value(adapter[key], multiline=key in MULTILINE_FIELDS)
        return item
