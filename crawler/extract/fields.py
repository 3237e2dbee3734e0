"""Field rules every Chinese news site shares: 来源, times, 责编, 记者, name lists.

Profiles call these on the text their selectors find; the generic extractor calls them on
the page's meta line and body. Everything here is a pure function of strings.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from crawler.extract.surnames import looks_like_han_name
from crawler.extract.text import CJK, either_script, squash, to_simplified_labels

CHINA_TZ = timezone(timedelta(hours=8))

# ---------------------------------------------------------------- names

_NAME_SPLIT = re.compile(r"[、，,；;／/|｜\s]+")
_STAFF_CODE = re.compile(r"[_\s]*[A-Za-z]{1,4}\d{2,8}$")
# A two-character name printed with padding spaces: 方  敏 -> 方敏.
_PADDED_PAIR = re.compile(f"(?<![{CJK}])([{CJK}])[ \u3000\u00a0]+([{CJK}])(?![{CJK}])")
# Han names are 2-5 characters (乌兰其其格); transliterated names join their parts with a middle dot.
_CJK_NAME = re.compile(f"^(?:[{CJK}]{{2,5}}|[{CJK}]{{1,8}}·[{CJK}·]{{1,16}})$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z.\-' ]{1,40}$")
_OUTLET_WORDS = re.compile(either_script("记者|通讯员|编辑|作者|报|网|社|台|频道|客户端"))
# Function words and reporting verbs that never stand in a personal name: `记者了解到` is prose, not a credit.
_NOT_IN_NAMES = re.compile(either_script("[了的到是在这那们么说获悉看从对就也还已据该称认调访今昨被把让给我你他她它而]"))
# Meta-line labels glued to what follows a byline: 发布于 / 发表时间 / 更新时间 / 刊登於.
_META_WORD = re.compile(either_script("(?:发布|发表|更新|刊登|首发|时间|日期|来源|浏览|阅读|点击|字号)"))
# A credit word inside a token (`每经编辑`, `观察者网记者`): the token is a role, not a name.
_ROLE_INSIDE = re.compile(either_script("记者|通讯员|编辑|责编|作者|摄影|校对|审核|监制|统筹|实习生"))
# Words that show up next to names but are not names.
_NOT_NAMES = {
    "记者", "通讯员", "编辑", "责任编辑", "责编", "作者", "本报", "摄影", "摄", "报道", "实习生", "见习记者",
    "特约记者", "通讯", "图文", "文图", "综合", "整理", "编译", "来源", "校对", "审核", "本报记者", "新华社",
    "评论员", "本报评论员", "特约评论员", "供图", "视频", "文字", "制图", "海报", "出品", "监制", "策划",
    # meta-line and widget words printed next to a byline (`文/X 发布/2024…`, `来源：X 评论 96`)
    "发布", "更新", "发表", "时间", "日期", "评论", "分享", "收藏", "打印", "点赞", "阅读", "浏览", "关注", "举报",
    "原创", "字号", "翻摄", "拍摄", "发自", "专电", "电讯",
}
# Wire agencies: credited in brackets like a name, never a person; as a publisher they are a source.
WIRE_AGENCIES = frozenset({
    "新华社", "路透社", "美联社", "法新社", "德新社", "共同社", "塔斯社", "韩联社", "中新社", "中央社", "安莎社", "埃菲社",
})
_NOT_NAMES |= WIRE_AGENCIES
# Any outlet or rank before the role: 本报记者 / 新华日报·交汇点记者 / 每经编辑 / 驻京首席记者.
_ROLE_PREFIX = re.compile(either_script(
    f"^[{CJK}·\\-]{{0,14}}?(?:记者|通讯员|实习生|编辑|作者)\\s*"
))
# A meta word glued to the end of a name when the byline and the date sit in adjacent spans (`王明发布`).
_GLUED_META = re.compile(either_script(f"(?<=[{CJK}]{{2}})(?:发布于?|发表于?|更新于?|发布时间|发表时间)$"))


def clean_name(raw: str) -> str:
    name = squash(raw).strip("()（）[]【】<>《》“”\"'：:·-—_ ")
    name = _STAFF_CODE.sub("", name).strip()
    return name


def split_names(text: str | None) -> list[str]:
    """Split a credit like `王瑾雯 周仕兴`, `刘艺、杨吉` or `方  敏` into clean names, order kept."""
    if not text:
        return []
    text = squash(text)
    if re.fullmatch(r"[A-Za-z][A-Za-z.\-' ]+(?:\s*(?:,|and|、)\s*[A-Za-z][A-Za-z.\-' ]+)*", text):
        parts = re.split(r"\s*(?:,|\band\b|、)\s*", text)
        return _unique(p.strip() for p in parts if _LATIN_NAME.match(p.strip()))
    text = _PADDED_PAIR.sub(r"\1\2", text)
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        part = _ROLE_PREFIX.sub("", part)
        name = _GLUED_META.sub("", clean_name(part))
        if not name or _not_a_name(name):
            continue
        if "·" in name and _OUTLET_WORDS.search(name):
            continue  # `新华日报·交汇点记者` is an outlet and a role, not a transliterated name
        if (_CJK_NAME.match(name) and not _NOT_IN_NAMES.search(name)) or _LATIN_NAME.match(name):
            names.append(name)
    return _unique(names)


def _label_word(word: str) -> bool:
    """A label, widget word or role (`每经编辑`, `发表时间`), in either script."""
    return to_simplified_labels(word) in _NOT_NAMES or bool(_ROLE_INSIDE.search(word) or _META_WORD.match(word))


def _not_a_name(word: str) -> bool:
    """A label, widget word, role, or an outlet (`观察者网`)."""
    return _label_word(word) or (len(word) >= 4 and "·" not in word and bool(_MEDIA_SUFFIX.search(word)))


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


# ---------------------------------------------------------------- 来源 (source)

# Not after 图/图片/图像/视频/素材: those credit a picture or a clip, not the article.
_SOURCE = re.compile(either_script(
    # nor in a reprint instruction (`转载请注明来源：X`): that is what a reprinter must cite
    r"(?:(?<!素材)(?<!图片)(?<!图像)(?<!视频)(?<!图)(?<!注明)(?<!标明)(?:文章|本文|稿件|信息)?来\s*源(?:于|自)?\s*[:：|｜/／]?"
    # 本文来自微信公众号：X（ID：…）, the account a reposted article comes from
    r"|本文(?:来自|转载自|转自)(?:微信)?(?:公众号|公号)\s*[:：]?"
    # 稿源：X / 出处：X / 本文转自X: other words for the same slot
    r"|(?<![" + CJK + r"])稿\s*源\s*[:：|｜/／]?|(?<![" + CJK + r"])出\s*处\s*[:：]|(?:本文|文章|^)转(?:载)?自\s*[:：]?"
    r"|(?<![A-Za-z] )(?<![A-Za-z])Source\s*[:：])\s*[\[【]?\s*"
    r"(?P<src>[^\s\[\]【】|｜:：]{1,40}(?:\s[^\s\[\]【】|｜:：]{1,20})?)"
))
_SOURCE_STOP = re.compile(either_script(
    r"\s*(?:作者|编辑|责任编辑|责编|记者|时间|发布|日期|浏览|阅读|点击|字号|分享|打印|参与|\d{4}[-年/.]"
    r"|(?<=\s)评论|评论(?=\s*[:：\d])|[，,]|[（(]\s*(?:ID|id|微信号)\b)"
))


def parse_source(text: str | None) -> str | None:
    """`来源：光明日报客户端 2023-02-04 14:42` -> `光明日报客户端`."""
    if not text:
        return None
    # One line at a time, so a word on the next line is not read as part of the source. A label
    # that ends its line takes the next line as its value only when that line is short and not
    # prose: after a bare `来源：` the article's first sentence is not a publisher.
    lines = text.split("\n")
    m = None
    for i, chunk in enumerate(lines):
        m = _SOURCE.search(space_labels(squash(chunk)))
        if m:
            break
        after = squash(lines[i + 1]) if i + 1 < len(lines) else ""
        if after and _LABEL_AT_END.search(squash(chunk)) and len(after) <= 40 and not _PROSE_MARK.search(after):
            m = _SOURCE.search(space_labels(squash(chunk) + " " + after))
            if m:
                break
    if not m:
        return None
    src = _SOURCE_STOP.split(m.group("src"), maxsplit=1)[0]
    src = src.strip(" ]】,，。;；")
    # A second word after a space is usually the next meta item (time, 作者…), not the source.
    if " " in src and not re.fullmatch(r"[A-Za-z .&\-]+", src):
        src = src.split(" ")[0]
    return src or None


# A 来源 label closing its line with no value after it.
_LABEL_AT_END = re.compile(either_script(r"来\s*源(?:于|自)?\s*[:：]?\s*[\[【]?\s*$"))
_PROSE_MARK = re.compile(r"[。！？，；!?]")
# What a source slot holds when it holds no value: the label itself, or another field's label.
_LABEL_WORDS = re.compile(either_script(
    r"(?:(?:文章|本文|稿件|信息|新闻)?来\s*源(?:于|自)?|稿源|出处|作者|责任编辑|编辑|责编|记者|发布时间|更新时间|时间|日期|发布"
    r"|\bsource\b|\bfrom\b)"
), re.I)


def source_value(source: str | None) -> str | None:
    """The source as printed, or None when the slot holds nothing but a label (`来源：`, `【来源】`)."""
    if source is None:
        return None
    value = squash(source)
    bare = re.sub(r"[\s:：|｜/／\[\]【】()（）<>《》「」\-—_·•]+", "", _LABEL_WORDS.sub("", value))
    if not bare:
        return None
    return value


# ---------------------------------------------------------------- 责编 (editors)

_EDITOR = re.compile(either_script(
    r"(?:责任编辑|责编|值班编辑|编辑)(?:\s*[:：/／︱|｜]\s*|\s+)"
    r"(?P<names>(?:(?!责任编辑|责编|值班编辑|编辑)[^\]】)）\n]){1,40})"
))
_EDITOR_STOP = re.compile(either_script(
    r"\s*(?:来源|作者|记者|审核|校对|监制|统筹|摄影|排版|终审|初审|二审|三审|复审|实习生|美编|流程编辑|图片编辑)"
))


def parse_editors(text: str | None) -> list[str]:
    """`[ 责编：曾震宇 ]`, `（责编：胡永秋、杨光宇）`, `责任编辑：李曦_NN2587` -> names."""
    if not text:
        return []
    names: list[str] = []
    codes: list[str] = []
    line = close_padding(space_labels(squash(text)))
    for m in _EDITOR.finditer(line):
        chunk = _EDITOR_STOP.split(m.group("names"), maxsplit=1)[0]
        if chunk == m.group("names") and line.startswith(("编辑", "編輯"), m.end()) and " " in chunk.strip():
            # `编辑：刘可欣 流程编辑：U022`: the word glued to the next 编辑 opens that credit
            chunk = re.sub(f"\\s+[{CJK}]{{1,4}}$", "", chunk)
        found = split_names(chunk)
        code = _CODE_ONLY.fullmatch(chunk.strip())
        if not found and code:
            codes.append(code.group(0))
        names.extend(found)
    # `责任编辑：DF387`: a staff code counts only when it is the only editor credit printed.
    return _unique(names or codes)


# A staff code standing alone as the editor credit; after a name (`李曦_NN2587`) it is dropped.
_CODE_ONLY = re.compile(r"[A-Za-z]{1,6}\d{2,8}")


# ---------------------------------------------------------------- 记者 (reporters)

_BRACKETED = r"[（(]\s*(?P<inner>[^（()）]{2,40})\s*[)）]"
# 新华社北京5月19日电（刘艺、杨吉） / 中新网北京5月9日电(记者 邹伟)
_DATELINE = re.compile(either_script(
    r"^[^。，,]{0,30}?\d{1,2}月\d{1,2}日(?:电|讯)\s*" + _BRACKETED
))
# The whole dateline inside the brackets: （中央社记者廖文欣台北20日电） / （记者王明、李华华盛顿19日专电）
_BRACKET_DATELINE = re.compile(either_script(
    r"[（(]\s*[^（()）\s]{0,10}?记者\s*(?P<chunk>[" + CJK + r"、，\s]{3,30}?)\s*\d{1,2}日(?:专|综合)?电\s*[)）]"
))
# （侨报记者王明纽约报道）: the place the report was filed from is glued to the name.
_BRACKET_REPORT = re.compile(either_script(
    r"[（(]\s*[^（()）\s]{0,10}?记者\s*(?P<chunk>[" + CJK + r"]{4,9}?)\s*报道\s*[)）]"
))
# A bracketed lead-in that ends with the writer's role: 【欧洲时报5月20日 陈佳编译】 / 【X网5月20日讯 王明报道】
_BRACKET_LEAD = re.compile(either_script(
    r"^[【\[（(][^】\]）)]{0,20}?\d{1,2}月\d{1,2}日(?:电|讯)?\s*"
    r"(?P<names>[" + CJK + r"·、，\s]{2,20}?)\s*(?:综合)?(?:编译|报道|整理|编写)\s*[】\]）)]"
))
# （光明日报全媒体记者王瑾雯 周仕兴） / 本报记者 X / 记者：X
_REPORTER = re.compile(either_script(
    r"(?:记者(?![会會])|通讯员|实习生|作者|撰文|撰稿人?|编译|翻译|译者|执笔人?|文\s*[/／|｜︱·]\s*图|图\s*[/／|｜︱·]\s*文|文\s*[/／|｜︱]|文图|图文|整合"
    r"|(?<![" + CJK + r"])[文译](?=\s*[:：])|(?<![" + CJK + r"])报道(?=\s*[:：]))"
    r"\s*[:：/／|｜︱]?\s*"
    r"(?P<names>(?:[" + CJK + r"·]{2,12}(?:[\s、，,]+|$|(?=[）)\]】/／（(])|(?<=报道)(?=[:：])))+)"
))
# 记者 / 通讯员 / 实习生 then the names with no label punctuation (`记者王明`, `记者 王明`): the words
# may be running text (`记者梳理发现`), so only what reads as a personal name counts.
_FREE_TEXT_ROLE = re.compile(either_script(r"^(?:记者|通讯员|实习生)\s*$"))
# `作者, 林嘉`: a byline list that labels with a comma.
_COMMA_BYLINE = re.compile(either_script(r"^(?:作者|记者|撰文|文)\s*[,，]\s*(?P<names>[^,，]{2,30})$"))
_TRAILING_CREDIT = re.compile(r"[（(]\s*(?P<names>[" + CJK + r"]{2,4}(?:[\s、，][" + CJK + r"]{2,4}){0,3})\s*[)）]\s*$")
# A label, then a one-character token and a gap: the gap pads a name (`通讯员李 婷报道` -> 李婷).
_LABEL_PADDING = re.compile(either_script(
    r"((?:记者|通讯员|实习生|作者|撰文|编辑|责编|校对|审核|摄影|文\s*[/／|｜︱])\s*[:：/／|｜︱]?\s*)"
    r"([" + CJK + r"])[ \u3000\u00a0]+(?=[" + CJK + r"])"
))
# Where the names of a credit end: 报道 / 发自 / a photo credit / the next role (`每经编辑`).
_NAMES_END = re.compile(either_script(
    r"(?:^|\s)\S{0,8}?(?:编辑|责编|校对|审核|监制|统筹|制作|出品|策划|摄影|摄像)\s*[:：/／|｜]|"
    r"(?P<photo>\s*[/／]?\s*(?:(?:翻|拍)?摄(?:影)?(?!影?报道)|供图))|报道|发自|专电|"
    r"(?:^|\s)\S{0,8}?(?:编辑|责编|校对|审核|监制|统筹|制作|出品|策划)"
))
# What follows a credit's names when they are a photo credit: `记者 周雪峰 摄`, `张三/摄`.
_PHOTO_AFTER = re.compile(either_script(r"\s*[/／]?\s*(?:(?:翻|拍)?摄(?:影|像)?|供图)(?![影像]|\s*[:：/／|｜])"))
# A name right after a gap: `摄影 王红强` labels the photographer instead of closing the credit.
_NAME_NEXT = re.compile(f"\\s+[{CJK}]{{2,4}}(?:\\s|$)")
# The role before 记者 that makes it a photo credit: 摄影记者 / 摄像记者.
_PHOTO_ROLE = re.compile(either_script(
    r"(?:(?:摄影|摄像)(?:\s*[:：/／|｜︱]\s*[^\s:：/／|｜︱]{0,8})?|(?<![文])图\s*[:：/／|｜︱]\s*[^\s:：/／|｜︱]{0,8})$"
))


# By Wang Xiaoyu | China Daily / By Li Ming and Zhao Lan
_ENGLISH_BYLINE = re.compile(
    r"^(?:By|BY|by)\s+(?P<names>[A-Z][A-Za-z.\-']+(?:\s+(?:[A-Z][A-Za-z.\-']+|and|,))*"
    r"|[" + CJK + r"·]{2,12}(?:\s*(?:,|、|\band\b|和)\s*[" + CJK + r"·]{2,12})*(?=\s|$|[|｜,]))"
)
# （编译/X） / （记者 X） / （大河报·豫视频记者 杨柳）: an outlet may stand before 记者/通讯员.
_TRAILING_ROLE = re.compile(either_script(
    r"[（(]\s*(?P<inner>(?:[^（()）\s]{0,16}?(?:记者|通讯员)|编译|作者|撰文|文|整理)\s*[/／:：︱|｜]?\s*[^（()）]{2,20})"
    r"\s*[)）]\s*$"
))


# A value glued to the next label (`作者：问舟责编：问舟`, spans printed with no space between them).
_GLUED_LABEL = re.compile(either_script(
    r"(?<=[:：])([^\s:：]{1,20}?)(?=(?:来源|作者|责任编辑|责编|编辑|记者|通讯员|评论|发布时间|发布|时间|日期|阅读|浏览|点击|字号|摄影|摄像)"
    r"\s*[:：])"
))


# A labelled value glued to the date of the next span: `作者：孙杰2024-05-20 06:52`.
_GLUED_DATE = re.compile(f"(?<=[:：])([{CJK}·]{{2,12}})(?=(?:19|20)\\d{{2}}\\s*[-/.年])")


def space_labels(text: str) -> str:
    """`作者：问舟责编：问舟` -> `作者：问舟 责编：问舟`: each labelled value ends where the next label (or date) starts."""
    return _GLUED_DATE.sub(r"\1 ", _GLUED_LABEL.sub(r"\1 ", text))


def close_padding(text: str) -> str:
    """Join names printed with padding spaces: `方  敏` -> `方敏`, `通讯员李 婷` -> `通讯员李婷`."""
    return _LABEL_PADDING.sub(r"\1\2", _PADDED_PAIR.sub(r"\1\2", text))


# A copyright / reprint notice: no name is ever read from it (`澳门日报 版权所有 不得转载`).
_COPYRIGHT = re.compile(either_script(r"版权所有|版权归|不得转载|禁止转载|未经授权|保留所有权利|all rights reserved|copyright|©"), re.I)
# A brand printed between the writer's label and the name: `作者：Mtime时光网 凯文` -> `作者：凯文`.
_BRAND_BEFORE_NAME = re.compile(either_script(
    r"((?:作者|撰文|(?<![" + CJK + r"])文)\s*[:：/／|｜︱]\s*)"
    r"(?:[A-Za-z][A-Za-z0-9]*[" + CJK + r"]{0,8}|[" + CJK + r"]{1,8}?(?:网|报|社|台|客户端|传媒|新闻))"
    r"\s+(?=[" + CJK + r"]{2,4}(?:$|[\s）)】]))"
))


def is_copyright_line(line: str) -> bool:
    return bool(_COPYRIGHT.search(line))


# The font-size switches a meta row prints after the byline (`作者：何颖 大 中 小`): never a name.
_FONT_SIZE_LINKS = re.compile(r"(?<![\u3400-\u9fff])大\s+中\s+小(?![\u3400-\u9fff])")


def parse_reporters(text: str | None) -> list[str]:
    """Names credited with reporting in one line of text (byline, dateline or credit).

    Photo credits (`记者 X 摄`, `X 供图`) name photographers, who are not reporters: their names
    count only when another credit on the line names them as writers.
    """
    if not text or is_copyright_line(text):
        return []
    line = _BRAND_BEFORE_NAME.sub(r"\1", close_padding(space_labels(_FONT_SIZE_LINKS.sub(" ", squash(text)))))
    names: list[str] = []
    m = _ENGLISH_BYLINE.match(line)
    if m:
        names.extend(split_names(m.group("names").strip(" ,")))
    m = _COMMA_BYLINE.match(line)
    if m:
        names.extend(split_names(m.group("names")))
    m = _DATELINE.search(line)
    if m:
        inner = m.group("inner")
        rep = _REPORTER.search(inner)
        if rep:
            names.extend(_credit_names(rep.group("names"), inner[rep.end():]))
        elif not _BRACKET_DATELINE.search(m.group(0)):
            names.extend(split_names(inner))
    m = _BRACKET_LEAD.match(line)
    if m:
        names.extend(split_names(m.group("names")))
    for m in _BRACKET_DATELINE.finditer(line):
        names.extend(_dateline_names(m.group("chunk")))
    datelines = [(d.start(), d.end()) for d in _BRACKET_DATELINE.finditer(line)]
    for m in _BRACKET_REPORT.finditer(line):
        name = _without_place(m.group("chunk"))
        if name:
            names.extend(split_names(name))
            datelines.append((m.start(), m.end()))
    for m in _REPORTER.finditer(line):
        if any(a <= m.start() < b for a, b in datelines):
            continue  # read above, with the place name taken off
        if _PHOTO_ROLE.search(line[: m.start()]):
            continue  # 摄影记者 X / 摄影/本报记者 X: a photographer
        found = _credit_names(_prose_cut(m.group("names"), line[m.end():]), line[m.end():])
        bracketed = line[: m.start()].rstrip().endswith(("（", "(")) and line[m.end():].lstrip().startswith(("）", ")"))
        if _FREE_TEXT_ROLE.match(line[m.start() : m.start("names")]) and not bracketed:
            # `记者梳理发现`: prose, not a name; `记者罗科苏盈`: two names printed run together;
            # `记者 巴依斯古楞 通讯员 X`: set apart by gaps and the next credit, a name of any shape
            found = [
                n for word in found
                for n in ([word] if looks_like_han_name(word) or _spaced_credit(line, m, word) else split_run_together(word))
            ]
        names.extend(found)
    m = _NAME_THEN_ROLE.match(line)
    if m:
        names.extend(split_names(m.group("names")))
    m = _LATIN_CREDIT.search(line)
    if m:
        if m.group("dual"):  # the name in both scripts stands for the bare Chinese one
            names = [n for n in names if not m.group("dual").startswith(n)]
        names.append(m.group("dual") or m.group("names"))
    if not names:
        names = author_with_affiliation(line)
    return _unique(n for n in names if not _not_a_name(n))


# A writer credited in Latin letters (`译： Chen Bin`), or in both scripts (`作者： 周思博 (Joel Spolsky)`,
# kept whole as printed).
_LATIN_CREDIT = re.compile(either_script(
    r"(?:^|\s)(?:作者|撰文|译者|翻译|编译|(?<![" + CJK + r"])[文译])\s*[:：/／]\s*"
    r"(?:(?P<dual>[" + CJK + r"]{2,4}\s*[（(][A-Z][A-Za-z.\-']+(?:\s+[A-Z][A-Za-z.\-']+){0,3}[)）])"
    r"|(?P<names>[A-Z][A-Za-z.\-']+(?:\s+[A-Z][A-Za-z.\-']+){1,3}))\s*$"
))


_NEXT_CREDIT = re.compile(either_script(r"\s+(?:记者|通讯员|实习生|编辑|责编|摄影|摄像|校对)|\s*$"))


def _spaced_credit(line: str, m: re.Match, word: str) -> bool:
    """The name stands apart: a gap after the label, and the line ends or the next credit starts after it."""
    if not line[m.start("names") - 1 : m.start("names")].isspace():
        return False
    at = line.find(word, m.start("names"))
    return at >= 0 and bool(_NEXT_CREDIT.match(line, at + len(word)))


# `林溪/文`, `林溪 苏晴／文`: the names first, the writer's role after a slash.
_NAME_THEN_ROLE = re.compile(either_script(
    r"^[（(]?\s*(?P<names>[" + CJK + r"·]{2,8}(?:[\s、，][" + CJK + r"·]{2,8}){0,3})\s*[/／]\s*(?:文|撰文|文图|图文)\s*[)）]?$"
))


def split_run_together(word: str) -> list[str]:
    """`罗科苏盈` -> [罗科, 苏盈]: names printed with no gap, split where every piece is a common
    surname and a one- or two-character given name. [] unless exactly one such split exists."""
    if not 4 <= len(word) <= 9 or not re.fullmatch(f"[{CJK}]+", word):
        return []
    splits: list[list[str]] = []

    def walk(rest: str, parts: list[str]) -> None:
        if len(splits) > 1:
            return
        if not rest:
            if len(parts) >= 2:
                splits.append(parts)
            return
        for size in (2, 3):
            piece = rest[:size]
            if len(piece) == size and looks_like_han_name(piece) and piece not in PLACES:
                walk(rest[size:], [*parts, piece])

    walk(word, [])
    return splits[0] if len(splits) == 1 else []


def _prose_cut(chunk: str, after: str) -> str:
    """`记者 田进 晚上八点，县城…`: with no delimiter after the byline, the word before the comma
    opens the text; it is not a second name."""
    tokens = chunk.split()
    if len(tokens) >= 2 and re.search(r"[，,]\s*$", chunk) and re.match(f"[{CJK}]{{4}}", after):
        return " ".join(tokens[:-1])
    return chunk


def _credit_names(chunk: str, after: str) -> list[str]:
    """The names of one credit: cut where the credit ends; none if it is a photo credit."""
    end = _NAMES_END.search(chunk)
    if end is None:
        if _PHOTO_AFTER.match(after):
            return []  # `记者 周雪峰 摄`: the photographer
        return split_names(chunk)
    if end.group("photo"):
        rest = chunk[end.end():] + after
        if re.match(either_script(r"\s*[:：/／|｜︱]|记者"), rest) or (
            end.group("photo").rstrip().endswith("影") and _NAME_NEXT.match(rest)
        ):
            # `张鑫 摄影/王晓溪`, `张鑫 摄影记者 王晓溪`, `X Y 摄影 Z`: 摄影 opens the next credit, a photographer's
            return split_names(chunk[: end.start()])
        return []
    names = split_names(chunk[: end.start()])
    if chunk[end.start():].startswith(("报道", "報道")):
        names = _drop_place(chunk[: end.start()], names)
    return names


def _drop_place(chunk: str, names: list[str]) -> list[str]:
    """`黄亮 长沙报道`: the word glued to 报道 after a gap is where the report was filed."""
    tokens = chunk.split()
    if len(tokens) < 2 or not names or names[-1] != tokens[-1]:
        return names
    last = tokens[-1]
    if last in PLACES or (len(last) >= 3 and last[-1] in "市县区省州镇") or re.search("[、，,]", chunk):
        return names[:-1]
    return names


def _without_place(chunk: str) -> str | None:
    """`王明纽约` -> 王明 when a known place closes the chunk, else None."""
    for size in (4, 3, 2):
        if len(chunk) - size >= 2 and chunk[-size:] in PLACES:
            return chunk[:-size]
    return None


def _dateline_names(chunk: str) -> list[str]:
    """`廖文欣台北` / `王明、李华华盛顿`: names, with the place glued to the last one taken off."""
    parts = [p for p in re.split(r"[、，\s]+", chunk) if p]
    if not parts:
        return []
    last = parts[-1]
    for size in (4, 3, 2):
        if len(last) - size >= 2 and last[-size:] in PLACES:
            parts[-1] = last[:-size]
            break
    else:
        if len(last) >= 5:
            parts[-1] = last[:3]
        elif len(last) == 4:
            parts[-1] = last[:2]
        else:
            parts.pop()  # `记者王明台北`? too short to split: keep only the names before it
    return split_names(" ".join(parts))


def trailing_credit(paragraph: str) -> list[str]:
    """`…共赢”。（钟才文）` -> [钟才文]: a bracketed name closing the article.

    A bare bracketed name must close a sentence (or stand alone): `重量：218 克（素皮版）` is a
    list item's note, not a credit.
    """
    paragraph = paragraph.strip()
    m = _TRAILING_ROLE.search(paragraph)
    if m:  # a role word (记者 / 编译 / 作者) makes it a credit wherever the bracket sits
        return parse_reporters(m.group("inner"))
    m = _TRAILING_CREDIT.search(paragraph)
    if not m or not _closes_text(paragraph, m.start()):
        return []
    inner = m.group("names")
    if re.search(either_script("图|摄|完|编辑|责编|来源|记者"), inner):
        return parse_reporters(inner)
    names = split_names(inner)
    if len(names) >= 2 and all(_AGENCY.search(n) for n in names):
        return []  # `（德新社、路透社）`: the wire agencies the story draws on
    return names


_AGENCY = re.compile(either_script(r"(?:社|网|台|报|电视|通讯)$"))
_SENTENCE_CLOSE = re.compile(r"[。！？!?…”’」』\.]\s*$")


def _closes_text(paragraph: str, at: int) -> bool:
    """The bracket at `at` stands alone or follows the end of a sentence."""
    before = paragraph[:at]
    return not before.strip() or bool(_SENTENCE_CLOSE.search(before))


# ---------------------------------------------------------------- times

_DATETIME = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/年.]\s*(?P<mo>\d{1,2})\s*[-/月.]\s*(?P<d>\d{1,2})\s*日?"
    # a weekday and a half-day word may stand between the date and the clock: `5月22日週三 上午8:21`
    r"(?:\s*[（(]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][)）]?)?"
    r"(?:[\sT,，]*(?P<half>上午|下午|凌晨|早上|中午|晚上)?\s*(?:(?:格林尼治标准时间|格林威治标准时间|北京时间|GMT|UTC|HKT|CST|[A-Z]{2,4}T(?![A-Za-z]))(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?(?!\s*[:：时]))?)?\s*(?P<h>\d{1,2})\s*[:：时]\s*(?P<mi>\d{2})(?:\s*[:：分]\s*(?P<s>\d{2}))?)?"
)
# 20.05.2024 / 20/05/2024 (day first) with an optional clock time, 24- or 12-hour (`10:30AM`).
_DMY = re.compile(
    r"(?<![\d./])(?P<d>\d{1,2})(?P<sep>[./])(?P<mo>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d./])"
    r"(?:[\sT,\-–|]*(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2}))?\s*(?P<ap>[AaPp]\.?[Mm]\.?(?![A-Za-z]))?)?"
)
# `11:47 2024/05/20`: a layout printing the clock span before the date span.
_CLOCK_FIRST = re.compile(
    r"(?<![\d:：])(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2}))?\s*"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAME = r"(?P<mon>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)"
_ENGLISH_CLOCK = r"(?:[\s,]+(?:at\s+)?(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2}))?\s*(?P<ap>[AaPp]\.?[Mm]\.?(?![A-Za-z]))?)?"
# `May 20, 2024` / `20 May 2024`, with an optional clock time.
_ENGLISH_MDY = re.compile(
    r"(?<![A-Za-z])" + _MONTH_NAME + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})(?!\d)" + _ENGLISH_CLOCK,
    re.I,
)
_ENGLISH_DMY = re.compile(
    r"(?<![\dA-Za-z])(?P<d>\d{1,2})\s+" + _MONTH_NAME + r",?\s+(?P<y>(?:19|20)\d{2})(?!\d)" + _ENGLISH_CLOCK, re.I
)
# `05-20 08:06`: month and day with a clock time and no year (the year comes from other evidence).
_MONTH_DAY = re.compile(
    r"(?<![\d\-/.年])(?P<mo>\d{1,2})\s*[-/月]\s*(?P<d>\d{1,2})(?:\s*日\s*|\s+)(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?![\d:])"
)
_RELATIVE = re.compile(r"(?P<n>\d+)\s*(?P<unit>秒|分钟|小时|天)前")
_YESTERDAY = re.compile(r"(?P<day>今天|昨天|前天)\s*(?P<h>\d{1,2})[:：](?P<mi>\d{2})")


def parse_time(text: str | None, tz: timezone = CHINA_TZ, now: datetime | None = None) -> str | None:
    """First publication time in `text` as ISO 8601 with the site's offset (`YYYY-MM-DD` if no time)."""
    if not text:
        return None
    text = squash(text)
    found = _printed_date(text, tz)
    if found:
        return found
    now = (now or datetime.now(timezone.utc)).astimezone(tz)
    m = _RELATIVE.search(text)
    if m:
        unit = {"秒": "seconds", "分钟": "minutes", "小时": "hours", "天": "days"}[m.group("unit")]
        when = now - timedelta(**{unit: int(m.group("n"))})
        return when.replace(microsecond=0).isoformat()
    m = _YESTERDAY.search(text)
    if m:
        back = {"今天": 0, "昨天": 1, "前天": 2}[m.group("day")]
        when = (now - timedelta(days=back)).replace(
            hour=int(m.group("h")), minute=int(m.group("mi")), second=0, microsecond=0
        )
        return when.isoformat()
    return _dateparser_time(text, tz, now)


def relative_time(text: str | None) -> bool:
    """`2天前` / `昨天 15:30` and no calendar date: a time counted back from the crawl, not printed."""
    if not text:
        return False
    text = squash(text)
    return bool(_RELATIVE.search(text) or _YESTERDAY.search(text)) and not has_date(text)


def _printed_date(text: str, tz: timezone) -> str | None:
    """The first absolute date printed in `text`, whichever of the known orders it uses."""
    found = [m for rx in (_DATETIME, _DMY, _ENGLISH_MDY, _ENGLISH_DMY) if (m := rx.search(text))]
    if not found:
        return None
    m = min(found, key=lambda x: x.start())
    if m.re is _DATETIME and m.group("h") is None:
        clock = _CLOCK_FIRST.search(text)
        if clock and clock.end() == m.start() + len(m.group(0).rstrip()):  # `11:47 2024/05/20`: the same date, clock printed first
            m = clock
    if m.re in (_ENGLISH_MDY, _ENGLISH_DMY):
        return _iso_from_english(m, tz)
    return _iso_from_match(m, tz)


def _iso_from_english(m: re.Match, tz: timezone) -> str | None:
    mo = _MONTHS.index(m.group("mon")[:3].lower()) + 1
    return _iso(int(m.group("y")), mo, int(m.group("d")), m.group("h"), m, tz)


def _iso_from_match(m: re.Match, tz: timezone) -> str | None:
    y, mo, d = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    if "sep" in m.re.groupindex and mo > 12 >= d:  # `05/20/2024`: month first after all
        mo, d = d, mo
    return _iso(y, mo, d, m.group("h"), m, tz)


def _iso(y: int, mo: int, d: int, hour: str | None, m: re.Match, tz: timezone) -> str | None:
    try:
        if hour is None:
            return datetime(y, mo, d).date().isoformat()
        h, mi, s = int(hour), int(m.group("mi")), int(m.groupdict().get("s") or 0)
        ap = (m.groupdict().get("ap") or "").lower()[:1]
        half = m.groupdict().get("half")
        if half:
            ap = "p" if half in ("下午", "晚上") or (half == "中午" and h < 11) else "a" if half in ("上午", "凌晨", "早上") else ""
        if ap == "p" and h < 12:
            h += 12
        elif ap == "a" and h == 12:
            h = 0
        return datetime(y, mo, d, h, mi, s, tzinfo=tz).isoformat()
    except ValueError:
        return None


def parse_month_day(text: str | None, tz: timezone, year: int, latest: datetime | None = None) -> str | None:
    """`05-20 08:06` (no year printed) with `year` taken from other evidence; a date after `latest`
    (the crawl time) belongs to the year before."""
    if not text:
        return None
    for line in map(squash, text.split("\n")):
        m = _MONTH_DAY.search(line)
        if not m or len(line) > 60:
            continue
        found = _iso(year, int(m.group("mo")), int(m.group("d")), m.group("h"), m, tz)
        if found and latest is not None and datetime.fromisoformat(found) > latest + timedelta(days=1):
            found = _iso(year - 1, int(m.group("mo")), int(m.group("d")), m.group("h"), m, tz)
        return found
    return None


def _dateparser_time(text: str, tz: timezone, now: datetime) -> str | None:
    if len(text) > 80 or not re.search(r"\d", text):
        return None
    import dateparser  # slow to import; only needed for what the patterns above miss

    settings = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TO_TIMEZONE": _tz_name(tz),
        "TIMEZONE": _tz_name(tz),
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "PREFER_DATES_FROM": "past",
    }
    found = dateparser.parse(text, languages=["zh", "en"], settings=settings)
    if found is None:
        return None
    return found.astimezone(tz).replace(microsecond=0).isoformat()


def _tz_name(tz: tzinfo) -> str:
    offset = tz.utcoffset(datetime.now()) or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def offset_tz(offset: str) -> timezone:
    """`+08:00` -> timezone."""
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", offset)
    if not m:
        raise ValueError(f"bad UTC offset {offset!r}")
    minutes = int(m.group(2)) * 60 + int(m.group(3))
    return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))


# ---------------------------------------------------------------- meta lines and unlabelled sources

_META_LABEL = re.compile(either_script(r"来源|作者|记者|编辑|发布|时间|日期|浏览|阅读|字号|通讯员"))
_MEDIA_SUFFIX = re.compile(
    r"(?:网|报|社|刊|台|新闻|客户端|周刊|杂志|中心|频道|号|站|局|部|委|院|会|政府|时报|晚报|日报|传媒|媒体|"
    r"观察|财经|科技|在线|资讯|中国|APP|app)$"
)
# Province-level names: the IP-location tag portals print next to the source is not a person.
PROVINCES = frozenset(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
    "云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split()
)
# Cities a report is filed from (`记者 X 北京报道`, `（中央社记者X台北20日电）`), both scripts where they differ.
PLACES = PROVINCES | frozenset(
    "广州 深圳 长沙 武汉 成都 杭州 南京 西安 郑州 济南 沈阳 哈尔滨 长春 石家庄 太原 合肥 福州 南昌 南宁 昆明 贵阳 "
    "兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特 海口 三亚 厦门 青岛 大连 宁波 苏州 无锡 东莞 佛山 珠海 温州 雄安 "
    "台北 臺北 新北 桃园 桃園 台中 臺中 台南 臺南 高雄 基隆 新竹 花莲 花蓮 "
    "华盛顿 華盛頓 纽约 紐約 洛杉矶 洛杉磯 旧金山 舊金山 伦敦 倫敦 巴黎 柏林 东京 東京 首尔 首爾 莫斯科 "
    "布鲁塞尔 布魯塞爾 日内瓦 日內瓦 维也纳 維也納 罗马 羅馬 新加坡 曼谷 河内 河內 雅加达 雅加達 吉隆坡 "
    "马尼拉 馬尼拉 悉尼 雪梨 堪培拉 渥太华 渥太華 新德里 开罗 開羅 迪拜 杜拜 联合国 聯合國".split()
)
_PLACEHOLDER_SOURCES = {"转载", "转载文章", "网络", "互联网", "网络转载", "未知", "综合", "本站", "佚名", "不详"}
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SOURCE_TOKEN = re.compile(f"^(?:《[^》]{{1,20}}》|[{CJK}A-Za-z0-9][{CJK}A-Za-z0-9·\\-—]{{1,23}})$")
_NOT_SOURCE_WORDS = re.compile(either_script(r"分享|打印|收藏|评论|字号|首页|返回|点击|关注|下载|订阅|登录|举报|纠错"))
# A page counter or its label (`瀏覽次數--`, `阅读 3000`) is never a publisher.
_COUNTER_WORD = re.compile(either_script(r"[浏瀏]览|阅读|点击|次数|次數|人气|人氣|热度|熱度"))
_FONT_SIZES = {"大", "中", "小"}
_COUNT = re.compile(r"^[\d.,]+\s*[万千亿kKwW+]?$")
_GMT = re.compile(r"格林尼治标准时间|格林威治标准时间|\bGMT\b(?!\s*[+-]\d)|\bUTC\b(?!\s*[+-]\d)")
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")
_BEIJING = re.compile(r"北京时间")
# A local-time label names a zone; the zone (with its summer time) gives the offset on the printed date.
_ZONE_LABELS = {
    "美东": "America/New_York", "纽约": "America/New_York", "美国东部": "America/New_York",
    "美中": "America/Chicago", "美国中部": "America/Chicago",
    "美西": "America/Los_Angeles", "美国西部": "America/Los_Angeles", "洛杉矶": "America/Los_Angeles",
    "旧金山": "America/Los_Angeles", "太平洋": "America/Los_Angeles",
    "东京": "Asia/Tokyo", "日本": "Asia/Tokyo", "首尔": "Asia/Seoul", "韩国": "Asia/Seoul",
    "伦敦": "Europe/London", "英国": "Europe/London", "巴黎": "Europe/Paris", "柏林": "Europe/Berlin",
    "悉尼": "Australia/Sydney", "温哥华": "America/Vancouver", "多伦多": "America/Toronto",
    # traditional-script spellings
    "美東": "America/New_York", "紐約": "America/New_York", "美國東部": "America/New_York",
    "美國中部": "America/Chicago", "美國西部": "America/Los_Angeles", "洛杉磯": "America/Los_Angeles",
    "舊金山": "America/Los_Angeles", "東京": "Asia/Tokyo", "韓國": "Asia/Seoul", "倫敦": "Europe/London",
    "英國": "Europe/London", "雪梨": "Australia/Sydney", "溫哥華": "America/Vancouver", "多倫多": "America/Toronto",
}
_ZONE_LABEL = re.compile(either_script(f"(?:{'|'.join(_ZONE_LABELS)})(?:标准|夏令)?时间"))


def is_meta_line(line: str) -> bool:
    """A short line that carries a date or a meta label (来源 / 作者 / 编辑 / 时间…), not prose."""
    line = squash(line)
    if len(line) > 120:
        return False
    return bool(has_date(line) or _META_LABEL.search(line)) and line.count("。") == 0


def has_date(line: str) -> bool:
    """The line prints a calendar date (`2024-05-20`, `2024年5月20日`, `20.05.2024`, `May 20, 2024`)."""
    return bool(_DATETIME.search(line) or _DMY.search(line) or _ENGLISH_MDY.search(line) or _ENGLISH_DMY.search(line))


def has_meta_label(line: str) -> bool:
    """The line names a meta field (来源 / 作者 / 发布 / 日期…)."""
    return bool(_META_LABEL.search(line))


def is_placeholder_source(source: str) -> bool:
    return squash(source) in _PLACEHOLDER_SOURCES


def is_outlet_name(name: str) -> bool:
    """`新安晚报` / `南方财经`: a publisher's name by its ending (not a label, not a story label)."""
    name = to_simplified_labels(squash(name))
    if name in WIRE_AGENCIES:
        return True
    return bool(_MEDIA_SUFFIX.search(name)) and not _label_word(name) and not _STORY_LABEL.search(name) \
        and not _NOT_SOURCE_WORDS.search(name[:2])


def looks_like_person(name: str) -> bool:
    """`尹娟` reads as a person; `新华社`, `人民网`, `《理财周刊》` read as publishers."""
    name = squash(name)
    return bool(_CJK_NAME.match(name)) and len(name) <= 3 and not _MEDIA_SUFFIX.search(to_simplified_labels(name))


def source_person(line: str) -> str | None:
    """An end line `来源: 尹娟` that names a person (the writer), not a publisher."""
    src = parse_source(line)
    if src and looks_like_person(src) and src not in _NOT_NAMES:
        return src
    return None


def unlabelled_source(text: str | None) -> str | None:
    """The publisher printed next to the time without a 来源 label: `2024-05-13 13:48 中国网`."""
    if not text:
        return None
    for line in text.split("\n"):
        line = squash(_URL.sub(" ", line))
        m = _DATETIME.search(line)
        # A label before the time (`发布时间 2024-…`) makes the words around it labelled fields;
        # one after the publisher (`… 扬子晚报网 阅读量：3.6万`) does not.
        if not m or len(line) > 80 or _META_LABEL.search(line[: m.end()]):
            continue
        # Separator tokens (`2024-05-20 09:12 · 海川报 · 浙江`) are skipped.
        after = [t for t in line[m.end():].split() if t.strip("·•|｜/-—")]
        before = [t for t in line[: m.start()].split() if t.strip("·•|｜/-—")]
        counter = len(after) > 1 and bool(_COUNT.match(after[1]))
        # `金融市场 棱镜`: the channel the story is filed under, then the publisher
        if len(after) > 1 and is_section_name(after[0].strip("|｜·• ")):
            after = after[1:]
        if len(before) > 1 and is_section_name(before[-1].strip("|｜·• ")):
            before = before[:-1]
        for token in after[:1] + before[-1:]:
            if counter and token is after[0]:
                continue  # `热度 1.2万` / `阅读 3000`: a counter's label, not a publisher
            token = token.strip("|｜·• ")
            if token.startswith("来自"):  # an IP-location tag, not a publisher
                continue
            if token in PROVINCES:  # the IP-location tag (`2024-05-20 15:33 湖南`)
                continue
            if _META_LABEL.search(token) or _COUNTER_WORD.search(token):
                continue
            if token[0].isdigit() and not (re.search(f"[{CJK}]", token) and is_outlet_name(token)):
                continue  # `39健康网` is a publisher; `3000` or `2小时` is not
            if _SOURCE_TOKEN.match(token) and token not in _FONT_SIZES and not _NOT_SOURCE_WORDS.search(token[:2]) \
                    and (token in WIRE_AGENCIES or not _label_word(token)) and not re.search(either_script("[于]$"), token) \
                    and not _STORY_LABEL.search(token) and not is_section_name(token):
                return token
    return None


# Channel names a portal prints beside the source (`金融市场 棱镜`, `国际 | 新华社`).
_SECTION = re.compile(either_script(
    r"^(?:国内|国际|环球|财经|金融|金融市场|股票|证券|基金|理财|宏观|产经|公司|商业|市场|经济|科技|数码|互联网|体育|娱乐"
    r"|社会|时政|政务|军事|教育|健康|医疗|汽车|房产|文化|旅游|要闻|评论|观点|地方|本地|民生|法治|生活|时尚|游戏|热点"
    r"|视频|图片|专题|原创|深度)(?:新闻|频道|资讯|栏目)?$"
))


def is_section_name(word: str) -> bool:
    """`金融市场` / `国际新闻`: a channel a story is filed under, not its publisher."""
    return bool(_SECTION.match(squash(word)))


# `时光网特稿` / `本网独家`: a label for the kind of story, not the publisher.
_STORY_LABEL = re.compile(either_script(r"(?:特稿|专稿|独家|原创|快讯|专访|特写|综述|头条)$"))


def page_offset(text: str | None, default: tzinfo | None = None) -> tzinfo | None:
    """The UTC offset a meta line states: `格林尼治标准时间` / `GMT` -> +00:00, `GMT+8` -> +08:00,
    `美东时间` -> New York's zone (-05:00, or -04:00 in summer)."""
    if not text:
        return default
    m = _GMT_OFFSET.search(text)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))
    if _GMT.search(text):
        return timezone.utc
    if _BEIJING.search(text):
        return CHINA_TZ
    m = _ZONE_LABEL.search(text)
    if m:
        label = to_simplified_labels(m.group(0))
        return ZoneInfo(next(zone for word, zone in _ZONE_LABELS.items() if label.startswith(word)))
    return default


# ---------------------------------------------------------------- names inside longer credits

_TITLES = r"(?:研究员|副研究员|教授|副教授|讲师|主任|副主任|部长|院长|所长|专家|博士|分析师|主编|记者)"
_TITLE_THEN_NAME = re.compile(f"{_TITLES}([{CJK}]{{2,3}})$")
_AUTHOR_CHUNK = re.compile(r"作者\s*[:：]\s*(?P<chunk>[^()（）:：]{4,80}?)\s*(?:[)）]|$)")


def author_with_affiliation(text: str | None) -> list[str]:
    """`作者：方敏北京大学经济学院教授` -> [方敏]; `作者：…研究部部长、研究员徐占忱` -> [徐占忱]."""
    if not text:
        return []
    m = _AUTHOR_CHUNK.search(squash(text))
    if not m:
        return []
    chunk = m.group("chunk").replace(" ", "")
    tail = _TITLE_THEN_NAME.search(chunk)
    if tail and tail.group(1) not in _NOT_NAMES:
        return [tail.group(1)]
    lead = re.match(f"^([{CJK}]{{2,3}}?)(?:系|现任|现为)", chunk)
    if lead:
        return [lead.group(1)]
    for size in (2, 3):
        rest = chunk[size:]
        if re.match(f"^[{CJK}]{{2,6}}?(?:大学|学院|研究院|研究所|研究中心|委员会|协会|公司|集团|报社)", rest):
            return [chunk[:size]]
    return []


# `聯合報／ 記者林佳彥／台北即時報導`: the paper printed before the byline where others print 来源.
_OUTLET_BYLINE = re.compile(either_script(r"(?:^|\s)(?P<src>[^\s/／|｜:：]{2,12})\s*[／/]\s*记者"))


def outlet_before_byline(text: str | None) -> str | None:
    """The publisher of a `报名／记者 X` byline, when it reads as an outlet (not a person)."""
    if not text:
        return None
    for line in text.split("\n"):
        m = _OUTLET_BYLINE.search(squash(line))
        if m and _MEDIA_SUFFIX.search(to_simplified_labels(m.group("src"))) and not looks_like_person(m.group("src")):
            return m.group("src")
    return None


# `中央纪委国家监委网站 程威` / `日本经济新闻（中文版：日经中文网）铃木健太 曼谷`: an outlet, then the
# writer's name (and the place the report was filed from), with no label between them.
_OUTLET_THEN_NAME = re.compile(
    f"^(?P<org>[{CJK}A-Za-z0-9·《》]{{2,24}}(?:[（(][^（）()]{{1,20}}[)）])?)\\s*(?P<rest>[{CJK}·\\s]{{2,20}})$"
)
# The whole line in brackets: `（某市融媒体中心 王明 李华）` closing the article.
_WRAPPED = re.compile(r"^[（(]\s*(?P<inner>[^（）()]+?)\s*[)）]$")
_FILED = re.compile(either_script(r"\s*(?:报道|发自)$"))


def outlet_byline(line: str | None) -> list[str]:
    """The names of an unlabelled byline `<outlet> <name> [<place>]`; [] for anything else."""
    line = squash(line)
    stamp = _DATETIME.search(line)
    if stamp and stamp.group("h") and stamp.start() <= 6:  # `更新于2024年5月20日 06:00 <outlet> <name>`
        line = line[stamp.end():].strip()
    wrapped = _WRAPPED.match(line)
    if wrapped:  # a bracketed credit: the names must read as names by their surname
        line = wrapped.group("inner")
    m = _OUTLET_THEN_NAME.match(line) if len(line) <= 40 and not is_copyright_line(line) else None
    if not m:
        return []
    org = m.group("org")
    bare = re.sub(r"[（(].*", "", org).replace("《", "").replace("》", "")
    if not _MEDIA_SUFFIX.search(to_simplified_labels(bare)) or _label_word(bare):
        return []
    if org == bare and not line[len(org):].startswith(" "):
        return []  # `新华社张三`? without a gap or a bracket the split is a guess
    tokens = m.group("rest").split()
    if len(tokens) >= 2 and _FILED.search(tokens[-1]):  # `梅茜 香港报道`: the city the report was filed from
        place = _FILED.sub("", tokens[-1])
        if place not in PLACES:
            return []
        tokens[-1] = place
    if len(tokens) >= 2 and tokens[-1] in PLACES:
        tokens = tokens[:-1]
    if wrapped and not all(looks_like_han_name(t) for t in tokens):
        return []
    if not 1 <= len(tokens) <= 3:
        return []
    for token in tokens:
        if not _CJK_NAME.match(token) or len(token) > 4 or token in PLACES or _not_a_name(token) \
                or _NOT_IN_NAMES.search(token) or _MEDIA_SUFFIX.search(to_simplified_labels(token)):
            return []
    return tokens


def bare_names(line: str | None) -> list[str]:
    """`胡平` / `王明 李华`: a line that is nothing but one to three personal names, each a common
    surname and a given name, none a place, a label or an outlet."""
    tokens = re.split(r"[\s、，,]+", squash(line)) if line else []
    if not 1 <= len(tokens) <= 3:
        return []
    for token in tokens:
        if not looks_like_han_name(token) or "·" in token or token in PLACES or _not_a_name(token) \
                or _NOT_IN_NAMES.search(token) or _MEDIA_SUFFIX.search(to_simplified_labels(token)) \
                or is_section_name(token) or _STORY_LABEL.search(token):
            return []
    return tokens


def person_after_source(text: str | None) -> str | None:
    """`2023-06-15 08:10 来源：中国新闻网 王帆`: a person's name printed right after the source."""
    if not text:
        return None
    for line in text.split("\n"):
        line = squash(line)
        m = _SOURCE.search(line)
        src = parse_source(line)
        if not m or not src:
            continue
        at = line.find(src, m.start())
        rest = line[at + len(src):].split() if at >= 0 else []
        if rest:
            token = rest[0].strip("()（）")
            if looks_like_person(token) and token not in _NOT_NAMES and token not in PROVINCES:
                return token
    return None
