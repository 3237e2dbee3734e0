"""Discovery: which URLs a crawl may fetch (urls.refuse_reason) and how spiders find them."""
