"""Whitespace and character helpers shared by every extractor."""

from __future__ import annotations

import re

# Full-width space, no-break space, zero-width characters and the like.
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_EDGE = " \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u3000\ufeff"
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")


def squash(text: str | None) -> str:
    """Collapse every run of (full-width or ordinary) spaces to one space and trim."""
    if not text:
        return ""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip(_EDGE)


def clean_line(text: str) -> str:
    """One paragraph: source line breaks and runs of spaces collapsed (as a browser shows it), indentation trimmed."""
    return _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip(_EDGE)


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def cjk_ratio(text: str) -> float:
    # Counted by what removing them leaves (each pattern matches one character): no list of matches.
    chars = len(_ANY_SPACE.sub("", text))
    if not chars:
        return 0.0
    return (len(text) - len(_CJK_CHAR.sub("", text))) / chars


_ANY_SPACE = re.compile(r"\s")


# Traditional forms of the characters that make up Chinese meta labels (記者, 責任編輯, 來源, 發自, 攝…),
# so one pattern written in simplified characters reads pages in either script.
_TRADITIONAL = {
    "记": "記", "编": "編", "辑": "輯", "责": "責", "来": "來", "发": "發", "报": "報", "导": "導", "摄": "攝",
    "讯": "訊", "电": "電", "员": "員", "图": "圖", "实": "實", "习": "習", "见": "見", "网": "網", "时": "時",
    "间": "間", "专": "專", "对": "對", "审": "審", "核": "核", "稿": "稿", "译": "譯", "综": "綜", "闻": "聞",
    "视": "視", "频": "頻", "页": "頁", "阅": "閱", "读": "讀", "继": "繼", "续": "續", "论": "論", "评": "評",
    "转": "轉", "载": "載", "权": "權", "声": "聲", "明": "明", "于": "於", "经": "經", "监": "監", "统": "統",
    "筹": "籌", "划": "劃", "制": "製", "众": "眾", "体": "體", "刊": "刊", "纠": "糾", "错": "錯", "关": "關",
    "闭": "閉", "窗": "窗", "扫": "掃", "码": "碼", "览": "覽", "点": "點", "击": "擊", "赞": "讚", "邮": "郵",
    "订": "訂", "简": "簡", "该": "該", "这": "這", "们": "們", "么": "麼", "说": "說", "获": "獲", "从": "從",
    "还": "還", "已": "已", "称": "稱", "认": "認", "调": "調", "访": "訪", "让": "讓", "给": "給", "备": "備",
    "务": "務", "动": "動", "态": "態", "栏": "欄", "组": "組", "织": "織", "录": "錄", "复": "複", "链": "鏈",
    "接": "接", "级": "級", "广": "廣", "告": "告", "类": "類", "滑": "滑", "请": "請", "签": "簽", "构": "構",
    "际": "際", "产": "產", "独": "獨", "家": "家", "并": "並", "浏": "瀏", "财": "財",
}
_TRADITIONAL = {k: v for k, v in _TRADITIONAL.items() if k != v}


def either_script(pattern: str) -> str:
    """A regex written with simplified label characters that also matches their traditional forms.

    `记者` -> `[记記]者`; inside a character class the traditional form is added to the class.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            out.append(ch + _TRADITIONAL[ch] if ch in _TRADITIONAL else ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a literal `]` first in the class
                out.append("]")
                i += 1
        else:
            out.append(f"[{ch}{_TRADITIONAL[ch]}]" if ch in _TRADITIONAL else ch)
        i += 1
    return "".join(out)


def to_simplified_labels(text: str) -> str:
    """Label characters back to simplified (for comparing a word against a simplified word list)."""
    return text.translate(_BACK)


_BACK = str.maketrans({v: k for k, v in _TRADITIONAL.items()})
