"""Serve a folder on 127.0.0.1 from its own process (like `scrapy bench`'s server), printing the port.

    python -m bench.site_server ROOT [--port 0]

The first stdout line is the port; the server runs until killed.
"""

from __future__ import annotations

import argparse
import sys

from twisted.internet import reactor
from twisted.web.server import Site
from twisted.web.static import File


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site_server", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="folder to serve")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)
    root = File(args.root)
    root.contentTypes[".htm"] = "text/html; charset=utf-8"
    root.contentTypes[".html"] = "text/html; charset=utf-8"
    site = Site(root)
    site.noisy = False
    listener = reactor.listenTCP(args.port, site, interface="127.0.0.1")
    print(listener.getHost().port, flush=True)
    reactor.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
