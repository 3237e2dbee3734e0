"""Benchmarks: extraction accuracy and speed next to peer extractors, crawl speed next to `scrapy bench`."""
