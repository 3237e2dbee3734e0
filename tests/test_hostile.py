"""Hostile pages (issue 10): planted links never leave the allowed hosts, never reach a record,
and one bad link never costs the rest of its listing page.

One crawl of a generated gmw-shaped site (loopback FaultServer) whose second listing page carries bad
main-list links, whose 3-page article carries planted pager links (a local file, a cloud metadata
address, a data: URI, each "mentioning" the real page 2 URL), and two of whose articles redirect to
`file:` and `data:` URLs.
"""

from __future__ import annotations

import re

import pytest

from crawler.demo.sitegen import HOST, NODE, build_site
from tests.faultserver import FaultServer, read_jsonl, run_crawl, run_outputs, summaries

PLANTED = "PLANTED-说明这段文字不该出现"
METADATA_HOST = "169.254.169.254"
_STAT_LINE = re.compile(r"^[\s{]*'([^']+)': (\d+)[,}]?$")


def stats(log: str) -> dict[str, int]:
    dump = log.rsplit("Dumping Scrapy stats", 1)[-1]
    return {m.group(1): int(m.group(2)) for m in map(_STAT_LINE.match, dump.splitlines()) if m}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    site = build_site(articles=10, per_page=4)
    pages = dict(site.pages)
    first = site.articles[0]  # the 3-page article
    day = f"{first.when:%Y-%m/%d}"
    page2 = f"{day}/content_{first.article_id}_2.htm"
    bad_links = {  # main-list link -> reason the gate gives
        "Mailto:tips@gmw.cn": "bad-scheme",
        f"http://[news.gmw.cn/{day}/content_100002.htm": "malformed-url",
        f"ftp://news.gmw.cn/{day}/content_100003.htm": "bad-scheme",
        f"http://{METADATA_HOST}/latest/meta-data/?gmw.cn/{day}/content_100004.htm": "offsite",
    }
    no_scheme = f"news.gmw.cn/{day}/content_100005.htm"  # relative by HTML rules: not an article URL
    items = "".join(f'<li><span class="channel-newsTitle"><a href="{h}">坏链接</a></span></li>\n'
                    for h in [*bad_links, no_scheme])
    key = f"{HOST}/{NODE}_2.htm"  # the second listing page: losing it loses the pages after it too
    pages[key] = pages[key].replace(b'<ul class="channel-newsGroup">\n', b'<ul class="channel-newsGroup">\n'
                                    + items.encode())
    planted_pager = [
        f"http://{METADATA_HOST}/latest/meta-data/?gmw.cn/{page2}",
        f"file:///etc/passwd?news.gmw.cn/{page2}",
        f"data:text/html,{PLANTED}?news.gmw.cn/{page2}",
    ]
    key0 = f"{HOST}/{first.path()}"
    pager_html = "".join(f'<a href="{h}">2</a> ' for h in planted_pager).encode()
    pages[key0] = pages[key0].replace(b'<div id="displaypagenum"><center>',
                                      b'<div id="displaypagenum"><center>' + pager_html, 1)
    assert pager_html in pages[key0]
    # What the metadata address would answer (through our proxy) if the crawler asked it: a page 2
    # look-alike with planted text, so a crawler that fetched it would stitch that text in.
    real2 = pages[f"{HOST}/{page2}"]
    pages[f"{METADATA_HOST}/latest/meta-data/"] = real2.replace("<p>\u3000\u3000".encode(),
                                                                f"<p>{PLANTED}</p><p>".encode(), 1)
    assert PLANTED.encode() in pages[f"{METADATA_HOST}/latest/meta-data/"]
    # A UTF-8 article with one stray byte in its text: one replaced byte, not a page of mojibake.
    key7 = f"{HOST}/{site.articles[7].path()}"
    cut = pages[key7].index("。".encode(), len(pages[key7]) // 2) + 3
    pages[key7] = pages[key7][:cut] + b"\xff" + pages[key7][cut:]
    server = FaultServer(pages)
    redirected = {5: f"file:///etc/passwd?{page2}", 6: "data:text/html,PLANTED"}
    for i, location in redirected.items():
        server.fault(f"{HOST}/{site.articles[i].path()}", "redirect", location=location)
    exports = tmp_path_factory.mktemp("hostile")
    with server:
        result = run_crawl(server.proxy_url, exports, "gmw", "-a", f"channels={site.start_urls[0]}",
                           settings={"RETRY_TIMES": 1})
    return {
        "site": site, "server": server, "result": result, "bad_links": bad_links, "no_scheme": no_scheme,
        "redirected": redirected, "failures": read_jsonl(sorted(exports.glob("*.failures.jsonl"))),
        "lines": [line for p in run_outputs(exports) for line in p.read_text(encoding="utf-8").splitlines()],
        "records": {r["url"]: r for r in read_jsonl(run_outputs(exports))},
        "summary": summaries(exports)[-1], "stats": stats(result.stderr),
    }


def test_crawl_ends_cleanly(crawl):
    assert crawl["result"].returncode == 0, crawl["result"].stderr[-3000:]
    assert "Traceback" not in crawl["result"].stderr
    assert crawl["summary"]["status"] == "ok"


def test_every_listed_article_is_still_exported(crawl):
    site = crawl["site"]
    wanted = {a.url() for i, a in enumerate(site.articles) if i not in crawl["redirected"]}
    assert wanted <= set(crawl["records"])
    first = site.articles[0]
    assert crawl["records"][first.url()]["body"] == first.expected()["body"]  # its real pages 2 and 3
    assert crawl["records"][first.url()]["pages"] == 3


def test_no_request_leaves_the_allowed_hosts(crawl):
    served = crawl["server"].served
    assert served, "the crawl fetched nothing"
    assert all(key.startswith(HOST + "/") for key in served), sorted(served)
    assert not any("news.gmw.cn/news.gmw.cn" in key for key in served)  # a scheme-less link is relative


def test_no_planted_text_reaches_a_record(crawl):
    for line in crawl["lines"]:
        assert "PLANTED" not in line and "root:" not in line


def test_each_refused_link_has_a_counted_reason(crawl):
    lines = [f for f in crawl["failures"] if f["stage"] == "link"]
    for href, reason in crawl["bad_links"].items():
        [line] = [f for f in lines if f["url"] == href or href.lower() in f["url"].lower()]
        assert line["reason"].startswith(reason), line
    stats = crawl["stats"]
    assert stats.get("links/refused/bad-scheme", 0) >= 2
    assert stats.get("links/refused/malformed-url", 0) >= 1
    assert stats.get("links/refused/offsite", 0) >= 1
    assert not any("no record and no error" in f["reason"] for f in crawl["failures"])


def test_redirects_to_local_schemes_are_refused_with_their_reason(crawl):
    by_url = {f["url"]: f for f in crawl["failures"]}
    for i in crawl["redirected"]:
        url = crawl["site"].articles[i].url()
        assert url not in crawl["records"]
        assert by_url[url]["reason"].startswith("redirect refused (bad-scheme)"), by_url[url]


def test_a_stray_byte_is_replaced_and_counted_not_the_page_garbled(crawl):
    article = crawl["site"].articles[7]
    record = crawl["records"][article.url()]
    assert record["headline"] == article.expected()["headline"]
    assert "\ufffd" in record["body"]
    assert record["body"].replace("\ufffd", "") == article.expected()["body"]
    assert crawl["stats"].get("decode/replaced_bytes") == 1
