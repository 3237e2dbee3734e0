"""Spiders: discovery and fetching only.

There is one spider class, `profile.ProfileSpider`, driven by a `SiteProfile`. `sites.py`
generates one subclass per profile in the registry (`crawler.sites.PROFILES`), named after the
profile's key, so `scrapy list` shows every registered site (`gmw`, ...) with no spider code to
write: adding a site is adding a profile.
"""
