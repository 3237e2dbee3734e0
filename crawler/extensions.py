"""Run bookkeeping: where every article URL ended up, the per-run failures file, the summary, alerts.

Every article URL a crawl discovers ends in exactly one place: exported, skipped (already seen,
not modified, unchanged, outside the since/until window) or a line of `<output>.failures.jsonl`
({url, stage, reason, attempts}). At the end `<output>.summary.json` holds the counts, per-site field
fill rates, duration, errors and `alerts` (a field's fill rate dropped sharply against earlier runs).

Other components report outcomes through `RunReport.of(crawler)`; the spider's errback hands failed
requests to `report_request_failure(crawler, failure)`.

Memory stays flat over a long run: the report keeps running counters (outcomes, reasons, per-site
field fill counts), the URLs still in flight, and one 64-bit hash per settled URL, never the items.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.state import FILL_FIELDS, RunRecord, store_for

logger = logging.getLogger(__name__)

ARTICLE = "article"
NOT_ARTICLE_STAGES = frozenset({"listing", "link"})  # failures that are not an article's outcome
_ATTR = "_zhnews_run_report"


def canonical(url: str) -> str:
    return urldefrag(url)[0]


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def request_stage(request: Request) -> str:
    """'listing', 'article' (page 1 of an article) or 'page' (a continuation page): meta `stage` first."""
    stage = request.meta.get("stage")
    if stage:
        return str(stage)
    name = getattr(request.callback, "__name__", "") or ""
    if "page" in name and "article" not in name:
        return "page"
    return ARTICLE if "article" in name else "listing"


def origin_url(request: Request) -> str:
    """The URL the spider asked for, before redirects."""
    return canonical((request.meta.get("redirect_urls") or [request.url])[0])


def filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, (str, list, tuple, dict)):
        return len(value) > 0
    return True


class FillCounter:
    """Running per-field fill counts of one site's records: the fill rates without keeping the records."""

    def __init__(self) -> None:
        self.items = 0
        self.filled: Counter[str] = Counter()

    def add(self, record: dict[str, Any]) -> None:
        self.items += 1
        for name in FILL_FIELDS:
            if filled(record.get(name)):
                self.filled[name] += 1

    def rates(self) -> dict[str, float]:
        if not self.items:
            return {}
        return {f: round(self.filled[f] / self.items, 4) for f in FILL_FIELDS}


def fill_rates(items: list[dict[str, Any]]) -> dict[str, float]:
    counter = FillCounter()
    for item in items:
        counter.add(item)
    return counter.rates()


def output_base(crawler: Any, spider_name: str) -> Path:
    """`<dir>/<stem>` that the summary and failures files share with the run's JSONL output."""
    settings = crawler.settings
    explicit = settings.get("RUN_REPORT_BASE")
    if explicit:
        return Path(explicit)
    written = crawler.stats.get_value("jsonl/path")  # set by pipelines.jsonl when it opens the run file
    if written:
        return _strip_suffix(Path(written))
    for uri in (settings.getdict("FEEDS") or {}):
        uri = str(uri)
        if "%(" in uri or ("://" in uri and not uri.startswith("file://")):
            continue
        return _strip_suffix(Path(uri.removeprefix("file://")))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return Path("exports") / f"{spider_name}-{stamp}"


def discovery_counts(stats: dict[str, Any]) -> dict[str, Any]:
    """Article URLs scheduled per discovery mode, and what discovery left out (crawler.spiders.discovery)."""
    skipped = {k.rpartition("/")[2]: v for k, v in stats.items() if k.startswith("discovery/skipped/")}
    return {
        "article_urls": {mode: stats.get(f"discovery/{mode}", 0) for mode in ("lists", "feeds", "sitemaps")},
        "feed_fallbacks": stats.get("discovery/feed_fallback", 0),
        "skipped": dict(sorted(skipped.items())),
    }


def _strip_suffix(path: Path) -> Path:
    return path.with_suffix("") if path.suffix in {".jsonl", ".jl", ".json"} else path


class RunReport:
    """Extension: outcome per article URL, failures file, summary and fill-rate alerts."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.settings = crawler.settings
        self.pending: set[str] = set()  # discovered article URLs without an outcome yet
        self.settled: set[int] = set()  # hash() of every URL that has its outcome
        self.outcomes: Counter[str] = Counter()  # outcome -> URLs
        self.reasons: dict[str, Counter[str]] = {"skipped": Counter(), "failed": Counter()}
        self.aliases: dict[str, str] = {}  # final URL after redirects -> URL the spider asked for
        self.fill: dict[str, FillCounter] = {}  # site -> running fill counts of its records
        self.failed_stages: Counter[str] = Counter()
        self.listing_causes: Counter[str] = Counter()  # why listing pages failed (exception / HTTP status)
        self.callback_errors: Counter[str] = Counter()  # stage -> pages whose callback raised
        # Off unless a consumer (the distributed worker) asks: URLs discovered and outcomes settled
        # since its last `drain()`.
        self.journal: tuple[set[str], list[tuple[str, str, str]]] | None = None
        self.started = time.monotonic()
        self.started_at = utc_now()
        self.base: Path | None = None
        self._failures: int | None = None  # fd, opened O_APPEND
        self._failures_size = 0  # bytes of whole lines in the failures file
        self.write_errors: Counter[str] = Counter()  # "what: strerror" -> failed writes (ENOSPC...)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunReport:
        if not crawler.settings.getbool("RUN_REPORT_ENABLED", True):
            raise NotConfigured
        report = cls(crawler)
        setattr(crawler, _ATTR, report)
        connect = crawler.signals.connect
        connect(report.spider_opened, signal=signals.spider_opened)
        connect(report.spider_closed, signal=signals.spider_closed)
        connect(report.request_scheduled, signal=signals.request_scheduled)
        connect(report.request_dropped, signal=signals.request_dropped)
        connect(report.response_received, signal=signals.response_received)
        connect(report.item_scraped, signal=signals.item_scraped)
        connect(report.item_dropped, signal=signals.item_dropped)
        connect(report.spider_error, signal=signals.spider_error)
        return report

    @staticmethod
    def of(crawler: Any) -> RunReport | None:
        return getattr(crawler, _ATTR, None)

    # -- outcomes -----------------------------------------------------------------------------

    def _resolve(self, url: str) -> str:
        url = canonical(url)
        return self.aliases.get(url, url)

    def _settle(self, url: str, outcome: str, reason: str) -> bool:
        """Give a URL its one outcome; False when it already has one."""
        url = self._resolve(url)
        key = hash(url)
        if key in self.settled:
            return False
        self.settled.add(key)
        self.pending.discard(url)
        self.outcomes[outcome] += 1
        if outcome in self.reasons:
            self.reasons[outcome][_reason_key(reason) if outcome == "failed" else reason] += 1
        if self.journal is not None:
            self.journal[0].add(url)
            self.journal[1].append((url, outcome, reason))
        self.crawler.stats.inc_value(f"articles/{outcome}")
        return True

    def discover(self, url: str) -> None:
        """An article URL was scheduled: it is pending until it gets its outcome."""
        url = self._resolve(url)
        if url in self.pending or hash(url) in self.settled:
            return
        self.pending.add(url)
        if self.journal is not None:
            self.journal[0].add(url)

    @property
    def discovered(self) -> int:
        return len(self.settled) + len(self.pending)

    def start_journal(self) -> None:
        """Record from now on what `drain()` returns (URLs already known are not replayed)."""
        if self.journal is None:
            self.journal = (set(self.pending), [])

    def drain(self) -> tuple[set[str], list[tuple[str, str, str]]]:
        """URLs discovered and (url, outcome, reason) settled since the last drain."""
        if self.journal is None:
            return set(), []
        urls, settled = self.journal
        self.journal = (set(), [])
        return urls, settled

    def exported(self, url: str) -> None:
        self._settle(url, "exported", "")

    def skipped(self, url: str, reason: str) -> None:
        if self._settle(url, "skipped", reason):
            self.crawler.stats.inc_value(f"articles/skipped/{reason}")

    def failed(self, url: str, stage: str, reason: str, attempts: int = 1) -> None:
        """Write one failures line (flushed at once: a killed crawl keeps what it learnt)."""
        if stage not in NOT_ARTICLE_STAGES and not self._settle(url, "failed", reason):
            return  # the article already has its outcome
        self.failed_stages[stage] += 1
        if stage == "listing":
            self.listing_causes[reason.split(":")[0]] += 1
        self.crawler.stats.inc_value(f"failures/{stage}")
        line = {"url": self._resolve(url), "stage": stage, "reason": reason, "attempts": attempts,
                "at": utc_now()}
        logger.warning("Failed %s %s after %d attempt(s): %s", stage, line["url"], attempts, reason)
        if self._failures is not None:
            self._write_failure_line((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))

    def _write_failure_line(self, data: bytes) -> None:
        """Append one whole line; a failed write (disk full) is cut back, so no partial line is left."""
        assert self._failures is not None
        try:
            _append(self._failures, data)
        except OSError as exc:
            _cut(self._failures, self._failures_size)
            self.write_failed("failures file", exc)
        else:
            self._failures_size += len(data)

    def write_failed(self, what: str, exc: OSError) -> None:
        key = f"{what}: {exc.strerror or exc}"
        if not self.write_errors[key]:
            logger.error("Could not write the %s: %s", what, exc)
        self.write_errors[key] += 1

    # -- signals ------------------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        self.base = output_base(self.crawler, spider.name)
        self.base.parent.mkdir(parents=True, exist_ok=True)
        path = self.failures_path
        _drop_partial_tail(path)
        self._failures = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._failures_size = os.fstat(self._failures).st_size
        self.reserve_summary()

    def reserve_summary(self) -> None:
        """A placeholder summary, written now while there is room: until the run replaces it, it says
        the run did not finish, and if the disk fills up, the final one is written over it in place."""
        placeholder = {"spider": getattr(self.crawler.spider, "name", None), "status": "incomplete",
                       "finish_reason": "not finished: still running, killed, or the summary could not be written",
                       "started_at": self.started_at, "output": str(self.base) + ".jsonl"}
        data = json.dumps(placeholder, ensure_ascii=False).encode("utf-8")
        try:
            self.summary_path.write_bytes(data + b" " * (SUMMARY_RESERVE - len(data) - 1) + b"\n")
        except OSError as exc:
            self.write_failed("summary placeholder", exc)

    @property
    def failures_path(self) -> Path:
        assert self.base is not None
        return self.base.with_name(self.base.name + ".failures.jsonl")

    @property
    def summary_path(self) -> Path:
        assert self.base is not None
        return self.base.with_name(self.base.name + ".summary.json")

    def request_scheduled(self, request: Request, spider: Any) -> None:
        if request_stage(request) == "listing":
            return
        if "redirect_urls" in request.meta:
            return  # a redirect target the URL gate refuses is reported by it (crawler.discover.gate)
        if request_stage(request) == ARTICLE and "retry_times" not in request.meta:
            self.discover(request.url)

    def request_dropped(self, request: Request, spider: Any) -> None:
        """The dupefilter dropped a redirect: a loop, or a target another article already took."""
        if "redirect_urls" not in request.meta or request_stage(request) == "listing":
            return
        if canonical(request.url) in {canonical(u) for u in request.meta["redirect_urls"]}:
            self.failed(origin_url(request), request_stage(request), f"redirect loop via {request.url}")
        else:
            self.skipped(origin_url(request), "duplicate")

    def response_received(self, response: Any, request: Request, spider: Any) -> None:
        if request_stage(request) == ARTICLE and "redirect_urls" in request.meta:
            self.aliases[canonical(response.url)] = origin_url(request)
            self.aliases[canonical(request.url)] = origin_url(request)

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        record = dict(item)
        site = record.get("site") or "unknown"
        counter = self.fill.get(site)
        if counter is None:
            counter = self.fill[site] = FillCounter()
        counter.add(record)
        if record.get("url"):
            self.exported(record["url"])

    def item_dropped(self, item: Any, response: Any, exception: BaseException, spider: Any) -> None:
        if isinstance(exception.__cause__, OSError):  # the run file could not be written (disk full...)
            self.write_failed("run file", exception.__cause__)
        url = dict(item).get("url") or (response.url if response is not None else "")
        if not url:
            return
        if getattr(exception, "outcome", None) == "skipped":
            self.skipped(url, getattr(exception, "reason", "skipped"))
        else:
            self.failed(url, ARTICLE, f"dropped: {exception}")

    def spider_error(self, failure: Failure, response: Any, spider: Any) -> None:
        """A callback raised: the page's links (a listing) or its record (an article) are lost."""
        request = getattr(response, "request", None)
        if request is None:
            return
        stage = request_stage(request)
        self.callback_errors[stage] += 1
        exc = failure.value
        self.failed(origin_url(request), stage, f"parse error: {type(exc).__name__}: {exc}".rstrip(": "))

    def forget_unsettled(self) -> None:
        """Drop discovered URLs this process did not settle: in a shared crawl another worker owns them."""
        self.pending.clear()

    def spider_closed(self, spider: Any, reason: str) -> None:
        finished = reason == "finished"
        if finished:
            # A finished crawl settled every URL; one without an outcome failed silently somewhere.
            for url in sorted(self.pending):
                self.failed(url, ARTICLE, "no record and no error (see log)")
        summary = self.summary(reason)
        # Per-site, per-field fill rates in the end-of-crawl stats too: a profile whose selectors stopped
        # matching shows as a field near 0%, not as silently empty records.
        for site, rates in summary["fill_rates"].items():
            for field, rate in rates.items():
                self.crawler.stats.set_value(f"fill_rate/{site}/{field}", rate)
        if self._failures is not None:
            os.close(self._failures)
            self._failures = None
        try:
            _write_json(self.summary_path, summary)
        except OSError as exc:  # disk full: a short summary over the placeholder, which needs no new space
            self.write_failed("summary", exc)
            summary["status"] = "failed"
            summary["problems"].append(f"the full summary could not be written: {exc.strerror or exc}")
            _overwrite_in_place(self.summary_path, short_summary(summary))
        level = logging.ERROR if summary["alerts"] else logging.INFO
        logger.log(level, "Run summary %s: %s", self.summary_path, json.dumps(summary["articles"]))

    # -- summary ------------------------------------------------------------------------------

    def summary(self, reason: str) -> dict[str, Any]:
        counts = self.outcomes
        per_site = {site: self.fill[site].items for site in sorted(self.fill)}
        rates = {site: self.fill[site].rates() for site in sorted(self.fill)}
        try:
            alerts = self.check_alerts(rates, per_site, reason == "finished")
        except Exception as exc:  # the store is unreachable (Redis down): the summary must still be written
            logger.error("Fill-rate alerts skipped, the seen-store is unavailable: %s", exc)
            alerts = []
        stats = self.crawler.stats
        alerts += listing_alerts(stats.get_value("listing/pages", 0), stats.get_value("listing/empty", 0))
        problems = self.problems(reason)
        status = "failed" if problems else "alert" if alerts else "ok" if reason == "finished" else "incomplete"
        return {
            "spider": getattr(self.crawler.spider, "name", None),
            "status": status,
            "finish_reason": reason,
            "started_at": self.started_at,
            "finished_at": utc_now(),
            "duration_s": round(time.monotonic() - self.started, 3),
            "output": str(self.base) + ".jsonl",
            "failures_file": str(self.failures_path),
            "articles": {
                "discovered": self.discovered,
                "exported": counts["exported"],
                "skipped": counts["skipped"],
                "failed": counts["failed"],
                "pending": len(self.pending),
            },
            "skipped_reasons": dict(self.reasons["skipped"]),
            "failed_reasons": dict(self.reasons["failed"]),
            "failures_by_stage": dict(self.failed_stages),
            "items_per_site": per_site,
            "fill_rates": rates,
            "discovery": discovery_counts(stats.get_stats()),
            "errors": stats.get_value("log_count/ERROR", 0),
            "requests": stats.get_value("downloader/request_count", 0),
            "alerts": alerts,
            "problems": problems,
        }

    def problems(self, reason: str) -> list[str]:
        """Why this run must not count as ok, one sentence each (empty for a sound run)."""
        stats = self.crawler.stats
        out: list[str] = []
        if self.callback_errors["listing"]:
            out.append(f"{self.callback_errors['listing']} listing page(s) raised while being parsed: "
                       "their links were lost (see the failures file and the log)")
        if self.listing_causes and not stats.get_value("listing/pages", 0):
            causes = ", ".join(f"{cause} x{n}" for cause, n in self.listing_causes.most_common())
            out.append(f"every listing page failed to download ({causes}): no network, or the site is down?")
        found = self.discovered + (stats.get_value("listing/article_links", 0) or 0)
        if reason == "finished" and not found and self.settings.getbool("RUN_REPORT_REQUIRE_ARTICLES", True):
            out.append("the run found no article at all")
        for what, n in self.write_errors.items():  # e.g. "run file: No space left on device"
            out.append(f"{n} write(s) failed, {what}: records or lines were lost")
        for problem in out:
            logger.error("Run failed: %s", problem)
        return out

    def check_alerts(
        self, rates: dict[str, dict[str, float]], counts: dict[str, int], record: bool
    ) -> list[dict[str, Any]]:
        """Compare this run's fill rates with the last runs in the store; record the run when sound."""
        store = store_for(self.crawler)
        if store is None:
            return []
        min_items = self.settings.getint("ALERT_MIN_ITEMS", 5)
        history_runs = self.settings.getint("ALERT_HISTORY_RUNS", 5)
        max_drop = self.settings.getfloat("ALERT_FILL_DROP", 0.3)
        min_baseline = self.settings.getfloat("ALERT_MIN_BASELINE", 0.5)
        alerts: list[dict[str, Any]] = []
        for site, current in rates.items():
            if counts.get(site, 0) < min_items:
                continue  # too few records to judge a layout
            history = store.fill_history(site, history_runs)
            site_alerts = []
            for name, rate in current.items():
                past = [h[name] for h in history if name in h]
                if not past:
                    continue
                baseline = sum(past) / len(past)
                if baseline >= min_baseline and baseline - rate >= max_drop:
                    site_alerts.append({"site": site, "field": name, "previous": round(baseline, 4),
                                        "current": rate, "runs_compared": len(past)})
            for alert in site_alerts:
                logger.error(
                    "Fill-rate alert on %(site)s: %(field)s filled in %(current).0f%% of records, "
                    "was %(previous).0f%% over the last %(runs_compared)d run(s) - layout change?",
                    {**alert, "current": alert["current"] * 100, "previous": alert["previous"] * 100},
                )
            alerts.extend(site_alerts)
            # An alerted run stays out of the history, so the alert repeats until someone looks.
            if record and not site_alerts:
                run_id = f"{getattr(self.crawler.spider, 'name', 'run')}-{self.started_at}"
                store.record_run(RunRecord(run_id, site, utc_now(), counts[site], current))
        return alerts


def listing_alerts(pages: int, empty: int) -> list[dict[str, Any]]:
    """Listing pages were read but none gave an article link: the listing selectors no longer match."""
    if not pages or empty < pages:
        return []
    logger.error("Listing alert: none of the %d listing pages gave an article link - layout change?", pages)
    return [{"kind": "listing", "field": "article links", "listing_pages": pages, "empty": empty}]


def report_request_failure(crawler: Any, failure: Failure) -> None:
    """Spider errback helper: put a failed request in the failures file (skips are not failures)."""
    request: Request | None = getattr(failure, "request", None)
    exc = failure.value
    if request is None or getattr(exc, "outcome", None) in ("skipped", "refused"):
        return  # refused: the URL gate (crawler.discover.gate) has reported it
    if isinstance(exc, HttpError):
        reason = f"HTTP {exc.response.status}"
    else:
        reason = f"{type(exc).__name__}: {exc}".rstrip(": ")
    report_failure(crawler, request, reason)


def report_failure(crawler: Any, request: Request, reason: str) -> None:
    """A failures line for a request; a failed continuation page is reported as its article."""
    report = RunReport.of(crawler)
    if report is None:
        return
    attempts = int(request.meta.get("retry_times", 0)) + 1
    stage, url = request_stage(request), origin_url(request)
    first = request.cb_kwargs.get("first")  # a continuation page: the whole article is lost
    if stage == "page" and getattr(first, "url", None):
        reason, url = f"page {url}: {reason}", first.url
    report.failed(url, stage, reason, attempts)


def _reason_key(reason: str) -> str:
    return reason.split(":")[0] if reason.startswith("dropped") else reason


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


SUMMARY_RESERVE = 4096  # bytes the placeholder summary takes: room for the short summary on a full disk


def short_summary(summary: dict[str, Any]) -> bytes:
    """The summary's key facts as one JSON line of at most SUMMARY_RESERVE bytes."""
    keep = ("spider", "status", "finish_reason", "started_at", "finished_at", "output", "failures_file", "articles")
    short = {k: summary.get(k) for k in keep}
    short["problems"] = list(summary.get("problems", []))
    while True:
        data = json.dumps(short, ensure_ascii=False).encode("utf-8") + b"\n"
        if len(data) <= SUMMARY_RESERVE or not short["problems"]:
            return data[:SUMMARY_RESERVE]
        short["problems"].pop()


def _overwrite_in_place(path: Path, data: bytes) -> None:
    """Write over an existing file from its start (no new blocks for a file no longer than before)."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError as exc:
        logger.error("No run summary could be written (%s); crawler.state.check reports the run as failed", exc)
        return
    try:
        _append_at(fd, data)
        os.ftruncate(fd, len(data))
        logger.error("Disk full: wrote a short run summary to %s", path)
    except OSError as exc:
        logger.error("No run summary could be written (%s); crawler.state.check reports the run as failed", exc)
    finally:
        os.close(fd)


def _append(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _append_at(fd: int, data: bytes) -> None:
    view, offset = memoryview(data), 0
    while view:
        n = os.pwrite(fd, view, offset)
        view, offset = view[n:], offset + n


def _cut(fd: int, size: int) -> None:
    try:
        os.ftruncate(fd, size)
    except OSError as exc:
        logger.error("Could not cut a partial line (%s)", exc)


def _drop_partial_tail(path: Path) -> None:
    """A killed run may leave half a line at the end of a JSONL file: cut it before appending."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as fh:
        data = fh.read()
        if data.endswith(b"\n"):
            return
        cut = data.rfind(b"\n") + 1
        fh.truncate(cut)
    logger.warning("Cut a partial last line from %s (left by a killed run)", path)


class JobdirGuard:
    """Makes JOBDIR safe for unattended runs.

    - A crawl killed with SIGKILL leaves Scrapy's queue and dupefilter files half written; resuming
      from them could skip articles whose requests were recorded but never answered. When the
      previous run did not close cleanly, the scheduler state is cleared: the crawl restarts from
      the listings and the seen-store skips what was already exported.
    - A crawl that finished clears the scheduler state, so the next scheduled tick starts afresh
      (the seen-store, not the dupefilter, remembers articles across runs).
    A graceful stop (one Ctrl-C / SIGTERM) keeps the state, and Scrapy resumes the queue.
    """

    MARKER = "running.pid"

    def __init__(self, jobdir: Path, reset_on_finish: bool) -> None:
        self.jobdir = jobdir
        self.reset_on_finish = reset_on_finish
        marker = jobdir / self.MARKER
        if marker.exists():
            logger.warning(
                "JOBDIR %s: the previous run did not stop cleanly (pid %s); its request queue cannot be "
                "trusted, restarting from the listings (already exported articles are skipped)",
                jobdir, marker.read_text().strip() or "?",
            )
            self.clear()
        jobdir.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(os.getpid()))

    @classmethod
    def from_crawler(cls, crawler: Any) -> JobdirGuard:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured
        guard = cls(Path(jobdir), crawler.settings.getbool("JOBDIR_RESET_ON_FINISH", True))
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    def clear(self) -> None:
        shutil.rmtree(self.jobdir / "requests.queue", ignore_errors=True)
        (self.jobdir / "requests.seen").unlink(missing_ok=True)

    def spider_closed(self, spider: Any, reason: str) -> None:
        # The scheduler has already saved its state when spider_closed fires.
        if reason == "finished" and self.reset_on_finish:
            self.clear()
        (self.jobdir / self.MARKER).unlink(missing_ok=True)
