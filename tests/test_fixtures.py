"""Every site profile ships fixtures: a page written in its layout and the record expected from it.

tests/fixtures/<site>/<name>.html is the page; <name>.json holds {"url": ..., "expected": {...}}
with the record fields to check (id, site, section, headline, source, published_at, editor,
reporters, body, extractor, pages...). Adding a site is: profile + fixture pair, nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract import extract
from crawler.record import build_record
from crawler.sites import PROFILES

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*/*.html"))


@pytest.mark.parametrize("page", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_fixture_record(page: Path) -> None:
    spec = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    result = extract(page.read_bytes(), spec["url"])
    assert result.is_article, result.skip_reason
    record = build_record(result)
    expected = spec["expected"]
    for key, value in expected.items():
        assert record[key] == value, f"{key}: {record[key]!r} != {value!r}"


def test_every_profile_has_a_fixture() -> None:
    covered = {p.parent.name for p in CASES}
    missing = [p.site for p in PROFILES if p.site not in covered]
    assert not missing, f"profiles without a fixture page: {missing}"


def test_every_layout_has_a_fixture() -> None:
    used = set()
    for page in CASES:
        spec = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        used.add(spec["expected"].get("extractor"))
    missing = [f"{p.key}/{layout.name}" for p in PROFILES for layout in p.layouts
               if f"{p.key}/{layout.name}" not in used]
    assert not missing, f"layouts without a fixture page: {missing}"
