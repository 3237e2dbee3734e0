"""Pure extraction: (html bytes or text, url) -> fields. No Scrapy imports in this package."""

from crawler.extract.article import Extraction, extract, stitch

__all__ = ["Extraction", "extract", "stitch"]
