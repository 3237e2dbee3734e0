"""Scrapy settings for the zhnews crawler: flat, one knob a line, polite by default.

Override any of them per run: `scrapy crawl gmw -s DOWNLOAD_DELAY=2 -s EXPORTS_DIR=/data/runs`.
"""

BOT_NAME = "zhnews"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"  # `scrapy crawl` that exits non-zero when a crawl was stopped (exit_code stat)

# --- Politeness ----------------------------------------------------------------------------
# Say who we are; a site owner can find us and write to us.
USER_AGENT = "zhnews-crawler/0.1 (news research crawler; +https://example.invalid/zhnews; respects robots.txt)"
ROBOTSTXT_OBEY = True
# Few parallel requests per host (gmw's channels are separate hosts: politics.gmw.cn, news.gmw.cn...).
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0  # seconds between requests to one host; AutoThrottle adapts from here
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0  # on average one request in flight per host
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2  # transient errors and 5xx/429 get two more tries
COOKIES_ENABLED = False  # news pages need no session

# --- Crawl scope -----------------------------------------------------------------------------
LISTING_MAX_PAGES = 5  # listing pages read per channel (spider argument `-a max_pages=N` overrides)
DEPTH_LIMIT = 0  # depth is bounded by LISTING_MAX_PAGES, not by link depth
# Only http(s) is ever fetched (crawler.discover.urls is the gate); the other handlers are switched off too.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}

# --- Records: normalise -> validate -> de-duplicate -> write ---------------------------------
ITEM_PIPELINES = {
    "pipelines.normalise.NormaliseWhitespacePipeline": 100,
    "pipelines.validate.SchemaValidationPipeline": 200,
    "pipelines.dedupe.DropDuplicatesPipeline": 300,
    "pipelines.jsonl.JsonlWriterPipeline": 900,
}
EXPORTS_DIR = "exports"  # where run files go (relative to the working directory)
EXPORTS_FILENAME = "{spider}-{timestamp}.jsonl"  # one file per run; timestamp is UTC, e.g. 20240513T084921Z
EXPORTS_FSYNC = True  # fsync the run file when the spider closes
RECORD_SCHEMA = None  # path of the JSON Schema to validate against; None = exports/article.schema.json
# Switches: set False to take a step out of the chain.
NORMALISE_ENABLED = True
VALIDATE_ENABLED = True
DEDUPE_ENABLED = True
JSONL_ENABLED = True
FEED_EXPORT_ENCODING = "utf-8"  # for ad-hoc `-o file.jsonl` feeds: real characters, no \uXXXX

# --- Engine ----------------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# Scrapy 2.19 starts CONCURRENT_ITEMS asyncio tasks for every callback's output, however little it yields
# (an article callback yields one record; the default 100 meant 100 tasks per page). The pipelines here are
# synchronous, so more than one buys nothing. Measured with `python -m bench.scale items` (2,000-article
# site, pages per CPU second of the crawl process, loaded machine): 100 -> 128, 10 -> 145, 1 -> 167;
# the incremental second run took 6.2 / 4.1 / 4.2 CPU seconds. Raise it only for async pipelines.
CONCURRENT_ITEMS = 1
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False

# --- Unattended runs: incremental state, retries, failures and summary (issue 4) -------------
# Seen-store (crawler/state): remembers exported articles (content hash, ETag/Last-Modified).
SEEN_STORE = None  # None: <EXPORTS_DIR>/seen.sqlite3; a path or "sqlite:<path>"; "off" re-exports everything
REVISIT_WINDOW_HOURS = 48  # stored articles younger than this are re-checked (conditional request)
DOWNLOADER_MIDDLEWARES = {
    "crawler.discover.gate.UrlGateMiddleware": 10,  # http(s) on an allowed host only, every request and redirect
    "crawler.middlewares.IncrementalMiddleware": 90,  # skip stored articles / ask If-None-Match
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,  # same RETRY_* settings, pauses between tries
    "crawler.warc.WarcArchiveMiddleware": 980,  # off unless WARC_ARCHIVE is set
    "crawler.warc.WarcReplayMiddleware": 990,  # off unless WARC_REPLAY is set
}
RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry, doubled for each next one
RETRY_BACKOFF_MAX = 60.0
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]  # 404/410 are final: never retried
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # a news page is < 1 MB; bigger is junk (cancelled, recorded)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5  # a redirect loop ends here (recorded as a failure)
ITEM_PIPELINES = {
    **ITEM_PIPELINES,
    "pipelines.seen.SeenFilter": 400,  # drop unchanged/out-of-window records, flag changed ones
    "pipelines.seen.SeenCommit": 950,  # remember a record only once its line is written
}
EXTENSIONS = {
    "crawler.extensions.JobdirGuard": 0,  # JOBDIR: reset a killed run's queue, clear it after a finished run
    "crawler.extensions.RunReport": 500,  # <output>.failures.jsonl and <output>.summary.json
}
JOBDIR_RESET_ON_FINISH = True
# Fill-rate alerts: a field filled in >= ALERT_MIN_BASELINE of records over the last ALERT_HISTORY_RUNS
# runs that drops by ALERT_FILL_DROP (absolute) is logged as an error and listed in summary["alerts"].
ALERT_MIN_ITEMS = 5
ALERT_HISTORY_RUNS = 5
ALERT_FILL_DROP = 0.3
ALERT_MIN_BASELINE = 0.5

# --- Distributed crawl on Redis (scrapy-redis; issue 5) -- off unless REDIS_URL is set ---------
# `scrapy crawl gmw -s REDIS_URL=redis://host:6379/0` makes this process one worker of a shared crawl:
# shared queue + dupefilter (scrapy-redis), seen-store in Redis, one JSONL file per worker.
# Seed once with `zhnews seed gmw --redis URL`; see docs/distributed.md.
ADDONS = {"crawler.distributed.addon.DistributedAddon": 0}
REDIS_URL = None
REDIS_KEY_PREFIX = "zhnews"  # every key is <prefix>:<spider>:... (crawl) or <prefix>:seen... (seen-store)
REDIS_CONNECT_TIMEOUT = 5.0  # seconds; an unreachable Redis fails the start instead of hanging
DISTRIBUTED_HEARTBEAT = 2.0  # seconds between a worker's heartbeats
DISTRIBUTED_WORKER_TTL = 15.0  # a worker silent this long is dead: its in-flight requests are requeued
DISTRIBUTED_IDLE_CLOSE = 2.0  # queue empty and nothing in flight this long: the crawl is over
DISTRIBUTED_SEED_WAIT = 300.0  # a worker started before the seed waits this long for it
DISTRIBUTED_REDIS_OUTAGE = 30.0  # Redis unreachable this long: the worker stops (summary written, exit status 3)

# --- WARC archive and replay (crawler/warc) -- off unless set ------------------------------------
WARC_ARCHIVE = None  # folder: every request + response goes into rotating .warc.gz files there
WARC_MAX_SIZE = 1_000_000_000  # bytes per .warc.gz file before the next one is started
WARC_REPLAY = None  # archive file(s) or folder: answer every request from it, never the network
