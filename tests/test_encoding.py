"""Encoding choice (crawler/extract/encoding.py): a few bad bytes are replaced and counted, never a
reason to read a whole UTF-8 page as GB18030 (issue 10, item 4)."""

from __future__ import annotations

import pytest

from crawler.demo.sitegen import build_site
from crawler.extract import extract
from crawler.extract.encoding import decode, decode_html

SITE = build_site(articles=3, per_page=5)
ARTICLE = SITE.articles[0]
PAGE = SITE.pages[f"{ARTICLE.host}/{ARTICLE.path()}"]
TEXT = PAGE.decode("utf-8")
PASTED = "这是一段从别的网页粘贴进来的文字，它用的是国标编码。"
CUT = len(PAGE) // 2
CUT = PAGE.index("。".encode(), CUT) + 3  # a character boundary in the body


@pytest.mark.parametrize("name,data,replaced", [
    ("stray 0xff", PAGE[:CUT] + b"\xff" + PAGE[CUT:], 1),
    ("cut character", PAGE[:CUT] + "中".encode()[:2] + PAGE[CUT:], 2),
    ("pasted GBK paragraph", PAGE[:CUT] + PASTED.encode("gbk") + PAGE[CUT:], None),
])
def test_utf8_page_with_bad_bytes_stays_utf8(name, data, replaced):
    result = decode(data)
    assert result.encoding == "utf-8", name
    assert result.replaced_bytes > 0 and (replaced is None or result.replaced_bytes == replaced)
    assert result.text.startswith(TEXT[:200]) and result.text.endswith(TEXT[-200:])
    assert ARTICLE.headline in result.text


def test_gbk_pages_stay_gb18030():
    gbk = TEXT.encode("gbk")  # its <meta> still says utf-8
    assert decode(gbk) == decode(gbk, "utf-8") and decode(gbk).encoding == "gb18030"
    assert decode(gbk).text == TEXT and decode(gbk).replaced_bytes == 0
    at = gbk.index(b"<p>", len(gbk) // 2) + 3  # a character boundary in the body
    stray = decode(gbk[:at] + b"\xff" + gbk[at:])
    assert stray.encoding == "gb18030" and stray.replaced_bytes == 1
    assert ARTICLE.headline in stray.text


def test_declared_encoding_that_fits_is_used():
    big5 = "<html><head><meta charset='big5'></head><body><p>臺灣的新聞報導說，這個城市的圖書館已經開放。</p></body></html>"
    result = decode(big5.encode("big5"))
    assert result.text == big5 and result.replaced_bytes == 0


def test_clean_pages_and_text():
    assert decode(PAGE) == decode(b"\xef\xbb\xbf" + PAGE)
    assert decode(PAGE).replaced_bytes == 0
    assert decode_html("已经是文字") == ("已经是文字", "unicode")


def test_extraction_reports_the_replaced_bytes():
    page = extract(PAGE[:CUT] + b"\xff" + PAGE[CUT:], ARTICLE.url())
    assert page.is_article and page.replaced_bytes == 1
    assert page.fields.headline == ARTICLE.headline
    assert "\ufffd" in "".join(page.fields.body)
