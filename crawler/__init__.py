"""Crawler and article extractor for Chinese news portals."""
