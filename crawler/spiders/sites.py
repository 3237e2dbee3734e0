"""One spider per registered site profile, generated from the registry (`scrapy list`)."""

from __future__ import annotations

from crawler.sites import PROFILES
from crawler.sites.base import SiteProfile
from crawler.spiders.profile import ProfileSpider


def spider_for(profile: SiteProfile) -> type[ProfileSpider]:
    """A ProfileSpider subclass named after the profile key (`gmw` -> GmwSpider)."""
    class_name = "".join(part.capitalize() for part in profile.key.replace("-", "_").split("_")) + "Spider"
    doc = f"Crawl {profile.site} from its channel listings (profile `{profile.key}`)."
    return type(class_name, (ProfileSpider,), {"name": profile.key, "profile": profile, "__doc__": doc,
                                               "__module__": __name__})


SPIDERS: dict[str, type[ProfileSpider]] = {p.key: spider_for(p) for p in PROFILES}
# Module-level names, so Scrapy's spider loader finds the classes.
globals().update({cls.__name__: cls for cls in SPIDERS.values()})
