"""Hammer a loopback site server with keep-alive GETs (proxy form) for a few seconds; print the count.

    python -m bench.loadgen --port P --seconds 5 URL [URL ...]

`bench.distributed` starts several of these at once to measure the server's own ceiling (requests/s with
no crawler in the way). The clients share the machine with the server, so the figure is a lower bound.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import sys
import time


def hammer(port: int, seconds: float, urls: list[str]) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    done = 0
    deadline = time.perf_counter() + seconds
    for url in itertools.cycle(urls):
        conn.request("GET", url)
        conn.getresponse().read()
        done += 1
        if time.perf_counter() > deadline:
            break
    conn.close()
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadgen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args(argv)
    print(hammer(args.port, args.seconds, args.urls))
    return 0


if __name__ == "__main__":
    sys.exit(main())
