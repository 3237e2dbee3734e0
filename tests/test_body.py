"""The text-density body finder and the line filters in crawler/extract/body.py, on pages written here."""

from __future__ import annotations

from datetime import datetime, timezone

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
    assert sorted(fields.reporters) == sorted(["陆远", "苏晴"])
    assert fields.body[0].startswith("新华社湖畔3月8日电")
    assert len(fields.body) == 2


def test_split_credits_drops_notices_and_prompts() -> None:
    lines = [
        "三月的湖畔小城，樱花和油菜花同时开放。",
        "订阅湖畔日报每日简报，要闻送到您的邮箱。",
        "請繼續下滑閱讀",
        "题图来源：湖畔区供图",
        "图像来源，某图片社",
        "如需转载请与《湖畔日报》联系。未经授权，严禁转载。",
        "免责声明：本文内容仅供参考，不构成投资建议。",
        "本文系湖畔网独家稿件，未经授权，不得转载。",
        "【你怎么看？】立即投票：你认为下半年湖畔的消费会回暖吗？",
        "参与投票",
        "（本文原载于《湖畔日报》3月8日第5版）",
    ]
    body, _ = split_credits(lines)
    assert body == ["三月的湖畔小城，樱花和油菜花同时开放。"]


def test_split_credits_reads_credits_behind_widgets_and_padding() -> None:
    lines = ["正文第一段。", "【我要纠错】 责任编辑：韩 松", "海川记者 苏 晴　　海川编辑 陆 远", "（編輯：蘇晴）1140308", "作者, 苏晴"]
    body, credits = split_credits(lines)
    assert body == ["正文第一段。"]
    assert credits == lines[1:]


def test_split_credits_keeps_a_paragraph_that_opens_with_a_credit() -> None:
    line = "【文/湖畔观察网 苏晴】三月的湖畔小城，樱花和油菜花同时开放，吸引了周边城市的游客。"
    body, credits = split_credits([line, "【文/湖畔观察网 苏晴】"])
    assert body == [line]
    assert credits == [line, "【文/湖畔观察网 苏晴】"]


def test_split_credits_drops_a_caption_behind_a_screen_reader_label() -> None:
    body, _ = split_credits(["图像加注文字，湖边新修的步道。", "三月的湖畔小城，樱花和油菜花同时开放。"])
    assert body == ["三月的湖畔小城，樱花和油菜花同时开放。"]


def _generic(html: str, url: str = "https://news.example.org/a/1.html"):
    from crawler.extract import extract

    return extract(html.encode("utf-8"), url, use_profiles=False).fields


PARAS = "".join(
    f"<p>第{i}段：三月的湖畔小城，樱花和油菜花同时开放，吸引了周边城市的游客前来观赏和拍照。</p>" for i in range(1, 5)
)


def test_generic_drops_the_lead_caption_above_the_text() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><article>
<h1>湖畔花展开幕</h1><div class="date">2025-03-08 09:30</div>
<figure><img src="a.jpg"><figcaption>游客在花田边拍照。（资料图）</figcaption></figure>
<div class="text">{PARAS}</div></article></body></html>""")
    assert fields.body[0].startswith("第1段")
    assert not any("花田边" in line for line in fields.body)


def test_generic_author_link_is_a_byline_with_the_printed_offset() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body>
<h1>湖畔花展开幕</h1>
<ul><li><a href="https://news.example.org/author/su-qing">苏晴</a></li></ul>
<div><time datetime="2025-03-08T09:15:00-05:00">2025年3月8日 09:15</time></div>
<div class="text">{PARAS}</div>
<div class="side"><a href="https://news.example.org/author/lu-yuan">陆远</a></div></body></html>""")
    assert fields.source is None
    assert fields.reporters == ["苏晴"]  # the sidebar author link is not a byline
    assert fields.published_at == "2025-03-08T09:15:00-05:00"


def test_generic_ignores_a_zero_offset_stamp() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body>
<h1>湖畔花展开幕</h1><div><time datetime="2025-03-08T09:15:00+00:00">2025-03-08 09:15</time></div>
<div class="text">{PARAS}</div></body></html>""")
    assert fields.published_at == "2025-03-08T09:15:00+08:00"


def test_generic_account_name_and_outlet_in_byline() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕_湖畔观察</title></head><body>
<h1>湖畔花展开幕</h1><div>湖畔晨报</div><div>2025-03-08 15:33 浙江</div>
<div class="text"><p>文｜湖畔 苏 晴，陆远</p>{PARAS}</div></body></html>""")
    assert fields.source == "湖畔晨报"
    assert fields.reporters == ["苏晴", "陆远"]


def test_generic_lone_name_in_a_byline_box_is_a_reporter() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body>
<h1>湖畔花展开幕</h1><div class="article-author">苏晴</div><div>2025-03-08 09:30</div>
<div class="text">{PARAS}</div></body></html>""")
    assert fields.source is None
    assert fields.reporters == ["苏晴"]


# ---------------------------------------------------------------- rules from the second held-out set


def test_widen_block_stops_at_a_summary_box_and_at_furniture_below() -> None:
    page = f"""<html><body><div id="col">
<h1>湖畔花展开幕</h1><div class="time">2025-03-08 09:30 来源：湖畔日报</div>
<div class="brief">【花展设十二个主题园区，展期到四月底。】</div>
<div id="text">{PARAS}</div>
<div class="note">声明：本文不构成任何建议</div>
<div class="topics">话题：<a href="/t/1">花展</a> <a href="/t/2">旅游</a></div>
</div></body></html>"""
    body = lxml.html.document_fromstring(page).find("body")
    lines = block_lines(body)
    block, _ = best_block(lines, body)
    assert block.get("id") == "text"
    assert widen_block(lines, block, body).get("id") == "text"


def test_widen_block_takes_a_lead_paragraph_right_above() -> None:
    page = f"""<html><body><div id="col">
<h1>湖畔花展开幕</h1><div class="time">2025-03-08 09:30</div>
<div id="lead"><p>本报讯 湖畔花展今天开幕，首日接待游客两万人次，周边酒店预订量明显上升。</p></div>
<div id="text">{PARAS}</div>
</div></body></html>"""
    body = lxml.html.document_fromstring(page).find("body")
    lines = block_lines(body)
    block, _ = best_block(lines, body)
    assert widen_block(lines, block, body).get("id") == "col"


def test_widen_block_skips_a_standfirst_above_the_meta_list() -> None:
    page = f"""<html><body><div id="col">
<h1>湖畔花展开幕</h1>
<p class="intro">花展规模创新高。但停车难的问题仍待解决。</p>
<ul><li>日期 08.03.2025</li><li>作者 苏晴</li><li>主题 <a href="/t/1">花展</a>, <a href="/t/2">旅游</a></li></ul>
<div id="text">{PARAS}</div>
</div></body></html>"""
    body = lxml.html.document_fromstring(page).find("body")
    lines = block_lines(body)
    block, _ = best_block(lines, body)
    assert widen_block(lines, block, body).get("id") == "text"


def _clean(inner: str) -> list[str]:
    from crawler.extract.body import clean_block

    body = lxml.html.document_fromstring(f"<html><body><div id='text'>{inner}</div></body></html>").find("body")
    block = body.find("div")
    return [ln.text for ln in clean_block(lines_within(block_lines(body), block), block)]


def test_clean_block_drops_the_heading_of_a_link_box() -> None:
    texts = _clean(f"""{PARAS}<div class="box"><h4>延伸阅读</h4>
<a href="/a/1">湖畔花展去年接待游客百万人次</a><br><a href="/a/2">樱花季出行指南</a></div>
<p><strong>停车难待解</strong></p><p>花展期间，周边停车位紧张，有关部门开通了接驳公交。</p>""")
    assert "延伸阅读" not in texts
    assert "停车难待解" in texts  # a subheading followed by prose stays
    seq = _clean(f"""{PARAS}<p>相关阅读</p><p><a href="/a/1">湖畔花展去年接待游客百万人次</a></p>
<p><a href="/a/2">樱花季出行指南</a></p>""")
    assert "相关阅读" not in seq


def test_clean_block_drops_marked_furniture_and_the_tail_rows() -> None:
    texts = _clean(f"""{PARAS}<p class="promo">收听湖畔电台节目，请点击这里，或在App中订阅我们的播客。</p>
<div class="share-bar">分享到微信</div>
<p>发布日期：2025-03-08 09:30 | 更新日期：2025-03-08 11:02</p>
<p>#花展 #湖畔 #旅游</p>
<p>主题 <a href="/t/1">花展</a>, <a href="/t/2">旅游</a></p>
<p><em>© 2025 湖畔网版权声明：本文内容受版权保护，如无特别授权，不得擅自使用。</em></p>""")
    assert len(texts) == 4 and all(t.startswith("第") for t in texts)


def test_clean_block_keeps_a_closing_line_without_a_full_stop() -> None:
    texts = _clean(f"""{PARAS}<p>感谢湖畔区文旅局为本文提供的帮助</p><p>文中苏晴为化名</p>""")
    assert texts[-2:] == ["感谢湖畔区文旅局为本文提供的帮助", "文中苏晴为化名"]


def test_split_credits_second_set_lines() -> None:
    lines = [
        "三月的湖畔小城，樱花和油菜花同时开放。",
        "《湖畔日报海外版》（2025年03月08日 第 03 版）",
        "湖畔日报 2025年03月08日 第 05 版",
        "视频加载中...",
        "更多精彩内容，请下载湖畔新闻客户端",
        "供稿：生命科学学院",
        "摄影：苏晴",
        "翻译：陆远",
        "市民可下载“湖畔通”APP预约停车位。",
        "圖：游客在花田边拍照。",
    ]
    body, credits = split_credits(lines)
    assert body == [lines[0], "市民可下载“湖畔通”APP预约停车位。"]  # a picture's caption is never body
    assert credits == ["供稿：生命科学学院", "摄影：苏晴", "翻译：陆远"]


def test_drop_latin_credits_only_in_chinese_text() -> None:
    from crawler.extract.body import drop_latin_credits

    text = "三月的湖畔小城，樱花和油菜花同时开放，吸引了周边城市的游客前来观赏和拍照。"
    zh = [text, "Lin Xiaochuan for Lakeside Daily", text, text, text, "iPhone 16", "2025", "Getty Images. All rights reserved"]
    assert drop_latin_credits(zh) == [text, text, text, text, "2025", "Getty Images. All rights reserved"]
    en = ["The flower show opened on Saturday, drawing crowds.", "Lin Xiaochuan for Lakeside Daily"]
    assert drop_latin_credits(en) == en


def test_generic_site_name_before_the_title_in_a_table_layout() -> None:
    fields = _generic(f"""<html><head><title>湖畔在线-湖畔花展今日开幕</title></head><body>
<table><tr><td><a href="/">首页</a> | <a href="/n">新闻</a></td></tr></table>
<table>
<tr><td align="center"><font size="4"><b>湖畔花展今日开幕</b></font></td></tr>
<tr><td align="center"><font size="2">时间：2007-03-08 09:21:36　来源：湖畔晚报　作者：记者 苏 晴</font></td></tr>
<tr><td>{"".join(f"　　第{i}段，三月的湖畔小城，樱花和油菜花同时开放，吸引了周边城市的游客。<br><br>" for i in range(4))}</td></tr>
</table></body></html>""")
    assert fields.headline == "湖畔花展今日开幕"
    assert fields.published_at == "2007-03-08T09:21:36+08:00"
    assert fields.source == "湖畔晚报"
    assert fields.reporters == ["苏晴"]


def test_generic_drops_an_english_photo_credit_and_reads_the_translator() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><main>
<h1>湖畔花展开幕</h1><div><address>陆远</address><time datetime="2025-03-08">2025年3月8日</time></div>
<figure><img src="a.jpg"><figcaption>Lin Xiaochuan for Lakeside Daily</figcaption></figure>
<section class="body">{PARAS}<p>翻译：苏晴</p></section></main></body></html>""")
    assert fields.body[0].startswith("第1段") and len(fields.body) == 4
    assert fields.source is None  # the <address> byline is a person
    assert sorted(fields.reporters) == sorted(["陆远", "苏晴"])


def test_generic_local_offset_from_a_utc_stamp() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><article>
<h1>湖畔花展开幕</h1><div>Published <time datetime="2025-03-08T05:45:00.000Z">8 March 2025 3:45pm</time></div>
<div>By 苏晴</div><div>Source: LRB</div>
<div class="text">{PARAS}</div></article></body></html>""")
    assert fields.published_at == "2025-03-08T15:45:00+10:00"
    assert fields.reporters == ["苏晴"]
    assert fields.source == "LRB"


def test_clean_block_keeps_an_article_wrapper_with_a_furniture_word() -> None:
    texts = _clean(f"""<div class="share-content">{PARAS}</div><div class="ad">广告：湖畔楼盘特价</div>""")
    assert len(texts) == 4 and all(t.startswith("第") for t in texts)


def test_join_clock_lines_keeps_each_stamp_with_its_entry() -> None:
    from crawler.extract.body import join_clock_lines

    lines = ["10:05", "冠军冲过终点。", "09:40", "领先集团通过半程点。", "正文一段。"]
    assert join_clock_lines(lines) == ["10:05 冠军冲过终点。", "09:40 领先集团通过半程点。", "正文一段。"]
    assert join_clock_lines(["10:05", "10:06"]) == ["10:05", "10:06"]
    assert join_clock_lines(["比分定格在10:05", "赛后双方握手。"]) == ["比分定格在10:05", "赛后双方握手。"]


def test_live_status_and_platform_disclaimer_are_boilerplate() -> None:
    body, _ = split_credits([
        "直播已结束 最后更新 10:05", "最后更新于 2025-03-08 10:05", "直播进行中",
        "湖畔号经授权发布的文章，不代表湖畔号立场。", "本文仅代表作者个人观点。",
        "他说，这并不代表公司的整体判断，市场仍有变数。",
    ])
    assert body == ["他说，这并不代表公司的整体判断，市场仍有变数。"]


def test_generic_live_blog_entries_and_status_row() -> None:
    entries = "".join(
        f'<div class="item"><span class="t">{t}</span><p>{text}</p></div>'
        for t, text in [("10:05", "截至十时，沿线医疗点处置轻微伤病二十例，无重大伤病。"),
                        ("09:40", "领先集团已通过半程点，两侧站满了加油的市民和志愿者。"),
                        ("09:00", "发令枪响，湖畔马拉松正式开跑，两万名跑者从广场出发。")]
    )
    fields = _generic(f"""<html><head><title>直播｜湖畔马拉松开跑</title></head><body>
<h1>直播｜湖畔马拉松开跑</h1><div class="meta"><span>湖畔新闻</span> <span>2025-03-08 08:55:12</span></div>
<div class="byline"><p>湖畔新闻记者 苏晴 陆远 摄影 林小川</p></div>
<div class="live"><div class="status">直播已结束 <span>最后更新 10:05</span></div>{entries}</div>
<p>编辑 周青禾</p></body></html>""")
    assert fields.body[0].startswith("10:05 截至十时")
    assert len(fields.body) == 3 and all(line[2] == ":" for line in fields.body)
    assert fields.reporters == ["苏晴", "陆远"]
    assert fields.editor == ["周青禾"]


def test_generic_offset_from_a_machine_stamp_with_the_printed_time() -> None:
    page = """<html><head><title>湖畔花展开幕</title>
<meta property="article:published_time" content="{stamp}"></head><body>
<h1>湖畔花展开幕</h1><div class="info">来源：湖畔时报 2025-03-08 10:25:31</div>
<div class="text">{paras}</div></body></html>"""
    fields = _generic(page.format(stamp="2025-03-08T10:25:31+01:00", paras=PARAS))
    assert fields.published_at == "2025-03-08T10:25:31+01:00"
    # a stamp at another wall-clock time (UTC of the same moment) says nothing about the print
    fields = _generic(page.format(stamp="2025-03-08T09:25:31+01:00", paras=PARAS))
    assert fields.published_at == "2025-03-08T10:25:31+08:00"
    ld = page.replace("<meta property", '<script type="application/ld+json">{{"datePublished": "{stamp}"}}</script><x')
    fields = _generic(ld.format(stamp="2025-03-08T10:25:00+09:00", paras=PARAS))
    assert fields.published_at == "2025-03-08T10:25:31+09:00"


def test_generic_outlet_byline_opening_the_text_is_a_credit() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body>
<h1>湖畔花展开幕</h1><div class="info">发布时间：2025-03-08 07:30　来源：湖畔市纪委监委网站</div>
<div class="text"><p>湖畔市纪委监委网站 林小川</p>{PARAS}</div></body></html>""")
    assert fields.reporters == ["林小川"]
    assert fields.body[0].startswith("第1段")


def test_generic_person_linked_to_a_user_page_is_a_byline_not_the_source() -> None:
    fields = _generic(f"""<html><head><title>湖畔奶茶的扩张账本</title></head><body>
<h1>湖畔奶茶的扩张账本</h1><div><a href="https://news.example.org/user/5501">林小川</a><span>·2025-03-08 08:30</span></div>
<div class="text"><p>文｜林小川</p><p>编辑｜周青禾</p>{PARAS}</div></body></html>""")
    assert fields.source is None
    assert fields.reporters == ["林小川"]
    assert fields.editor == ["周青禾"]
    assert not [line for line in fields.body if "林小川" in line or "周青禾" in line]


def test_generic_same_pen_name_as_writer_and_editor() -> None:
    page = """<html><head><title>湖畔新机发布</title></head><body><h1>湖畔新机发布</h1>
<div class="info"><span>2025/3/8 9:31:12</span><span>来源：湖畔之家</span>{credits}</div>
<div class="text">{paras}</div></body></html>"""
    both = '<span>作者：<strong>林小川</strong></span><span>责编：<strong>林小川</strong></span>'
    fields = _generic(page.format(credits=both, paras=PARAS))
    assert fields.editor == ["林小川"] and fields.reporters == ["林小川"]
    fields = _generic(page.format(credits="<span>责编：<strong>林小川</strong></span>", paras=PARAS))
    assert fields.editor == ["林小川"] and fields.reporters == []


def test_generic_summary_box_without_a_colon_stays_out() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><div class="wrap">
<h1>湖畔花展开幕</h1><div>2025-03-08 08:30</div><div class="summary">摘要　三月的湖畔，十二个主题园区同时开放。</div>
<div class="text">{PARAS}</div></div></body></html>""")
    assert fields.body[0].startswith("第1段")


def test_generic_live_blog_keeps_every_entry() -> None:
    entries = "".join(
        f'<li class="entry"><div class="stamp">{h}:05</div><div class="txt"><p>第{h}条：湖畔马拉松的选手们经过江边，'
        f"沿途的市民自发前来加油，鼓乐队和舞龙队也让选手们倍感振奋，赛事医疗组在每个补给站都安排了志愿者。</p></div></li>"
        for h in (11, 10, 9, 8)
    )
    fields = _generic(f"""<html><head><title>直播｜湖畔马拉松</title></head><body><h1>直播｜湖畔马拉松</h1>
<div class="meta"><span>来源：湖畔日报</span><span>2025-03-08 07:15</span></div>
<ul class="list">{entries}</ul><div class="foot">责任编辑：周青禾</div></body></html>""")
    assert len(fields.body) == 4
    assert fields.body[0].startswith("11:05 第11条") and fields.body[-1].startswith("8:05 第8条")


def test_generic_bracketed_photo_and_desk_credits_leave_the_body() -> None:
    page = """<html><head><title>湖畔花展开幕</title></head><body><h1>湖畔花展开幕</h1>
<div>2025-03-08 08:30 来源：湖畔日报</div><div class="text">{paras}<p>{credit}</p></div></body></html>"""
    for credit in ("（摄影 周航）", "(湖畔日报编辑部)"):
        fields = _generic(page.format(paras=PARAS, credit=credit))
        assert fields.body[-1].startswith("第4段"), credit
        assert fields.reporters == [] and fields.editor == []


def test_generic_notice_sign_off_is_not_body() -> None:
    fields = _generic(f"""<html><head><title>关于调整比赛场地的通知</title></head><body>
<div class="title">关于调整比赛场地的通知</div><div class="head">湖畔足球俱乐部 2025-03-08 17:08</div>
<div class="text">{PARAS}<p style="text-align:right">湖畔足球俱乐部</p><p style="text-align:right">2025年3月8日</p></div>
</body></html>""")
    assert fields.source == "湖畔足球俱乐部"
    assert fields.body[-1].startswith("第4段")


def test_generic_unlabelled_source_span_and_source_class() -> None:
    spans = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><h1>湖畔花展开幕</h1>
<div class="info"><span>2025.03.08 10:00</span><span>湖畔晚报</span><span>记者 林溪</span></div>
<div class="text">{PARAS}</div></body></html>""")
    assert spans.source == "湖畔晚报" and spans.reporters == ["林溪"]
    classed = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><h1>湖畔花展开幕</h1>
<div class="meta"><time datetime="2025-03-08 11:47"><span>11:47</span><span>2025/03/08</span></time>
<div class="author"><a href="/reporter/1">林溪</a></div><div class="source">湖畔時報</div></div>
<div class="text">{PARAS}</div></body></html>""")
    assert classed.source == "湖畔時報" and classed.reporters == ["林溪"]
    assert classed.published_at == "2025-03-08T11:47:00+08:00"


def test_generic_story_label_and_brand_before_name() -> None:
    fields = _generic(f"""<html><head><title>湖畔新片定档</title></head><body><h1>湖畔新片定档</h1>
<p class="time">湖畔网特稿 <span>2025-03-08 11:26:40</span> 作者：Lakeside湖畔网 林溪</p>
<div class="text">{PARAS}</div></body></html>""")
    assert fields.source is None and fields.reporters == ["林溪"]


def test_generic_outlet_credit_before_the_name_is_not_a_reporter() -> None:
    fields = _generic(f"""<html><head><title>湖畔队夺冠</title></head><body><h1>湖畔队夺冠</h1>
<p class="tips">湖畔帝<span>2025-03-08 01:05</span></p>
<div class="text">{PARAS}<p>（文/湖畔帝 林溪）</p></div></body></html>""")
    assert fields.source == "湖畔帝" and fields.reporters == ["林溪"]


def test_generic_personal_account_is_the_author() -> None:
    fields = _generic(f"""<html><head><title>带孩子去湖畔自驾</title></head><body><h1>带孩子去湖畔自驾</h1>
<div class="head"><div class="info"><span class="acc-name">湖畔旅行的小林</span><span class="acc-desc">旅游领域创作者</span></div>
<span class="time">2025-03-08 08:06</span></div><div class="text">{PARAS}</div></body></html>""")
    assert fields.reporters == ["湖畔旅行的小林"] and fields.source is None


def test_generic_printed_edit_time_wins_over_hidden_meta() -> None:
    fields = _generic(f"""<html><head><title>湖畔医生谈疫苗</title>
<meta itemprop="datePublished" content="2025-03-06T21:40:12.000Z"></head><body><h1>湖畔医生谈疫苗</h1>
<div class="author"><a class="link" href="//example.org/people/lin">湖畔医生老林</a></div>
<div class="text">{PARAS}</div><div class="time">编辑于 2025-03-08 10:15・IP 属地湖北</div></body></html>""")
    assert fields.published_at == "2025-03-08T10:15:00+08:00"
    assert fields.reporters == ["湖畔医生老林"]


def test_generic_month_day_time_takes_the_year_from_a_stamp_or_the_crawl_time() -> None:
    from crawler.extract import extract

    page = """<html><head><title>湖畔游记</title>{stamp}</head><body><h1>湖畔游记</h1>
<div class="meta"><span class="acc-name">小林去旅行</span><span class="time">03-08 08:06</span></div>
<div class="text">{paras}</div></body></html>"""
    stamped = page.format(stamp='<meta property="article:published_time" content="2023-03-08T00:06:00Z">', paras=PARAS)
    assert _generic(stamped).published_at == "2023-03-08T08:06:00+08:00"
    crawled = datetime(2024, 1, 2, 9, 0, tzinfo=timezone.utc)
    fields = extract(page.format(stamp="", paras=PARAS).encode(), "https://news.example.org/a/1.html", now=crawled,
                     use_profiles=False).fields
    assert fields.published_at == "2023-03-08T08:06:00+08:00"  # crawled in January: March is last year's
    crawled = datetime(2024, 5, 21, 1, 0, tzinfo=timezone.utc)
    fields = extract(page.format(stamp="", paras=PARAS).encode(), "https://news.example.org/a/1.html", now=crawled,
                     use_profiles=False).fields
    assert fields.published_at == "2024-03-08T08:06:00+08:00"


def test_generic_relative_day_uses_the_crawl_time() -> None:
    from crawler.extract import extract

    page = f"""<html><head><title>湖畔家电出口回暖</title></head><body><h2>湖畔家电出口回暖</h2>
<div class="meta"><a class="doc-source" href="/channel/1">湖畔财经</a><span>昨天 15:30</span></div>
<div class="text">{PARAS}</div></body></html>"""
    crawled = datetime(2024, 5, 21, 1, 0, tzinfo=timezone.utc)
    fields = extract(page.encode(), "https://news.example.org/a/1.html", now=crawled, use_profiles=False).fields
    assert fields.published_at == "2024-05-20T15:30:00+08:00"
    assert fields.source == "湖畔财经"


def test_review_lines_credit_rows_and_link_widgets_leave_the_body() -> None:
    lines = [
        "湖畔县今年新增企业三百家，创历史新高。",
        "（相關報導：湖畔新城明年動工｜點我看更多湖畔專題報導）",
        "（本文首发于湖畔APP，作者｜林溪，编辑｜周航）",
        "二审 王青",
        "三审：李川",
        "責任編輯／黃信維",
        "（图为湖畔新城，林溪/摄）",
    ]
    body, credits = split_credits(lines)
    assert body == ["湖畔县今年新增企业三百家，创历史新高。"]  # `（图为…，林溪/摄）` is a caption
    assert credits == ["（本文首发于湖畔APP，作者｜林溪，编辑｜周航）", "二审 王青", "三审：李川", "責任編輯／黃信維"]


def test_generic_topic_chip_by_the_time_is_not_the_source() -> None:
    page = """<html><head><title>湖畔科技完成新一轮投资</title><meta name="keywords" content="湖畔科技,投资"></head><body>
<h1>湖畔科技完成新一轮投资</h1><div class="info"><a class="author" href="/author/7.html">林溪</a>
<span class="time">2025-03-08 15:06</span><span class="{cls}">{chip}</span></div><div class="text">{paras}</div></body></html>"""
    assert _generic(page.format(cls="tag", chip="投资", paras=PARAS)).source is None
    assert _generic(page.format(cls="tag", chip="湖畔晚报", paras=PARAS)).source == "湖畔晚报"  # ends like an outlet
    assert _generic(page.format(cls="src", chip="湖畔号", paras=PARAS)).source == "湖畔号"


def test_generic_zoned_stamp_under_the_text_is_the_time() -> None:
    fields = _generic(f"""<html><head><title>湖畔明日有雷雨</title></head><body><h1>湖畔明日有雷雨</h1>
<div class="text">{PARAS}</div><div class="stamp">2025-03-08 HKT 17:35</div></body></html>""")
    assert fields.published_at == "2025-03-08T17:35:00+08:00"


def test_stock_disclaimer_back_link_and_bracketed_outlet_credit_leave_the_body() -> None:
    lines = [
        "湖畔科技今日股价上涨百分之五，成交额放大。",
        "风险提示：以上内容仅供参考，不构成投资建议。",
        "以上信息仅供参考，不构成投资建议。",
        "本文来源湖畔财经，原文：https://news.example.org/a/1.html",
        "（湖畔县融媒体中心 林晓溪 周航）",
    ]
    body, credit = split_credits(lines)
    assert body == ["湖畔科技今日股价上涨百分之五，成交额放大。"]
    assert credit == ["（湖畔县融媒体中心 林晓溪 周航）"]
    # brackets around an outlet and words that are not names stay in the text
    assert split_credits(["（湖畔县融媒体中心 综合整理）"])[0] == ["（湖畔县融媒体中心 综合整理）"]


def _counting_doc(depth: int, paragraphs: int):
    """A page `depth` wrappers deep, parsed into elements that count their getparent() calls."""
    from lxml import etree

    calls = [0]

    class Counting(lxml.html.HtmlElement):
        def getparent(self):  # type: ignore[override]
            calls[0] += 1
            return super().getparent()

    parser = lxml.html.HTMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=Counting))
    html = ("<html><body>" + "<div>" * depth + "<h1>湖畔花展开幕</h1>" + "<div class='text'>"
            + "".join(f"<p>第{i}段：三月的湖畔小城，樱花和油菜花同时开放，吸引了游客。</p>" for i in range(paragraphs))
            + "</div>" + "</div>" * depth + "<div class='side'>" + "<p><a href='/x'>另一条新闻</a></p>" * paragraphs
            + "</div></body></html>")
    return lxml.html.document_fromstring(html, parser=parser), calls


def test_body_finder_does_not_climb_the_tree_per_line() -> None:
    """O(lines + elements), not O(lines x depth): doubling the depth barely changes the climbs."""
    from crawler.extract.body import clean_block, line_range

    counts = []
    for depth in (60, 240):
        doc, calls = _counting_doc(depth, 300)
        body = doc.find("body")
        lines = block_lines(body)
        block, _ = best_block(lines, body)
        block = widen_block(lines, block, body)
        kept = clean_block(lines_within(lines, block), block)
        assert line_range(lines, block) is not None and len(kept) == 300
        counts.append(calls[0])
    elements = 2 * 300 + 240  # paragraphs, side links and wrappers of the deeper page
    assert counts[1] < 3 * elements, counts
    assert counts[1] - counts[0] < 2 * 180, counts  # 180 more wrappers: a few climbs each, not one per line


def test_walk_keeps_spans_for_containers_only() -> None:
    """The leaves of a link list (a link, a date span) get no span: no line can be inside them. The
    answers for the elements that have one are those of climbing the tree."""
    html = ("<html><body><div class='text'><p>湖畔花展开幕，游客比往年多了三成。</p><p>第二段：<b>樱花</b>开了。</p></div>"
            "<ul>" + "".join(f"<li><a href='/n/{i}'>湖畔新闻第{i}条</a><span>05-20</span></li>" for i in range(20))
            + "</ul></body></html>")
    body = lxml.html.document_fromstring(html).find("body")
    lines = block_lines(body)
    assert len(lines) == 22
    leaves = [el for el in body.iter("a", "span", "b")]
    assert leaves and not any(el in lines.spans for el in leaves)
    assert all(ln.owner in lines.spans for ln in lines)
    for el in body.iter():
        if el in lines.spans:
            climbed = lines_within(list(lines), el)  # a plain list: the climbing path
            assert [ln.text for ln in lines_within(lines, el)] == [ln.text for ln in climbed]


def test_short_article_after_the_heading_beats_a_long_teaser_block_above_it() -> None:
    teasers = "".join(
        f"<p>第{i}条推荐：湖畔小城的另一条新闻，讲的是今年春天来的游客比往年多了三成，街上的小店也多开了一个小时。</p>"
        for i in range(8)
    )
    fields = _generic(f"""<html><head><title>湖畔花展开幕_湖畔网</title></head><body>
<div class="box">{teasers}</div>
<h1>湖畔花展开幕</h1><div class="info">2025-03-08 09:30 来源：湖畔日报</div>
<div class="text"><p>本报讯 湖畔花展今天开幕，十二个主题园区同时开放，展期持续到四月底。</p>
<p>主办方说，今年新增了夜间场次，市民可以在线预约入园。</p></div></body></html>""")
    assert fields.body == ["本报讯 湖畔花展今天开幕，十二个主题园区同时开放，展期持续到四月底。",
                           "主办方说，今年新增了夜间场次，市民可以在线预约入园。"]


def test_teaser_list_items_are_never_the_article() -> None:
    items = "".join(
        f'<li><h4><a href="/n/{i}.html">另一条新闻{i}</a></h4><p>湖畔小城的第{i}条消息说，今年春天来的游客比往年多了三成，'
        f"街上的小店也多开了一个小时，不少外地游客专程赶来看花。</p></li>"
        for i in range(5)
    )
    fields = _generic(f"""<html><head><title>湖畔花展开幕_湖畔网</title></head><body>
<h1>湖畔花展开幕</h1><div class="info">2025-03-08 09:30 来源：湖畔日报</div>
<div class="text"><p>本报讯 湖畔花展今天开幕，十二个主题园区同时开放，展期持续到四月底。</p>
<p>主办方说，今年新增了夜间场次，市民可以在线预约入园。</p></div>
<ul class="stream">{items}</ul></body></html>""")
    assert fields.body == ["本报讯 湖畔花展今天开幕，十二个主题园区同时开放，展期持续到四月底。",
                           "主办方说，今年新增了夜间场次，市民可以在线预约入园。"]


def test_captions_under_pictures_and_credit_lines_leave_the_generic_body() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕_湖畔网</title></head><body>
<h1>湖畔花展开幕</h1><div class="info">2025-03-08 09:30 来源：湖畔日报</div>
<div class="text">{PARAS}<p class="f_center"><img src="a.jpg"></p><p>游客在花田边拍照 苏晴 摄</p>
<p><img src="b.jpg"></p><p>夜色中的花海</p><p>原标题：湖畔花展今日开幕</p><p>阅读 1024</p>
<p>第五段：主办方说，今年新增了夜间场次，市民可以在线预约入园。（记者 陆远）</p></div></body></html>""")
    assert fields.body[-1] == "第五段：主办方说，今年新增了夜间场次，市民可以在线预约入园。"
    assert not any(w in "".join(fields.body) for w in ("花田边", "花海", "原标题", "阅读"))
    assert fields.reporters == ["陆远"]


def test_edge_furniture_lines_leave_the_body() -> None:
    text = ["正文第一段，内容很长很长。", "正文第二段，内容很长很长。（来源：湖畔日报）"]
    furniture = [
        "本文原标题：《湖畔花展》", "（原题为《湖畔小城花展开幕》）", "（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）",
        "声明：本文仅代表作者观点，不代表本站立场。", "延伸·推荐", "此前报道：", "相关内容", "为你推荐",
        "扫描下方二维码，关注湖畔日报", "快点击这里，关注我们", "阅读 1024", "浏览次数：56", "已被阅读128次",
        "阅读量 10万+", "#湖畔花展# #春天#", "主办单位：湖畔市人民政府", "引用通告地址：http://x.com/tb",
        "发布时间：2024-05-20 主办：湖畔网", "吉政明电〔2022〕1号", "——《湖畔之春》1996年6月号",
    ]
    body, credits = split_credits([text[0], *furniture, text[1]])
    assert body == [text[0], "正文第二段，内容很长很长。"]
    assert credits == ["（来源：湖畔日报）"]


def test_caption_words_and_prose_that_only_looks_like_them() -> None:
    from crawler.extract.body import is_caption_text

    captions = ["图为沿江步道夜景", "上图：沿江步道夜景", "中新社记者 杜洋 摄", "留条后路 蔡雪婧/摄", "山东女子学院供图",
                "图片来源：视觉中国", "▲图片来自网络", "游客在花田边拍照。（资料图）", "摄影：苏晴", "圖：游客在花田边拍照。"]
    prose = ["上图显示了过去五年的销量变化。", "为民办实事", "他们在现场进行了拍摄", "他的爱好是摄影",
             "记者从市文旅局获悉，今年花展共设置了十二个主题园区。", "文/苏晴 图/陆远 摄"]
    assert [c for c in captions if not is_caption_text(c)] == []
    assert [p for p in prose if is_caption_text(p)] == []


def test_a_writers_name_and_subtitle_above_the_text_leave_the_body_but_a_subheading_stays() -> None:
    page = """<html><head><title>湖畔小城的春天</title></head><body><div class="text">
<h1>湖畔小城的春天</h1><p>苏晴</p><p>——记一座小城的花季</p>{first}
<p>三月的湖畔小城，樱花和油菜花同时开放，吸引了周边城市的游客前来观赏。</p>
<p>据主办方介绍，今年花展共设置了十二个主题园区，展期将持续到四月底。</p></div></body></html>"""
    fields = _generic(page.format(first=""))
    assert fields.body[0].startswith("三月的湖畔小城")
    kept = _generic(page.replace("<p>苏晴</p><p>——记一座小城的花季</p>", "").format(first="<p>高温</p>"))
    assert kept.body[0] == "高温"


def test_huge_page_walk_leaves_out_long_lists_of_links() -> None:
    """skip_lists: a <ul> of linked items is not walked; a list with an item without a link, or a
    shorter list, is."""
    linked = "<ul>" + "".join(f"<li><a href='/n/{i}'>湖畔新闻第{i}条</a><span>05-20</span></li>" for i in range(60)) + "</ul>"
    mixed = "<ol>" + "".join(f"<li><a href='/m/{i}'>另一条{i}</a></li>" for i in range(59)) + "<li>没有链接的一项</li></ol>"
    short = "<ul>" + "".join(f"<li><a href='/s/{i}'>短列表{i}</a></li>" for i in range(5)) + "</ul>"
    html = f"<html><body><p>湖畔花展开幕，游客比往年多了三成。</p>{linked}{mixed}{short}<p>完</p></body></html>"
    body = lxml.html.document_fromstring(html).find("body")
    full = [ln.text for ln in block_lines(body)]
    cut = [ln.text for ln in block_lines(body, skip_lists=50)]
    assert len(full) == 1 + 60 + 60 + 5 + 1
    assert cut == [t for t in full if not t.startswith("湖畔新闻第")]


def test_huge_page_shortcut_gives_the_same_fields_on_the_bench_page(monkeypatch) -> None:
    """The generated pathological page (small here) extracts the same with the huge-page shortcut on
    as with the full walk."""
    from bench.bigpage import build_page
    from crawler.extract import extract, generic

    data = build_page(0.3, 10, paragraphs=300).encode()
    url = "https://news.example.org/a/1.html"
    monkeypatch.setattr(generic, "HUGE_PAGE_ELEMENTS", 1_000)
    cut = extract(data, url, use_profiles=False)
    monkeypatch.setattr(generic, "HUGE_PAGE_ELEMENTS", 10**9)
    full = extract(data, url, use_profiles=False)
    assert cut.fields == full.fields and len(full.fields.body) >= 300


def test_caption_mark_is_in_every_caption() -> None:
    """is_caption_text skips the regexes for a line without 图/摄/▲…: no line that the regexes take
    for a caption lacks one (checked on the lines of the kept pages and on captions written here)."""
    from pathlib import Path

    from crawler.extract import body

    texts = ["图为游客在花田边拍照", "湖畔日报记者 苏晴 摄", "▲ 花展现场", "（资料图片）", "圖片來源：湖畔網",
             "山东女子学院供图", "游客在湖边 苏晴/摄影", "示意图（点击查看大图）"]
    for path in sorted(Path(__file__).parent.glob("heldout*/*.html")):
        texts += [ln.text for ln in block_lines(lxml.html.document_fromstring(path.read_bytes()))]
    hits = 0
    for text in texts:
        by_regex = (len(text) <= 160 and not body._SENTENCE_TAIL.search(text) and bool(body._CAPTION_TEXT.match(text))
                    and not body._WRITER_TOO.search(text)) or body._LABELLED_CAPTION.match(text) is not None
        assert body.is_caption_text(text) == by_regex, text
        hits += by_regex
    assert hits >= 8


def test_generic_slash_credit_line_gives_writer_and_editor() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><article>
<h1>湖畔花展开幕</h1><div class="date">2025-03-08 09:30</div>
<div class="text"><p>撰文/苏晴\u3000编辑/陆远</p>{PARAS}</div></article></body></html>""")
    assert fields.reporters == ["苏晴"]
    assert fields.editor == ["陆远"]
    assert fields.body[0].startswith("第1段")


def test_generic_closing_manuscript_source_is_the_source_not_body() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><article>
<h1>湖畔花展开幕</h1><div class="date">2025-03-08 09:30</div>
<div class="text">{PARAS}<p>稿件来源：湖畔晨报</p></div></article></body></html>""")
    assert fields.source == "湖畔晨报"
    assert not any("稿件来源" in line for line in fields.body)


def test_generic_headline_in_a_styled_div_with_a_tagged_title() -> None:
    fields = _generic(f"""<html><head><title>观察｜湖畔花展为何年年爆满？ - 湖畔网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">观察</a></div>
<div class="art_tit">观察｜湖畔花展为何年年爆满？</div>
<div class="info"><span>发布时间：2025-03-08 09:30</span><span>来源：湖畔日报</span></div>
<div class="text">{PARAS}</div></body></html>""")
    assert fields.headline == "观察｜湖畔花展为何年年爆满？"
    assert fields.source == "湖畔日报"
    assert fields.published_at == "2025-03-08T09:30:00+08:00"


def test_split_credits_keeps_text_after_an_unbracketed_byline() -> None:
    line = "文｜记者 苏晴\u3000三月的湖畔小城，樱花和油菜花同时开放，吸引了周边城市的游客前来观赏。"
    body, credits = split_credits([line, "文｜记者 陆远"])
    assert body == [line]
    assert credits == [line, "文｜记者 陆远"]


def test_widen_block_takes_a_lead_box_when_the_row_below_is_the_editor_credit() -> None:
    fields = _generic(f"""<html><head><title>湖畔花展开幕</title></head><body><div class="art">
<h1>湖畔花展开幕</h1><div class="date">2025-03-08 09:30</div>
<div class="art-body"><div class="lead"><p><strong>据当地媒体报道，湖畔花展今天开幕，首日接待游客两万人次，周边酒店预订量明显上升。</strong></p></div>
<div class="content">{PARAS}</div>
<div class="foot"><a href="/c/1">查看网友评论</a><span>责任编辑：陆远</span></div></div></div></body></html>""")
    assert fields.body[0].startswith("据当地媒体报道")
    assert fields.body[-1].startswith("第4段")
    assert fields.editor == ["陆远"]
