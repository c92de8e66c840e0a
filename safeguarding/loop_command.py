"""The learning loop on the command line: the yearly report, the business plan in and out, open challenges."""

from __future__ import annotations

import datetime as dt
import getpass
import sys
from pathlib import Path


def _store(args):
    from safeguarding.partnership_command import store

    return store(args)


def cmd_report(args) -> int:
    from safeguarding.export import reports

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    try:
        data = reports.export_report(_store(args), fmt, args.year, draft=not args.final)
    except reports.ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    out.write_bytes(data)
    print(f"Wrote {out}")
    return 0


def cmd_plan(args) -> int:
    from safeguarding import plan, plan_workbook

    store = _store(args)
    if args.action == "export":
        Path(args.file).write_bytes(plan_workbook.write_plan(plan.priorities(store), plan.actions(store),
                                                             dt.date.today()))
        print(f"Wrote the business plan to {args.file}")
        return 0
    path = Path(args.file)
    if not path.is_file():
        print(f"{path} is not a file.", file=sys.stderr)
        return 1
    if path.stat().st_size > plan_workbook.safety.MAX_FILE_BYTES:
        print(f"{path} is larger than a business plan can be.", file=sys.stderr)
        return 1
    found = plan_workbook.read_plan(path.name, path.read_bytes())
    for problem in found.problems:
        print(f"  {problem}")
    if found.errors:
        print(f"{path.name}: not imported ({len(found.errors)} to fix); nothing was changed.", file=sys.stderr)
        return 1
    saved, versions = plan.save(store, args.by, found.priorities, found.changes)
    print(f"{path.name}: imported {saved} priorities; {versions} actions added or changed.")
    return 0


def cmd_challenges(args) -> int:
    from safeguarding import challenges

    table = challenges.table(challenges.listing(_store(args), status=None if args.all else "open"))
    if args.out:
        Path(args.out).write_text(table.to_csv(index=False), encoding="utf-8")
        print(f"Wrote {len(table)} challenges to {args.out}")
    else:
        sys.stdout.write(table.to_csv(index=False))
    return 0


def register(sub, db_help: str) -> None:
    """Add the report, plan and challenges commands to the command line."""
    report = sub.add_parser("report", help="write the yearly report draft (.docx or .pdf)")
    report.add_argument("--out", required=True, help="the .docx or .pdf file to write")
    report.add_argument("--year", help="the financial year, e.g. 2024-25 (default: the latest)")
    report.add_argument("--final", action="store_true", help="leave out the guidance notes of a draft")
    report.add_argument("--db", help=db_help)
    report.set_defaults(run=cmd_report)

    plan = sub.add_parser("plan", help="import or export the business plan workbook")
    plan.add_argument("action", choices=["import", "export"])
    plan.add_argument("file", help="the .xlsx workbook")
    plan.add_argument("--by", default=getpass.getuser(), help="who is making the change")
    plan.add_argument("--db", help=db_help)
    plan.set_defaults(run=cmd_plan)

    chal = sub.add_parser("challenges", help="list the open challenges (CSV) for the meeting papers")
    chal.add_argument("--all", action="store_true", help="answered and withdrawn ones too")
    chal.add_argument("--out", help="the .csv file to write (default: print)")
    chal.add_argument("--db", help=db_help)
    chal.set_defaults(run=cmd_challenges)
