"""The seeded demo: a fictional partnership's returns as real workbooks, and a database built from them.

"Marcher Vale Safeguarding Children Partnership (synthetic demo)" borrows Herefordshire's (LA 884)
published 0-17 population, region and statistical neighbours, so its benchmarks are real; every count
is invented (safeguarding/demo_model.py). The files in data/sample/ are shaped like real returns:

- `2022-23_history_all_agencies.xlsx`: the first year as one long-layout backfill (sheet `Data`).
- `YYYY-YY-Qn_AGENCY.xlsx`: one template per agency per quarter, 2023-24 Q1 to 2024-25 Q4, with
  the partnership, who completed it, when, and commentary for several measures.

Deliberate features, as real returns have them (each checked in tests/test_demo.py):

(a) a missing return: POL 2024-25 Q3 was never sent (no `2024-25-Q3_POL.xlsx`); the year 2024-25 is
    incomplete for every police indicator.
(b) a late restatement: `2024-25-Q2_CSC.xlsx` has CSC.CONTACTS typed without its last digit (a sharp
    drop, and contacts fewer than referrals) and 14 police referrals short; `2024-25-Q2_CSC_restated.xlsx`,
    completed in January 2025 and loaded after it, corrects CSC.CONTACTS, CSC.REFERRALS and
    CSC.REF_SRC_POLICE.
(c) a suppressed count: CSC.PRIVATE_FOSTERING in 2024-25 Q1 is written "<5".
(d) the "0 care proceedings" glitch: CSC.CARE_PROCEEDINGS is 0 in 2024-25 Q4, never 0 before.
(e) a breakdown that does not add up: in 2024-25 Q1 the CSC.CP_CAT_* parts are 3 fewer than CSC.CP_PLANS.
(f) trends that rate red and green in 2024-25 (year view, default RAG): contacts decided within 1
    working day falling from ~93% to ~79% (red); police share of referrals rising from ~33% to ~49%
    (red against England's ~28%); police training attendance ~58% (red) while CSC's is ~91% (green);
    health level 3 training falling to ~77% (red); return home interviews within 72 hours improving
    from ~53% (red) to ~84% (green); CP plans ending after 2+ years creeping up to ~7% (amber); CLA
    visits ~97% (green); contact conversion ~24% (green); s47 NFA ~52%; emotional abuse the largest
    CP category (~43%).
(g) not applicable: EDU.S175_SETTINGS and EDU.S175_RETURNS are "n/a" outside Q3 (the audit runs once a
    year, in the autumn term).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from safeguarding import demo_loop, demo_model, settings
from safeguarding import store as store_module
from safeguarding.catalogue import agencies, measures_of
from safeguarding.demo_model import QUARTERS, DemoData
from safeguarding.loading import load_paths
from safeguarding.store import Store
from safeguarding.template_writer import write_template
from safeguarding.words import counted

NAME = "Marcher Vale Safeguarding Children Partnership (synthetic demo)"
LA_CODE = demo_model.LA_CODE
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
HISTORY_FILE = "2022-23_history_all_agencies.xlsx"
ANALYST = "demo"
FIXED_TIME = dt.datetime(2025, 1, 1)
RESTATED_ON = dt.date(2025, 1, 14)
PEOPLE = {  # fictional partners who complete the returns
    "CSC": "Priya Desai, Performance and Quality Assurance Manager",
    "POL": "DS Gareth Lloyd, Public Protection Unit",
    "HEA": "Helen Marsh, Designated Nurse for Safeguarding Children",
    "EDU": "Owen Pritchard, Education Safeguarding Lead",
    "YJS": "Sam Okafor, Youth Justice Service Manager",
    "TRN": "Ruth Bevan, Partnership Learning and Development Officer",
}


def file_name(quarter, agency: str, suffix: str = "") -> str:
    """`2023-24-Q1_CSC.xlsx`: quarter first, so sorted names are loading order."""
    return f"{quarter.label.replace(' ', '-')}_{agency}{suffix}.xlsx"


def generate(out_dir: Path, seed: int = 42) -> list[Path]:
    """Write every demo workbook into out_dir; the paths, sorted (= loading order)."""
    data = demo_model.build(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [_write(out_dir / HISTORY_FILE, _history(data), FIXED_TIME)]
    missing_agency, missing_t = demo_model.MISSING
    restated_agency, restated_t = demo_model.RESTATED
    for t, quarter in enumerate(QUARTERS[4:], start=4):
        for agency in agencies():
            if (agency, t) == (missing_agency, missing_t):
                continue
            completed = demo_model.completed_on(quarter, agency, seed)
            paths.append(_write(out_dir / file_name(quarter, agency), _template(
                data, agency, quarter, data.commentary.get((agency, quarter), {}), completed), completed))
            if (agency, t) == (restated_agency, restated_t):
                values = {**data.values, **data.restated}
                notes = {**data.commentary.get((agency, quarter), {}), **data.restated_commentary}
                paths.append(_write(out_dir / file_name(quarter, agency, "_restated"),
                                    _template(data, agency, quarter, notes, RESTATED_ON, values), RESTATED_ON))
    return sorted(paths)


def _write(path: Path, content: bytes, saved: dt.date) -> Path:
    """Write the workbook with fixed timestamps (openpyxl stamps 'now'), so the same seed gives the same bytes."""
    stamp = dt.datetime(saved.year, saved.month, saved.day, 16, 30)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.isoformat().encode() + b"Z", body)
            target.writestr(zipfile.ZipInfo(item.filename, stamp.timetuple()[:6]), body, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())
    return path


def _template(data: DemoData, agency: str, quarter, notes: dict[str, str], completed: dt.date,
              values: dict | None = None) -> bytes:
    values = data.values if values is None else values
    mine = {(m.code, quarter): values[(m.code, quarter)] for m in measures_of(agency)}
    return write_template(agency, [quarter], mine, commentary=notes, partnership=NAME,
                          completed_by=PEOPLE[agency], completed_on=completed)


def _history(data: DemoData) -> bytes:
    """The first year, every agency, in the long layout (as a case-system export would give it)."""
    book = Workbook()
    book.properties.creator = "Marcher Vale business unit"
    book.properties.created = book.properties.modified = FIXED_TIME
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Agency", "Quarter", "Measure code", "Value", "Commentary"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for agency in agencies():
        for quarter in QUARTERS[:4]:
            notes = data.commentary.get((agency, quarter), {})
            for measure in measures_of(agency):
                sheet.append([agency, quarter.label, measure.code, data.values[(measure.code, quarter)],
                              notes.get(measure.code)])
    for column, width in zip("ABCDE", (8, 11, 28, 8, 70)):
        sheet.column_dimensions[column].width = width
    about = book.create_sheet("About")
    about["A1"] = f"{NAME}: history backfill for 2022-23, compiled by the business unit from partners' records."
    about["A2"] = "Synthetic data: every count is invented."
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _close_cached(path: Path) -> None:
    """Close this process's shared Store for path (e.g. the dashboard's), so the file can be replaced."""
    cached = store_module._open.get(str(path.resolve()))
    if cached is not None:
        cached.close()


def fill(store: Store, files: list[Path], progress: Callable[[str], None] = lambda text: None) -> list:
    """Give an empty store the demo partnership's settings, load `files` one by one, add the loop's examples."""
    settings.update(store, by=ANALYST, la_code=LA_CODE, name=NAME, demo=True)
    progress(f"Settings: {NAME}, local authority {LA_CODE} (Herefordshire's population and neighbours)")
    results = []
    for number, file in enumerate(files, start=1):
        result = load_paths(store, [file], by=ANALYST)[0]
        results.append(result)
        progress(f"[{number}/{len(files)}] {result.file_name}: {result.status}, "
                 f"{counted(len(result.parsed.rows), 'value')}, "
                 f"{counted(len(result.parsed.warnings), 'warning')}")
    demo_loop.seed(store)
    progress("Business plan, challenges and report text: synthetic examples added")
    return results


def build_demo_database(path: Path, progress: Callable[[str], None] = lambda text: None,
                        sample_dir: Path | None = None) -> str:
    """Replace the database at path with the demo partnership and every sample file loaded; a summary."""
    path = Path(path)
    sample_dir = Path(sample_dir) if sample_dir else SAMPLE_DIR
    _close_cached(path)
    for old in (path, path.with_name(path.name + ".wal")):
        if old.exists():
            progress(f"Removing {old}")
            old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        files = sorted(p for p in sample_dir.glob("*.xlsx") if not p.name.startswith("~$"))
        source = str(sample_dir)
        if not files:
            source = "freshly generated sample files"
            progress(f"No sample files in {sample_dir}: generating them (seed 42)")
            files = generate(Path(scratch))
        progress(f"Creating {path}")
        store = Store(path)
        try:
            results = fill(store, files, progress)
        finally:
            store.close()
    loaded = [r for r in results if r.status == "loaded"]
    rejected = [r for r in results if r.status == "rejected"]
    values = sum(len(r.parsed.rows) for r in loaded)
    warnings = sum(len(r.parsed.warnings) for r in loaded)
    summary = (f"Built the demo database {path} for {NAME}, which borrows Herefordshire's (LA {LA_CODE}) "
               f"population, region and statistical neighbours; every count is synthetic. "
               f"{len(loaded)} of {len(files)} files loaded from {source} "
               f"({values:,} values, {warnings} warnings: the restatement, the sharp drop, the zero care "
               f"proceedings, the categories that do not add up), {len(rejected)} rejected.")
    if rejected:
        summary += " Rejected: " + "; ".join(
            f"{r.file_name} ({r.parsed.errors[0].message if r.parsed.errors else r.message})" for r in rejected)
    return summary
