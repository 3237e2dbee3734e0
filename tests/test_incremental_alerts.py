"""Fill-rate alerts: a field that suddenly goes missing (a layout change) marks the run summary,
logs an error, and gives the scheduler a non-zero exit status."""

from __future__ import annotations

import re

from crawler.demo.server import SiteServer
from crawler.demo.sitegen import build_site
from crawler.extensions import fill_rates
from crawler.state.check import main as check
from tests.faultserver import run_crawl, summaries

_SOURCE = re.compile(rb'<span class="m-con-source">.*?</span>', re.S)


def test_fill_rates_count_non_empty_values():
    items = [{"source": "光明网", "editor": ["王晓明"], "body": "正文"},
             {"source": None, "editor": [], "body": "正文"}]
    rates = fill_rates(items)
    assert rates["source"] == 0.5 and rates["editor"] == 0.5 and rates["body"] == 1.0
    assert rates["headline"] == 0.0
    assert fill_rates([]) == {}


def test_sharp_fill_rate_drop_raises_an_alert(tmp_path, capsys):
    before = build_site(articles=12, per_page=40)
    after = build_site(articles=12, per_page=40, seed=8)  # same ids, new text: exported as changed
    broken = {k: _SOURCE.sub(b"", v) if "/content_" in k else v for k, v in after.pages.items()}
    assert broken != after.pages
    for pages in (before.pages, broken):
        with SiteServer(dict(pages)) as server:
            result = run_crawl(server.proxy_url, tmp_path, "gmw", "-a", f"channels={before.start_urls[0]}",
                               "-a", "refresh=1")
        assert result.returncode == 0, result.stderr[-2000:]
    first, second = summaries(tmp_path)
    assert first["status"] == "ok" and first["alerts"] == []
    assert check([str(tmp_path / (first["output"].rsplit("/", 1)[1][:-6] + ".summary.json"))]) == 0
    assert second["articles"]["exported"] == 12  # same ids, changed text: all exported again
    assert second["fill_rates"]["gmw.cn"]["source"] < 0.2
    assert second["status"] == "alert"
    assert [(a["site"], a["field"]) for a in second["alerts"]] == [("gmw.cn", "source")]
    assert "Fill-rate alert on gmw.cn: source" in result.stderr
    assert check([str(tmp_path)]) == 2
    assert "alert: gmw.cn source 100% ->" in capsys.readouterr().out


def test_listings_without_article_links_raise_an_alert() -> None:
    from crawler.extensions import listing_alerts

    assert listing_alerts(0, 0) == []
    assert listing_alerts(3, 1) == []  # one empty page (e.g. past the last one) is only a warning
    [alert] = listing_alerts(3, 3)
    assert alert["kind"] == "listing" and alert["listing_pages"] == 3
