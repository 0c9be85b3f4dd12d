"""Benchmarks: `ivrmaze check` against a C-speed reference on generated mazes (issue 15), a small
file against bare imports, and a file with 100,000 intents (issue 9).

    python -m benchmarks                 # 10,000 and 100,000 nodes (make bench)
    python -m benchmarks 1000000         # a million nodes
    python -m benchmarks 10000 --runs 5 --json out/bench.json

ivrmaze is measured through its command line only (each run a fresh `python -m ivrmaze`
process), so the benchmark does not depend on its internals. See docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import sys

from .intents import COUNT
from .report import markdown, summarise, table
from .suite import Options, collect

SIZES = (10000, 100000)


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", nargs="*", type=int, default=list(SIZES), help="maze sizes in nodes (default: %(default)s)")
    p.add_argument("--runs", type=int, default=3, help="repetitions; times are their median (default: 3)")
    p.add_argument("--timeout", type=float, default=1200, help="stop an ivrmaze run after this many seconds")
    p.add_argument("--max-gb", type=float, default=8, help="stop a run whose processes hold more (default: 8)")
    p.add_argument("--intents", type=int, default=COUNT, help="intents of the many-intents case (0: skip it)")
    p.add_argument("--intents-timeout", type=float, default=60, help="stop the many-intents check after this")
    p.add_argument("--no-small", action="store_true", help="skip the small-file ratio")
    p.add_argument("--json", metavar="PATH", help="also write the report as JSON to PATH")
    p.add_argument("--markdown", action="store_true", help="print the tables as Markdown (docs/performance.md)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    opts = Options(sizes=args.sizes, runs=args.runs, timeout=args.timeout, cap_mb=args.max_gb * 1024,
                   intents=args.intents, intents_timeout=args.intents_timeout, small=not args.no_small)
    report = summarise(collect(opts), args.runs)
    print(markdown(report) if args.markdown else table(report))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
