"""WARC archiving of fetched responses and offline replay from the archive (both off unless configured).

Settings: WARC_ARCHIVE (directory for rotating .warc.gz files), WARC_MAX_SIZE (bytes per file),
WARC_REPLAY (archive files or directories to serve responses from instead of the network).
"""

from crawler.warc.archive import WarcArchiveMiddleware
from crawler.warc.replay import WarcReplayMiddleware

__all__ = ["WarcArchiveMiddleware", "WarcReplayMiddleware"]
