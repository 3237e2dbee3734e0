"""Article body: element tree -> clean paragraphs, with boilerplate lines removed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.text import clean_line

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
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# Whole lines that are share/reaction/related widgets on Chinese portals, never article text.
BOILERPLATE_LINES: tuple[str, ...] = (
    r"点击右上角.{0,20}", r"微信好友", r"朋友圈", r"请使用浏览器分享功能进行分享", r"分享到[:：]?.{0,30}",
    r"正在阅读[:：].*", r"您此时的心情", r"新闻表情排行.{0,4}", r"(?:开心|难过|点赞|飘过|愤怒|同情|感动|搞笑)\s*\d*",
    r"相关(?:阅读|新闻|链接|文章|推荐)[:：]?", r"视觉焦点", r"独家策划", r"推荐阅读", r"热点推荐", r"精彩推荐",
    r"阅读剩余全文.{0,8}", r"展开全文", r"扫一扫.{0,20}", r"扫描二维码.{0,30}", r"(?:打开|下载).{0,10}客户端.{0,20}",
    r"[\[【(（]?\s*(?:责编|责任编辑|编辑|值班编辑)\s*[:：/].{0,40}", r"返回(?:首页|顶部|搜狐，查看更多)",
    r"(?:举报|打印|关闭窗口|收藏|纠错|字号)(?:\s*[/|]?\s*(?:举报|打印|关闭窗口|收藏|纠错|大|中|小))*",
    r"光明云投", r"我要评论", r"查看评论.{0,10}", r"已有\d+人参与.{0,20}", r"\d+\s*条评论",
    r"[（(]?完[)）]?", r"图片来源于网络.{0,20}",
)
# Credit lines at the end of an article: dropped from the body, but read for names first.
CREDIT_LINES: tuple[str, ...] = (
    r"(?:作者|撰文|文|出品|原标题|来源|本文来源|文章来源|编辑|编译|整理|排版|校对|审核|监制|统筹|策划|制作|素材来源)"
    r"\s*[︱|｜/／:：].{0,60}",
)


def compile_lines(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")$")


DEFAULT_BOILERPLATE = compile_lines(BOILERPLATE_LINES)
DEFAULT_CREDITS = compile_lines(CREDIT_LINES)


def element_paragraphs(el: HtmlElement) -> list[str]:
    """Visible text of `el`, one string per block, indentation trimmed, empties dropped."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            line = clean_line("".join(buf))
            if line:
                lines.append(line)
            buf.clear()

    if el.text:
        buf.append(el.text)

    def walk(node: HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None:  # comment or processing instruction
            if node.tail:
                buf.append(node.tail)
            return
        tag = tag.lower()
        hidden = tag in SKIP_TAGS or _HIDDEN_STYLE.search(node.get("style", "") or "")
        if not hidden:
            block = tag in BLOCK_TAGS
            if block or tag == "br":
                flush()
            if node.text:
                buf.append(node.text)
            for child in node:
                walk(child)
            if block:
                flush()
        if node.tail:
            buf.append(node.tail)

    for child in el:  # the container's own tail is outside it
        walk(child)
    flush()
    return lines


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
        if len(line) <= 80 and boilerplate.match(line):
            if credits.match(line) or _looks_like_editor(line):
                credit.append(line)
            continue
        if len(line) <= 80 and credits.match(line):
            credit.append(line)
            continue
        body.append(line)
    return body, credit


def _looks_like_editor(line: str) -> bool:
    return bool(re.search(r"责编|责任编辑|编辑", line))
