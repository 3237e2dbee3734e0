"""Pure extraction: (html bytes or text, url) -> fields. No Scrapy imports in this package.

The public names load lazily, so that site profiles can import the field rules in this package
without importing the registry back (crawler.sites -> crawler.extract.fields is a one-way edge).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.extract.article import Extraction, extract, stitch

__all__ = ["Extraction", "extract", "stitch"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from crawler.extract import article

        return getattr(article, name)
    raise AttributeError(name)
