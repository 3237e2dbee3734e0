"""`scrapy crawl`, plus: a crawl that a component stopped for an operational failure exits non-zero.

Scrapy's own command exits 0 whatever the close reason. A component that stops the crawl because it
cannot go on (the distributed worker when Redis stays unreachable: exit 3) sets the stat `exit_code`;
this command exits with it, after the crawl has closed (output files closed, summary written).
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one spider: scrapy crawl <spider>")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        code = crawler.stats.get_value("exit_code") if crawler.stats is not None else None
        if code:
            self.exitcode = int(code)
