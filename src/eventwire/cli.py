"""The ``eventwire`` command: a thin skin over the library.

Exit codes: 0 all inputs stored, 1 some inputs quarantined, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TextIO, TypeAlias

from rich.console import Console

from eventwire import __version__, codec
from eventwire import eval as evaluation
from eventwire.errors import EventwireError
from eventwire.gazetteer import default_gazetteer_path, load_geonames
from eventwire.pipeline import PipelineConfig, Resources, process_batch
from eventwire.records import Record, Skipped
from eventwire.report import render_record, render_stats, summary_line
from eventwire.stages.actors import ActorsConfig, Codebook
from eventwire.stages.events import EventsConfig
from eventwire.stages.ingest import FetchConfig, IngestConfig, PassedOver, read_inputs
from eventwire.stages.nlp import NlpConfig
from eventwire.stages.places import PlacesConfig
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
    _process_command(sub)
    _store_commands(sub)
    _tool_commands(sub)
    return parser


Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _process_command(sub: Commands) -> None:
    process = sub.add_parser("process", help="code articles from files, folders, JSONL or stdin")
    process.add_argument("paths", nargs="*", metavar="PATH", help=(
        "files (.txt, .html/.htm, .jsonl, .csv, .warc/.warc.gz, .rss/.atom/.xml feeds), folders "
        "(recursive), http(s) URLs of pages or feeds, - for stdin"))
    process.add_argument("--urls", type=Path, metavar="FILE",
                         help="text file of URLs to fetch, one a line")
    process.add_argument("--published", help="publication date (YYYY-MM-DD) for plain inputs")
    process.add_argument("--url", help="source URL for plain inputs")
    _fetch_options(process)
    _db_option(process)
    process.add_argument("--no-db", action="store_true", help="do not write the store")
    process.add_argument("--jsonl", metavar="FILE", help="also write records as JSONL (- = stdout)")
    _model_options(process)
    process.set_defaults(run=_process)


def _fetch_options(parser: argparse.ArgumentParser) -> None:
    fetch = FetchConfig()
    parser.add_argument("--allow-private", action="store_true",
                        help="let URLs reach private, loopback and link-local addresses")
    parser.add_argument("--user-agent", default=fetch.user_agent,
                        help="User-Agent for fetching (also matched against robots.txt)")
    parser.add_argument("--timeout", type=float, default=fetch.read_timeout,
                        help="read timeout per request, seconds (default %(default)s)")
    parser.add_argument("--retries", type=int, default=fetch.retries,
                        help="retries on transient errors (default %(default)s)")
    parser.add_argument("--max-redirects", type=int, default=fetch.max_redirects,
                        help="redirects followed per URL (default %(default)s)")
    parser.add_argument("--rate", type=float, default=fetch.min_interval, metavar="SECONDS",
                        help="minimum interval between requests to one host")
    parser.add_argument("--max-bytes", type=int, default=IngestConfig().max_bytes,
                        help="largest document read, bytes (default %(default)s)")


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store (default {DEFAULT_DB})")


def _json_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--json", action="store_true", help=f"print the {what} as JSON")


def _store_commands(sub: Commands) -> None:
    demo = sub.add_parser("demo", help="code the bundled example article and print a summary")
    _db_option(demo)
    _json_option(demo, "record")
    _model_options(demo)
    demo.set_defaults(run=_demo)

    show = sub.add_parser("show", help="print one stored record")
    show.add_argument("id", help="record id")
    _db_option(show)
    _json_option(show, "record")
    show.set_defaults(run=_show)

    stats = sub.add_parser("stats", help="counts of what the store holds")
    _db_option(stats)
    _json_option(stats, "counts")
    stats.add_argument("--all-copies", action="store_true",
                       help="count the coding of every copy of a syndicated story, not once")
    stats.set_defaults(run=_stats)

    schema = sub.add_parser("schema", help="print the JSON Schema of the output record")
    schema.set_defaults(run=_schema)


def _tool_commands(sub: Commands) -> None:
    codebook = sub.add_parser("codebook", help="check an actor file and count codebook entries")
    codebook.add_argument("--actors", type=Path, metavar="FILE",
                          help="YAML file adding or overriding entries (validated)")
    _json_option(codebook, "counts")
    codebook.set_defaults(run=_codebook)

    gazetteer = sub.add_parser("gazetteer", help="manage the optional full GeoNames gazetteer")
    load = gazetteer.add_subparsers(required=True, metavar="ACTION").add_parser(
        "load", help="import a GeoNames dump (allCountries.zip, cities500.zip or .txt)")
    load.add_argument("dump", type=Path, metavar="FILE", help="GeoNames dump file")
    load.add_argument("--out", type=Path, metavar="PATH",
                      help=f"gazetteer file to write (default {default_gazetteer_path()})")
    load.set_defaults(run=_gazetteer_load)

    train = sub.add_parser("train", help="fit the event model on the packaged training data")
    train.add_argument("--out", type=Path, metavar="DIR",
                       help="where to write the model (default: the packaged model folder)")
    train.add_argument("--seed", type=int, default=0, help="random seed (default %(default)s)")
    train.set_defaults(run=_train)

    score = sub.add_parser("eval", help="score eventwire on a public dev set")
    score.add_argument("scorer", choices=sorted(evaluation.SCORERS), help="what to measure")
    score.add_argument("--data", type=Path, help="gold data folder (default ../shared/data)")
    score.add_argument("--limit", type=int, help="score only the first N documents")
    _json_option(score, "metrics")
    score.set_defaults(run=_eval)


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=NlpConfig().model,
                        help="installed spaCy pipeline package (default %(default)s)")
    parser.add_argument("--actors", type=Path, metavar="FILE",
                        help="YAML file adding or overriding actor codebook entries")
    parser.add_argument("--event-model", type=Path, metavar="DIR",
                        help="event model folder written by `eventwire train` (default: packaged)")
    parser.add_argument("--coder", choices=("both", "rules", "model"), default="both",
                        help="event coder: trigger rules, the statistical model, or both")
    parser.add_argument("--gazetteer", type=Path, metavar="FILE",
                        help="GeoNames gazetteer written by `eventwire gazetteer load`")


def _config(args: argparse.Namespace) -> PipelineConfig:
    coder = EventsConfig(rules=args.coder != "model", model=args.coder != "rules",
                         model_dir=args.event_model)
    return PipelineConfig(nlp=NlpConfig(model=args.model), actors=ActorsConfig(extra=args.actors),
                          events=coder, places=PlacesConfig(gazetteer=args.gazetteer))


def _process(args: argparse.Namespace) -> int:
    if not args.paths and args.urls is None:
        raise EventwireError("process: give at least one PATH or --urls FILE")
    config = _config(args)
    res = Resources.load(config)
    out = _open_jsonl(args.jsonl)
    err = Console(stderr=True)
    store = None if args.no_db else SqliteStore.open(args.db)
    fetch = FetchConfig(user_agent=args.user_agent, read_timeout=args.timeout,
                        retries=args.retries, max_redirects=args.max_redirects,
                        min_interval=args.rate)
    ingest = IngestConfig(published=args.published, url=args.url, stdin=sys.stdin.buffer,
                          url_list=args.urls, allow_private=args.allow_private,
                          max_bytes=args.max_bytes, fetch=fetch,
                          skip_url=store.has_source if store else None)
    run_id = store.start_run(__version__, " ".join(sys.argv[1:])) if store else None
    counts = {"records": 0, "quarantined": 0}
    passed: Counter[PassedOver] = Counter()
    try:
        for result in process_batch(read_inputs(args.paths, ingest, passed), res, config):
            if isinstance(result, Skipped):
                counts["quarantined"] += 1
                err.print(result.message(), style="red", markup=False, highlight=False)
                if store:
                    store.quarantine(result, run_id)
                continue
            counts["records"] += 1
            if store:
                result = store.upsert(result)
            if out:
                out.write(codec.dumps(result) + "\n")
            err.print(summary_line(result), markup=False, highlight=False)
    finally:
        counts.update({f"passed_{reason}": n for reason, n in passed.items()})
        if store and run_id:
            store.finish_run(run_id, counts)
            store.close()
        if out and out is not sys.stdout:
            out.close()
    skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(passed.items()))
    err.print(f"{counts['records']} records, {counts['quarantined']} quarantined"
              + (f", passed over: {skipped}" if skipped else "")
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
        record = store.upsert(record)
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
        stats = store.stats(all_copies=args.all_copies)
    if args.json:
        print(json.dumps(codec.to_json(stats), indent=2))
    else:
        Console().print(render_stats(stats))
    return 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(codec.json_schema(), indent=2))
    return 0


def _codebook(args: argparse.Namespace) -> int:
    book = Codebook.load(args.actors)
    counts = book.summary()
    if args.json:
        print(json.dumps({"version": book.version, **counts}, indent=2))
    else:
        print(f"codebook {book.version}")
        for name, n in counts.items():
            print(f"  {name}: {n}")
    return 0


def _gazetteer_load(args: argparse.Namespace) -> int:
    report = load_geonames(args.dump, args.out)
    print(f"{report.places} places, {report.names} names -> {report.path}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from eventwire.training import train  # scikit-learn is an optional extra

    report = train(args.out, seed=args.seed)
    print(f"event model: {report.path} ({report.size_bytes / 1024:.0f} KiB) from "
          f"{report.examples} examples, {report.features} features; "
          f"{len(report.plover_labels)} PLOVER types, {len(report.acled_labels)} ACLED sub-events")
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
