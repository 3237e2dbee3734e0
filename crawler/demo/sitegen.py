"""Build a gmw-shaped site of any size: paginated channel listings and the articles they list.

`build_site(articles=12, per_page=5)` returns a `Site`: the pages (keyed "host/path", served
by `crawler.demo.server`), the channel start URL and the records a correct crawl must produce.
The text is invented from the phrase pools below. Every site contains the cases a crawler must
get right: a 3-page article, a 2-page article listed by its second page, a 2017-layout page, a
gallery (not an article), a listed link that 404s, a link robots.txt forbids, and articles
linked only from the nav bar and the 推荐 sidebars (never to be crawled).

    python -m crawler.demo.sitegen --articles 2000 --per-page 20 --out /tmp/site
"""

from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from crawler.demo import templates as t

HOST = "news.gmw.cn"
NODE = "node_90001"
CHANNEL, COLUMN = "新闻频道", "国内"
ROBOTS = "User-agent: *\nDisallow: /2023-12/31/\n"
BLOCKED_DAY = (2023, 12, 31)  # the folder robots.txt forbids: only the one blocked test link lives there

_PLACES = ("江州", "青石镇", "临川县", "云岭", "南溪", "北湖区", "西塘", "东岗", "梧桐街道", "柳河", "白沙湾", "石门")
_SUBJECTS = (
    "社区图书馆", "老旧小区改造", "农村公路", "智慧菜场", "夜间公交线路", "小微企业服务站", "湿地公园",
    "职业技能培训", "冷链物流中心", "乡村卫生室", "青年创业园", "河道清淤工程", "口袋公园", "托育服务中心",
)
_HEADLINES = (
    "{p}{s}建设跑出“加速度”", "{p}：{s}让群众生活更便利", "走进{p}的{s}", "{s}见闻：{p}的新变化",
    "{p}推进{s}提质增效", "{p}的{s}为何受欢迎", "一座{s}带动{p}焕新",
)
_SENTENCES = (
    "{p}今年把{s}列为重点民生项目，计划年内完成{n}处点位的建设。",
    "现场看到，{s}的施工围挡已经拆除，不少居民专程赶来参观。",
    "据当地有关负责人介绍，{s}建成后将覆盖周边{n}个村（社区），惠及群众约{k}万人。",
    "“过去办一件事要跑好几趟，现在在家门口就能解决。”一位在{p}生活了二十多年的居民说。",
    "为保障项目顺利推进，{p}成立了专门工作组，每周召开一次调度会。",
    "截至{m}月底，{s}累计接待群众{big}人次，收到意见建议{n}条。",
    "专家认为，{s}的经验在于把群众需求放在首位，边建设边听取意见。",
    "下一步，{p}将总结试点做法，逐步在全域推广{s}模式。",
    "项目负责人表示，团队在设计阶段就邀请居民代表参与讨论，先后修改方案{n}次。",
    "与此同时，{p}还配套出台了管理办法，明确了日常维护的责任主体。",
    "不少商户反映，{s}投用以来，周边客流明显增加，营业额比去年同期有所提升。",
    "在资金保障方面，{p}采取财政补助与社会资本相结合的方式，共投入资金{n}亿元。",
    "业内人士指出，这类项目能否长期发挥作用，关键在于后续运营是否可持续。",
    "对此，{p}探索引入专业团队负责运营，并定期向社会公开运行情况。",
    "一些年轻人也被吸引回到{p}，他们有的开起了网店，有的做起了研学导师。",
    "从早上七点到晚上九点，{s}里始终有人忙碌，成了附近最热闹的地方。",
    "{p}相关部门表示，将持续跟踪群众反馈，及时解决使用中出现的新问题。",
    "数据显示，今年前{m}个月，{p}涉及{s}的投诉量同比下降了{pct}%。",
)
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许傅沈彭吕苏卢蒋蔡魏薛叶潘杜戴夏钟汪田姜范方石姚谭廖邹熊陆郝孔崔康毛邱秦江顾侯邵孟龙段钱汤尹易常武乔贺龚"
_GIVEN = (
    "晓明", "雨桐", "子涵", "建国", "海燕", "志强", "丽华", "文博", "思远", "佳怡", "俊杰", "欣然", "宏伟",
    "婉清", "立新", "春雨", "一鸣", "秀英", "国栋", "梦琪", "瑾", "涛", "磊", "敏", "洁", "嘉禾", "朝阳",
)


@dataclass
class ArticleSpec:
    """One article of the generated site and the truth about it."""

    article_id: int
    when: datetime
    layout: str  # "2024" or "2017"
    headline: str
    source: str
    pages: list[list[str]]  # paragraphs, page by page
    editors: list[str]
    reporters: list[str]
    author: str = ""  # 2017 layout: printed in the 作者 span
    credit: str = ""  # a credit line printed after the text: not body, but its names are reporters
    gallery: bool = False  # pictures only: not an article
    host: str = HOST

    def path(self, page: int = 1) -> str:
        suffix = f"_{page}" if page > 1 else ""
        return f"{self.when:%Y-%m/%d}/content_{self.article_id}{suffix}.htm"

    def url(self, page: int = 1) -> str:
        return f"http://{self.host}/{self.path(page)}"

    def link(self, page: int = 1) -> t.Link:
        return t.Link(f"http://{self.host}/{self.path(page)}", self.headline, f"{self.when:%Y-%m-%d}")

    def render(self, page: int, sidebar: list[t.Link]) -> str:
        count = len(self.pages)
        pager: list[t.Link] = []
        if count > 1:
            pager = [t.Link("" if n == page else self.path(n).rsplit("/", 1)[1], str(n)) for n in range(1, count + 1)]
            if page < count:
                pager.append(t.Link(self.path(page + 1).rsplit("/", 1)[1], "下一页"))
        spec = t.ArticlePage(
            layout=self.layout, article_id=self.article_id, headline=self.headline, source=self.source,
            time=f"{self.when:%Y-%m-%d %H:%M}", channel=CHANNEL, node=COLUMN, node_href=f"../../{NODE}.htm",
            paragraphs=self.pages[page - 1] + ([self.credit] if self.credit and page == len(self.pages) else []),
            editors=self.editors, author=self.author, pager=pager,
            sidebar=sidebar, images=["pic01.jpg", "pic02.jpg"] if self.gallery else [],
        )
        return t.article_2017(spec) if self.layout == "2017" else t.article_2024(spec)

    def expected(self) -> dict:
        """The record fields a correct crawl writes for this article."""
        return {
            "id": f"gmw.cn:{self.article_id}",
            "url": self.url(),
            "site": "gmw.cn",
            "section": [CHANNEL, COLUMN],
            "headline": self.headline,
            "source": self.source,
            "published_at": self.when.strftime("%Y-%m-%dT%H:%M:00+08:00"),
            "editor": self.editors,
            "reporters": self.reporters,
            "body": "\n".join(p for page in self.pages for p in page),
            "pages": len(self.pages),
            "lang": "zh",
            "extractor": f"gmw/{self.layout}",
        }


@dataclass
class Site:
    pages: dict[str, bytes] = field(default_factory=dict)  # "host/path" -> body
    start_urls: list[str] = field(default_factory=list)
    articles: list[ArticleSpec] = field(default_factory=list)  # a crawl must write exactly these
    decoys: list[ArticleSpec] = field(default_factory=list)  # linked from nav/sidebars only
    gallery_urls: list[str] = field(default_factory=list)
    missing_urls: list[str] = field(default_factory=list)  # listed, answer 404
    blocked_urls: list[str] = field(default_factory=list)  # listed, forbidden by robots.txt
    listing_urls: list[str] = field(default_factory=list)

    def expected_records(self) -> list[dict]:
        return [a.expected() for a in self.articles]

    def write(self, root: Path) -> None:
        """Save the pages as root/<host>/<path>, plus expected.jsonl (one expected record a line)."""
        for key, body in self.pages.items():
            path = root / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        lines = [json.dumps(r, ensure_ascii=False) for r in self.expected_records()]
        (root / "expected.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


class _Writer:
    """Invented text from the phrase pools, deterministic for a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def name(self) -> str:
        return self.rng.choice(_SURNAMES) + self.rng.choice(_GIVEN)

    def names(self, count: int) -> list[str]:
        out: list[str] = []
        while len(out) < count:
            name = self.name()
            if name not in out:
                out.append(name)
        return out

    def sentence(self, place: str, subject: str) -> str:
        r = self.rng
        return r.choice(_SENTENCES).format(
            p=place, s=subject, n=r.randint(3, 60), k=r.randint(2, 30), m=r.randint(2, 11),
            big=r.randint(1200, 98000), pct=r.randint(5, 40),
        )

    def paragraphs(self, place: str, subject: str, count: int) -> list[str]:
        return ["".join(self.sentence(place, subject) for _ in range(self.rng.randint(2, 3))) for _ in range(count)]


def _article(w: _Writer, article_id: int, when: datetime, layout: str, page_count: int, style: int) -> ArticleSpec:
    place, subject = w.rng.choice(_PLACES), w.rng.choice(_SUBJECTS)
    headline = w.rng.choice(_HEADLINES).format(p=place, s=subject)
    pages = [w.paragraphs(place, subject, w.rng.randint(3, 5)) for _ in range(page_count)]
    editors = w.names(1 if style % 2 else 2)
    spec = ArticleSpec(article_id, when, layout, headline, "光明网", pages, editors, [])
    if layout == "2017":
        spec.reporters = w.names(1)
        spec.author = f"作者：{spec.reporters[0]}"
    elif style == 0:  # wire dateline opens the text
        spec.source, spec.reporters = "新华社", w.names(2)
        dateline = f"新华社{place}{when.month}月{when.day}日电（记者 {'、'.join(spec.reporters)}）"
        pages[0][0] = dateline + pages[0][0]
    elif style == 1:  # credit line closes the text
        spec.source, spec.reporters = "光明日报", w.names(2)
        spec.credit = f"（光明日报全媒体记者{' '.join(spec.reporters)}）"
    elif style == 2:  # author's name in brackets ends the last paragraph
        spec.reporters = w.names(1)
        pages[-1][-1] += f"（{spec.reporters[0]}）"
    else:
        spec.source = "光明网-《光明日报》"
    return spec


def build_site(articles: int = 12, per_page: int = 5, seed: int = 7) -> Site:
    """A channel (`news.gmw.cn/node_90001.htm`) listing `articles` articles, `per_page` a page."""
    w = _Writer(seed)
    site = Site()
    start = datetime(2024, 5, 31, 21, 40)
    for i in range(articles):
        when = start - timedelta(minutes=47 * i)
        if (when.year, when.month, when.day) == BLOCKED_DAY:  # big sites reach that day: listed articles move
            when -= timedelta(days=1)
        layout, page_count = "2024", 1
        if i == 2 or (i > 12 and i % 10 == 2):
            # 2017 has no 29 February: that day's articles move to the 28th.
            layout, when = "2017", when.replace(year=2017, day=min(when.day, 28) if when.month == 2 else when.day)
        if i == 0 or (i > 12 and i % 25 == 0):
            page_count = 3
        elif i == 1 or (i > 12 and i % 25 == 1):
            page_count = 2
        site.articles.append(_article(w, 100001 + i, when, layout, page_count, i % 4))

    gallery = _article(w, 180001, start - timedelta(days=3), "2024", 1, 3)
    gallery.gallery, gallery.pages = True, [["图为新建成的步道。"]]
    blocked = _article(w, 160001, datetime(2023, 12, 31, 9, 30), "2024", 1, 3)
    missing_url = f"http://{HOST}/2024-05/20/content_170001.htm"
    site.decoys = [_article(w, 190001 + i, start - timedelta(hours=5 * i), "2024", 1, 3) for i in range(4)]
    site.gallery_urls, site.blocked_urls, site.missing_urls = [gallery.url()], [blocked.url()], [missing_url]

    # The main list: articles in order (article 1 by its page-2 URL), then the three odd entries.
    entries = [a.link(2 if i == 1 else 1) for i, a in enumerate(site.articles)]
    entries += [gallery.link(), t.Link(missing_url, "该页面已经不存在", "2024-05-20"), blocked.link()]
    decoy_links = [d.link() for d in site.decoys]
    page_count = max(1, math.ceil(len(entries) / per_page))
    names = [f"{NODE}.htm"] + [f"{NODE}_{n}.htm" for n in range(2, page_count + 1)]
    for n in range(page_count):
        pager = [t.Link("" if k == n else names[k], str(k + 1)) for k in range(page_count)]
        if n + 1 < page_count:
            pager.append(t.Link(names[n + 1], "下一页"))
        page = t.ListingPage(
            COLUMN, CHANNEL, [_relative(x) for x in entries[n * per_page:(n + 1) * per_page]], pager,
            nav_articles=decoy_links[:1], sidebar=decoy_links[1:],
        )
        site.pages[f"{HOST}/{names[n]}"] = t.listing(page).encode("utf-8")
        site.listing_urls.append(f"http://{HOST}/{names[n]}")
    site.start_urls = site.listing_urls[:1]

    for spec in [*site.articles, *site.decoys, gallery, blocked]:
        for page in range(1, len(spec.pages) + 1):
            site.pages[f"{spec.host}/{spec.path(page)}"] = spec.render(page, decoy_links).encode("utf-8")
    site.pages[f"{HOST}/robots.txt"] = ROBOTS.encode("ascii")
    return site


def _relative(link: t.Link) -> t.Link:
    """Listings link their own host's articles relatively, as gmw does."""
    prefix = f"http://{HOST}/"
    href = link.href[len(prefix):] if link.href.startswith(prefix) else link.href
    return t.Link(href, link.text, link.date)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.demo.sitegen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--per-page", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    site = build_site(args.articles, args.per_page, args.seed)
    site.write(args.out)
    print(f"{len(site.pages)} files, {len(site.articles)} articles, start URL {site.start_urls[0]} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
