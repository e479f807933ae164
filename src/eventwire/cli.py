"""The ``eventwire`` command: a thin skin over the library.

Exit codes: 0 all inputs stored, 1 some inputs quarantined, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TextIO

from rich.console import Console

from eventwire import __version__, codec
from eventwire import eval as evaluation
from eventwire.errors import EventwireError
from eventwire.pipeline import PipelineConfig, Resources, process_batch
from eventwire.records import Record, Skipped
from eventwire.report import render_record, render_stats, summary_line
from eventwire.stages.actors import ActorsConfig
from eventwire.stages.ingest import IngestConfig, read_inputs
from eventwire.stages.nlp import NlpConfig
from eventwire.store import SqliteStore

DEFAULT_DB = "eventwire.sqlite"
DEMO_PUBLISHED = "2021-08-26"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except EventwireError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 2
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventwire", description=(
        "Turn raw news into a source-grounded dataset of political and security events."))
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    process = sub.add_parser("process", help="code articles from files, folders, JSONL or stdin")
    process.add_argument("paths", nargs="+", metavar="PATH",
                         help=".txt, .html/.htm, .jsonl files, folders (recursive), - for stdin")
    process.add_argument("--published", help="publication date (YYYY-MM-DD) for plain inputs")
    process.add_argument("--url", help="source URL for plain inputs")
    process.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default {DEFAULT_DB})")
    process.add_argument("--no-db", action="store_true", help="do not write the store")
    process.add_argument("--jsonl", metavar="FILE", help="also write records as JSONL (- = stdout)")
    _model_options(process)
    process.set_defaults(run=_process)

    demo = sub.add_parser("demo", help="code the bundled example article and print a summary")
    demo.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default {DEFAULT_DB})")
    demo.add_argument("--json", action="store_true", help="print the record as JSON")
    _model_options(demo)
    demo.set_defaults(run=_demo)

    show = sub.add_parser("show", help="print one stored record")
    show.add_argument("id", help="record id")
    show.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default {DEFAULT_DB})")
    show.add_argument("--json", action="store_true", help="print the record as JSON")
    show.set_defaults(run=_show)

    stats = sub.add_parser("stats", help="counts of what the store holds")
    stats.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default {DEFAULT_DB})")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")
    stats.set_defaults(run=_stats)

    schema = sub.add_parser("schema", help="print the JSON Schema of the output record")
    schema.set_defaults(run=_schema)

    score = sub.add_parser("eval", help="score eventwire on a public dev set")
    score.add_argument("scorer", choices=sorted(evaluation.SCORERS), help="what to measure")
    score.add_argument("--data", type=Path, help="gold data folder (default ../shared/data)")
    score.add_argument("--limit", type=int, help="score only the first N documents")
    score.add_argument("--json", action="store_true", help="print the metrics as JSON")
    score.set_defaults(run=_eval)
    return parser


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=NlpConfig().model,
                        help="installed spaCy pipeline package (default %(default)s)")
    parser.add_argument("--actors", type=Path, metavar="FILE",
                        help="YAML file adding or overriding actor codebook entries")


def _config(args: argparse.Namespace) -> PipelineConfig:
    return PipelineConfig(nlp=NlpConfig(model=args.model),
                          actors=ActorsConfig(extra=args.actors))


def _process(args: argparse.Namespace) -> int:
    config = _config(args)
    ingest = IngestConfig(published=args.published, url=args.url, stdin=sys.stdin.buffer)
    res = Resources.load(config)
    out = _open_jsonl(args.jsonl)
    err = Console(stderr=True)
    store = None if args.no_db else SqliteStore.open(args.db)
    run_id = store.start_run(__version__, " ".join(sys.argv[1:])) if store else None
    counts = {"records": 0, "quarantined": 0}
    try:
        for result in process_batch(read_inputs(args.paths, ingest), res, config):
            if isinstance(result, Skipped):
                counts["quarantined"] += 1
                err.print(result.message(), style="red", markup=False, highlight=False)
                if store:
                    store.quarantine(result, run_id)
                continue
            counts["records"] += 1
            if store:
                store.upsert(result)
            if out:
                out.write(codec.dumps(result) + "\n")
            err.print(summary_line(result), markup=False, highlight=False)
    finally:
        if store and run_id:
            store.finish_run(run_id, counts)
            store.close()
        if out and out is not sys.stdout:
            out.close()
    err.print(f"{counts['records']} records, {counts['quarantined']} quarantined"
              + (f" -> {args.db}" if store else ""), markup=False, highlight=False)
    return 1 if counts["quarantined"] else 0


def _open_jsonl(path: str | None) -> TextIO | None:
    if path is None:
        return None
    if path == "-":
        return sys.stdout
    return open(path, "w", encoding="utf-8")


def _demo(args: argparse.Namespace) -> int:
    config = _config(args)
    example = resources.files("eventwire.data").joinpath("example/article.txt")
    ingest = IngestConfig(published=DEMO_PUBLISHED)
    with resources.as_file(example) as path:
        results = list(process_batch(read_inputs([str(path)], ingest), Resources.load(config),
                                     config))
    record = next(r for r in results if isinstance(r, Record))
    with SqliteStore.open(args.db) as store:
        run_id = store.start_run(__version__, "demo")
        store.upsert(record)
        store.finish_run(run_id, {"records": 1, "quarantined": 0})
    _print_record(record, args.json)
    if not args.json:
        Console(stderr=True).print(f"stored as {record.id} in {args.db}", markup=False)
    return 0


def _show(args: argparse.Namespace) -> int:
    with _existing_store(args.db) as store:
        record = store.get(args.id)
    if record is None:
        print(f"eventwire: no record {args.id!r} in {args.db}", file=sys.stderr)
        return 1
    _print_record(record, args.json)
    return 0


def _stats(args: argparse.Namespace) -> int:
    with _existing_store(args.db) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(codec.to_json(stats), indent=2))
    else:
        Console().print(render_stats(stats))
    return 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(codec.json_schema(), indent=2))
    return 0


def _eval(args: argparse.Namespace) -> int:
    report = evaluation.run(args.scorer, args.data, args.limit)
    if args.json:
        print(json.dumps(dict(report.metrics), indent=2))
    else:
        print(report.markdown())
    return 0


def _existing_store(path: str) -> SqliteStore:
    if not Path(path).is_file():
        raise EventwireError(f"{path}: no such store (run `eventwire process` first)")
    return SqliteStore(path)


def _print_record(record: Record, as_json: bool) -> None:
    if as_json:
        print(json.dumps(codec.to_json(record), ensure_ascii=False, indent=2))
    else:
        Console(width=max(Console().width, 160)).print(render_record(record))
