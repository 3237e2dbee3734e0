"""The record pipelines: normalise -> validate -> de-duplicate -> write JSONL (whole lines only)."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from crawler.record import RECORD_KEYS
from pipelines import jsonl
from pipelines.dedupe import DropDuplicatesPipeline
from pipelines.jsonl import JsonlWriterPipeline
from pipelines.normalise import NormaliseWhitespacePipeline
from pipelines.validate import SchemaValidationPipeline


def record(**changes) -> dict:
    base = {
        "id": "gmw.cn:37001188", "url": "https://politics.gmw.cn/2024-05/19/content_37001188.htm",
        "site": "gmw.cn", "section": ["时政频道", "要闻"], "headline": "云栈公路全线贯通", "source": "新华社",
        "published_at": "2024-05-19T16:05:00+08:00", "editor": ["陆远帆"], "reporters": ["韩青禾", "苏墨"],
        "body": "第一段。\n第二段。", "pages": 1, "lang": "zh", "crawled_at": "2024-05-19T08:10:00Z",
        "extractor": "gmw/2024", "revision": 1, "updated": False,
    }
    base = {k: v for k, v in base.items() if k in RECORD_KEYS}
    base.update(changes)
    return base


def crawler(**settings):
    return get_crawler(settings_dict=settings)


# ------------------------------------------------------------------ normalise

def test_whitespace_is_normalised_and_paragraphs_kept() -> None:
    pipe = NormaliseWhitespacePipeline.from_crawler(crawler())
    item = record(headline="  云栈公路\u3000 全线\n贯通 ", body="\u3000\u3000第一段。 \n\n  \n 第二段\u00a0 续。\r\n",
                  editor=[" 陆远帆 ", "\u3000"], source="\t新华社 ")
    out = pipe.process_item(item)
    assert out["headline"] == "云栈公路 全线 贯通"
    assert out["body"] == "第一段。\n第二段 续。"
    assert out["editor"] == ["陆远帆"]
    assert out["source"] == "新华社"
    assert out["pages"] == 1 and out["published_at"] is not None


# ------------------------------------------------------------------ validate

def test_valid_record_passes_validation() -> None:
    pipe = SchemaValidationPipeline.from_crawler(crawler())
    item = record()
    assert pipe.process_item(item) is item


@pytest.mark.parametrize("change, field", [
    ({"published_at": "19 May 2024"}, "published_at"),
    ({"headline": ""}, "headline"),
    ({"pages": 0}, "pages"),
    ({"surprise": 1}, "(record)"),
])
def test_invalid_record_is_dropped_with_the_reason(change: dict, field: str) -> None:
    c = crawler()
    pipe = SchemaValidationPipeline.from_crawler(c)
    with pytest.raises(DropItem, match=re.escape(field)):
        pipe.process_item(record(**change))
    assert c.stats.get_value("records/dropped/invalid") == 1


def test_record_missing_a_key_is_invalid() -> None:
    item = record()
    del item["source"]
    with pytest.raises(DropItem, match="source"):
        SchemaValidationPipeline.from_crawler(crawler()).process_item(item)


# ------------------------------------------------------------------ de-duplicate

def test_duplicate_ids_are_dropped() -> None:
    c = crawler()
    pipe = DropDuplicatesPipeline.from_crawler(c)
    pipe.process_item(record())
    pipe.process_item(record(id="gmw.cn:1"))
    with pytest.raises(DropItem, match="duplicate record gmw.cn:37001188"):
        pipe.process_item(record(headline="另一个标题"))
    assert c.stats.get_value("records/dropped/duplicate") == 1


# ------------------------------------------------------------------ write

def open_writer(tmp_path: Path, **settings) -> JsonlWriterPipeline:
    writer = JsonlWriterPipeline.from_crawler(crawler(EXPORTS_DIR=str(tmp_path), **settings))
    writer.open("gmw", datetime(2024, 5, 19, 8, 10, 0, tzinfo=timezone.utc))
    return writer


def test_writer_writes_whole_utf8_lines_with_every_key(tmp_path: Path) -> None:
    writer = open_writer(tmp_path)
    writer.process_item(record())
    writer.process_item(record(id="gmw.cn:2", source=None, reporters=[]))
    writer.close_spider()
    path = tmp_path / "gmw-20240519T081000Z.jsonl"
    assert writer.path == path
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert "云栈公路全线贯通" in text and "\\u" not in text
    lines = text.splitlines(True)
    assert len(lines) == 2 and all(line.endswith("\n") for line in lines)
    second = json.loads(lines[1])
    assert list(second)[: len(RECORD_KEYS)] == list(RECORD_KEYS)
    assert second["source"] is None and second["reporters"] == []


def test_each_run_gets_its_own_file(tmp_path: Path) -> None:
    first, second = open_writer(tmp_path), open_writer(tmp_path)
    first.process_item(record())
    first.close_spider()
    second.close_spider()
    assert first.path.name == "gmw-20240519T081000Z.jsonl"
    assert second.path.name == "gmw-20240519T081000Z-2.jsonl"
    assert second.path.read_bytes() == b""


def test_failed_write_leaves_no_partial_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c = crawler(EXPORTS_DIR=str(tmp_path))
    writer = JsonlWriterPipeline.from_crawler(c)
    writer.open("gmw")
    writer.process_item(record())
    real_write = os.write

    def half_then_fail(fd: int, data) -> int:
        if len(data) > 10:  # write a piece of the line, then fail like a full disk
            real_write(fd, bytes(data[:10]))
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(jsonl.os, "write", half_then_fail)
    with pytest.raises(DropItem, match="No space left"):
        writer.process_item(record(id="gmw.cn:2"))
    monkeypatch.setattr(jsonl.os, "write", real_write)
    writer.process_item(record(id="gmw.cn:3"))
    writer.close_spider()
    ids = [json.loads(line)["id"] for line in writer.path.read_text(encoding="utf-8").splitlines()]
    assert ids == ["gmw.cn:37001188", "gmw.cn:3"]
    assert c.stats.get_value("records/dropped/write_error") == 1


@pytest.mark.parametrize("pipeline, switch", [
    (NormaliseWhitespacePipeline, "NORMALISE_ENABLED"),
    (SchemaValidationPipeline, "VALIDATE_ENABLED"),
    (DropDuplicatesPipeline, "DEDUPE_ENABLED"),
    (JsonlWriterPipeline, "JSONL_ENABLED"),
])
def test_each_pipeline_can_be_switched_off(pipeline, switch: str) -> None:
    with pytest.raises(NotConfigured):
        pipeline.from_crawler(crawler(**{switch: False}))
