"""Article body: element tree -> clean paragraphs, with boilerplate lines removed."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.fields import (
    close_padding,
    has_date,
    has_meta_label,
    outlet_byline,
    parse_editors,
    parse_reporters,
    parse_source,
)
from crawler.extract.surnames import looks_like_han_name
from crawler.extract.text import cjk_ratio, either_script, has_cjk, squash

# Elements whose text is never article text.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "form", "button", "select", "textarea", "input",
    "svg", "canvas", "video", "audio", "object", "embed", "template", "head", "nav", "footer",
})
# Elements that start a new paragraph.
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
    "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "figure",
    "figcaption", "center", "header", "main", "aside", "address", "hr", "caption",
})
# Hidden blocks: display:none, visibility:hidden, or squeezed to nothing (font-size:0 / height:0 + overflow:hidden).
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])"
    r"|height\s*:\s*0(?:px)?\s*;(?=.*overflow\s*:\s*hidden)",
    re.I,
)

# Whole lines that are share/reaction/related widgets on Chinese portals, never article text.
BOILERPLATE_LINES: tuple[str, ...] = (
    r"点击右上角.{0,20}", r"微信好友", r"朋友圈", r"请使用浏览器分享功能进行分享", r"分享到[:：]?.{0,30}",
    r"正在阅读[:：].*", r"您此时的心情", r"新闻表情排行.{0,4}", r"(?:开心|难过|点赞|飘过|愤怒|同情|感动|搞笑)\s*\d*",
    r"相关(?:阅读|新闻|链接|文章|推荐)[:：]?", r"视觉焦点", r"独家策划", r"推荐阅读", r"热点推荐", r"精彩推荐",
    r"阅读剩余全文.{0,8}", r"展开全文", r"扫一扫.{0,20}", r"扫描二维码.{0,30}", r"(?:打开|下载).{0,10}客户端.{0,20}",
    # App promos (`更多精彩内容，请下载X客户端`) and a video player's loading text.
    r"(?=.*(?:请|欢迎|点击|点我|扫码|更多|精彩)).{0,16}(?:打开|下载|安装)\S{0,12}(?:客户端|APP|App|app|应用程序).{0,12}",
    r"(?:视频)?(?:正在)?(?:加载|载入)(?:中|更多).{0,10}",
    r"[\[【(（]?\s*(?:责编|责任编辑|编辑|值班编辑)\s*[:：/／︱|｜].{0,40}", r"返回(?:首页|顶部|搜狐，查看更多)",
    r"(?:举报|打印|关闭窗口|收藏|纠错|字号)(?:\s*[/|]?\s*(?:举报|打印|关闭窗口|收藏|纠错|大|中|小))*",
    r"光明云投", r"我要评论", r"查看评论.{0,10}", r"已有\d+人参与.{0,20}", r"\d+\s*条评论",
    r"[（(]?完[)）]?", r"图片来源于网络.{0,20}",
    r"(?:[\[【]\s*[^\[\]【】]{1,20}\s*[\]】]\s*){2,}", r"分享让更多人看到", r"关注公众号[:：].{0,30}", r"转播到腾讯微博", r"精彩视频推荐", r"[\[【]\s*纠错\s*[\]】]",
    r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页.{0,30}", r"[·•\s]+", r".",
    # Print-edition line: 《人民日报》（2024年05月10日 04版）
    # A print-edition line without the title marks: 人民日报 2024年05月20日 第 03 版
    r"[（(]?[^，。！？]{0,20}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:第\s*)?[\dA-Za-z０-９]{1,4}\s*版\s*[)）]?",
    # 《人民日报海外版》（2024年05月20日 第 03 版）: the page number may be spaced out.
    r"《\s*[^》]{2,20}\s*》\s*[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:第\s*)?[\dA-Za-z０-９]{0,4}\s*版\s*[)）]",
    # Copyright, reprint and disclaimer notices under an article.
    r"[（(【\[]?\s*(?:免责声明|版权声明|郑重声明|特别声明|平台声明)\s*[:：].*",
    r".{0,40}(?:如需转载|转载[^，。]{0,4}(?:请|须|需)[^，。]{0,3}(?:联系|注明|标明)|未经.{0,20}(?:授权|许可|同意).{0,12}(?:不得|严禁|禁止|请勿)(?:转载|复制|使用)).*",
    r"本文(?:系|为|是).{0,20}(?:独家|原创)(?:稿件|文章|内容).*",
    # 经授权发布的文章，不代表X立场 / 本文仅代表作者观点: the platform's disclaimer
    r".{0,30}(?:文章|本文|内容|作者)[^，。]{0,10}[，,]?\s*(?:仅代表作者[^，。]{0,10}|不代表[^，。]{0,16}(?:立场|观点))[。.]?",
    # Mid-article prompts: newsletters, ad breaks.
    r"订阅.{0,30}(?:简报|电子报|新闻信|邮件|邮箱|newsletter).*", r"请?继续(?:下滑|往下|向下)?阅读.{0,6}",
    # A reader poll's prompt: 【你怎么看？】立即投票：… / 参与投票
    r"(?:[【\[][^【】\[\]]{1,12}[】\]]\s*)?(?:(?:立即|马上|快来|点击|欢迎)(?:参与)?|参与)投票\s*[:：]?.{0,60}",
    r"文章信息", r"(?:Role|Author|Byline)\s*[,，].{0,30}",
    # The header picture's credit and comma-labelled picture credits (`图像来源，Getty Images`).
    r"题图(?:来源|来自)?\s*[:：].{0,40}", r"图像来源\s*[，,:：].{0,40}",
    # A live blog's status row: 直播已结束 最后更新 09:48 / 直播中 / 最后更新于 2024-05-19 09:48
    r"(?:直播(?:已结束|进行中|中|未开始)|正在直播)?\s*(?:(?:最后|最新|最近)更新(?:时间|于)?\s*[:：]?\s*"
    r"(?:\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?\s*)?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)",
    r"直播(?:已结束|进行中|未开始)",
    # A related-link widget printed as a bracketed paragraph: （相關報導：…｜點我看更多…）
    r"[（(【\[]\s*(?:相关(?:报导|报道|新闻|阅读|文章)|延伸阅读|推荐阅读|更多报道)\s*[:：].{2,80}[)）】\]]",
    # Stock-news risk notes (`风险提示：…不构成投资建议`) and a back-link to the original (`…原文：<url>`).
    r"[【\[（(]?\s*(?:风险提示|风险揭示|投资提示)\s*[:：】\]）)].{0,120}",
    r".{0,40}(?:仅供参考|据此操作)[^。]{0,20}[，,]\s*不构成(?:任何)?投资建议.{0,30}",
    r".{0,40}原文(?:链接|地址)?\s*[:：]\s*(?:https?://|www\.)\S+",
    # The headline the story ran under elsewhere: 原标题：… / 本文原标题… / （原题为《…》）
    r"[（(【\[]?\s*(?:本文)?原(?:标题|题目?)(?:为|是)?\s*[:：]?\s*.{1,80}",
    # Where the piece came from, in brackets: （本文来自澎湃新闻APP） / （本文转自…）
    r"[（(【\[]\s*(?:本文|文章|此文)?(?:来自|转自|转载自|来源于|首发于|发表于|选自|摘自|原载于?|刊载于|刊发于|刊于).{1,60}[)）】\]]",
    # Related and recommended widgets' headings, and links to earlier reports.
    r"(?:延伸|更多)\s*[·•・]?\s*(?:推荐|阅读)", r"此前报道\s*[:：]?.{0,60}", r"相关(?:内容|报道|专题|话题|视频)\s*[:：]?",
    r"(?:为你|为您|猜你|小编)(?:推荐|喜欢)", r"视频\s*[-－—].{1,40}", r"进入\s*【[^】]{1,20}】\s*.{0,6}",
    r".{0,10}(?:扫描|长按|识别)(?:下方|上方|下面|图中|文末)?二维码.{0,60}", r"快点击这里.{0,40}",
    # Counters: 阅读 1234 / 浏览次数：56 / 已被阅读128次 / 点击数：9
    r"(?:本文)?(?:已被|已经被|已)?(?:阅读|浏览|点击|访问)(?:次数|数|量)?\s*[:：]?\s*[\d.,]+\s*(?:[万千wWkK]\+?|\+)?\s*(?:次|人次)?",
    r"(?:引用通告|引用地址|Trackback|TrackBack|trackback)(?![a-z]).{0,100}",
    # A site's date row inside the container: 发布时间：2024-05-20 主办：…
    r"(?:发布|更新|发表)(?:时间|日期)\s*[:：]\s*(?:19|20)\d{2}.{0,60}",
    # The print issue a reprint came from, under the text: ——《北京之春》1996年6月号
    r"[—－-]{1,2}\s*(?:原载|载于|刊于|选自|摘自)?\s*《[^》]{1,20}》\s*[^，。！？]{0,24}",
    # A government document's number: 吉政明电〔2022〕1号
    r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号",
    # A hashtag row: #话题# #另一个话题#
    r"(?:[#＃][^#＃]{1,30}[#＃]\s*)+",
    # Site-footer rows inside the text container: 主办单位：… / 技术支持：… / 网站标识码…
    r".{0,20}(?:主办单位|承办单位|主管单位|技术支持|网站标识码|网站地图|联系我们)\s*[:：]?.{0,80}",
    # A teaser cut short, with a link to the rest: `……的女儿被…...... [全文]`
    r".{4,200}(?:\.{3,}|…+|。{2,})\s*[\[【(（]?\s*(?:全文|详细|详情|更多|阅读全文|点击阅读)\s*[\]】)）]?",
    # The list item of a related-links box: `·标题 (2005-04-27 14:32PM)`
    r"[·•・]\s*.{2,60}[（(]\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}.{0,14}[)）]",
)
# Credit lines at the end of an article: dropped from the body, but read for names first.
CREDIT_LINES: tuple[str, ...] = (
    r"[（(【\[]?\s*(?:作者|撰文|文|出品|原标题|来源|本文来源|文章来源|稿件来源|信息来源|新闻来源|稿源|编辑|编译|翻译|译者|整理|排版|校对|审核|监制|统筹|策划|制作|素材来源"
    r"|供稿|摄影|摄像|设计|视觉|海报|测试|试驾|测评|执笔|执笔人)"
    r"\s*[︱|｜/／:：].{0,60}",
    r"(?:编辑|责任编辑|排版|校对|审核|初审|二审|三审|终审|复审|监制|统筹|整合|素材来源|文章来源)\s+[^，。！？]{2,40}",
    r"(?:初审|二审|三审|终审|复审)\s*[︱|｜/／:：].{0,40}",
    # （本文首发于钛媒体APP，作者｜王婷，编辑｜刘洋）: a bracketed row of credits, one item a `role｜name`
    r"[（(](?:[^（）()，,。！？]{1,24}[，,]\s*)*(?:作者|记者|通讯员|撰文|文|编辑|责编|责任编辑|编译|翻译|校对|审核|摄影|图)"
    r"\s*[︱|｜/／:：]\s*[^（）()，,。！？]{1,20}(?:[，,]\s*[^（）()，,。！？]{1,24})*[)）]",
    # 中青报·中青网记者 魏其濛 来源：中国青年报 / 顶端新闻·河南商报记者马俊峰/文受访者供图
    r"[^，。！？\s]{0,20}(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}(?:[\s、/][^，。！？]{0,24})?",
    # □ 本报记者 葛灵丹 / 新华网黑龙江频道 记者 伊琳 李清芬 / 本报记者罗科苏盈发自北京 / 本报实习生 刘国栋 周炜:
    # a short byline row with no sentence in it
    r"[□■◆●]?\s*[^，。！？：:；;“”]{0,20}?(?:记者|通讯员|实习生|特约撰稿人?)\s*[\u4e00-\u9fff·\s、]{2,20}",
    # （松花江网编辑 孙桂芳） / （本文来源：经济日报 作者：…）
    r"[（(][^（）()]{0,10}(?:编辑|责编|记者|通讯员)\s*[\u4e00-\u9fff·、\s]{2,20}[)）]",
    r"[（(]\s*(?:本文|文章)?来源[:：][^（）()]{1,80}[)）]",
    # `作者, 林嘉`: a byline list labelled with a comma
    r"(?:作者|记者|撰文)\s*[,，]\s*[^,，。]{2,30}",
    # （摄影 周航） / （图 王明）: a photo credit in brackets, the role and the names set apart by a space
    r"[（(]\s*(?:摄影|摄像|图片|图|供图)\s+[\u4e00-\u9fff·、\s]{2,20}[)）]",
    # (星暹日报编辑部): the desk that wrote the piece, not a person
    r"[（(]\s*[^（）()\s]{0,16}(?:编辑部|编辑组|采编部|新闻部|报道组|评论部)\s*[)）]",
)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (if on) for the duration; reference counting still frees
    everything the block allocates."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def compile_lines(patterns: Iterable[str]) -> re.Pattern[str]:
    """One full-line regex from many; label characters match in simplified or traditional script."""
    return re.compile(either_script("^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")$"))


DEFAULT_BOILERPLATE = compile_lines(BOILERPLATE_LINES)
DEFAULT_CREDITS = compile_lines(CREDIT_LINES)


def element_paragraphs(el: HtmlElement) -> list[str]:
    """Visible text of `el`, one string per block, indentation trimmed, empties and picture captions dropped."""
    return [line.text for line in drop_captions(block_lines(el), el)]


def drop_elements(root: HtmlElement, selectors: Iterable[etree.XPath]) -> None:
    """Remove every element a selector matches, keeping the text that follows it."""
    for select in selectors:
        for node in select(root):
            remove_keep_tail(node)


def remove_keep_tail(node: HtmlElement) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def split_credits(
    lines: list[str],
    boilerplate: re.Pattern[str] = DEFAULT_BOILERPLATE,
    credits: re.Pattern[str] = DEFAULT_CREDITS,
) -> tuple[list[str], list[str]]:
    """Drop boilerplate lines; move credit lines out of the body. Returns (body, credit_lines)."""
    body: list[str] = []
    credit: list[str] = []
    for line in lines:
        if _CAPTION_LABEL.match(line) or is_caption_text(line):
            if credits.match(line) and not _CAPTION_START.match(line):
                credit.append(line)  # `摄影：苏晴`: a credit row, read for names (photographers are left out there)
            continue
        if _LONG_FURNITURE.match(line):
            continue
        line, tail = split_trailing_credit(line, credits)
        if tail:
            credit.append(tail)
        if len(line) > 80:
            body.append(line)
            continue
        # Read past widget links glued before a credit (`【我要纠错】 责任编辑：张 晶`) and name padding.
        core = close_padding(_WIDGET_PREFIX.sub("", line)) or line
        if boilerplate.match(line) or boilerplate.match(core):
            if credits.match(core) or _looks_like_editor(core):
                credit.append(line)
            continue
        if credits.match(core) or _outlet_credit(core):
            if _INLINE_CREDIT.match(line):  # `【文/X】` opening a paragraph of prose: the paragraph stays
                body.append(line)
            credit.append(line)
            continue
        body.append(line)
    return body, credit


def _outlet_credit(line: str) -> bool:
    """`（某市融媒体中心 王明 李华）`: an outlet and its writers in brackets, with no role label."""
    return line.startswith(("（", "(")) and bool(outlet_byline(line))


# ---------------------------------------------------------------- captions and credits glued to text

# Picture captions and photo credits, by their words: never body (the gold's rule).
CAPTION_LINES: tuple[str, ...] = (
    # 图片来源：X / 资料图：X / 图/X / 摄影：X / 视频截图：X
    r"[（(【\[]?\s*(?:图|图片|图源|图片来源|图片来自|图片提供|图像来源|资料图|资料图片|配图|题图|图注|图说|摄影|摄像"
    r"|视频截图|截图|网络图片)\s*[:：/／|｜].{0,100}",
    r"[▲△↑]\s*.{1,100}",  # ▲图片来自… / ▲ a caption under the picture
    r"(?:(?:图|图中|上图|下图|左图|右图)为|(?:上图|下图|左图|右图)\s*[:：])\s*.{2,100}",
    # `…留条后路 蔡雪婧/摄`, `中新社记者 杜洋 摄`, `山东女子学院供图`, `…资料图`
    r".{0,120}?(?:[\s/／]摄影?|[\u4e00-\u9fff]{2,4}\s*(?<![拍航])摄|供图|翻摄|资料图片?|视频截图|网络截图)\s*[)）]?",
    r".{0,100}[（(\[【]\s*(?:资料图片?|视频截图|网络截图|截图|示意图|点击(?:看|查看)?(?:清晰)?大图|点击图片.{0,10}"
    r"|图片来(?:源|自)[^)）\]】]{0,30}|图[:：/／][^)）\]】]{1,30})\s*[)）\]】]",
    r".{0,80}图片来(?:源|自)\s*[:：].{0,60}",
)
# Every caption pattern (here and _LABELLED_CAPTION) has one of these: a line without any is no caption.
_CAPTION_MARK = re.compile("[图圖摄攝▲△↑]")
_CAPTION_TEXT = re.compile(either_script("^(?:" + "|".join(f"(?:{p})" for p in CAPTION_LINES) + r")$"))
# A writer's credit in the same line (`文/张三 图/李四`, `文图`) makes it a byline, not a caption.
_WRITER_TOO = re.compile(either_script(r"(?<![\u4e00-\u9fff])文\s*[/／:：|｜]|文图|图文|记者.{0,12}报道"))


def is_caption_text(line: str) -> bool:
    """A caption or photo credit by its words: `图片来源：…`, `…摄`, `…供图`, `图为…`, `▲…`, `（资料图）`."""
    if not _CAPTION_MARK.search(line):
        return False
    return len(line) <= 160 and not _SENTENCE_TAIL.search(line) and bool(_CAPTION_TEXT.match(line)) and (
        not _WRITER_TOO.search(line)
    ) or _LABELLED_CAPTION.match(line) is not None


# A line that opens like a caption describes the picture; it is not a credit row.
_CAPTION_START = re.compile(either_script(r"^[（(]?\s*(?:图为|图中|图注|图说|资料图|▲|△)"))
# A caption ends on a credit or a noun, never mid-sentence with a comma.
_SENTENCE_TAIL = re.compile(r"[，,、；;：:]$")
# Lines that open with a caption label are captions however they end.
_LABELLED_CAPTION = re.compile(either_script(
    r"^(?:图为|图注|图说|图片说明|图像说明|图像加注文字|资料图|▲|△)\s*[:：，,]?.{2,160}$"
))
_CAPTION_CLASS = re.compile(r"caption|(?:pic|img|image|photo)[-_]?(?:txt|text|desc|info|title|note|intro)", re.I)
_ROLE_WORD = re.compile(either_script(r"记者|通讯员|作者|编辑|责编|来源|撰文|(?<![\u4e00-\u9fff])文\s*[/／:：|｜]"))
_CENTRED = re.compile(r"text-align\s*:\s*center", re.I)
_FINAL_STOP = re.compile(r"[。！？!?…”」』]$|\.$")


def is_caption(line: Line, stop: HtmlElement | None = None, habit: bool = True) -> bool:
    """A picture caption by its place: a <figcaption> or a caption-classed box, or a short line right
    under (or beside) an image that is centred, or that does not end a sentence on a page whose
    other pictures carry worded captions (`habit`): there a short line under a picture is its caption,
    elsewhere it may be a sub-heading."""
    text = line.text
    if len(text) > 300 or line.links * 2 > len(text):
        return False
    node = line.owner
    for _ in range(2):
        if node is None or node is stop:
            break
        if node.tag == "figcaption" or _CAPTION_CLASS.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    if not line.after_img or len(text) > 60 or _ROLE_WORD.search(text):
        return False  # `作者：上官云` under the last picture is a credit, read for names
    return _centred(line.owner, stop) or (habit and not _FINAL_STOP.search(text))


def drop_captions(lines: list[Line], stop: HtmlElement | None = None) -> list[Line]:
    """`lines` without picture captions (see is_caption); the page's habit is read from the lines
    right under pictures: any of them worded like a caption (`图为…`, `…摄`, `…供图`)."""
    habit = any(ln.after_img and is_caption_text(ln.text) for ln in lines)
    return [ln for ln in lines if not is_caption(ln, stop, habit)]


def _centred(node: HtmlElement | None, stop: HtmlElement | None) -> bool:
    line_owner = node
    for _ in range(2):
        if node is None or node is stop:
            return False
        if (node.get("align") or "").lower() == "center" or node.tag == "center" or _CENTRED.search(
            node.get("style") or ""
        ):
            return True
        if node is line_owner and "center" in (node.get("class") or "").lower():
            return True  # `p.f_center`: a class names the paragraph centred (a wrapper's may not mean it)
        node = node.getparent()
    return False


# Furniture lines of any length: disclaimers and reprint notices may run long.
_LONG_FURNITURE = re.compile(either_script(
    r"^[（(【\[]?\s*(?:(?:免责声明|版权声明|郑重声明|特别声明|平台声明)\s*[:：】\]].*"
    r"|声明\s*[:：】\]](?=.*(?:转载|版权|观点|立场|侵权|删除|来源于网络|仅供参考)).*)$"
))
# A credit in brackets closing a paragraph: `…的决心。（常书香 马丹阳 ）`, `…体系。（记者 胡晓蓉）`, `…。（来源：X）`.
_TRAILING_BRACKET = re.compile(r"^(?P<text>.*[。！？!?”」』])\s*(?P<credit>[（(][^（）()]{2,40}[)）])$")


def split_trailing_credit(line: str, credits: re.Pattern[str] | None = None) -> tuple[str, str | None]:
    """(paragraph, credit) when the paragraph ends on a bracketed credit, else (line, None)."""
    m = _TRAILING_BRACKET.match(line)
    if not m:
        return line, None
    credit = m.group("credit")
    inner = credit[1:-1].strip()
    labelled = _TRAILING_ROLE.search(inner) and (credits or DEFAULT_CREDITS).match(credit)
    # A credit names someone or something: `（本报记者补充报道）` is a note, and stays.
    if labelled and (parse_reporters(credit) or parse_editors(credit) or parse_source(credit)) or (
        _NAMES_ONLY.match(inner) and all(looks_like_han_name(n) for n in inner.split())
    ):
        return m.group("text"), credit
    return line, None


# A reporter's, an editor's or the source's credit; a translator's (`编译/X`) or a lone name stays with the text.
_TRAILING_ROLE = re.compile(either_script(r"记者|通讯员|来源|责编|责任编辑|编辑(?!部)"))
# `常书香 马丹阳`: two or more names set apart by spaces and nothing else.
_NAMES_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[\s\u3000]+[\u4e00-\u9fff]{2,4})+$")


# Widget links printed in brackets before a credit line.
_WIDGET_PREFIX = re.compile(either_script(
    r"^(?:[\[【]\s*(?:我要)?(?:纠错|打印|关闭|关闭窗口|收藏|分享|举报|返回顶部|字号)\s*[\]】]\s*)+"
    r"|^(?:查看|发表|我要)?(?:网友)?评论(?:\s*[（(]\d+[)）])?\s*(?=(?:责任编辑|责编)\s*[:：])"  # `查看网友评论责任编辑：X`
))
# Screen-reader labels before a picture caption (`图像加注文字，伦敦一处市场。`).
_CAPTION_LABEL = re.compile(either_script(r"^(?:图像加注文字|图片说明|图像说明)\s*[，,:：]\s*"))
# A bracketed credit, then sentences: the credit opens the first paragraph.
_INLINE_CREDIT = re.compile(
    r"^[【\[（(][^】\]）)]{2,30}[】\]）)]\s*\S.{15,}[。！？”]$"
    # `文｜记者 王明　本市今年…。`: an unbracketed byline, a gap, then the first sentence
    r"|^(?:文|作者|撰文)\s*[/／|｜︱:：]\s*(?:[^\s，。！？]{0,8}记者\s*)?[\u4e00-\u9fff·]{2,4}[\u3000 ]+"
    r"[^\s/／|｜︱:：][^/／|｜︱:：]{15,}[。！？”]$"
)


def _looks_like_editor(line: str) -> bool:
    return bool(re.search(either_script(r"责编|责任编辑|编辑"), line))


# ---------------------------------------------------------------- finding the article block

# Sentence punctuation: a line that has it reads as prose, not as a menu or a link list.
_PROSE = re.compile(r"[，。！？；、“”：,.!?;]")
_DATE_LIKE = re.compile(r"(?:19|20)\d{2}\s*[-/年.]\s*\d{1,2}")
_FOOTER_LIKE = re.compile(r"©|版权所有|Copyright|ICP|备案|All Rights Reserved|公网安备|许可证", re.I)


# A leaf block of these tags is the container itself, not a paragraph inside one.
_CONTAINER_TAGS = frozenset({"td", "article", "main", "body", "section"})


@dataclass
class Line:
    """One visible block of text, how much of it is link text, and the block element it belongs to.

    `after_img`: an <img> came right before the text (no other text in between), or inside its block.
    """

    text: str
    links: int
    owner: HtmlElement
    after_img: bool = False


class Lines(list):
    """The lines of a page in document order, and where each visible element starts and ends in
    that walk (`spans`: element -> (enter, leave) counters), so that "is this line inside that
    element" is two comparisons instead of a climb to the root."""

    spans: dict[HtmlElement, tuple[int, int]]

    def __init__(self, items: Iterable[Line] = (), spans: dict[HtmlElement, tuple[int, int]] | None = None) -> None:
        super().__init__(items)
        self.spans = spans if spans is not None else {}


# A list whose every item holds a link: on a huge page, a sidebar of teasers (see block_lines).
_LINK_LIST = etree.XPath("count(*) = count(li[.//a])")


def block_lines(root: HtmlElement, skip_lists: int = 0) -> Lines:
    """Like element_paragraphs, but each line remembers its block element and its link characters.

    One walk over the visible tree, written for speed (it visits every element of the page):
    text pieces gather in a buffer until a block boundary or a <br> flushes them into a line.
    Spans are kept for the elements a line can be inside of (blocks and elements with children),
    not for the leaves (most of a big page's elements: a link, a span), which no line is inside.
    `skip_lists` > 0 leaves out lists (<ul>, <ol>) of at least that many items that all hold a link:
    the extractor asks for it on huge pages only, where such sidebars are most of the elements.
    """
    lines = Lines()
    spans = lines.spans
    buf: list[str] = []
    links = 0  # link characters in the buffer
    after_img = False  # an image seen since the last line
    counter = 1  # the walk's enter/leave counter
    owners: list[HtmlElement] = [root]
    append = lines.append
    skip, blocks, hidden_style = SKIP_TAGS, BLOCK_TAGS, _HIDDEN_STYLE

    def flush() -> None:
        nonlocal links, after_img
        text = squash("".join(buf))
        if text:
            append(Line(text, links, owners[-1], after_img))
            after_img = False
        buf.clear()
        links = 0

    def walk(parent: HtmlElement, in_link: bool) -> None:
        """The children of `parent` and below; a call per element that has children, not per element."""
        nonlocal links, after_img, counter
        for node in parent:
            tag = node.tag
            if isinstance(tag, str):
                style = node.get("style")
                if not (tag in skip or (style and hidden_style.search(style))) and not (
                    skip_lists and (tag == "ul" or tag == "ol") and len(node) >= skip_lists and _LINK_LIST(node)
                ):
                    enter = counter
                    counter += 1
                    if tag == "img" and not "".join(buf).strip():
                        after_img = True
                    block = tag in blocks
                    if (block or tag == "br") and buf:
                        flush()
                    if block:
                        owners.append(node)
                    link = in_link or tag == "a"
                    text = node.text
                    if text:
                        buf.append(text)
                        if link:
                            links += len(text.strip())
                    if len(node):
                        walk(node, link)
                        spans[node] = (enter, counter)
                    elif block:
                        spans[node] = (enter, counter)
                    if block:
                        if buf:
                            flush()
                        owners.pop()
                    counter += 1
            tail = node.tail
            if tail:
                buf.append(tail)
                if in_link:
                    links += len(tail.strip())

    if root.text:
        buf.append(root.text)
    walk(root, False)
    if buf:
        flush()
    spans[root] = (0, counter)
    return lines


def line_value(line: Line, boilerplate: re.Pattern[str] = DEFAULT_BOILERPLATE) -> int:
    """How much a line speaks for its block being the article: prose +, menus/links/footers -."""
    n = len(line.text.replace(" ", ""))
    if line.links * 2 > n:
        return -n
    if n <= 80 and boilerplate.match(line.text):
        return -min(n, 20)
    if _FOOTER_LIKE.search(line.text) and n < 200:
        return -n
    if _PROSE.search(line.text):
        return n - line.links
    if n <= 30 and _DATE_LIKE.search(line.text):
        return -10
    return n // 4 if n >= 40 else 0


def best_block(
    lines: list[Line], root: HtmlElement, heading: int | None = None, min_score: int = 50
) -> tuple[HtmlElement | None, int]:
    """The element whose own paragraphs add up to the most article-like text.

    A line counts for its paragraph's container: the parent of a leaf block (<p>, a <div> used
    as a paragraph, a <td> cell's <br>-split text stays with the cell). Sidebars and comment
    lists are separate containers, so they cannot add up with the article. Items of a list of
    stories and boxes named for other stories never win. With the heading's line index given, the
    text is what follows it: a block that ends above the heading loses to one below it that scores
    at least `min_score`.
    """
    with_blocks: set[HtmlElement] = set()
    for line in lines:
        node = line.owner.getparent()
        while node is not None and node not in with_blocks:
            with_blocks.add(node)
            node = node.getparent()
    totals: dict[HtmlElement, int] = {}
    first: dict[HtmlElement, int] = {}
    last: dict[HtmlElement, int] = {}
    for i, line in enumerate(lines):
        value = line_value(line)
        if not value:
            continue
        unit = line.owner
        if unit not in with_blocks and unit is not root and unit.tag not in _CONTAINER_TAGS:
            unit = unit.getparent()
        totals[unit] = totals.get(unit, 0) + value
        first.setdefault(unit, i)
        last[unit] = i
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    lists: dict = {}
    best: HtmlElement | None = None
    best_score = 0
    for node, score in ranked:
        if score <= 0:
            break
        if not _in_list_or_widget(node, memo=lists):
            best, best_score = node, score
            break
    if best is not None and heading is not None and last[best] < heading:
        for node, score in ranked:
            if score < min_score:
                break
            if first[node] > heading and not _in_list_or_widget(node, memo=lists):
                return node, score
    return best, best_score


# Class or id words of boxes that hold other stories, never the article: recommendations, related
# links, comments, sidebars.
_ELSEWHERE_WORDS = frozenset({
    "recommend", "recommends", "related", "relate", "comment", "comments", "sidebar", "aside", "footer",
    "player", "mplayer",  # a video player's controls and messages
})


def _in_list_or_widget(node: HtmlElement, levels: int = 5, memo: dict | None = None) -> bool:
    """The block is one item of a list of stories (a teaser under a linked title, the items repeated
    as siblings), or sits in a box named for other stories (`recommend`, `related`, `comment`).
    `memo` keeps each list's answer, so that the items of one long list do not scan it again."""
    for _ in range(levels):
        if node is None:
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if _ELSEWHERE_WORDS.intersection(re.split(r"[\s_\-]+", marks)):
            return True
        if node.tag == "li" and _story_list(node, {} if memo is None else memo):
            return True
        node = node.getparent()
    return False


def _story_list(item: HtmlElement, memo: dict) -> bool:
    """`item` is one of three or more sibling items that each carry a linked title."""
    parent = item.getparent()
    if parent is None:
        return False
    key = (parent, item.tag)
    if key not in memo:
        items = [c for c in parent if c.tag == item.tag]
        linked = sum(1 for c in items if any(squash(a.text_content()) for a in c.iter("a")))
        memo[key] = len(items) >= 3 and linked * 2 >= len(items)
    return memo[key]


def widen_block(lines: list[Line], block: HtmlElement, root: HtmlElement, levels: int = 3) -> HtmlElement:
    """Climb to the parent while what the parent adds is prose that belongs with the block.

    Above the block only the run of sentences right over it counts (a lead or a quote split
    off); the heading area above that run is neutral unless it is links or footer text. Below
    the block every line that is not a sentence or a credit is furniture (a disclaimer, a tag
    row, comments) and counts against the parent.
    """
    inside = lines_within(lines, block)
    lists: dict = {}
    for _ in range(levels):
        parent = block.getparent()
        if parent is None or block is root or not inside:
            break
        ids = {id(ln) for ln in inside}
        within = lines_within(lines, parent)
        first = next(i for i, ln in enumerate(within) if id(ln) in ids)
        last = max(i for i, ln in enumerate(within) if id(ln) in ids)
        gain = loss = 0
        above = True  # still in the run of sentences right over the block
        for ln in reversed(within[:first]):
            value = line_value(ln)
            if above and is_sentence(ln) and value > 0 and not _SUMMARY.match(ln.text):
                gain += value
                continue
            above = False
            if _is_link_line(ln) or _FOOTER_LIKE.search(ln.text):  # a heading, a date row: neutral
                loss += max(0, -value)
        for ln in within[last + 1 :]:
            value = line_value(ln)
            if is_sentence(ln) and value > 0 and not _in_list_or_widget(ln.owner, memo=lists):
                gain += value
            elif not DEFAULT_CREDITS.match(ln.text) and not (len(ln.text) <= 40 and _EDITOR_CREDIT.search(ln.text)):
                loss += max(abs(value), len(ln.text))  # a row with the editor credit closes the article
        extra = [ln for ln in within if id(ln) not in ids]
        stamp_only = bool(extra) and all(_CLOCK_ONLY.match(ln.text) for ln in extra)
        if not stamp_only and (gain == 0 or loss > gain * 0.2):
            break  # a live blog's entry (`<li>` = time stamp + text) climbs to the list of entries
        block = parent
        inside = within
    return block


# `查看网友评论 责任编辑：X`: the editor credit behind a widget link in the row under the text.
_EDITOR_CREDIT = re.compile(either_script(r"(?:责任编辑|责编)\s*[:：]\s*\S"))
# An editor's summary box over the text: wholly in 【】, or labelled 摘要 / 导语 / 核心提示.
_SUMMARY = re.compile(either_script(r"^(?:【[^【】]+】|(?:内容)?(?:摘要|提要|导语|导读|核心提示)\s*[:：\s].*)$"))
# A sentence: it ends a clause with a full stop, or runs long with commas.
_SENTENCE_END = re.compile(r"[。！？!?…]|\.(?:\s|$)")


def is_sentence(line: Line) -> bool:
    """A line that reads as a sentence of prose, not a label, a meta row or a link."""
    text = line.text
    if line.links * 2 > len(text):
        return False
    return bool(_SENTENCE_END.search(text)) or (len(text) >= 60 and bool(re.search(r"[，,]", text)))


# ---------------------------------------------------------------- cleaning the chosen block


def _is_link_line(line: Line) -> bool:
    return line.links * 2 > len(line.text)


# Class or id words that mark a box inside the article container as page furniture.
_FURNITURE_WORDS = frozenset({
    "promo", "advert", "advertisement", "ad", "ads", "share", "sharing", "related", "recommend",
    "comment", "comments", "copyright", "disclaimer", "tags", "qrcode", "newsletter", "subscribe",
    "player", "mplayer", "video",
})


def _furniture_box(
    node: HtmlElement, block: HtmlElement, memo: dict[HtmlElement, HtmlElement | None]
) -> HtmlElement | None:
    """The innermost element (below the block) holding the line whose class or id names it a promo,
    a share bar, related links, comments or a copyright notice. `memo` keeps each element's answer,
    so the lines of one block climb each element once."""
    path: list[HtmlElement] = []
    found: HtmlElement | None = None
    while node is not None and node is not block:
        if node in memo:
            found = memo[node]
            break
        path.append(node)
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if _FURNITURE_WORDS.intersection(re.split(r"[\s_\-]+", marks)):
            found = node
            memo[node] = node
            path.pop()
            break
        node = node.getparent()
    for el in path:
        memo[el] = found
    return found


def _drop_furniture(lines: list[Line], block: HtmlElement) -> list[Line]:
    """Lines outside furniture boxes; a box that holds most of the text is the article's own
    wrapper with an unlucky class name (`share-content`), not furniture."""
    memo: dict[HtmlElement, HtmlElement | None] = {}
    boxes = [_furniture_box(ln.owner, block, memo) for ln in lines]
    total = sum(len(ln.text) for ln in lines) or 1
    held: dict[HtmlElement, int] = {}
    for line, box in zip(lines, boxes, strict=True):
        if box is not None:
            held[box] = held.get(box, 0) + len(line.text)
    return [ln for ln, box in zip(lines, boxes, strict=True) if box is None or held[box] * 2 > total]


_HEADING_LIKE = re.compile(r"^[^，。！？,.!?；;]{1,20}$")


def _drop_link_box_headings(lines: list[Line], block: HtmlElement, spans: dict | None = None) -> list[Line]:
    """A short line heading a box of links (`延伸阅读` over two linked titles) goes with the links:
    every other line in its container is a link line, or the next two lines are links."""
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if _is_link_line(line) or not _HEADING_LIKE.match(line.text):
            continue
        box = line.owner.getparent()
        if box is not None and box is not block and is_inside(box, block, spans) and _only_links_beside(
            lines, i, box, spans
        ):
            drop.add(i)
            continue
        following = lines[i + 1 : i + 3]
        if len(following) == 2 and all(_is_link_line(ln) for ln in following):
            drop.add(i)
    return [ln for i, ln in enumerate(lines) if i not in drop]


def _only_links_beside(lines: list[Line], i: int, box: HtmlElement, spans: dict | None) -> bool:
    """The other lines inside `box` (a run around line i: a box's lines are consecutive) are all
    link lines, and there is at least one. Stops at the first line that is not."""
    mates = 0
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and is_inside(lines[j].owner, box, spans):
            if not _is_link_line(lines[j]):
                return False
            mates += 1
            j += step
    return mates > 0


# A row of hashtags (`#长者 #安老服务`).
_HASHTAGS = re.compile(r"^(?:[#＃]\S+\s*)+$")
_COPYRIGHT_OPEN = re.compile(r"^(?:©|\([cC]\)|Copyright\b)|版权所有|版權所有|版权声明|版權聲明")


def clean_block(lines: list[Line], block: HtmlElement) -> list[Line]:
    """The lines of the chosen block that are text: furniture boxes, captions, link lines, the heading
    of a link box and the furniture after the last paragraph taken out."""
    spans = getattr(lines, "spans", None)
    lines = _drop_furniture(lines, block)
    lines = drop_captions(lines, block)
    lines = _drop_link_box_headings(lines, block, spans)
    return _trim_tail([ln for ln in lines if not _is_link_line(ln)])


def _trim_tail(lines: list[Line]) -> list[Line]:
    """Drop furniture after the last paragraph: a copyright notice, a date row with its labels,
    hashtags, or a short row that is mostly links (topic tags)."""
    while lines:
        line = lines[-1]
        text = line.text
        if _COPYRIGHT_OPEN.search(text) and len(text) < 200:
            lines = lines[:-1]
        elif _HASHTAGS.match(text):
            lines = lines[:-1]
        elif len(text) <= 60 and has_date(text) and has_meta_label(text) and "。" not in text:
            lines = lines[:-1]
        elif len(text) <= 40 and line.links * 3 >= len(text) and not is_sentence(line):
            lines = lines[:-1]
        else:
            break
    return lines


# A line that is nothing but a clock time: a live blog's entry stamp.
_CLOCK_ONLY = re.compile(r"^\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")


def join_clock_lines(body: list[str]) -> list[str]:
    """A live blog prints each entry's time on its own line: `09:48` + `截至9时45分…` -> one line
    `09:48 截至9时45分…`, the time kept with the entry it stamps."""
    out: list[str] = []
    for line in body:
        if out and _CLOCK_ONLY.match(out[-1]) and not _CLOCK_ONLY.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def drop_latin_credits(body: list[str]) -> list[str]:
    """In a Chinese article, a short line with no Chinese and no sentence in it is a picture
    credit (`Dmitry Kostyukov for The New York Times`, `Getty Images`), not text."""
    if cjk_ratio("".join(body)) < 0.5:
        return body
    return [
        line for line in body
        if has_cjk(line) or len(line) > 60 or _LATIN_SENTENCE.search(line + " ") or not re.search("[A-Za-z]{2}", line)
    ]


_LATIN_SENTENCE = re.compile(r"[.!?;,]\s")


def is_inside(node: HtmlElement | None, block: HtmlElement, spans: dict | None = None) -> bool:
    """`node` is `block` or below it; with the walk's spans, without climbing the tree."""
    if spans and node in spans and block in spans:
        inner, outer = spans[node], spans[block]
        return outer[0] <= inner[0] and inner[1] <= outer[1]
    while node is not None:
        if node is block:
            return True
        node = node.getparent()
    return False


def lines_within(lines: list[Line], block: HtmlElement) -> Lines:
    """The lines whose block element is `block` or below it, in order. Linear in the lines when
    they come from block_lines (each owner's span is known); a climb per line otherwise."""
    spans = getattr(lines, "spans", None)
    if spans and block in spans:
        start, end = spans[block]
        inside = [ln for ln in lines if start <= spans[ln.owner][0] and spans[ln.owner][1] <= end]
        return Lines(inside, spans)
    found: list[Line] = []
    for line in lines:
        node = line.owner
        while node is not None and node is not block:
            node = node.getparent()
        if node is block:
            found.append(line)
    return Lines(found, spans)


def line_range(lines: list[Line], block: HtmlElement | None) -> tuple[int, int] | None:
    """Index of the first and of the last line inside `block`, or None."""
    if block is None:
        return None
    spans = getattr(lines, "spans", None)
    if spans and block in spans:  # as in lines_within: two comparisons a line
        start, end = spans[block]
        idx = [i for i, ln in enumerate(lines) if start <= spans[ln.owner][0] and spans[ln.owner][1] <= end]
    else:
        idx = [i for i, ln in enumerate(lines) if is_inside(ln.owner, block, spans)]
    return (idx[0], idx[-1]) if idx else None


# A line that is only a calendar date: `2024年5月20日` / `2024-05-20`.
_BARE_DATE = re.compile(r"^(?:19|20)\d{2}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?$")
_SIGNER_PUNCT = re.compile(r"[，。！？；：,.!?;:“”\"]")


def drop_sign_off(body: list[str], signers: Iterable[str | None]) -> list[str]:
    """A notice's sign-off (`南京城市足球俱乐部` over `2024年5月20日`) closing the text is not body:
    the last line a bare date, the one before it the publisher's own name."""
    names = {squash(n) for n in signers if n}
    if len(body) < 3 or not _BARE_DATE.match(squash(body[-1])):
        return body
    signer = squash(body[-2])
    if (signer in names or _ORG_NAME.search(signer)) and len(signer) <= 24 and not _SIGNER_PUNCT.search(signer):
        return body[:-2]
    return body


# A body that signs a notice: 人民政府, 委员会, 办公室, 俱乐部…
_ORG_NAME = re.compile(r"(?:政府|委员会|办公室|办公厅|管理局|局|厅|委|中心|公司|集团|协会|学会|联合会|俱乐部|学院|大学|学校|医院|银行|法院|检察院)$")
