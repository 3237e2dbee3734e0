"""Project commands (COMMANDS_MODULE): `scrapy crawl` with an exit status that tells a stopped crawl."""
