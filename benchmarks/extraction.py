"""Extraction speed: eventwire's extract stage against plain trafilatura on the same pages.

Baseline: ``trafilatura.extract(html)`` with its defaults (main text only, no metadata), in the
same run over the same decoded pages. eventwire's ``extract`` does more per page: trafilatura
with metadata (title, author, date through htmldate), the layout reader, the credits and
py3langid. For where the difference goes, a third line times trafilatura with the metadata
eventwire asks for (``with_metadata=True``). All run in this one process, one page at a time,
so CPU seconds are seconds of one core: pages per second per core = pages / CPU seconds.
Each first runs once over all pages untimed, so that lazily built state (dateparser's
per-language patterns, the py3langid model) is in place for all three alike. Prints each, wall
time too, and the ratio (eventwire CPU time / plain trafilatura CPU time). Never asserted in
tests.

    python benchmarks/extraction.py [--data FOLDER] [--limit N] [--rounds R]

Default pages: ../shared/data/extraction-dev (250 pages).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from eventwire.eval import default_data_dir
from eventwire.eval.extraction import load_pages
from eventwire.records import RawDocument
from eventwire.stages.extract import ExtractConfig, extract
from eventwire.vocab import InputFormat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=1, help="passes over the pages")
    args = parser.parse_args()
    pages = [page.html for page in load_pages(args.data / "extraction-dev", args.limit)]
    config = ExtractConfig()

    def ours(html: str) -> object:
        return extract(RawDocument(source="bench", payload=html, format=InputFormat.HTML),
                       config)

    def with_metadata(html: str) -> object:
        return trafilatura.extract(html, with_metadata=True)

    for warm_up in (trafilatura.extract, with_metadata, ours):
        _timed(warm_up, pages, 1)
    base_cpu, base_wall = _timed(trafilatura.extract, pages, args.rounds)
    meta_cpu, meta_wall = _timed(with_metadata, pages, args.rounds)
    ours_cpu, ours_wall = _timed(ours, pages, args.rounds)
    n = len(pages) * args.rounds
    chars = sum(len(html) for html in pages) / 1e6
    print(f"pages: {len(pages)} x {args.rounds} rounds ({chars:.1f}M characters of HTML) from "
          f"{args.data / 'extraction-dev'}")
    print(f"plain trafilatura.extract : {n / base_cpu:6.1f} pages/s per core "
          f"({base_cpu:.2f} s CPU, {base_wall:.2f} s wall)")
    print(f"trafilatura with metadata : {n / meta_cpu:6.1f} pages/s per core "
          f"({meta_cpu:.2f} s CPU, {meta_wall:.2f} s wall)")
    print(f"eventwire extract         : {n / ours_cpu:6.1f} pages/s per core "
          f"({ours_cpu:.2f} s CPU, {ours_wall:.2f} s wall)")
    print(f"ratio eventwire/trafilatura CPU time: {ours_cpu / base_cpu:.2f}x")


def _timed(run: Callable[[str], object], pages: list[str], rounds: int) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(rounds):
        for html in pages:
            run(html)
    return time.process_time() - cpu, time.perf_counter() - wall


if __name__ == "__main__":
    main()
