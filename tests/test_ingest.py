"""`zhnews extract`: WARC/HTML/manifest inputs, filters, -j N, --shard, kill and --resume, summary, bad input.

The WARC files are written here with warcio from pages of the generated demo site and pages written below
(a GB18030 page, a non-HTML record, a 404, a revisit record, request records, a truncated last record).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler import settings as project_settings
from crawler.corpus import load_schema
from crawler.demo.sitegen import build_site
from crawler.extract import extract
from crawler.ingest.command import main
from crawler.record import build_record

REPO = Path(__file__).resolve().parents[1]
WARC_DATE = "2024-06-01T02:03:04Z"

GB_URL = "http://www.minjiang-daily.cn/2024/0530/c12-8873.html"
GB_HEADLINE = "闽江口湿地迎来今年首批越冬候鸟"
GB_PAGE = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{GB_HEADLINE}_闽江日报</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/sh/">社会</a></div>
<h1>{GB_HEADLINE}</h1>
<div class="info">2024-05-30 08:15 来源：闽江日报</div>
<div class="content">
<p>本报讯（记者 陈思远）近日，闽江口国家湿地公园迎来今年首批越冬候鸟，数量约三千只，比去年同期提前了一周左右。</p>
<p>湿地管护站工作人员介绍，今年以来，保护区持续开展退养还湿和滩涂修复，候鸟栖息环境明显改善，鸟类种类也比往年更加丰富。</p>
<p>据了解，管护站将在观鸟季增派巡护人员，并提醒市民文明观鸟，不投喂、不惊扰，共同守护这片“候鸟驿站”。</p>
</div><div class="editor">（责任编辑：林晓）</div></body></html>"""


def http(status: str, content_type: str | None) -> StatusAndHeaders:
    headers = [("Content-Type", content_type)] if content_type else []
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, extras: bool = True, gz: bool = True,
               cut_last: int = 0) -> None:
    """Response records for `pages` (url, body), with request records; extras: the odd cases; cut_last: bytes
    cut from the end (a truncated last record)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        date = {"WARC-Date": WARC_DATE}

        def response(url: str, body: bytes, status: str = "200 OK", content_type: str = "text/html") -> None:
            writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""),
                                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
                                warc_headers_dict=date))
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                http_headers=http(status, content_type), warc_headers_dict=date))

        for n, (url, body) in enumerate(pages):
            response(url, body)
            if extras and n == 1:
                response(GB_URL, GB_PAGE.encode("gb18030"), content_type="text/html; charset=gbk")
                response("http://news.gmw.cn/pic/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
                response("http://news.gmw.cn/2024-05/20/content_170001.htm", b"<html>not found</html>",
                         status="404 Not Found")
                writer.write_record(writer.create_revisit_record(
                    url, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri=url, refers_to_date=WARC_DATE,
                    http_headers=http("200 OK", "text/html")))
    if cut_last:
        data = path.read_bytes()
        path.write_bytes(data[:-cut_last])


def site_pages(articles: int, seed: int = 7) -> list[tuple[str, bytes]]:
    site = build_site(articles, per_page=10, seed=seed)
    return [(f"http://{key}", body) for key, body in site.pages.items() if key.endswith(".htm")]


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary_of(out: Path) -> dict:
    return json.loads(out.with_name(out.name.removesuffix(".jsonl") + ".summary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def warcs(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("warcs")
    pages = site_pages(12)
    first, second = root / "a.warc.gz", root / "b.warc"
    write_warc(first, pages[:10])
    write_warc(second, pages[10:], extras=False, gz=False)
    cut = root / "c.warc.gz"
    write_warc(cut, site_pages(3, seed=9), extras=False, cut_last=100)
    return {"root": root, "pages": pages, "files": [first, second, cut]}


@pytest.fixture(scope="module")
def single(warcs, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("single") / "one.jsonl"
    code = main([*map(str, warcs["files"]), "-o", str(out), "-j", "1", "--quiet"])
    return {"code": code, "out": out, "records": read_lines(out), "summary": summary_of(out)}


def test_warc_records_extract_with_url_time_and_schema(single) -> None:
    records, summary = single["records"], single["summary"]
    validator = Draft202012Validator(load_schema())
    assert all(not list(validator.iter_errors(r)) for r in records)
    by_url = {r["url"]: r for r in records}
    gb = by_url[GB_URL]
    assert gb["headline"] == GB_HEADLINE and "越冬候鸟" in gb["body"] and gb["source"] == "闽江日报"
    assert all(r["crawled_at"] == WARC_DATE for r in records)
    assert all(r["ref"].startswith("<urn:uuid:") for r in records)
    reasons = summary["reasons"]
    assert reasons["skipped/not-html"] == 1 and reasons["skipped/http-404"] == 1
    assert reasons["skipped/warc-revisit"] == 1
    assert reasons["failed/archive-truncated"] == 1  # the cut last record is reported, not silently lost
    assert summary["other_warc_records"]["request"] >= 10
    assert summary["outcomes"]["written"] == len(records) and summary["fill_rate"]["headline"] == 1.0
    assert single["code"] == 1  # an input failed (the truncated record)


def test_parallel_and_shards_give_the_single_process_records_in_order(warcs, single, tmp_path) -> None:
    two = tmp_path / "two.jsonl"
    main([*map(str, warcs["files"]), "-o", str(two), "-j", "2", "--quiet"])
    assert two.read_bytes() == single["out"].read_bytes()
    full = single["records"]
    union = []
    for k in (1, 2):
        part = tmp_path / f"shard{k}.jsonl"
        main([*map(str, warcs["files"]), "-o", str(part), "-j", "2", "--shard", f"{k}/2", "--quiet"])
        records = read_lines(part)
        assert records, "each shard gets a file"
        assert records == [r for r in full if r in records]  # the single run's order
        union += records
    assert sorted(json.dumps(r, sort_keys=True) for r in union) == sorted(json.dumps(r, sort_keys=True)
                                                                         for r in full)


def test_killed_run_resumes_to_the_same_file(tmp_path) -> None:
    warc = tmp_path / "big.warc.gz"
    write_warc(warc, site_pages(300, seed=3), extras=False)
    whole = tmp_path / "whole.jsonl"
    assert main([str(warc), "-o", str(whole), "-j", "1", "--quiet"]) == 0
    out = tmp_path / "killed.jsonl"
    cmd = [sys.executable, "-m", "crawler.cli", "extract", str(warc), "-o", str(out), "-j", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 30):
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with out.open("ab") as fh:
        fh.write(b'{"id":"gmw.cn:1","url":"http://news.gm')  # a line cut by the kill
    kept = out.read_bytes().count(b"\n")
    assert 30 <= kept < len(read_lines(whole))
    assert main([str(warc), "-o", str(out), "-j", "2", "--resume", "--quiet"]) == 0
    assert out.read_bytes() == whole.read_bytes()
    summary = summary_of(out)
    assert summary["resumed_after_records"] == kept
    assert summary["reasons"]["skipped/already-in-output"] == kept


def test_html_files_folders_and_url_sources(tmp_path) -> None:
    pages = tmp_path / "saved" / "deep"
    pages.mkdir(parents=True)
    body = GB_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
                           '<meta charset="utf-8">')
    canonical = body.replace("</title>", f'</title><link rel="canonical" href="{GB_URL}">')
    og = body.replace("</title>", '</title><meta property="og:url" content="https://www.minjiang-daily.cn/a/2.html">')
    (pages / "a.html").write_text(canonical, encoding="utf-8")
    (pages / "b.htm").write_text(og, encoding="utf-8")
    (pages / "c.html").write_text(body, encoding="utf-8")
    (pages / "d.html").write_text(body, encoding="utf-8")
    (pages / "notes.txt").write_text("not a page", encoding="utf-8")
    url_map = tmp_path / "urls.tsv"
    url_map.write_text("saved/deep/d.html\thttp://www.minjiang-daily.cn/a/4.html\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "saved"), "--url-map", str(url_map), "-o", str(out), "--quiet", "-j", "1"]) == 0
    urls = {Path(r["ref"]).name: r["url"] for r in read_lines(out)}
    assert urls == {"a.html": GB_URL, "b.htm": "https://www.minjiang-daily.cn/a/2.html", "c.html": None,
                    "d.html": "http://www.minjiang-daily.cn/a/4.html"}
    globbed = tmp_path / "glob.jsonl"
    assert main([str(tmp_path / "saved/*/*.htm"), "-o", str(globbed), "--quiet"]) == 0
    assert [Path(r["ref"]).name for r in read_lines(globbed)] == ["b.htm"]


def test_record_without_url_is_built_and_valid() -> None:
    """Issue 12: build_record raised AttributeError (urldefrag(None)) for an extraction without a URL."""
    result = extract(GB_PAGE.encode("gb18030"), None)
    record = build_record(result, crawled_at=WARC_DATE)
    assert record["url"] is None and record["headline"] == GB_HEADLINE
    assert record["id"].startswith("unknown:") and record["id"] == build_record(result)["id"]
    assert not list(Draft202012Validator(load_schema()).iter_errors(record))


def test_filters_site_profiled_and_dates(warcs, tmp_path) -> None:
    files = list(map(str, warcs["files"][:2]))
    site = tmp_path / "site.jsonl"
    main([*files, "--site", "www.minjiang-daily.cn", "-o", str(site), "--quiet"])
    assert [r["url"] for r in read_lines(site)] == [GB_URL]
    assert summary_of(site)["reasons"]["skipped/other-site"] > 5
    profiled = tmp_path / "profiled.jsonl"
    main([*files, "--profiled-only", "-o", str(profiled), "--quiet"])
    assert {r["site"] for r in read_lines(profiled)} == {"gmw.cn"}
    dated = tmp_path / "dated.jsonl"
    main([*files, "--since", "2024-05-31", "--until", "2024-05-31", "-o", str(dated), "--quiet"])
    days = {r["published_at"][:10] for r in read_lines(dated)}
    assert days == {"2024-05-31"}
    assert summary_of(dated)["reasons"]["skipped/outside-dates"] >= 1


def test_bad_manifest_lines_are_reported_and_the_rest_extracted(tmp_path, caplog) -> None:
    """Issue 10 item 5: a non-object line, a non-string path or a non-UTF-8 byte used to end the batch."""
    page = tmp_path / "p.html"
    page.write_bytes(GB_PAGE.encode("gb18030"))
    good = json.dumps({"ref": "good-1", "url": GB_URL, "path": "p.html"}).encode()
    manifest = tmp_path / "m.jsonl"
    manifest.write_bytes(b"\n".join([
        good, b"[1,2,3]", b'"str"', b"null", b'{"ref": "x", "path": 5}', b'{"ref": "caf\xe9", "path": "p.html"}',
        b"{not json", b'{"ref": "missing", "path": "nope.html"}', good.replace(b"good-1", b"good-2"),
    ]) + b"\n")
    out = tmp_path / "out.jsonl"
    assert main([str(manifest), "-o", str(out), "--quiet"]) == 1
    assert [r["ref"] for r in read_lines(out)] == ["good-1", "good-2"]
    summary = summary_of(out)
    assert summary["reasons"] == {"failed/bad-manifest-line": 6, "failed/unreadable": 1}
    errors = "\n".join(r.getMessage() for r in caplog.records)
    for lineno, why in ((2, "not a JSON object but list"), (3, "but str"), (4, "but NoneType"), (5, "path is not"),
                        (6, "not UTF-8"), (7, "not JSON"), (8, "No such file")):
        assert f"m.jsonl:{lineno}" in errors and why in errors


def test_size_cap_defaults_to_the_crawl_limit_and_a_flag_changes_it(tmp_path) -> None:
    page = tmp_path / "big.html"
    filler = "<p>" + "大" * 2000 + "</p>\n"
    page.write_text(GB_PAGE.replace("<div class=\"content\">", "<div class=\"content\">" + filler * 2000),
                    encoding="utf-8")
    assert 10_000_000 < page.stat().st_size < 2 * project_settings.DOWNLOAD_MAXSIZE
    small = tmp_path / "small.html"
    small.write_text(GB_PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(page), str(small), "-o", str(out), "--quiet"]) == 0
    assert summary_of(out)["reasons"] == {"skipped/too-large": 1}
    assert main([str(small), "-o", str(out), "--quiet", "--max-size", "500"]) == 0
    assert summary_of(out)["reasons"] == {"skipped/too-large": 1}


def test_every_zhnews_command_has_help_with_an_example() -> None:
    from crawler.cli import COMMANDS

    top = subprocess.run([sys.executable, "-m", "crawler.cli", "--help"], cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert top.returncode == 0
    for name in COMMANDS:
        assert f"  {name} " in top.stdout
        proc = subprocess.run([sys.executable, "-m", "crawler.cli", name, "--help"], cwd=REPO, capture_output=True,
                              text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert proc.returncode == 0, proc.stderr
        assert f"usage: zhnews {name}" in proc.stdout and f"zhnews {name} " in proc.stdout.split("example")[-1]


CORPUS = Path(os.environ.get("ZHNEWS_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.mark.skipif(not (CORPUS / "gold.jsonl").is_file(), reason=f"corpus not found at {CORPUS} (set ZHNEWS_CORPUS)")
def test_corpus_articles_from_a_warc_equal_the_manifest_path(tmp_path) -> None:
    """The 61 corpus articles, once through a manifest and once through a WARC built here (never committed)."""
    from crawler.extract.encoding import decode_html
    from crawler.ingest.work import page_url

    gold = [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    articles = [g for g in gold if g.get("kind", "article") == "article"]
    assert len(articles) >= 61
    entries = []
    for g in articles:
        data = (CORPUS / g["file"]).read_bytes()
        # One URL for both paths: the gold URL, else the page's own canonical URL, else a placeholder.
        url = g.get("url") or page_url(decode_html(data)[0]) or f"http://corpus.invalid/{g['id']}.html"
        entries.append((g, url, data))
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("".join(json.dumps({"ref": g["id"], "url": url, "path": str(CORPUS / g["file"]),
                                            "fetched_at": WARC_DATE}) + "\n" for g, url, _ in entries),
                        encoding="utf-8")
    warc = tmp_path / "corpus.warc.gz"
    with warc.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for g, url, data in entries:
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(data), warc_headers_dict={"WARC-Date": WARC_DATE},
                http_headers=http("200 OK", f"text/html; charset={g.get('encoding') or 'utf-8'}")))
    from_manifest, from_warc = tmp_path / "manifest.jsonl", tmp_path / "warc.jsonl"
    assert main([str(manifest), "-o", str(from_manifest), "--quiet", "-j", "1"]) == 0
    assert main([str(warc), "-o", str(from_warc), "--quiet", "-j", "2"]) == 0

    def without_ref(path: Path) -> list[dict]:
        return [{k: v for k, v in r.items() if k != "ref"} for r in read_lines(path)]

    records = without_ref(from_manifest)
    assert len(records) >= 58  # the extractor's own skips are the same on both paths
    assert without_ref(from_warc) == records


def arc_record(url: str, body: bytes, content_type: str = "text/html") -> bytes:
    response = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
                .encode() + body)
    return f"{url} 10.0.0.1 20240601020304 {content_type} {len(response)}\n".encode() + response + b"\n"


def test_arc_files_are_read_with_stable_refs(tmp_path) -> None:
    head = b"1 0 zhnews-test\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = tmp_path / "old-crawl.arc"
    arc.write_bytes(f"filedesc://old-crawl.arc 0.0.0.0 20240601020304 text/plain {len(head)}\n".encode() + head
                    + b"\n" + arc_record(GB_URL, GB_PAGE.encode("gb18030"))
                    + arc_record("http://news.gmw.cn/logo.png", b"\x89PNG", "image/png"))
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert main([str(arc), "-o", str(first), "--quiet", "-j", "1"]) == 0
    records = read_lines(first)
    assert [(r["url"], r["headline"], r["crawled_at"]) for r in records] == [(GB_URL, GB_HEADLINE, WARC_DATE)]
    assert records[0]["ref"].startswith("old-crawl.arc@")
    assert main([str(arc), "-o", str(second), "--quiet", "-j", "1"]) == 0
    assert second.read_bytes() == first.read_bytes()
    assert summary_of(second)["reasons"] == {"skipped/not-html": 1}


class FakeTerminal(__import__("io").StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(warcs, tmp_path, monkeypatch) -> None:
    files = list(map(str, warcs["files"][:2]))
    for extra, shown in (([], True), (["--quiet"], False)):
        terminal = FakeTerminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        main([*files, "-o", str(tmp_path / "p.jsonl"), "-j", "1", *extra])
        text = terminal.getvalue()
        assert ("rec/s" in text and "written=" in text and "failed=" in text) is shown, text[-500:]
    plain = __import__("io").StringIO()  # not a terminal: no bar even without --quiet
    monkeypatch.setattr(sys, "stderr", plain)
    main([*files, "-o", str(tmp_path / "p.jsonl"), "-j", "1"])
    assert "rec/s" not in plain.getvalue() and "extract:" in plain.getvalue()


def test_inputs_are_pulled_lazily_so_memory_stays_bounded() -> None:
    """The pool never reads ahead more than its window, however long (here: endless) the input is."""
    from itertools import count, islice

    from crawler.ingest import run
    from crawler.ingest.sources import Task
    from crawler.ingest.work import Options, UrlFilter

    pulled = 0

    def endless():
        nonlocal pulled
        for n in count():
            pulled += 1
            yield Task(f"page {n}", ref=str(n), verdict=("skipped", "test"))

    got = list(islice(run.ordered_outcomes(endless(), Options(UrlFilter()), jobs=2), 50))
    assert [task.ref for task, _ in got] == [str(n) for n in range(50)]
    assert pulled <= 50 + 2 * run.WINDOW * run.CHUNK + run.CHUNK


def test_an_input_that_matches_nothing_is_a_usage_error(tmp_path, caplog) -> None:
    page = tmp_path / "a.html"
    page.write_text(GB_PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(page), str(tmp_path / "nope/*.warc.gz"), "-o", str(out), "--quiet"]) == 2
    assert len(read_lines(out)) == 1 and "nope/*.warc.gz" in caplog.text


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_end_when_the_command_is_killed(tmp_path) -> None:
    warc = tmp_path / "w.warc.gz"
    write_warc(warc, site_pages(300, seed=5), extras=False)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "crawler.cli", "extract", str(warc), "-o", str(out), "-j", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (not out.exists() or not out.stat().st_size):
            time.sleep(0.02)
        workers = _children(proc.pid)
        assert len(workers) == 2 and proc.poll() is None
        proc.kill()  # the command only, not its process group
        proc.wait()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.1)
        assert not [w for w in workers if Path(f"/proc/{w}").exists()]
    finally:
        with __import__("contextlib").suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def test_an_uncompressed_warc_cut_inside_a_record_reports_it(tmp_path) -> None:
    warc = tmp_path / "cut.warc"
    write_warc(warc, site_pages(3, seed=11), extras=False, gz=False, cut_last=500)
    out = tmp_path / "out.jsonl"
    assert main([str(warc), "-o", str(out), "--quiet", "-j", "1"]) == 1
    summary = summary_of(out)
    assert summary["reasons"]["failed/archive-truncated"] == 1 and summary["outcomes"]["failed"] == 1
    assert summary["outcomes"]["written"] == len(read_lines(out)) > 0
