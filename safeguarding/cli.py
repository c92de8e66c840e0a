"""The command line: python -m safeguarding load | settings | indicators | reference | template | demo |
export-pack | report | plan | challenges | partnerships | passphrase-hash."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from safeguarding import loop_command, partnership_command
from safeguarding.partnership_command import Refused
from safeguarding.store import StoreError

LOAD_WAIT = 60.0  # seconds: long enough for a scheduled job to queue behind another load


def cmd_load(args) -> int:
    from safeguarding.loading import StoreBusy, load_paths

    store = partnership_command.store(args, wait=args.wait)
    try:
        results = load_paths(store, [Path(p) for p in args.files], by=args.by, settle=True)
    except StoreBusy as exc:
        print(exc, file=sys.stderr)
        return 1
    for result in results:
        print(result.summary())
        for problem in result.parsed.errors + result.parsed.warnings:
            print(f"  {problem}")
    return 0 if all(r.ok for r in results) else 1


def cmd_settings(args) -> int:
    from safeguarding import settings

    store = partnership_command.store(args)
    try:
        if any(v is not None for v in (args.la_code, args.name, args.disclosure, args.threshold)):
            settings.update(store, by=args.by, la_code=args.la_code, name=args.name, disclosure=args.disclosure,
                            suppression=args.threshold)
    except settings.SettingsError as exc:
        print(exc, file=sys.stderr)
        return 1
    for key, value in settings.describe(store).items():
        print(f"{key}: {value}")
    return 0


def cmd_indicators(args) -> int:
    from safeguarding import indicators, output

    store = partnership_command.store(args)
    frame = indicators.compute(store, args.view)
    text = output.indicators_csv(frame) if args.format == "csv" else output.indicators_table(frame)
    sys.stdout.write(text)
    return 0


def cmd_template(args) -> int:
    import datetime as dt

    from safeguarding.catalogue import agency_code
    from safeguarding.periods import last_ended_quarters
    from safeguarding.template_writer import write_template

    agency = agency_code(args.agency)
    if agency is None:
        print(f"Unknown agency {args.agency!r}: use CSC, POL, HEA, EDU, YJS or TRN.", file=sys.stderr)
        return 1
    Path(args.out).write_bytes(write_template(agency, last_ended_quarters(dt.date.today())))
    print(f"Wrote the blank {agency} template to {args.out}")
    return 0


def cmd_demo(args) -> int:
    from safeguarding import demo

    path = partnership_command.location(args)
    if isinstance(path, str):
        print("The demo replaces a database file; a shared store is never replaced. Load the sample returns into "
              "it instead: python -m safeguarding load --db URL data/sample/*.xlsx", file=sys.stderr)
        return 1
    summary = demo.build_demo_database(path, progress=lambda text: print(text, flush=True))
    print(summary)
    return 0


def cmd_export_pack(args) -> int:
    from safeguarding.export import packs

    store = partnership_command.store(args)
    try:
        out = packs.export_pack_to_file(store, Path(args.out), period=args.period, view=args.view,
                                        preset=args.preset, final=args.final,
                                        commentary_on_hidden=args.include_commentary_on_hidden)
    except packs.ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Wrote {out}")
    return 0


def cmd_reference(args) -> int:
    from safeguarding import releases

    store = partnership_command.store(args)
    if args.action == "list":
        print(releases.releases(store).to_string(index=False) if len(releases.releases(store)) else
              "No benchmark releases loaded: the benchmarks are the shipped DfE (LAIT) figures.")
        return 0
    if not args.files:
        print("Name the DfE statistics files (CSV) to load.", file=sys.stderr)
        return 1
    named = [(Path(p).name, Path(p).read_bytes()) for p in args.files]
    found = releases.preview(store, named)
    for line in found.summary:
        print(line)
    if not found.ok:
        for problem in found.errors:
            print(f"  {problem}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    if len(found.changes) and args.show > 0:
        print(found.changes.head(args.show).to_string(index=False))
        if len(found.changes) > args.show:
            print(f"... and {len(found.changes) - args.show:,} more changes.")
    if args.check:
        print("Checked only (--check): nothing was changed.")
        return 0
    for line in releases.save(store, named, by=args.by):
        print(line)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m safeguarding",
                                  description="Safeguarding partnership dashboard: load returns, compute indicators.")
    partnership_command.add_options(top)
    sub = top.add_subparsers(dest="command", required=True)
    db_help = "the database file (default: $SAFEGUARDING_DB or data/safeguarding.duckdb)"

    load = sub.add_parser("load", help="load partner returns (.xlsx or .csv)")
    load.add_argument("files", nargs="+")
    load.add_argument("--db", help=db_help)
    load.add_argument("--by", default=getpass.getuser(), help="who is loading (recorded with each submission)")
    load.add_argument("--wait", type=float, default=LOAD_WAIT, metavar="SECONDS",
                      help=f"while another load holds the database, keep trying for this long (default {LOAD_WAIT:g})")
    load.set_defaults(run=cmd_load)

    settings = sub.add_parser("settings", help="show or set the partnership's settings")
    settings.add_argument("--db", help=db_help)
    settings.add_argument("--la-code", type=int, help="the local authority's 3-digit code, e.g. 884")
    settings.add_argument("--name", help="the partnership's name")
    settings.add_argument("--disclosure", choices=["suppress", "round"],
                          help="disclosure control: suppress and protect (DfE, the default) or round (NHS Digital)")
    settings.add_argument("--threshold", type=int, help="suppress and protect: hide counts from 1 to this (default 5)")
    settings.add_argument("--by", default=getpass.getuser(), help="who is making the change")
    settings.set_defaults(run=cmd_settings)

    ind = sub.add_parser("indicators", help="print every indicator for every period")
    ind.add_argument("--db", help=db_help)
    ind.add_argument("--view", choices=["quarter", "year"], default="quarter")
    ind.add_argument("--format", choices=["csv", "table"], default="table")
    ind.set_defaults(run=cmd_indicators)

    template = sub.add_parser("template", help="write the blank return template for an agency")
    template.add_argument("agency", help="CSC, POL, HEA, EDU, YJS or TRN")
    template.add_argument("--out", required=True, help="the .xlsx file to write")
    template.set_defaults(run=cmd_template)

    demo = sub.add_parser("demo", help="build the demo database from data/sample/")
    demo.add_argument("--db", help=db_help)
    demo.set_defaults(run=cmd_demo)

    pack = sub.add_parser("export-pack", help="write a board pack (.pptx or .pdf)")
    pack.add_argument("--out", required=True)
    pack.add_argument("--db", help=db_help)
    pack.add_argument("--period", help="e.g. '2024-25 Q4' or '2024-25' (default: the latest)")
    pack.add_argument("--view", choices=["quarter", "year"], default="quarter")
    pack.add_argument("--preset", default="headlines", help="agenda, headlines, scorecard, training or partners")
    pack.add_argument("--final", action="store_true", help="mark the pack final rather than draft")
    pack.add_argument("--include-commentary-on-hidden", action="store_true",
                      help="keep partners' commentary beside figures the disclosure rule hides (read it first: "
                           "it may state the number)")
    pack.set_defaults(run=cmd_export_pack)

    ref = sub.add_parser("reference", help="refresh the DfE benchmarks from DfE's statistics files, or list releases")
    ref.add_argument("action", choices=["update", "list"])
    ref.add_argument("files", nargs="*", help="DfE statistics-service CSV files (children in need, looked after)")
    ref.add_argument("--db", help=db_help)
    ref.add_argument("--by", default=getpass.getuser(), help="who is loading (recorded with each release)")
    ref.add_argument("--check", action="store_true", help="show what would change, store nothing")
    ref.add_argument("--show", type=int, default=40, help="how many changed figures to list (default 40)")
    ref.set_defaults(run=cmd_reference)

    loop_command.register(sub, db_help)
    partnership_command.register(sub, db_help)

    secret = sub.add_parser("passphrase-hash", help="make the analyst passphrase hash for .streamlit/secrets.toml")
    secret.set_defaults(run=_passphrase_hash)
    return top


def _passphrase_hash(args) -> int:
    from safeguarding.passphrase_command import cmd_passphrase_hash

    return cmd_passphrase_hash(args)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        partnership_command.resolve(args)
        return args.run(args)
    except Refused as exc:
        return partnership_command.refuse(exc)
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a user never sees a traceback; the message names what failed
        print(f"Something went wrong: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
