"""Paths, URLs and stdin -> RawDocument | Skipped: files, folders, JSONL, CSV, WARC, feeds, web.

Every input is named in ``source``: the path, ``path:LINE`` for a JSONL line, ``path:ROW`` for a
CSV row, ``path@OFFSET`` for a WARC record, the URL as given for a web page or feed item, or
``<stdin>``. A bad input is a ``Skipped`` row with a reason and a one-line detail, never an
exception, and the other inputs go on. What ingest passes over on purpose (feed items already
known, WARC records that are not HTML responses) is counted by ``PassedOver`` reason in the
``passed`` counter, if one is given, and quarantined nowhere.

By name: ``-`` is stdin (one document, sniffed as HTML or text); ``http://`` and ``https://``
are fetched (``web``, ``fetch``); anything else is a path. By extension (under a ``.gz``):

=====================  ============================================  ============
extension              read as                                       module
=====================  ============================================  ============
.txt .html .htm        one document                                  ``files``
.jsonl                 a document per line                           ``jsonl``
.csv                   a document per row                            ``tabular``
.warc (.warc.gz)       a document per HTML response record           ``warc``
.rss .atom .xml        a feed: each item's link is fetched           ``feeds``
=====================  ============================================  ============

Folders are walked recursively in sorted order for all but feeds; hidden entries and files
with other extensions (images, notes) are skipped silently, as a folder of articles usually
holds some. A file named explicitly with another extension is sniffed as HTML or text.
``IngestConfig.url_list`` adds the URLs of a text file after the paths.

``published`` applies to every document that does not carry its own date (a JSONL line's or
CSV row's field, a feed item's date wins). ``url`` names one document, so it is accepted only
with a single file or stdin: the article id is a hash of the URL, and one URL on many documents
would merge them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from eventwire.errors import ConfigError
from eventwire.records import RawDocument, Skipped
from eventwire.stages.ingest.config import FetchConfig, IngestConfig, PassedOver
from eventwire.stages.ingest.files import (
    DOCUMENTS,
    expand,
    kind,
    read_bytes,
    read_document,
    read_jsonl,
    read_stdin,
)
from eventwire.stages.ingest.tabular import read_csv
from eventwire.stages.ingest.warc import read_warc
from eventwire.stages.ingest.web import WebReader, is_url

__all__ = ["FetchConfig", "IngestConfig", "PassedOver", "read_inputs"]

STDIN = "-"
_FEEDS = frozenset({".rss", ".atom", ".xml"})
_IN_FOLDERS = frozenset({*DOCUMENTS, ".jsonl", ".csv", ".warc"})
_MANY_DOCUMENTS = frozenset({".jsonl", ".csv", ".warc", *_FEEDS})


def read_inputs(paths: Sequence[str], config: IngestConfig,
                passed: Counter[PassedOver] | None = None,
                ) -> Iterator[RawDocument | Skipped]:
    """One RawDocument or Skipped per document in ``paths``, in the order given.

    ``passed`` receives the counts of what was passed over on purpose (see ``PassedOver``).
    """
    if config.url and not _single_document(paths):
        raise ConfigError("a url names one document: give it with a single file or stdin")
    counts: Counter[PassedOver] = Counter() if passed is None else passed
    with WebReader(config, counts) as web:
        for name in paths:
            if name == STDIN:
                yield read_stdin(config)
            elif is_url(name):
                yield from web.read_url(name)
            else:
                for path in expand(Path(name), _IN_FOLDERS):
                    yield from _read_path(path, config, web, counts)
        if config.url_list is not None:
            yield from web.read_url_list(config.url_list)


def _read_path(path: Path, config: IngestConfig, web: WebReader,
               passed: Counter[PassedOver]) -> Iterator[RawDocument | Skipped]:
    match kind(path):
        case ".jsonl":
            yield from read_jsonl(path, config)
        case ".csv":
            yield from read_csv(path, config)
        case ".warc":
            yield from read_warc(path, config, passed)
        case feed if feed in _FEEDS:
            data = read_bytes(path, config)
            if isinstance(data, Skipped):
                yield data
            else:
                yield from web.read_feed(data, str(path), base=None, media_type="application/xml")
        case _:
            yield read_document(path, config)


def _single_document(paths: Sequence[str]) -> bool:
    if len(paths) != 1 or is_url(paths[0]):
        return False
    return paths[0] == STDIN or (not Path(paths[0]).is_dir()
                                 and kind(Path(paths[0])) not in _MANY_DOCUMENTS)
