"""`python -m crawler.corpus report`: the summary numbers, a self-contained page, and a real headless browser render.

The browser test needs Debian's `chromium` package (apt-get install chromium; fonts-wqy-microhei for readable
Chinese labels) and is skipped with that reason when the binary is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from crawler.corpus.__main__ import main
from crawler.corpus.report import timeline
from crawler.corpus.summary import summarise

CHARTS = ("chart-per-day", "chart-per-site", "chart-per-section", "chart-fill-rates", "chart-body-length",
          "chart-top-sources", "chart-dup-clusters")
BAR_RGB = (0x4C, 0x78, 0xA8)
WIRE = ("新华社北京5月2日电 国家有关部门今天发布春季农业生产情况通报，全国春播粮食面积已过六成，"
        "各地农机作业进度快于往年，墒情总体适宜，病虫害发生程度偏轻，夏粮丰收基础较好。")
LOCAL = ("城南菜市场完成改造，新增摊位一百余个，早市开门时间提前半小时。",
         "区图书馆夜间开放试点启动，周末读者人数比平日多出一倍以上。",
         "今年首场招聘会在体育中心举行，八十多家企业带来两千个岗位。",
         "老旧小区加装电梯工作推进顺利，已有十二部电梯投入使用。",
         "一场春雨缓解了旱情，郊区果农忙着给桃树疏花保果。",
         "市民徒步大会吸引三千人参加，沿途设置了十个补给点。")


def article(n: int, site: str, day: str | None, body: str, **extra) -> dict:
    return {
        "id": f"{site}:{n}", "url": f"https://www.{site}/a/{n}.html", "site": site, "section": ["财经"] if n % 2 else [],
        "headline": f"标题{n}", "source": "新华社" if n % 3 == 0 else None,
        "published_at": f"{day}T08:00:00+08:00" if day else None, "editor": ["王明"] if n % 2 else [],
        "reporters": [], "body": body, "pages": 1, "lang": "zh", "crawled_at": "2024-05-03T00:00:00Z",
        "extractor": "generic", "revision": 1, "updated": False, **extra,
    }


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    a = [article(n, "a.cn", f"2024-05-0{1 + n % 3}", (text + "本报记者将继续关注后续进展。") * 2)
         for n, text in enumerate(LOCAL, 1)]
    a.append(article(7, "a.cn", "2024-05-02", WIRE))
    b = [article(8, "b.cn", "2024-05-02", "来源：新华社\n" + WIRE),
         article(9, "b.cn", None, "乙站自己采写的一篇完全不同的稿件，讲的是城市公园改造工程的进展情况。" * 2)]
    paths = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for path, records in zip(paths, (a, b), strict=True):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "not json\n",
                        encoding="utf-8")
    return paths


@pytest.fixture
def report(corpus: list[Path], tmp_path: Path) -> Path:
    out = tmp_path / "out" / "report.html"
    assert main(["report", *map(str, corpus), "--out", str(out)]) == 0
    return out


def test_summary_counts(report: Path, corpus: list[Path]) -> None:
    summary = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert summary["inputs"] == [str(p) for p in corpus]
    assert summary["records"] == 9
    assert summary["read"] == {"lines": 11, "records": 9, "bad_json": 2, "invalid": 0}
    assert summary["per_site"] == {"a.cn": 7, "b.cn": 2}
    assert summary["date_range"] == ["2024-05-01", "2024-05-03"] and summary["no_date"] == 1
    assert sum(summary["per_day"].values()) == 8
    assert summary["fill_rates"]["b.cn"]["published_at"] == 0.5
    assert summary["fill_rates"]["a.cn"]["body"] == 1.0
    assert summary["top_sources"] == {"新华社": 3}
    dup = summary["duplicates"]
    assert (dup["clusters"], dup["copies"]) == (1, 1)
    assert dup["largest"][0]["first"]["id"] == "a.cn:7"
    assert [m["id"] for m in dup["largest"][0]["copies"]] == ["b.cn:8"]


def test_existing_annotations_are_used_as_given() -> None:
    records = [article(1, "a.cn", None, "正文" * 30, dup_of=None, similarity=None),
               article(2, "b.cn", None, "完全不同" * 30, dup_of="a.cn:1", similarity=0.8)]
    assert summarise(records)["duplicates"]["copies"] == 1


def test_long_spans_are_charted_per_month() -> None:
    unit, items = timeline({"2023-11-30": 2, "2024-04-01": 1})
    assert unit == "month"
    assert items == [("2023-11", 2), ("2023-12", 0), ("2024-01", 0), ("2024-02", 0), ("2024-03", 0), ("2024-04", 1)]
    unit, items = timeline({"2024-05-01": 1, "2024-05-03": 4})
    assert unit == "day" and items == [("2024-05-01", 1), ("2024-05-02", 0), ("2024-05-03", 4)]


def test_page_is_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"""(?:src|href)\s*=|url\(|@import""", html)
    for chart in CHARTS:
        assert f'<svg id="{chart}"' in html
    assert "a.cn:7" in html and "b.cn ×1" in html


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB/RGBA PNG into rows of raw pixel bytes (enough for a screenshot)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0
    bpp = 4 if color == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


def test_report_renders_in_headless_chromium(report: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium not installed (Debian package: chromium)")
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=820,2400"]
    shot = tmp_path / "shot.png"
    subprocess.run([*flags, f"--screenshot={shot}", report.as_uri()], capture_output=True, timeout=120,
                   check=True)
    dom = subprocess.run([*flags, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    for chart in CHARTS:  # every chart parsed as SVG, with marks drawn
        svg = re.search(rf'<svg id="{chart}".*?</svg>', dom, re.S)
        assert svg and "<rect" in svg.group(0), chart
    width, bpp, rows = _png_pixels(shot.read_bytes())
    assert width == 820 and len(rows) == 2400
    bar = bytes(BAR_RGB)
    bar_pixels = sum(row[i:i + 3] == bar for row in rows for i in range(0, len(row), bpp))
    assert bar_pixels > 5000  # the bars are painted, not just present in the markup
