"""Throughput of the whole eventwire pipeline against raw spaCy on the same articles.

Baseline: ``nlp.pipe`` of the same spaCy pipeline over the same clean texts, measured in the
same run. Prints articles per second for both and the ratio (eventwire time / spaCy time), so
the number says what eventwire's stages cost on top of the parse. Never asserted in tests.

    python benchmarks/throughput.py [FOLDER_OF_TXT] [--limit N]

Default articles: ../shared/data/quotes-dev/dev/text (PolNeAR dev, 84 US political news).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventwire.pipeline import PipelineConfig, Resources, code_articles
from eventwire.records import Article, RawDocument
from eventwire.stages import extract
from eventwire.vocab import InputFormat

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes-dev" / "dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=84)
    args = parser.parse_args()
    config = PipelineConfig()
    paths = sorted(args.folder.glob("*.txt"))[:args.limit]
    docs = [RawDocument(source=str(p), payload=p.read_text(encoding="utf-8"),
                        format=InputFormat.TEXT) for p in paths]
    articles = [a for a in (extract.extract(d, config.extract) for d in docs)
                if isinstance(a, Article)]
    resources = Resources.load(config)
    chars = sum(len(a.text) for a in articles)

    start = time.perf_counter()
    for _ in resources.nlp.pipe((a.text for a in articles), batch_size=config.nlp.batch_size):
        pass
    spacy_s = time.perf_counter() - start

    start = time.perf_counter()
    records = list(code_articles(articles, resources, config))
    ours_s = time.perf_counter() - start

    events = sum(len(r.events) for r in records)
    print(f"articles: {len(articles)} ({chars / 1000:.0f}k chars) from {args.folder}")
    print(f"raw spaCy nlp.pipe : {len(articles) / spacy_s:6.2f} articles/s ({spacy_s:.2f} s)")
    print(f"eventwire pipeline : {len(articles) / ours_s:6.2f} articles/s ({ours_s:.2f} s), "
          f"{events} events")
    print(f"ratio eventwire/spaCy time: {ours_s / spacy_s:.2f}x")


if __name__ == "__main__":
    main()
