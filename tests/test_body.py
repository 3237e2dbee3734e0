"""The text-density body finder and the line filters in crawler/extract/body.py, on pages written here."""

from __future__ import annotations

import lxml.html

from crawler.extract.body import best_block, block_lines, lines_within, split_credits, widen_block

PAGE = """<html><body>
<div class="nav"><a href="/">首页</a> <a href="/a">国内</a> <a href="/b">国际</a> <a href="/c">财经</a></div>
<div class="main">
  <h1>湖畔小城迎来春季花展</h1>
  <div class="meta">2025-03-08 09:30 来源：湖畔日报</div>
  <div id="text">
    <p>本报讯 三月的湖畔小城，樱花和油菜花同时开放，吸引了周边城市的游客前来观赏。</p>
    <p>据主办方介绍，今年花展共设置了十二个主题园区，展期将持续到四月底。</p>
    <blockquote><p>一位游客说：“每年这个时候都会带孩子来，今年的花比往年开得更早。”</p></blockquote>
    <p>分享让更多人看到</p>
    <p>（责编：陆一鸣、苏晴）</p>
  </div>
  <div style="display:none"><p>隐藏的重复信息，不应该出现在正文里，也不应该计分。</p></div>
</div>
<div class="side"><p><a href="/x">热门：另一条新闻的标题在这里</a></p><p><a href="/y">热门：还有一条新闻</a></p></div>
<div class="foot">Copyright © 2025 湖畔网 版权所有</div>
</body></html>"""


def _doc():
    return lxml.html.document_fromstring(PAGE)


def test_block_lines_skip_hidden_and_count_links() -> None:
    lines = block_lines(_doc().find("body"))
    texts = [ln.text for ln in lines]
    assert not any("隐藏的重复信息" in t for t in texts)
    nav = next(ln for ln in lines if ln.text.startswith("首页"))
    assert nav.links * 2 > len(nav.text)


def test_best_block_is_the_article_text() -> None:
    body = _doc().find("body")
    lines = block_lines(body)
    block, score = best_block(lines, body)
    assert block is not None and block.get("id") == "text"
    assert score > 0
    block = widen_block(lines, block, body)
    texts = [ln.text for ln in lines_within(lines, block)]
    assert any(t.startswith("本报讯") for t in texts)
    assert any("一位游客说" in t for t in texts)
    assert not any("热门" in t or "Copyright" in t for t in texts)


def test_split_credits_moves_credit_lines_out() -> None:
    lines = ["正文第一段。", "分享让更多人看到", "（责编：陆一鸣、苏晴）", "编辑 倪秋 ｜ 排版 魏兰", "《湖畔日报》（ 2025年03月08日 02版）"]
    body, credits = split_credits(lines)
    assert body == ["正文第一段。"]
    assert "（责编：陆一鸣、苏晴）" in credits
    assert "编辑 倪秋 ｜ 排版 魏兰" in credits


GENERIC_PAGE = """<html><head><title>湖畔小城迎来春季花展_地方频道_湖畔网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">国内</a> <a href="/b">国际</a></div>
<div class="share">湖畔小城迎来春季花展</div>
<h1>湖畔小城迎来春季花展</h1>
<div class="info">3小时前 来源：湖畔日报</div>
<div style="display:none">作者：隐藏的人 2020-01-01 00:00:00</div>
<div class="content">
  <p>新华社湖畔3月8日电（记者 陆远、苏晴）三月的湖畔小城，樱花和油菜花同时开放，吸引了游客。</p>
  <p>据主办方介绍，今年花展共设置了十二个主题园区，展期将持续到四月底，欢迎市民前来。</p>
  <p>分享让更多人看到</p>
  <p>【责任编辑：韩松_NN1024】</p>
</div>
<div class="foot">Copyright © 2025 湖畔网 版权所有</div>
</body></html>"""


def test_generic_extractor_on_an_unknown_site() -> None:
    from datetime import datetime

    from crawler.extract import extract
    from crawler.extract.fields import CHINA_TZ

    now = datetime(2025, 3, 8, 12, 0, tzinfo=CHINA_TZ)
    result = extract(GENERIC_PAGE.encode("utf-8"), "https://news.example.org/a/1.html", now=now, use_profiles=False)
    fields = result.fields
    assert result.extractor == "generic"
    assert fields.headline == "湖畔小城迎来春季花展"
    assert fields.source == "湖畔日报"
    assert fields.published_at == "2025-03-08T09:00:00+08:00"
    assert fields.editor == ["韩松"]
    assert fields.reporters == ["陆远", "苏晴"]
    assert fields.body[0].startswith("新华社湖畔3月8日电")
    assert len(fields.body) == 2
