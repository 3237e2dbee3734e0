"""The registry: the one place that lists every site profile."""

from __future__ import annotations

from urllib.parse import urlsplit

from crawler.sites import (
    cctv,
    ce,
    chinacomcn,
    chinadaily,
    chinanews,
    cnr,
    gmw,
    huanqiu,
    ifeng,
    netease,
    people,
    qq,
    sina,
    sohu,
    southcn,
    thepaper,
    xinhua,
    youth,
)
from crawler.sites.base import Layout, SiteProfile

PROFILES: tuple[SiteProfile, ...] = (gmw.PROFILE, youth.PROFILE, chinacomcn.PROFILE, southcn.PROFILE,
    people.PROFILE, xinhua.PROFILE, chinanews.PROFILE, cctv.PROFILE, cnr.PROFILE, ce.PROFILE, chinadaily.PROFILE, huanqiu.PROFILE,
    thepaper.PROFILE, netease.PROFILE, sina.PROFILE, sohu.PROFILE, qq.PROFILE, ifeng.PROFILE)

BY_KEY: dict[str, SiteProfile] = {p.key: p for p in PROFILES}


def profile_for_url(url: str | None) -> SiteProfile | None:
    """The profile whose domains own the URL's host, or None for an unknown site."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    for profile in PROFILES:
        if profile.owns(host):
            return profile
    return None


__all__ = ["PROFILES", "BY_KEY", "Layout", "SiteProfile", "profile_for_url"]
