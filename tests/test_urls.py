"""The URL gate (crawler.discover.urls) and host-anchored article URL patterns."""

from __future__ import annotations

import pytest

from crawler.discover import urls
from crawler.discover.urls import join, refuse_reason
from crawler.extract.listing import parse_listing
from crawler.sites import BY_KEY
from crawler.sites.gmw import PROFILE as GMW

ARTICLE = "2024-05/31/content_100026"


@pytest.mark.parametrize("url,reason", [
    (f"http://news.gmw.cn/{ARTICLE}.htm", None),
    (f"HTTPS://News.GMW.cn./{ARTICLE}.htm", None),
    ("http://gmw.cn/", None),
    ("http://news.gmw.cn:8080/a.htm", None),
    ("Mailto:tips@gmw.cn", "bad-scheme"),
    (f"ftp://news.gmw.cn/{ARTICLE}.htm", "bad-scheme"),
    (f"file:///etc/passwd?news.gmw.cn/{ARTICLE}_2.htm", "bad-scheme"),
    (f"data:text/html,news.gmw.cn/{ARTICLE}_2.htm", "bad-scheme"),
    ("javascript:void(0)", "bad-scheme"),
    (f"news.gmw.cn/{ARTICLE}.htm", "bad-scheme"),  # no scheme
    (f"//news.gmw.cn/{ARTICLE}.htm", "bad-scheme"),
    (f"http://[news.gmw.cn/{ARTICLE}.htm", "malformed-url"),
    ("http://news.gmw.cn:99999/", "malformed-url"),
    ("http://news gmw.cn/", "malformed-url"),
    ("http://evil.example\\@news.gmw.cn/", "malformed-url"),
    ("http://user@news.gmw.cn/", "malformed-url"),
    ("http:///no-host", "malformed-url"),
    (f"http://169.254.169.254/latest/meta-data/?gmw.cn/{ARTICLE}_2.htm", "offsite"),
    ("http://evilgmw.cn/", "offsite"),
    ("http://gmw.cn.evil.example/", "offsite"),
    ("http://[::1]/", "offsite"),
])
def test_refuse_reason(url, reason):
    assert refuse_reason(url, ["gmw.cn"]) == reason


def test_no_allowed_domains_means_any_host_but_still_http_only():
    assert refuse_reason("http://anything.example/", []) is None
    assert refuse_reason("file:///etc/passwd", []) == "bad-scheme"


def test_join_never_raises():
    assert join("http://news.gmw.cn/node_1.htm", "a.htm") == "http://news.gmw.cn/a.htm"
    assert join("http://news.gmw.cn/node_1.htm", "http://[news.gmw.cn/a.htm") is None


@pytest.mark.parametrize("url", [
    f"file:///etc/passwd?news.gmw.cn/{ARTICLE}_2.htm",
    f"http://169.254.169.254/latest/meta-data/?gmw.cn/{ARTICLE}_2.htm",
    f"http://evil.example/news.gmw.cn/{ARTICLE}_2.htm",
    f"http://evil.example/?u=http://news.gmw.cn/{ARTICLE}_2.htm",
    f"http://news.gmw.cn/x/news.gmw.cn/{ARTICLE}.htm",
    f"http://evilgmw.cn/{ARTICLE}.htm",
])
def test_article_patterns_are_anchored_at_the_host(url):
    assert not GMW.is_article_url(url)
    assert GMW.article_key(url) is None
    assert GMW.page_number(url) == 1


def test_article_patterns_still_match_real_urls():
    url = f"http://news.gmw.cn/{ARTICLE}_3.htm"
    assert GMW.article_key(url) == "100026" and GMW.page_number(url) == 3
    assert GMW.first_page_url(url) == f"http://news.gmw.cn/{ARTICLE}.htm"
    assert GMW.is_article_url(f"HTTPS://NEWS.GMW.CN/{ARTICLE}.htm")
    people = BY_KEY["people"]
    assert people.article_key("http://politics.people.com.cn/n1/2024/0531/c1001-40247000.html") == "40247000"
    assert people.article_key("http://evil.example/politics.people.com.cn/n1/2024/0531/c1001-40247000.html") is None


def test_listing_keeps_the_page_when_a_link_is_bad():
    html = f"""<html><body><ul class="channel-newsGroup">
<li><span class="channel-newsTitle"><a href="Mailto:tips@gmw.cn">投稿</a></span></li>
<li><span class="channel-newsTitle"><a href="http://[news.gmw.cn/{ARTICLE}.htm">坏</a></span></li>
<li><span class="channel-newsTitle"><a href="ftp://news.gmw.cn/2024-05/31/content_1.htm">坏</a></span></li>
<li><span class="channel-newsTitle"><a href="http://www.example.com/2024-05/31/content_2.htm">外站</a></span></li>
<li><span class="channel-newsTitle"><a href="{ARTICLE}.htm">好</a></span></li>
</ul><div id="displaypagenum"><a href="node_9_2.htm">2</a><a href="FILE:///etc/passwd">3</a></div></body></html>"""
    listing = parse_listing(html, "http://news.gmw.cn/node_9.htm", GMW)
    assert listing.article_urls == [f"http://news.gmw.cn/{ARTICLE}.htm"]
    assert listing.next_urls == ["http://news.gmw.cn/node_9_2.htm"]
    assert [reason for _, reason in listing.refused] == [
        "bad-scheme", "malformed-url", "bad-scheme", "offsite", "bad-scheme"]


@pytest.mark.parametrize("url", [
    "http://news.gmw.cn/2024-05/31/content_1.htm", "HTTPS://News.GMW.cn./a?b=1#x", "http://news.gmw.cn",
    "http://a.b/c?#", "http://a.b/c?x", "file:///etc/passwd?news.gmw.cn/x", "http://[news.gmw.cn/x",
    "http://user@news.gmw.cn/x", "http://news.gmw.cn:8080/x", "http://news.gmw.cn:99999/x",
    "http://news.gmw.cn\\@evil.com/x", "http://169.254.169.254/latest/?gmw.cn/content_1_2.htm",
    "http://-bad-.cn/x", "http://news.gmw.cn/a b", " http://news.gmw.cn/x", "http://news.gmw.cn/x\n",
    "http://a..b/x", "http://中文.cn/x", "http://news.gmw.cn/x#frag?y", "http://x.cn?q=1", "ftp://x.cn/a",
])
def test_target_fast_path_agrees_with_urlsplit(url: str) -> None:
    """The plain-URL shortcut gives what the urlsplit path gives, for plain and hostile URLs alike."""
    parts = urls.split(url)
    host = urls.url_host(parts) if parts is not None and parts.scheme.lower() in urls.SCHEMES else None
    expected = (host, parts.path + (f"?{parts.query}" if parts.query else "")) if host else None
    assert urls.target(url) == expected
