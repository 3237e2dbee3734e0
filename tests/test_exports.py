"""`python -m crawler.corpus validate|csv|parquet`: per-line schema errors, tabular conversions, bad lines counted."""

from __future__ import annotations

import csv
import gzip
import json
import logging
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from crawler.corpus import SCHEMA_PATH, load_schema
from crawler.corpus.__main__ import main

REPO = Path(__file__).resolve().parent.parent


def article(n: int, **changes) -> dict:
    record = {
        "id": f"example.cn:{n}", "url": f"https://www.example.cn/a/{n}.html", "site": "example.cn",
        "section": ["国内", "要闻"], "headline": f"示例标题{n}", "source": "示例日报", "published_at": "2024-05-01T08:00:00+08:00",
        "editor": ["王明"], "reporters": ["李华", "张丽"], "body": "第一段正文。\n第二段正文。", "pages": 1, "lang": "zh",
        "crawled_at": "2024-05-01T01:00:00Z", "extractor": "generic", "revision": 1, "updated": False,
    }
    return {**record, **changes}


def write_jsonl(path: Path, lines: list[str | dict]) -> Path:
    text = "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "mixed.jsonl", [
        article(1),
        '{"id": "broken',
        "[1, 2]",
        article(2, pages=0, headline=""),
        article(3, editor="王明"),
        "",
        article(4, source=None, reporters=[]),
    ])


def test_package_still_exports_the_schema() -> None:
    assert SCHEMA_PATH.name == "article.schema.json"
    assert load_schema()["title"].startswith("Article record")


def test_validate_reports_each_problem_with_its_line(mixed: Path, capsys) -> None:
    assert main(["validate", str(mixed)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0].startswith(f"{mixed}:2: not JSON")
    assert lines[1] == f"{mixed}:3: not a JSON object but list"
    assert f"{mixed}:4: headline: '' should be non-empty" in lines
    assert f"{mixed}:4: pages: 0 is less than the minimum of 1" in lines
    assert f"{mixed}:5: editor: '王明' is not of type 'array'" in lines
    assert not any(line.startswith((f"{mixed}:1:", f"{mixed}:7:")) for line in lines)
    assert "6 lines: 2 valid, 4 invalid (5 problems)" in out.err


def test_validate_passes_a_clean_file_and_knows_annotations(tmp_path: Path, capsys) -> None:
    clean = write_jsonl(tmp_path / "clean.jsonl.gz", [article(1), article(2)])
    assert main(["validate", str(clean)]) == 0
    annotated = write_jsonl(tmp_path / "ann.jsonl", [article(1, dup_of=None, similarity=None),
                                                     article(2, dup_of="example.cn:1", similarity=0.91)])
    assert main(["validate", str(annotated)]) == 0  # dup_of/similarity are optional keys of the schema
    wrong = write_jsonl(tmp_path / "wrong.jsonl", [article(3, dup_of="example.cn:1", similarity=1.5)])
    assert main(["validate", str(wrong)]) == 1
    assert "similarity: 1.5 is greater than the maximum of 1" in capsys.readouterr().out


def test_validate_as_a_module_command(mixed: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "crawler.corpus", "validate", "--max-errors", "2", str(mixed)],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 2
    assert "4 invalid" in proc.stderr


def test_parquet_keeps_lists_and_types_and_skips_bad_lines(mixed: Path, tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO)
    out = tmp_path / "out.parquet"
    assert main(["parquet", str(mixed), "--out", str(out)]) == 0
    table = pq.read_table(out)
    assert table.column_names == load_schema()["required"]
    assert str(table.schema.field("section").type) == "list<element: string>"
    assert str(table.schema.field("pages").type) == "int64"
    assert str(table.schema.field("updated").type) == "bool"
    rows = table.to_pylist()
    assert rows == [article(1), article(4, source=None, reporters=[])]
    assert "2 records written" in caplog.text and "2 not JSON, 2 failing the record checks" in caplog.text


def test_parquet_of_annotated_records_adds_the_columns(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [article(1, dup_of=None, similarity=None),
                                             article(2, dup_of="example.cn:1", similarity=0.9)])
    assert main(["parquet", str(src), "--out", str(tmp_path / "a.parquet")]) == 0
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.column("dup_of").to_pylist() == [None, "example.cn:1"]
    assert table.column("similarity").to_pylist() == [None, 0.9]


def test_csv_has_one_row_per_article_with_lists_as_json(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert main(["csv", str(mixed), "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == ["example.cn:1", "example.cn:4"]
    assert json.loads(rows[0]["reporters"]) == ["李华", "张丽"]
    assert rows[1]["source"] == "" and rows[1]["reporters"] == "[]"
    assert rows[0]["body"] == "第一段正文。\n第二段正文。"  # newlines survive quoting


def test_csv_bom_for_spreadsheets(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [article(1)])
    assert main(["csv", str(src), "--bom", "--out", str(tmp_path / "a.csv")]) == 0
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbfid,url,")


def test_missing_input_is_a_clear_error(tmp_path: Path, caplog) -> None:
    assert main(["parquet", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "x.parquet")]) == 2
    assert "no such file" in caplog.text
    assert not (tmp_path / "x.parquet").exists()
