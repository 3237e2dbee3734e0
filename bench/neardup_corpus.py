"""Synthetic Chinese news records for the near-duplicate test and benchmark (all text invented here).

Stories are built from per-topic word lists and a few stock sentences every story on a topic may repeat, so two
different stories on one topic share vocabulary and whole boilerplate sentences. A planted near-duplicate is a copy
of a story lightly edited the way portals re-run wire copy: new headline, a source/editor line, a dropped or split
paragraph, a few characters changed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

GENERAL = (
    "近日", "记者", "了解到", "目前", "进一步", "推动", "工作", "发展", "相关部门", "有关负责人", "表示", "今年以来",
    "全面", "加快", "建设", "提升", "服务", "群众", "地方", "重点", "任务", "措施", "持续", "落实", "据介绍", "同时",
    "此外", "已经", "完成", "开展", "积极", "稳步", "取得", "明显成效", "下一步", "将", "继续", "不断", "完善",
    "机制", "保障", "基层", "实际", "需求", "多方", "合力", "形成", "良好", "氛围", "其中", "同比增长", "百分点",
)

TOPICS: dict[str, tuple[str, ...]] = {
    "农业": ("春耕", "备耕", "种子", "化肥", "农机", "合作社", "粮食产量", "高标准农田", "灌溉", "农户", "小麦",
             "水稻", "播种面积", "病虫害", "收购价格", "种植大户", "田间管理", "农技人员", "丰收", "仓储"),
    "交通": ("高铁", "客流", "列车", "站台", "旅客", "运输", "公路", "桥梁", "通车", "隧道", "车站", "航班",
             "机场", "出行", "票务", "线路", "换乘", "地铁", "拥堵", "货运"),
    "教育": ("学校", "学生", "教师", "课程", "课堂", "招生", "考试", "校园", "家长", "课后服务", "教材",
             "职业教育", "高校", "毕业生", "实验室", "阅读", "体育课", "培训", "学位", "奖学金"),
    "医疗": ("医院", "患者", "医生", "门诊", "挂号", "医保", "药品", "床位", "社区卫生", "体检", "护理",
             "急诊", "远程诊疗", "慢性病", "疫苗", "报销", "专家号", "康复", "健康档案", "家庭医生"),
    "科技": ("芯片", "算法", "数据中心", "实验", "研发", "专利", "卫星", "发射", "科研团队", "人工智能",
             "传感器", "新材料", "算力", "平台", "软件", "测试", "成果转化", "工程师", "装置", "样机"),
    "环境": ("空气质量", "河道", "治理", "污水", "垃圾分类", "植树", "湿地", "生态", "排放", "监测",
             "水质", "绿化", "保护区", "候鸟", "节能", "降碳", "巡河", "森林", "回收", "修复"),
}

STOCK = {
    topic: tuple(f"{words[i]}与{words[i + 1]}工作有关负责人表示，将以更实举措推动{words[i + 2]}各项任务落地见效。"
                 for i in range(0, 15, 3))
    for topic, words in TOPICS.items()
}
PLACES = ("东城", "西岭", "南湖", "北川", "青石", "白沙", "红桥", "金山", "云台", "松江")
NAMES = ("王明", "李华", "张丽", "刘洋", "陈静", "杨帆", "赵磊", "周婷", "吴刚", "孙悦")
SOURCES = ("新华社", "人民网", "光明网", "央视网", "中国新闻网")


@dataclass
class Story:
    topic: str
    headline: str
    paragraphs: list[str]


def _sentence(rng: random.Random, topic: str) -> str:
    words = rng.choices(TOPICS[topic], k=rng.randint(4, 7)) + rng.choices(GENERAL, k=rng.randint(5, 9))
    rng.shuffle(words)
    return "".join(words) + "。"


def story(rng: random.Random, topic: str, paragraphs: int = 6) -> Story:
    place = rng.choice(PLACES)
    paras = []
    for _ in range(paragraphs):
        sentences = [_sentence(rng, topic) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.4:
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(STOCK[topic]))
        paras.append("".join(sentences))
    paras[0] = f"{place}讯 " + paras[0]
    headline = f"{place}{rng.choice(TOPICS[topic])}{rng.choice(GENERAL)}{rng.choice(TOPICS[topic])}"
    return Story(topic, headline, paras)


def edit(rng: random.Random, original: Story) -> Story:
    """A light re-run of the same story: the kind of change a portal makes to wire copy."""
    paras = list(original.paragraphs)
    if len(paras) > 3 and rng.random() < 0.5:
        paras.pop()  # trimmed ending
    if rng.random() < 0.5:
        i = rng.randrange(len(paras))
        cut = len(paras[i]) // 2
        paras[i:i + 1] = [paras[i][:cut], paras[i][cut:]]  # paragraph split differently
    for _ in range(rng.randint(1, 4)):  # a few characters changed
        i = rng.randrange(len(paras))
        text = paras[i]
        j = rng.randrange(len(text))
        paras[i] = text[:j] + rng.choice("的了在和是") + text[j + 1:]
    paras.insert(0, f"来源：{rng.choice(SOURCES)}")
    paras.append(f"（责任编辑：{rng.choice(NAMES)}）")
    return Story(original.topic, "转载：" + original.headline, paras)


def record(key: str, s: Story, site: str = "example.cn") -> dict:
    return {
        "id": f"{site}:{key}", "url": f"https://www.{site}/a/{key}.html", "site": site, "section": [s.topic],
        "headline": s.headline, "source": None, "published_at": None, "editor": [], "reporters": [],
        "body": "\n".join(s.paragraphs), "pages": 1, "lang": "zh", "crawled_at": "2026-01-01T00:00:00Z",
        "extractor": "generic", "revision": 1, "updated": False,
    }


def planted_corpus(seed: int = 7, stories_per_topic: int = 20, copies: int = 2
                   ) -> tuple[list[dict], set[frozenset[str]]]:
    """Records with known near-duplicate pairs: every story gets `copies` edited re-runs on other sites.

    Returns the records (originals first, then the copies, shuffled) and the set of true pairs (ids); any two
    records from different stories, including stories on the same topic, are a true non-pair.
    """
    rng = random.Random(seed)
    originals: list[tuple[str, Story]] = []
    for topic in TOPICS:
        for n in range(stories_per_topic):
            originals.append((f"{topic}-{n}", story(rng, topic)))
    records = [record(key, s) for key, s in originals]
    copied: list[dict] = []
    pairs: set[frozenset[str]] = set()
    for key, s in originals:
        cluster = [f"example.cn:{key}"]
        for c in range(copies):
            rec = record(f"{key}-copy{c}", edit(rng, s), site=f"portal{c}.cn")
            copied.append(rec)
            cluster.append(rec["id"])
        pairs.update(frozenset((a, b)) for i, a in enumerate(cluster) for b in cluster[i + 1:])
    rng.shuffle(copied)
    return records + copied, pairs


def bulk_records(n: int, seed: int = 11, dup_rate: float = 0.15) -> list[dict]:
    """n records, about dup_rate of them edited copies of earlier ones (for timing, not accuracy)."""
    rng = random.Random(seed)
    topics = list(TOPICS)
    out: list[dict] = []
    stories: list[Story] = []
    for i in range(n):
        if stories and rng.random() < dup_rate:
            s = edit(rng, rng.choice(stories))
        else:
            s = story(rng, rng.choice(topics), paragraphs=rng.randint(7, 15))
            stories.append(s)
        out.append(record(str(i), s))
    return out
