"""Rotating .warc.gz files: a warcinfo record opens each file; a new file starts once one passes max_size."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from warcio.warcwriter import WARCWriter

log = logging.getLogger(__name__)


class RotatingWarcWriter:
    def __init__(self, directory: Path, prefix: str, max_size: int, info: dict[str, str]) -> None:
        self.directory = directory
        self.prefix = prefix
        self.max_size = max_size
        self.info = info
        self.serial = 0
        self.paths: list[Path] = []
        self._fh: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    def _open(self) -> WARCWriter:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.serial += 1
        path = self.directory / f"{self.prefix}-{self._stamp}-{self.serial:05d}.warc.gz"
        self._fh = path.open("xb")
        self._writer = WARCWriter(self._fh, gzip=True)
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, self.info))
        self.paths.append(path)
        log.info("WARC archive: writing %s", path)
        return self._writer

    def write(self, *records) -> None:
        """Write records together in one file (a response and its request are never split)."""
        if self._writer is None or (self._fh is not None and self._fh.tell() >= self.max_size):
            self.close()
            self._open()
        assert self._writer is not None
        for record in records:
            self._writer.write_record(record)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
        self._fh = None
        self._writer = None
