"""The shared Chinese field rules (crawler/extract/fields.py) on strings written for these tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.extract import fields as f

NOW = datetime(2025, 3, 8, 12, 0, tzinfo=f.CHINA_TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("来源：江南晚报 2025-03-08 10:12", "江南晚报"),
        ("来源:江南晚报", "江南晚报"),
        ("来源：[ 海川日报 ]", "海川日报"),
        ("【来源：海川日报】", "海川日报"),
        ("文章来源：云岭网 作者：林小川", "云岭网"),
        ("本文来源于国家气象中心", "国家气象中心"),
        ("来源：《山水周刊》", "《山水周刊》"),
        ("素材来源 各地党报", None),
        ("没有出处的一行字", None),
    ],
)
def test_parse_source(text: str, expected: str | None) -> None:
    assert f.parse_source(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("责任编辑：周青禾", ["周青禾"]),
        ("责任编辑:周青禾", ["周青禾"]),
        ("[责任编辑：周青禾 PX318]", ["周青禾"]),
        ("【责任编辑:周青禾 】", ["周青禾"]),
        ("（责编：陆一鸣、苏晴）", ["陆一鸣", "苏晴"]),
        ("(责编：陆一鸣、苏晴)", ["陆一鸣", "苏晴"]),
        ("责任编辑：韩松_NN1024", ["韩松"]),
        ("编辑/倪秋", ["倪秋"]),
        ("编辑：吴  迪", ["吴迪"]),
        ("编辑：贺岚 责任编辑：程远", ["贺岚", "程远"]),
        ("来源：海川日报 编辑：苏木", ["苏木"]),
        ("编辑推荐", []),
    ],
)
def test_parse_editors(text: str, expected: list[str]) -> None:
    assert f.parse_editors(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新华社北京5月9日电（记者 邹明）", ["邹明"]),
        ("新华社杭州3月2日电（记者刘桥、杨柳）", ["刘桥", "杨柳"]),
        ("本报记者 方  敏 通讯员 许文", ["方敏", "许文"]),
        ("记者：唐果", ["唐果"]),
        ("文/栗原", ["栗原"]),
        ("作者︱冬冬", ["冬冬"]),
        ("（编译/林远）", ["林远"]),
        ("海川日报评论员", []),
        # a photo-and-text tag after the names, and a meta word glued on from the next span
        ("□记者 陈小溪 实习生 吴桐 文图", ["陈小溪", "吴桐"]),
        ("文／柯远航发布/2023年5月2日 上午9:10", ["柯远航"]),
        # the filing place glued to the name in a bracketed report line
        ("（星岛记者梁思远洛杉矶报道）当地时间周一", ["梁思远"]),
        ("（本报记者吕青报道）", ["吕青"]),
    ],
)
def test_parse_reporters(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


def test_trailing_credit_closes_last_paragraph() -> None:
    assert f.trailing_credit("这是文章最后一句话。（钟明远）") == ["钟明远"]
    assert f.trailing_credit("这是文章最后一句话。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-20 03:15", "2024-05-20T03:15:00+08:00"),
        ("2024年05月20日 03:15", "2024-05-20T03:15:00+08:00"),
        ("2024年5月20日03:15:42", "2024-05-20T03:15:42+08:00"),
        ("2024/05/20", "2024-05-20"),
        ("发布时间：2024-05-20 03:15 来源：海川日报", "2024-05-20T03:15:00+08:00"),
        ("2005-04-05 06:40更新", "2005-04-05T06:40:00+08:00"),
    ],
)
def test_parse_time_absolute(text: str, expected: str) -> None:
    assert f.parse_time(text) == expected


def test_parse_time_relative_to_crawl_time() -> None:
    assert f.parse_time("3小时前", now=NOW) == "2025-03-08T09:00:00+08:00"
    assert f.parse_time("昨天 08:30", now=NOW) == "2025-03-07T08:30:00+08:00"


def test_gmt_wording_sets_the_offset() -> None:
    line = "更新时间 2012年12月10日, 格林尼治标准时间10:41"
    tz = f.page_offset(line, f.CHINA_TZ)
    assert tz == timezone.utc
    assert f.parse_time(line, tz) == "2012-12-10T10:41:00+00:00"
    assert f.page_offset("GMT+2", None) == timezone(timedelta(hours=2))
    assert f.page_offset("没有时区", None) is None


def test_local_time_label_gives_the_zone_with_summer_time() -> None:
    tz = f.page_offset("华声网　2023-08-02 09:30　美东时间")
    assert f.parse_time("2023-08-02 09:30", tz) == "2023-08-02T09:30:00-04:00"
    assert f.parse_time("2023-12-02 09:30", tz) == "2023-12-02T09:30:00-05:00"
    assert f.parse_time("2023-08-02 09:30", f.page_offset("發佈於 東京時間")) == "2023-08-02T09:30:00+09:00"
    assert f.page_offset("东京奥运会开幕", None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-13 13:48 海川网", "海川网"),
        ("山水中文站2016年10月14日07:17", "山水中文站"),
        ("http://www.example.net 2005年03月21日 11:21 《山水周刊》", "《山水周刊》"),
        ("2024-01-25 18:03:35 来自江苏", None),
        ("来源：海川日报 2024-05-13", None),  # labelled: parse_source's job
    ],
)
def test_unlabelled_source(text: str, expected: str | None) -> None:
    assert f.unlabelled_source(text) == expected


def test_person_versus_publisher() -> None:
    assert f.looks_like_person("尹岚")
    assert not f.looks_like_person("新华社")
    assert not f.looks_like_person("海川网")
    assert f.source_person("来源: 尹岚") == "尹岚"
    assert f.source_person("来源：海川日报") is None
    assert f.is_placeholder_source("转载文章")


def test_split_names() -> None:
    assert f.split_names("王瑾 周仕") == ["王瑾", "周仕"]
    assert f.split_names("刘艺、杨吉") == ["刘艺", "杨吉"]
    assert f.split_names("Wang Xiaoyu and Li Ming") == ["Wang Xiaoyu", "Li Ming"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(作者：林川海东大学经济学院教授)", ["林川"]),
        ("（作者：高原系北方大学法学院副教授）", ["高原"]),
        ("（本文来源：海川日报 作者：某某研究中心世界经济部部长、研究员马骁）", ["马骁"]),
        ("作者：宋", []),
    ],
)
def test_author_with_affiliation(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


def test_person_after_source_skips_places() -> None:
    assert f.person_after_source("2025-03-08 08:10 来源：海川新闻网 陆远") == "陆远"
    assert f.person_after_source("2025-03-08 09:16:04 来源: 湖畔网 北京 举报") is None


@pytest.mark.parametrize(
    "prose",
    ["记者了解到，今年该市新增岗位三千个", "据记者调查，这些小区", "记者在现场看到", "记者采访时发现", "记者日前从省卫健委获悉"],
)
def test_reporting_prose_is_not_a_credit(prose: str) -> None:
    assert f.parse_reporters(prose) == []


def test_transliterated_name_with_middle_dot() -> None:
    assert f.parse_reporters("记者 阿不都·热依木") == ["阿不都·热依木"]


def test_outlet_with_middle_dot_is_not_a_name() -> None:
    assert f.parse_reporters("整合 江南日报·潮头点记者 柳青禾") == ["柳青禾"]


def test_five_character_name_in_a_dateline() -> None:
    assert f.parse_reporters("新华社呼和浩特5月9日电（记者 乌兰其其格、王帆）") == ["乌兰其其格", "王帆"]


# ---------------------------------------------------------------- rules that generalise across sites


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("图说：湖边新修的步道。记者 陆远 摄", []),
        ("湖边新修的步道。海川网记者 陆远 摄影", []),
        ("记者陆远/摄", []),
        ("摄影记者 陆远", []),
        ("（记者 陆远 摄）", []),
        ("撰文：苏晴 摄影：陆远", ["苏晴"]),
        ("记者 苏晴 文 陆远 摄", ["苏晴"]),
        ("文/图 苏晴", ["苏晴"]),
    ],
)
def test_photo_credits_name_photographers_not_reporters(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湖畔晚报讯 记者苏晴、通讯员陆 远报道：昨日", ["苏晴", "陆远"]),
        ("实习生韩 松 记者 程远", ["韩松", "程远"]),
        ("作者：许 文", ["许文"]),
    ],
)
def test_padded_name_closes_after_every_role_label(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("海川晨报记者 苏晴 杭州报道", ["苏晴"]),  # a city glued to 报道 is where it was filed
        ("记者 苏晴、陆远 湖州报道", ["苏晴", "陆远"]),
        ("记者 苏晴 陆远报道", ["苏晴", "陆远"]),  # no city: both are names
        ("海川记者 苏 晴　　海川编辑 陆 远", ["苏晴"]),  # the editor credit starts a new credit
        ("【文/湖畔观察网 苏晴】三月的湖畔小城", ["苏晴"]),  # the outlet is not a name
        ("文/苏晴 发布/2025年3月8日 09:30", ["苏晴"]),
        ("作者：苏晴 发表时间：2025-03-08", ["苏晴"]),
    ],
)
def test_outlets_places_and_second_roles_are_not_names(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（海峽社記者蘇晴台北8日電）市議會今天", ["蘇晴"]),
        ("（記者蘇晴、陸遠華盛頓7日專電）", ["蘇晴", "陸遠"]),
        ("海峽日報訊（記者 蘇 晴）", ["蘇晴"]),
        ("【海峽報訊】記者陸遠報道：昨日", ["陸遠"]),
        ("海峽傳媒記者 蘇晴 發自台北", ["蘇晴"]),
        ("作者, 蘇晴", ["蘇晴"]),
        ("作者：苏晴（海川大学教授）", ["苏晴"]),
    ],
)
def test_traditional_labels_and_bracket_datelines(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


def test_traditional_editor_and_source_labels() -> None:
    assert f.parse_editors("責任編輯：陸 遠") == ["陸遠"]
    assert f.parse_editors("（編輯：蘇晴）1140308") == ["蘇晴"]
    assert f.parse_source("2025-03-08 04:31 來源：海峽日報") == "海峽日報"


def test_trailing_credit_with_an_outlet_before_the_role() -> None:
    assert f.trailing_credit("最后一句话。（湖畔晚报·视频记者 苏晴）") == ["苏晴"]


def test_verbs_after_reporter_are_not_names() -> None:
    assert f.parse_reporters("站长一边引路，一边向记者介绍。") == []
    assert f.parse_reporters("他向记者介绍：“今年客流翻了一番。”") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-08 15:33湖南", None),  # the IP-location tag, not a publisher
        ("2025-03-08 09:12 大川报·视频 浙江 原创", "大川报·视频"),  # an account name starting with 大
        ("2025-03-08 09:12 中山新闻网", "中山新闻网"),
        ("刊登於 2025-03-08", None),
        ("发布于 2025-03-08 09:12", None),
        ("2025-03-08 09:12 · 海川报 · 浙江", "海川报"),
    ],
)
def test_unlabelled_source_edge_cases(text: str, expected: str | None) -> None:
    assert f.unlabelled_source(text) == expected


def test_picture_credits_are_not_the_source() -> None:
    assert f.parse_source("图像来源，Getty Images") is None
    assert f.parse_source("题图来源：湖畔区供图") is None


# ---------------------------------------------------------------- rules from the second held-out set


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no delimiter between the byline and the text: the word before the comma is prose
        ("湖畔网 记者 林小川 清晨六点，码头上已经排起了长队，渔船陆续靠岸。", ["林小川"]),
        ("记者 林小川，苏晴", ["林小川", "苏晴"]),
        # 摄影/ labels the next credit: the writer counts, the photographer does not
        ("文/本报记者 林小川 摄影/本报记者 苏晴", ["林小川"]),
        ("摄影/本报记者 苏晴", []),
        ("记者 林小川 摄影记者 苏晴", ["林小川"]),
        ("文/记者 林小川 图/记者 苏晴", ["林小川"]),
        ("文/图 本报记者 林小川", ["林小川"]),
        # 摄影报道: they wrote and photographed
        ("湖畔网讯（记者 林小川 通讯员 苏晴 摄影报道）清明前后，", ["林小川", "苏晴"]),
        ("（记者 林小川 摄）", []),
        # `文：` and translators
        ("文：陆一鸣", ["陆一鸣"]),
        ("翻译：苏晴", ["苏晴"]),
        ("译者：苏晴", ["苏晴"]),
        ("原文：陆一鸣说这是真的", []),
        # English `By` with Chinese names
        ("By 林小川", ["林小川"]),
        ("By 林小川、苏晴", ["林小川", "苏晴"]),
    ],
)
def test_parse_reporters_second_set_rules(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


def test_trailing_agencies_are_not_reporters() -> None:
    assert f.trailing_credit("湖区的渡轮明年起改用电力驱动。（法新社、路透社）") == []
    assert f.trailing_credit("湖区的渡轮明年起改用电力驱动。（湖畔网、江南台）") == []
    assert f.trailing_credit("湖区的渡轮明年起改用电力驱动。（林小川、苏晴）") == ["林小川", "苏晴"]
    assert f.parse_reporters("美联社") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日期 08.03.2025", "2025-03-08"),
        ("08.03.2025 09:30", "2025-03-08T09:30:00+08:00"),
        ("3.8.2025", "2025-08-03"),
        ("版本 1.2.2025.3", None),
    ],
)
def test_parse_time_day_first_dotted(text: str, expected: str | None) -> None:
    assert f.parse_time(text, now=NOW) == expected


def test_english_source_label_and_one_line_at_a_time() -> None:
    assert f.parse_source("Source: Lakeside Radio") == "Lakeside Radio"
    assert f.parse_source("Source: LRB\nShare this story") == "LRB"
    assert f.parse_source("Image source: Getty") is None
    # the label on one line, the value on the next
    assert f.parse_source("来源：\n湖畔日报") == "湖畔日报"


def test_unlabelled_source_with_a_label_after_it() -> None:
    assert f.unlabelled_source("2025-03-08 09:30:12 湖畔晚报网 阅读量：2.1万") == "湖畔晚报网"
    assert f.unlabelled_source("发布时间 2025-03-08 09:30 林小川") is None


def test_outlet_before_a_slash_byline() -> None:
    assert f.outlet_before_byline("2025-03-08 09:30 湖畔報／ 記者林小川／湖畔即時報導") == "湖畔報"
    assert f.outlet_before_byline("2025-03-08 湖畔网/记者 林小川") == "湖畔网"
    assert f.outlet_before_byline("文/记者 林小川") is None
    assert f.outlet_before_byline("林小川/记者") is None
    assert not f.looks_like_person("湖畔報")


def test_trailing_credit_needs_a_closed_sentence_before_a_bare_name() -> None:
    assert f.trailing_credit("湖畔花展将持续到四月底。（林小川）") == ["林小川"]
    assert f.trailing_credit("（林小川）") == ["林小川"]
    # a list item's note in brackets is not a credit
    assert f.trailing_credit("重量：186 克（皮革版）") == []
    assert f.trailing_credit("起售价 3999 元（标准版）") == []
    # a role word makes it a credit wherever it sits
    assert f.trailing_credit("展期到四月底（记者 苏晴）") == ["苏晴"]


def test_photo_label_before_a_name_opens_the_next_credit() -> None:
    assert f.parse_reporters("湖畔新闻记者 苏晴 陆远 摄影 林小川") == ["苏晴", "陆远"]
    assert f.parse_reporters("记者 苏晴 摄影") == []
    assert f.parse_reporters("记者 苏晴 摄") == []


def test_bracketed_lead_in_with_the_writers_role() -> None:
    assert f.parse_reporters("【湖畔时报3月8日 苏晴编译】湖畔小城的花展今天开幕。") == ["苏晴"]
    assert f.parse_reporters("【湖畔网3月8日讯 苏晴、陆远报道】花展开幕。") == ["苏晴", "陆远"]
    assert f.parse_reporters("【湖畔时报3月8日】花展开幕。") == []


def test_outlet_then_name_byline() -> None:
    assert f.outlet_byline("湖畔市纪委监委网站 林小川") == ["林小川"]
    assert f.outlet_byline("湖畔经济新闻（中文版：湖畔中文网）山田花子 曼谷") == ["山田花子"]
    assert f.outlet_byline("湖畔新闻网 苏晴 陆远") == ["苏晴", "陆远"]
    assert f.outlet_byline("湖畔日报林小川") == []  # no gap: where the outlet ends is a guess
    assert f.outlet_byline("湖畔日报 北京") == []
    assert f.outlet_byline("湖畔日报 客户端") == []
    assert f.outlet_byline("林小川 苏晴") == []  # no outlet
    assert f.outlet_byline("来源：湖畔日报 林小川") == []


def test_values_glued_to_the_next_label() -> None:
    line = "2025/3/8 9:31:12来源：湖畔之家作者：林小川责编：林小川评论：88"
    assert f.space_labels("作者：林小川责编：苏晴") == "作者：林小川 责编：苏晴"
    assert f.parse_reporters(line) == ["林小川"]
    assert f.parse_editors(line) == ["林小川"]
    assert f.parse_source(line) == "湖畔之家"


def test_editor_staff_code_kept_only_when_alone() -> None:
    assert f.parse_editors("(责任编辑：HP512)") == ["HP512"]
    assert f.parse_editors("责任编辑：周青禾_HP512") == ["周青禾"]
    assert f.parse_editors("编辑：2025") == []


def test_source_from_a_reposted_account_note() -> None:
    note = "本文来自微信公众号：湖畔商业评论（ID：hupanbiz），作者：林小川，题图来自：湖畔图库"
    assert f.parse_source(note) == "湖畔商业评论"
    assert f.parse_reporters(note) == ["林小川"]
    assert f.parse_source("来源：湖畔网 评论 96") == "湖畔网"
    assert f.parse_source("来源：湖畔网评论频道") == "湖畔网评论频道"


def test_unlabelled_source_skips_a_counter_and_separator_dots() -> None:
    assert f.unlabelled_source("湖畔商业评论 2025-03-08 20:15 热度 1.2万") == "湖畔商业评论"
    assert f.unlabelled_source("2025-03-08 20:15 热度 1.2万") is None
    assert f.unlabelled_source("湖畔网·2025-03-08 08:30") == "湖畔网"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08/03/2025 09:45PM 本地", "2025-03-08T21:45:00+08:00"),  # day first, 12-hour clock
        ("08/03/2025 12:10AM", "2025-03-08T00:10:00+08:00"),
        ("03/18/2025 09:45", "2025-03-18T09:45:00+08:00"),  # month first: 18 cannot be a month
        ("14:052025/03/08", "2025-03-08T14:05:00+08:00"),  # clock span printed before the date span
        ("by 湖畔晚报 Mar 8, 2025 0", "2025-03-08"),
        ("March 8, 2025 at 9:05 pm", "2025-03-08T21:05:00+08:00"),
        ("8 March 2025 14:20", "2025-03-08T14:20:00+08:00"),
        ("08/03/2025 - 13:48", "2025-03-08T13:48:00+08:00"),
        ("20:15 湖畔晚报 2025-03-08", "2025-03-08"),  # a clock not glued to the date is not its time
    ],
)
def test_parse_time_more_printed_orders(text: str, expected: str) -> None:
    assert f.parse_time(text, now=NOW) == expected


def test_parse_time_relative_day_uses_now() -> None:
    crawled = datetime(2025, 3, 9, 1, 30, tzinfo=timezone.utc)  # 09:30 in +08:00
    assert f.parse_time("湖畔晚报昨天 15:30", now=crawled) == "2025-03-08T15:30:00+08:00"
    assert f.parse_time("前天 08:00", now=crawled) == "2025-03-07T08:00:00+08:00"


def test_parse_month_day_takes_the_given_year() -> None:
    assert f.parse_month_day("湖畔游记\n03-08 08:06", f.CHINA_TZ, 2025) == "2025-03-08T08:06:00+08:00"
    assert f.parse_month_day("3月8日 08:06", f.CHINA_TZ, 2025) == "2025-03-08T08:06:00+08:00"
    # Crawled on 2 January: a 30 December stamp is from the year before.
    crawled = datetime(2025, 1, 2, 9, 0, tzinfo=f.CHINA_TZ)
    assert f.parse_month_day("12-30 21:00", f.CHINA_TZ, 2025, crawled) == "2024-12-30T21:00:00+08:00"
    assert f.parse_month_day("2025-03-08 08:06", f.CHINA_TZ, 2025) is None  # a full date is not this form
    assert f.parse_month_day("没有时间", f.CHINA_TZ, 2025) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("报道：林小川 2025-03-08 15:48", ["林小川"]),
        ("日期：2025-03-08信息来源：校团委作者：苏晴摄影：周航", ["苏晴"]),  # glued spans, photographer dropped
        ("2025-03-08 11:26 作者：Lakeside湖畔网 林溪", ["林溪"]),  # a brand between the label and the name
        ("（文/湖畔日报 周青禾）", ["周青禾"]),
        ("湖畔日报 版权所有 不得转载", []),  # never a name from a copyright line
        ("记者 林溪 © 湖畔日报 版权所有", []),
    ],
)
def test_parse_reporters_more_byline_shapes(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


def test_outlet_byline_ignores_copyright_lines() -> None:
    assert f.outlet_byline("湖畔日报 版权所有 不得转载") == []
    assert f.outlet_byline("湖畔日报 林溪") == ["林溪"]


def test_story_label_is_not_a_source() -> None:
    assert f.unlabelled_source("湖畔网特稿 2025-03-08 11:26:40") is None
    assert f.unlabelled_source("湖畔网 2025-03-08 11:26:40") == "湖畔网"
    assert f.is_outlet_name("湖畔晚报") and not f.is_outlet_name("湖畔网特稿") and not f.is_outlet_name("林溪")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("记者调研发现，湖畔县今年以来新增企业三百家", []),  # prose after 记者, not a name
        ("县长在会后記者會上表示，湖畔新城明年动工", []),  # 記者會 is a press conference
        ("记者林溪表示，湖畔县今年新增企业三百家", []),  # a name glued to a verb: not read from prose
        ("湖畔日报讯（记者 林溪）5月20日，湖畔县", ["林溪"]),
        ("本报记者 欧阳晓晨 周青禾 报道", ["欧阳晓晨", "周青禾"]),  # compound surname
        ("記者黃信維／湖畔報導", ["黃信維"]),
        ("作者：春春", ["春春"]),  # a labelled credit keeps its pen name
        ("记者：春春", ["春春"]),
    ],
)
def test_parse_reporters_strict_in_running_text(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


def test_role_word_opens_a_new_editor_credit() -> None:
    assert f.parse_editors("编辑：林溪　流程编辑：U022") == ["林溪"]
    assert f.parse_editors("编辑：林溪 美编：周航") == ["林溪"]
    assert f.parse_editors("责任编辑：HP387") == ["HP387"]  # a code alone is the editor credit
    assert f.parse_editors("编辑：林溪 李青 编辑：周航") == ["林溪", "李青", "周航"]


def test_glued_date_span_ends_the_byline() -> None:
    assert f.parse_reporters(f.space_labels("来源：湖畔日报作者：林溪2024-05-20 06:52")) == ["林溪"]
    assert f.parse_source("来源：湖畔日报作者：林溪2024-05-20 06:52") == "湖畔日报"


def test_counters_and_reprint_notes_are_not_sources() -> None:
    assert f.unlabelled_source("2024-05-20 13:05瀏覽次數--") is None
    assert f.unlabelled_source("2024-05-20 13:05 阅读次数 --") is None
    assert f.parse_source("本文系原创，如若转载，请注明来源：湖畔在线") is None
    assert f.parse_source("来源：湖畔在线") == "湖畔在线"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-08 HKT 17:35", "2025-03-08T17:35:00+08:00"),
        ("2025-03-08 HKT+8 17:35", "2025-03-08T17:35:00+08:00"),
        ("2025年3月8日 北京时间 09:05", "2025-03-08T09:05:00+08:00"),
        ("2025-03-08 CST 09:05:10", "2025-03-08T09:05:10+08:00"),
    ],
)
def test_zone_label_between_date_and_clock(text: str, expected: str) -> None:
    assert f.parse_time(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("（湖畔县融媒体中心 林晓溪 周航）", ["林晓溪", "周航"]),
        ("（湖畔县融媒体中心 综合整理）", []),  # not names by their surname
        ("（湖畔网 北京 上海）", []),
        ("湖畔《晨报》 林溪 香港报道", ["林溪"]),  # publication, name, the city it was filed from
        ("更新于2025年3月8日 06:00 湖畔《晨报》 林溪 香港报道", ["林溪"]),
        ("湖畔《晨报》 林溪 湖畔报道", []),  # the word before 报道 is no known city
    ],
)
def test_outlet_byline_bracketed_and_filed_from(line: str, expected: list[str]) -> None:
    assert f.outlet_byline(line) == expected


# ---------------------------------------------------------------- a label is not a value (issue 10, item 8)

_PROSE = "<p>湖畔县今年春天新修了三座小桥，村民出行方便了许多，孩子们上学也不再绕远路。</p>" * 4


def _page(meta: str, *, title_class: str = "", body_class: str = "content") -> str:
    head = f'<h1 class="{title_class}">湖畔县新修三座小桥方便村民出行</h1>' if title_class else "<h1>湖畔县新修三座小桥方便村民出行</h1>"
    return (
        "<html><head><title>湖畔县新修三座小桥方便村民出行</title></head><body>"
        f'{head}{meta}<div class="{body_class}">{_PROSE}</div></body></html>'
    )


@pytest.mark.parametrize("value", ["来源：", "来源:", "【来源】", " 來源： ", "来源：作者："])
def test_source_value_drops_a_bare_label(value: str) -> None:
    assert f.source_value(value) is None
    assert f.source_value("湖畔日报") == "湖畔日报"


def test_bare_source_label_does_not_take_the_first_sentence() -> None:
    assert f.parse_source("来源：\n湖畔县今年春天新修了三座小桥，村民出行方便了许多") is None
    assert f.parse_source("来源：\n湖畔日报") == "湖畔日报"  # a short value on the next line still counts


@pytest.mark.parametrize(
    "meta",
    [
        "<div class='info'><span>2025-03-08 10:00</span> <span>来源：</span></div>",
        "<div class='info'>2025-03-08 10:00 来源：</div>",
        "<p>来源：</p><p>2025-03-08 10:00</p>",
    ],
)
def test_generic_page_with_an_empty_source_label_gives_null(meta: str) -> None:
    from crawler.extract.article import extract

    result = extract(_page(meta), "http://www.hupan-example.cn/news/2025/0308/1.html")
    assert result.fields.source is None
    assert result.fields.published_at == "2025-03-08T10:00:00+08:00"


def test_profile_source_slot_holding_only_its_label_gives_null() -> None:
    from crawler.extract.article import extract

    meta = '<div class="artInfo"><span id="pubtime_baidu">2025-03-08 10:00:00</span> <span id="source_baidu">来源：</span></div>'
    html = _page(meta, title_class="artTitle", body_class="artCon")
    result = extract(html, "http://news.china.com.cn/2025-03/08/content_12345678.htm")
    assert result.extractor.startswith("chinacomcn/")
    assert result.fields.source is None


# ---------------------------------------------------------------- unseen-page classes (issue 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报记者林溪苏晴发自北京", ["林溪", "苏晴"]),  # names printed run together
        ("记者周航梁雪报道", ["周航", "梁雪"]),
        ("记者梳理发现", []),  # prose after 记者 is not a name
        ("记者指出，今年湖畔县", []),
        ("记者 上海报道", []),
        ("据新华社拉萨电（记者 次仁多吉）记者近日从湖畔县了解到", ["次仁多吉"]),  # bracketed: any name counts
        ("执笔人：林溪 苏晴 周航", ["林溪", "苏晴", "周航"]),
        ("译： Lin Xi", ["Lin Xi"]),
        ("作者： 林嘉 (Jia Lin)", ["林嘉 (Jia Lin)"]),  # kept in the printed dual form
        ("林溪 苏晴／文", ["林溪", "苏晴"]),  # names first, the writer's role after the slash
        ("文·图/林溪", ["林溪"]),
        ("撰稿：林溪", ["林溪"]),
        ("特约撰稿人 林溪", ["林溪"]),
    ],
)
def test_reporters_on_unseen_bylines(text: str, expected: list[str]) -> None:
    assert f.parse_reporters(text) == expected


def test_run_together_names_split_only_when_unambiguous() -> None:
    assert f.split_run_together("林溪苏晴") == ["林溪", "苏晴"]
    assert f.split_run_together("梳理发现") == []
    assert f.split_run_together("王小明李华") == []  # 王小明+李华 or 王小+明李华: a guess either way


def test_bare_name_line() -> None:
    assert f.bare_names("林溪") == ["林溪"]
    assert f.bare_names("林溪 苏晴") == ["林溪", "苏晴"]
    assert f.bare_names("北京") == []
    assert f.bare_names("新华社") == []
    assert f.bare_names("湖畔县今年春天新修了三座小桥") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025-03-08 14:33·新华社", "新华社"),  # an account name in the meta row of a platform page
        ("2025-03-08 04:29:4439健康网", "39健康网"),  # clock glued to a digit-led outlet
        ("AUTO.EXAMPLE.COM 2003年11月12日16:36 湖畔网—湖畔晚报", "湖畔网—湖畔晚报"),
        ("2025-03-08 14:33 3000", None),
    ],
)
def test_unlabelled_source_next_to_the_time(line: str, expected: str | None) -> None:
    assert f.unlabelled_source(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年3月8日週六 上午8:21", "2025-03-08T08:21:00+08:00"),
        ("2025年3月8日週六 下午2:05", "2025-03-08T14:05:00+08:00"),
        ("2025年3月8日 星期六 14:05", "2025-03-08T14:05:00+08:00"),
    ],
)
def test_weekday_and_half_day_between_date_and_clock(text: str, expected: str) -> None:
    assert f.parse_time(text) == expected


def test_outlet_names_include_wire_agencies_and_either_script() -> None:
    assert f.is_outlet_name("法新社")
    assert f.is_outlet_name("湖畔電台-財經")
    assert not f.looks_like_person("法新社")


def _generic(body_html: str, url: str = "http://www.hupan-example.cn/a/1.html", head: str = "") -> object:
    from crawler.extract.article import extract

    html = f"<html><head>{head}</head><body>{body_html}</body></html>"
    return extract(html, url).fields


def test_headline_from_a_non_h1_heading_when_the_page_has_no_title() -> None:
    fields = _generic(
        "<div class='nav'>首页 组织机构 工作动态</div><div class='Heading'>湖畔县儿童心理调查报告</div>"
        f"<div class='Date'>2025-03-08 16:17:00</div><div>{_PROSE}</div>"
    )
    assert fields.headline == "湖畔县儿童心理调查报告"
    assert fields.published_at == "2025-03-08T16:17:00+08:00"


def test_blog_post_title_nearest_the_body_wins_over_the_blog_name() -> None:
    fields = _generic(
        "<h1 class='title'>湖畔人的博客</h1><div><a href='/'>回首页</a></div>"
        f"<div class='post'><h2 class='diaryTitle'>湖畔县为何频繁拆桥？- -</h2><p>2003-7-24 湖畔晚报</p>{_PROSE}</div>"
    )
    assert fields.headline == "湖畔县为何频繁拆桥？"
    assert fields.source == "湖畔晚报"
    assert fields.published_at == "2003-07-24"


def test_time_from_the_url_when_the_page_prints_none() -> None:
    fields = _generic(f"<h2>湖畔县新修三座小桥</h2><div>{_PROSE}</div>", url="http://epaper.hupan-example.cn/hprb/202502/13/content_1.html")
    assert fields.published_at == "2025-02-13"


def test_fuller_time_below_the_text_for_the_same_day() -> None:
    fields = _generic(
        "<h1>湖畔县新修三座小桥方便村民出行</h1><div class='info'>2015-11-05 阅读：8169</div>"
        f"<div class='content'>{_PROSE}</div><div class='tags'>标签： 湖畔 发布于：2015-11-05 11:34 编辑：林溪</div>",
        head="<title>湖畔县新修三座小桥方便村民出行</title>",
    )
    assert fields.published_at == "2015-11-05T11:34:00+08:00"


def test_time_only_in_a_script() -> None:
    head = '<title>湖畔县新修三座小桥方便村民出行</title><script>var publishTime = "2025-03-08 10:15:00";</script>'
    fields = _generic(f"<h1>湖畔县新修三座小桥方便村民出行</h1><div>{_PROSE}</div>", head=head)
    assert fields.published_at == "2025-03-08T10:15:00+08:00"


def test_closing_source_line_gives_the_source() -> None:
    fields = _generic(
        f"<h1>湖畔县新修三座小桥方便村民出行</h1><div class='info'>2025-03-08 10:15</div><div>{_PROSE}"
        "<p>湖畔县交通局</p><p>2025年3月7日（来源：湖畔日报）</p></div>",
        head="<title>湖畔县新修三座小桥方便村民出行</title>",
    )
    assert fields.source == "湖畔日报"


def test_platform_account_beside_a_follow_button_is_no_reporter() -> None:
    fields = _generic(
        "<h1>湖畔县新修三座小桥方便村民出行</h1><div class='author-info'><div><a class='author-info__name' "
        "href='/u/1'>林不饿</a><div>关注</div></div><div><time>2025-03-08 23:23</time></div></div>"
        f"<div class='content'>{_PROSE}</div>",
        head="<title>湖畔县新修三座小桥方便村民出行</title>",
    )
    assert fields.reporters == []
    assert fields.published_at == "2025-03-08T23:23:00+08:00"


def test_outlet_account_under_the_heading_is_the_source_not_the_audio_button() -> None:
    fields = _generic(
        "<h1>湖畔县新修三座小桥方便村民出行</h1><div class='audio-btn'>播报文章</div>"
        "<div class='author-info__name'>湖畔新闻网</div><div class='author-info__desc'>2025-03-08 13:09</div>"
        f"<div class='content'>{_PROSE}</div>",
        head="<title>湖畔县新修三座小桥方便村民出行</title>",
    )
    assert fields.source == "湖畔新闻网"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025-03-08 10:30 金融市场 湖镜", "湖镜"),  # the channel before the source
        ("国际 湖畔社 2025-03-08 10:30", "湖畔社"),
        ("2025-03-08 10:30 国际", None),  # a channel alone is no publisher
    ],
)
def test_channel_before_the_source_is_skipped(line: str, expected: str | None) -> None:
    assert f.unlabelled_source(line) == expected


def test_spaced_credit_keeps_a_long_name() -> None:
    assert f.parse_reporters("□本报记者 巴特尔其格 通讯员 林溪") == ["巴特尔其格", "林溪"]
    assert f.parse_reporters("记者 调查发现，今年") == []


def test_page_wrapped_in_one_form_is_read_and_a_linked_post_title_is_the_headline() -> None:
    fields = _generic(
        "<form id='Form1' method='post'><div id='side'><h1>导航</h1><ul><li><a href='/'>首页</a></li></ul>"
        "<h1>统计</h1><ul><li>文章 - 178</li></ul></div><div class='post'><div class='postTitle'>"
        "<a href='http://blog.hupan-example.cn/lin/archive/2005/09/07/1.aspx'>湖畔县的小桥为何这样修？</a></div>"
        f"<div class='postText'>{_PROSE}</div><div class='postFoot'>[<a href='#'>收藏本文</a>] 发表于2005年09月07日 11:57 AM</div>"
        "</div></form>",
        url="http://blog.hupan-example.cn/lin/archive/2005/09/07/1.aspx",
    )
    assert fields.headline == "湖畔县的小桥为何这样修？"
    assert fields.published_at == "2005-09-07T11:57:00+08:00"


def test_month_day_takes_its_year_from_the_url() -> None:
    fields = _generic(
        f"<h1>湖畔县新修三座小桥方便村民出行</h1><div class='info'>05-20 08:06 湖畔日报</div><div>{_PROSE}</div>",
        url="http://www.hupan-example.cn/news/2023/0520/1.html",
        head="<title>湖畔县新修三座小桥方便村民出行</title>",
    )
    assert fields.published_at == "2023-05-20T08:06:00+08:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("稿源：湖畔日报", "湖畔日报"),
        ("【稿源：湖畔网】", "湖畔网"),
        ("出处：湖畔日报", "湖畔日报"),
        ("本文转自湖畔日报", "湖畔日报"),
        ("来源 | 湖畔日报", "湖畔日报"),
        ("来源/湖畔日报", "湖畔日报"),  # not `/湖畔日报`
        ("来源：| 2025-03-08", None),
    ],
)
def test_other_words_and_separators_for_the_source_slot(text: str, expected: str | None) -> None:
    assert f.parse_source(text) == expected


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta name="firstpublishedtime" content="2025-03-08 10:15:00">', "2025-03-08T10:15:00+08:00"),
        ('<meta name="weibo: article:create_at" content="2025-03-08 10:15:00">', "2025-03-08T10:15:00+08:00"),
        ('<meta name="date" content="2025-03-08">', "2025-03-08"),
    ],
)
def test_time_only_in_a_meta_tag(meta: str, expected: str) -> None:
    head = f"<title>湖畔县新修三座小桥方便村民出行</title>{meta}"
    fields = _generic(f"<h1>湖畔县新修三座小桥方便村民出行</h1><div>{_PROSE}</div>", head=head)
    assert fields.published_at == expected


def test_page_with_no_heading_and_no_title_still_gives_a_record() -> None:
    from crawler.extract.article import extract

    long_para = "<p>湖畔县今年春天新修了三座小桥，村民出行方便了许多，孩子们上学也不再绕远路，老人赶集也更加方便了。</p>"
    result = extract(f"<html><body><div>{long_para * 5}</div></body></html>", "http://www.hupan-example.cn/a/2.html")
    assert result.is_article
    assert result.fields.headline == "湖畔县今年春天新修了三座小桥"


def test_binary_junk_decoded_as_text_gives_no_record() -> None:
    from crawler.extract.article import extract

    result = extract(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 50, "http://www.hupan-example.cn/a/3.html")
    assert not result.is_article


def test_relative_time_yields_to_an_exact_stamp() -> None:
    head = (
        "<title>湖畔县新修三座小桥方便村民出行</title><script type='application/ld+json'>"
        '{"@type":"NewsArticle","datePublished":"2025-03-06T14:22:00+08:00"}</script>'
    )
    body = f"<h1>湖畔县新修三座小桥方便村民出行</h1><div class='info'><a href='/s/1'>湖畔晨报</a><span>2天前</span></div><div>{_PROSE}</div>"
    assert _generic(body, head=head).published_at == "2025-03-06T14:22:00+08:00"
    # with no stamp the relative print is all there is
    assert _generic(body, head="<title>湖畔县新修三座小桥方便村民出行</title>").published_at is not None
    assert f.relative_time("2天前 12评论") and f.relative_time("昨天 15:30")
    assert not f.relative_time("2025-03-06 14:22 3天前更新")


def test_month_day_takes_its_year_from_a_year_month_url() -> None:
    fields = _generic(
        f"<h1>湖畔县新修三座小桥方便村民出行</h1><div class='info'><span>05-20 10:36</span> 来源：湖畔日报</div><div>{_PROSE}</div>",
        url="http://fund.hupan-example.cn/2023/05/20103640123456.shtml",
        head="<title>湖畔县新修三座小桥方便村民出行</title>",
    )
    assert fields.published_at == "2023-05-20T10:36:00+08:00"


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        ("本文来自 湖畔晨报，未经授权请勿转载。", "湖畔晨报"),
        ("本文来自湖畔平台作者，不代表平台立场。", None),  # a platform's writer is no outlet
        ("本文来自林溪的博客。", None),
    ],
)
def test_reprint_notice_names_the_outlet(notice: str, expected: str | None) -> None:
    fields = _generic(
        f"<h1>湖畔县新修三座小桥方便村民出行</h1><div class='info'>2025-03-08 10:15</div>"
        f"<div class='content'>{_PROSE}</div><div class='tips'>{notice}</div>",
        head="<title>湖畔县新修三座小桥方便村民出行</title>",
    )
    assert fields.source == expected


def test_blog_post_is_written_by_the_blog_owner() -> None:
    body = f"<h1>评审基金申请书的几点感受</h1><p>已有 1523 次阅读 2012-3-8 09:47</p><div class='content'>{_PROSE}</div>"
    assert _generic(body, head="<title>湖畔网—评审基金申请书的几点感受 - 林溪的博文</title>").reporters == ["林溪"]
    assert _generic(body, head="<title>评审基金申请书的几点感受 - 湖畔日报</title>").reporters == []


def test_font_size_switches_after_a_byline_are_no_name() -> None:
    assert f.parse_reporters("2009-07-14 08:33:27　来源：湖畔日报　作者：林溪　大 中 小　我要评论") == ["林溪"]
