"""Profile dispatch: a layout that only half-matches a redesigned page is completed by the generic rules."""

from __future__ import annotations

from crawler.extract import extract

URL = "https://politics.gmw.cn/2031-04/02/content_41000001.htm"
BODY = "".join(f"<p>　　第{i}段：青石镇今年春耕提前一周完成，村里新建的育秧工厂让秧苗长得更齐。</p>" for i in range(4))


def page(meta: str) -> str:
    return f"""<html><head><title>青石镇春耕提前完成_要闻_光明网</title></head><body>
<div class="g-crumbs"><a href="/">首页</a><font>&gt; </font><a href="../">时政频道</a><font>&gt; </font><font>正文</font></div>
<div class="m-title-box"><h1 class="u-title">青石镇春耕提前完成</h1>{meta}</div>
<div id="article_inbox"><div class="u-mainText">{BODY}
<div class="m-zbTool liability"><span>[ </span><span class="liability">责编：林木森</span><span> ]</span></div>
</div></div></body></html>"""


def test_complete_layout_is_used_alone() -> None:
    meta = ('<div class="m-con-info"><span class="m-con-source">来源：<a>光明日报</a></span>'
            '<span class="m-con-time">2031-04-02 07:30</span></div>')
    result = extract(page(meta), URL)
    assert result.extractor == "gmw/2024"
    assert result.fields.published_at == "2031-04-02T07:30:00+08:00"


def test_missing_selector_is_filled_by_the_generic_rules() -> None:
    # A redesign renamed the meta spans: the 2024 layout still matches, its time and source selectors do not.
    meta = '<div class="m-con-info"><p class="info-line">2031-04-02 07:30　来源：光明日报</p></div>'
    result = extract(page(meta), URL)
    assert result.extractor == "gmw/2024+generic"
    assert result.fields.published_at == "2031-04-02T07:30:00+08:00"
    assert result.fields.source == "光明日报"
    assert result.fields.editor == ["林木森"]
    assert result.fields.headline == "青石镇春耕提前完成"
    assert len(result.fields.body) == 4


def test_page_without_title_takes_its_first_h1() -> None:
    html = "<html><body><h1>河湾村修好了最后一座桥</h1><p>" + "村民们说，雨季再也不用绕远路去镇上赶集了。" * 5 + "</p></body></html>"
    result = extract(html.encode("gb18030"), "http://www.example.org/news/1.html")
    assert result.is_article
    assert result.fields.headline == "河湾村修好了最后一座桥"
    assert result.fields.body[0].startswith("村民们说")


def test_comment_only_page_is_an_empty_page_not_a_crash() -> None:
    result = extract(b"<!-- nothing here -->", "http://www.example.org/news/2.html")
    assert not result.is_article
