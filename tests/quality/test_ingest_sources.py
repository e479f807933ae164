"""Quality gate: extraction-dev's real pages arrive unchanged through every ingest source.

All 250 pages go through a WARC.gz, a CSV file, a URL list over HTTP (gzip) and an RSS feed
(``tests/fixtures/ingest/roundtrip.py``); each must give what the file reader gives on the same
pages. Measured 250/250 on every source; the floor is one page below.
"""

from __future__ import annotations

from pathlib import Path

from fixtures.ingest.roundtrip import measure

FLOOR = 249 / 250


def test_every_source_gives_what_the_file_reader_gives(data_dir: Path) -> None:
    scores = measure(data_dir)

    assert scores[0].scored == 250
    for score in scores:
        print(score.row())
        assert score.tp / score.scored >= FLOOR, score
