"""Field rules every Chinese news site shares: 来源, times, 责编, 记者, name lists.

Profiles call these on the text their selectors find; the generic extractor calls them on
the page's meta line and body. Everything here is a pure function of strings.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from crawler.extract.text import CJK, squash

CHINA_TZ = timezone(timedelta(hours=8))

# ---------------------------------------------------------------- names

_NAME_SPLIT = re.compile(r"[、，,；;／/|｜\s]+")
_STAFF_CODE = re.compile(r"[_\s]*[A-Za-z]{1,4}\d{2,8}$")
# A two-character name printed with padding spaces: 方  敏 -> 方敏.
_PADDED_PAIR = re.compile(f"(?<![{CJK}])([{CJK}])[ \u3000\u00a0]+([{CJK}])(?![{CJK}])")
# Han names are 2-5 characters (乌兰其其格); transliterated names join their parts with a middle dot.
_CJK_NAME = re.compile(f"^(?:[{CJK}]{{2,5}}|[{CJK}]{{1,8}}·[{CJK}·]{{1,16}})$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z.\-' ]{1,40}$")
_OUTLET_WORDS = re.compile("记者|通讯员|编辑|作者|报|网|社|台|频道|客户端")
# Function words and reporting verbs that never stand in a personal name: `记者了解到` is prose, not a credit.
_NOT_IN_NAMES = re.compile("[了的到是在这那们么说获悉看从对就也还已据该称认调访今昨被把让给我你他她它而]")
# Words that show up next to names but are not names.
_NOT_NAMES = {
    "记者", "通讯员", "编辑", "责任编辑", "责编", "作者", "本报", "摄影", "摄", "报道", "实习生", "见习记者",
    "特约记者", "通讯", "图文", "综合", "整理", "编译", "来源", "校对", "审核", "本报记者", "新华社",
    "评论员", "本报评论员", "特约评论员", "供图", "视频", "文字", "制图", "海报", "出品", "监制", "策划",
}
_ROLE_PREFIX = re.compile(
    r"^(?:本报|本刊|本台|本网|新华社|中新社|中新网|人民网|光明日报|人民日报|央视网|总台|特约|全媒体|融媒体|见习|实习|驻\S{1,6}|首席)*"
    r"(?:记者|通讯员|实习生|编辑|作者)\s*"
)


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
        name = clean_name(part)
        if not name or name in _NOT_NAMES:
            continue
        if "·" in name and _OUTLET_WORDS.search(name):
            continue  # `新华日报·交汇点记者` is an outlet and a role, not a transliterated name
        if (_CJK_NAME.match(name) and not _NOT_IN_NAMES.search(name)) or _LATIN_NAME.match(name):
            names.append(name)
    return _unique(names)


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


# ---------------------------------------------------------------- 来源 (source)

_SOURCE = re.compile(
    r"(?<!素材)(?<!图片)(?<!视频)(?<!图)(?:文章|本文|稿件|信息)?来\s*源(?:于|自)?\s*[:：]?\s*[\[【]?\s*"
    r"(?P<src>[^\s\[\]【】|｜:：]{1,40}(?:\s[^\s\[\]【】|｜:：]{1,20})?)"
)
_SOURCE_STOP = re.compile(
    r"\s*(?:作者|编辑|责任编辑|责编|记者|时间|发布|日期|浏览|阅读|点击|字号|分享|打印|评论|参与|\d{4}[-年/.])"
)


def parse_source(text: str | None) -> str | None:
    """`来源：光明日报客户端 2023-02-04 14:42` -> `光明日报客户端`."""
    if not text:
        return None
    m = _SOURCE.search(squash(text))
    if not m:
        return None
    src = _SOURCE_STOP.split(m.group("src"), maxsplit=1)[0]
    src = src.strip(" ]】,，。;；")
    # A second word after a space is usually the next meta item (time, 作者…), not the source.
    if " " in src and not re.fullmatch(r"[A-Za-z .&\-]+", src):
        src = src.split(" ")[0]
    return src or None


# ---------------------------------------------------------------- 责编 (editors)

_EDITOR = re.compile(
    r"(?:责任编辑|责编|值班编辑|编辑)(?:\s*[:：/／︱|｜]\s*|\s+)"
    r"(?P<names>(?:(?!责任编辑|责编|值班编辑|编辑)[^\]】)）\n]){1,40})"
)
_EDITOR_STOP = re.compile(r"\s*(?:来源|作者|记者|审核|校对|监制|统筹|摄影|排版|终审|二审|三审|实习生)")


def parse_editors(text: str | None) -> list[str]:
    """`[ 责编：曾震宇 ]`, `（责编：胡永秋、杨光宇）`, `责任编辑：李曦_NN2587` -> names."""
    if not text:
        return []
    names: list[str] = []
    for m in _EDITOR.finditer(squash(text)):
        chunk = _EDITOR_STOP.split(m.group("names"), maxsplit=1)[0]
        names.extend(split_names(chunk))
    return _unique(names)


# ---------------------------------------------------------------- 记者 (reporters)

_BRACKETED = r"[（(]\s*(?P<inner>[^（()）]{2,40})\s*[)）]"
# 新华社北京5月19日电（刘艺、杨吉） / 中新网北京5月9日电(记者 邹伟)
_DATELINE = re.compile(
    r"^[^。，,]{0,30}?\d{1,2}月\d{1,2}日(?:电|讯)\s*" + _BRACKETED
)
# （光明日报全媒体记者王瑾雯 周仕兴） / 本报记者 X / 记者：X
_REPORTER = re.compile(
    r"(?:记者|通讯员|实习生|作者|撰文|编译|文\s*[/／|｜︱]|文图|图文|整合)\s*[:：/／|｜︱]?\s*"
    r"(?P<names>(?:[" + CJK + r"·]{2,12}(?:[\s、，,]+|$|(?=[）)\]】/／])))+)"
)
_TRAILING_CREDIT = re.compile(r"[（(]\s*(?P<names>[" + CJK + r"]{2,4}(?:[\s、，][" + CJK + r"]{2,4}){0,3})\s*[)）]\s*$")


# By Wang Xiaoyu | China Daily / By Li Ming and Zhao Lan
_ENGLISH_BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][A-Za-z.\-']+(?:\s+(?:[A-Z][A-Za-z.\-']+|and|,))*)")
_TRAILING_ROLE = re.compile(
    r"[（(]\s*(?P<inner>(?:编译|记者|作者|撰文|文|通讯员|整理)\s*[/／:：︱|｜]?\s*[^（()）]{2,20})\s*[)）]\s*$"
)


def parse_reporters(text: str | None) -> list[str]:
    """Names credited with reporting in one line of text (byline, dateline or credit)."""
    if not text:
        return []
    line = _PADDED_PAIR.sub(r"\1\2", squash(text))
    names: list[str] = []
    m = _ENGLISH_BYLINE.match(line)
    if m:
        names.extend(split_names(m.group("names").strip(" ,")))
    m = _DATELINE.search(line)
    if m:
        inner = m.group("inner")
        rep = _REPORTER.search(inner)
        names.extend(split_names(rep.group("names") if rep else inner))
    for m in _REPORTER.finditer(line):
        names.extend(split_names(_cut_after_names(m.group("names"))))
    if not names:
        names = author_with_affiliation(line)
    return _unique(n for n in names if n not in _NOT_NAMES)


def _cut_after_names(chunk: str) -> str:
    return re.split(r"(?:报道|摄影|摄|发自|供图)", chunk, maxsplit=1)[0]


def trailing_credit(paragraph: str) -> list[str]:
    """`…共赢”。（钟才文）` -> [钟才文]: a bracketed name closing the article."""
    m = _TRAILING_ROLE.search(paragraph.strip())
    if m:
        return parse_reporters(m.group("inner"))
    m = _TRAILING_CREDIT.search(paragraph.strip())
    if not m:
        return []
    inner = m.group("names")
    if any(word in inner for word in ("图", "摄", "完", "编辑", "责编", "来源", "记者")):
        return parse_reporters(inner)
    return split_names(inner)


# ---------------------------------------------------------------- times

_DATETIME = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/年.]\s*(?P<mo>\d{1,2})\s*[-/月.]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT,，]*(?:格林尼治标准时间|格林威治标准时间|北京时间|GMT|UTC)?\s*(?P<h>\d{1,2})\s*[:：时]\s*(?P<mi>\d{2})(?:\s*[:：分]\s*(?P<s>\d{2}))?)?"
)
_RELATIVE = re.compile(r"(?P<n>\d+)\s*(?P<unit>秒|分钟|小时|天)前")
_YESTERDAY = re.compile(r"(?P<day>今天|昨天|前天)\s*(?P<h>\d{1,2})[:：](?P<mi>\d{2})")


def parse_time(text: str | None, tz: timezone = CHINA_TZ, now: datetime | None = None) -> str | None:
    """First publication time in `text` as ISO 8601 with the site's offset (`YYYY-MM-DD` if no time)."""
    if not text:
        return None
    text = squash(text)
    m = _DATETIME.search(text)
    if m:
        return _iso_from_match(m, tz)
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


def _iso_from_match(m: re.Match, tz: timezone) -> str | None:
    try:
        y, mo, d = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
        if m.group("h") is None:
            return datetime(y, mo, d).date().isoformat()
        h, mi, s = int(m.group("h")), int(m.group("mi")), int(m.group("s") or 0)
        return datetime(y, mo, d, h, mi, s, tzinfo=tz).isoformat()
    except ValueError:
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


def _tz_name(tz: timezone) -> str:
    offset = tz.utcoffset(None)
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

_META_LABEL = re.compile(r"来源|作者|记者|编辑|发布|时间|日期|浏览|阅读|字号|通讯员")
_MEDIA_SUFFIX = re.compile(
    r"(?:网|报|社|刊|台|新闻|客户端|周刊|杂志|中心|频道|号|站|局|部|委|院|会|政府|时报|晚报|日报|传媒|媒体|"
    r"观察|财经|科技|在线|资讯|中国|APP|app)$"
)
# Province-level names: the IP-location tag portals print next to the source is not a person.
PROVINCES = frozenset(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
    "云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split()
)
_PLACEHOLDER_SOURCES = {"转载", "转载文章", "网络", "互联网", "网络转载", "未知", "综合", "本站", "佚名", "不详"}
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SOURCE_TOKEN = re.compile(f"^(?:《[^》]{{1,20}}》|[{CJK}A-Za-z][{CJK}A-Za-z0-9·\\-]{{1,19}})$")
_NOT_SOURCE_WORDS = re.compile(r"分享|打印|收藏|评论|字号|首页|返回|点击|关注|下载|订阅|登录|举报|纠错|大|中|小")
_GMT = re.compile(r"格林尼治标准时间|格林威治标准时间|\bGMT\b(?!\s*[+-]\d)|\bUTC\b(?!\s*[+-]\d)")
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")
_BEIJING = re.compile(r"北京时间")


def is_meta_line(line: str) -> bool:
    """A short line that carries a date or a meta label (来源 / 作者 / 编辑 / 时间…), not prose."""
    line = squash(line)
    if len(line) > 120:
        return False
    return bool(_DATETIME.search(line) or _META_LABEL.search(line)) and line.count("。") == 0


def is_placeholder_source(source: str) -> bool:
    return squash(source) in _PLACEHOLDER_SOURCES


def looks_like_person(name: str) -> bool:
    """`尹娟` reads as a person; `新华社`, `人民网`, `《理财周刊》` read as publishers."""
    name = squash(name)
    return bool(_CJK_NAME.match(name)) and len(name) <= 3 and not _MEDIA_SUFFIX.search(name)


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
        if not m or len(line) > 80 or _META_LABEL.search(line):
            continue
        after = line[m.end():].split()
        before = line[: m.start()].split()
        for token in after[:1] + before[-1:]:
            token = token.strip("|｜ ")
            if token.startswith("来自"):  # an IP-location tag, not a publisher
                continue
            if _SOURCE_TOKEN.match(token) and not _NOT_SOURCE_WORDS.fullmatch(token[:2]) \
                    and not _NOT_SOURCE_WORDS.search(token[:2]) and token not in _NOT_NAMES:
                return token
    return None


def page_offset(text: str | None, default: timezone | None = None) -> timezone | None:
    """The UTC offset a meta line states: `格林尼治标准时间` / `GMT` -> +00:00, `GMT+8` -> +08:00."""
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
