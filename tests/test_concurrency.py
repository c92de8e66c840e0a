"""Analysts loading at the same moment, viewers reading while they do: no half-written quarter, ever.

Streamlit runs each session in its own thread of one process, so threads against one Store are the real case.
"""

from __future__ import annotations

import threading

from conftest import TODAY, query

from safeguarding import indicators, loading, queries, settings, uploads
from safeguarding.catalogue import measures_of
from safeguarding.periods import Quarter
from safeguarding.store import now
from safeguarding.template_writer import write_template
from safeguarding.workbooks import read_return

Q3 = Quarter.of(2024, 3)
CODES = [m.code for m in measures_of("POL")]
# Two versions of the police return for 2024-25 Q3 (attended / invited differ), so a mix would show.
VERSION = {
    "A": {"POL.DA_INCIDENTS_CHILDREN": 480, "POL.ENCOMPASS": 330, "POL.ENCOMPASS_TIMELY": 312, "POL.PPO": 10,
          "POL.STRATEGY_INVITED": 205, "POL.STRATEGY_ATTENDED": 186},
    "B": {"POL.DA_INCIDENTS_CHILDREN": 600, "POL.ENCOMPASS": 400, "POL.ENCOMPASS_TIMELY": 380, "POL.PPO": 20,
          "POL.STRATEGY_INVITED": 300, "POL.STRATEGY_ATTENDED": 150},
}
RATIO = {name: 100 * v["POL.STRATEGY_ATTENDED"] / v["POL.STRATEGY_INVITED"] for name, v in VERSION.items()}


def police_return(quarter: Quarter, values: dict, note: str = "") -> bytes:
    commentary = {"POL.PPO": note} if note else None
    return write_template("POL", [quarter], {(c, quarter): v for c, v in values.items()}, commentary)


def parsed(name: str, data: bytes):
    return read_return(name, data, TODAY)


def commit_with_retry(store, name: str, data: bytes, retries: int = 3) -> tuple[loading.LoadResult, int]:
    """Load as the Upload page does: on StoreBusy, try again. Returns the result and how many tries it took."""
    for attempt in range(1, retries + 2):
        try:
            return loading.commit(store, parsed(name, data), "tester"), attempt
        except loading.StoreBusy:
            if attempt > retries:
                raise
    raise AssertionError("unreachable")


def run_together(*jobs) -> list:
    """Start every job at the same instant in its own thread; their results (or exceptions) in order."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        try:
            results[i] = job()
        except BaseException as exc:  # reported to the test, not lost in the thread
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_two_analysts_loading_different_quarters_at_once_both_succeed(store):
    for round_ in range(4):
        files = [(f"pol_q{n}_{round_}.xlsx", police_return(Quarter.of(2023, n), VERSION["A"], f"round {round_}"))
                 for n in (1, 2)]
        results = run_together(*[lambda f=f: commit_with_retry(store, *f) for f in files])
        for result in results:
            assert not isinstance(result, BaseException), result
            assert result[0].status == "loaded", result[0].summary()
    assert query(store, "select count(*) from submissions where status = 'loaded'") == [(8,)]


def test_two_restatements_of_the_same_quarter_at_once_leave_one_whole_version_in_force(store):
    for round_ in range(4):
        files = [(f"pol_{v}_{round_}.xlsx", police_return(Q3, VERSION[v], f"{v} {round_}")) for v in ("A", "B")]
        results = run_together(*[lambda f=f: commit_with_retry(store, *f) for f in files])
        assert all(not isinstance(r, BaseException) and r[0].status == "loaded" for r in results), results
        in_force = query(store, "select measure, value, submission_id from current_values where agency = 'POL' "
                                "and quarter_start = ? order by measure", [Q3.start])
        sources = {sid for _, _, sid in in_force}
        assert len(sources) == 1, f"values from several submissions in force: {in_force}"
        latest = max(r[0].submission_id for r in results)
        assert sources == {latest}  # the later load wins, whole
        version = "A" if dict((m, v) for m, v, _ in in_force) == VERSION["A"] else "B"
        assert dict((m, v) for m, v, _ in in_force) == VERSION[version]


def test_a_reader_computing_indicators_during_loads_never_sees_half_a_quarter(store):
    settings.update(store, "tester", la_code=884)
    seen: list[float | None] = []
    mixes: list[str] = []
    done = threading.Event()

    def read():
        while not done.is_set():
            frame = indicators.compute(store, "quarter", reasons=False)
            row = frame[(frame["indicator_id"] == "police_strategy_attendance") & (frame["period"] == Q3.label)]
            value = None if row.empty or row["value"].isna().all() else float(row["value"].iloc[0])
            seen.append(value)
            if value is not None and all(abs(value - r) > 1e-9 for r in RATIO.values()):
                mixes.append(f"{value} is neither version: {row.to_dict('records')}")
            sources = query(store, "select count(distinct submission_id), count(*) from current_values "
                                   "where agency = 'POL' and quarter_start = ?", [Q3.start])[0]
            if sources[1] and (sources[0] != 1 or sources[1] != len(CODES)):
                mixes.append(f"the quarter's values come from {sources[0]} submissions ({sources[1]} values)")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for round_ in range(6):
            for version in ("A", "B"):
                result, _ = commit_with_retry(store, f"{version}{round_}.xlsx",
                                              police_return(Q3, VERSION[version], f"{version} {round_}"))
                assert result.status == "loaded"
    finally:
        done.set()
        reader.join(timeout=120)
    assert not mixes, mixes[:3]
    assert len(seen) >= 3 and {round(v, 6) for v in seen if v is not None} <= {round(r, 6) for r in RATIO.values()}


def test_viewers_read_the_last_committed_state_while_a_write_is_open(store):
    entered, release = threading.Event(), threading.Event()

    def write():
        with store.write("tester", "settings", "name") as cur:
            cur.execute(queries.q("store", "put_setting"), {"key": "name", "value": "Half-way", "who": "tester",
                                                            "at": now()})
            entered.set()
            release.wait(timeout=30)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert entered.wait(timeout=30)
        assert settings.get(store)["name"] is None  # the read does not wait, and sees nothing uncommitted
    finally:
        release.set()
        writer.join(timeout=30)
    assert settings.get(store)["name"] == "Half-way"


def test_a_busy_store_is_tried_again_then_reported_with_nothing_stored(store, monkeypatch):
    real_commit = loading.commit
    calls = []

    def busy_once(s, p, by):
        calls.append(p.file_name)
        if len(calls) == 1:
            raise loading.StoreBusy("Another load changed the same figures at the same moment; load this file again.")
        return real_commit(s, p, by)

    monkeypatch.setattr(loading, "commit", busy_once)
    monkeypatch.setattr(uploads, "RETRY_PAUSE", 0)
    checked = uploads.check(store, "pol.xlsx", police_return(Q3, VERSION["A"]), TODAY)
    [outcome] = uploads.load(store, [checked], "tester")
    assert outcome.status == "loaded" and len(calls) == 2

    def always_busy(s, p, by):
        raise loading.StoreBusy("busy")

    monkeypatch.setattr(loading, "commit", always_busy)
    before = query(store, "select count(*) from submissions")
    checked = uploads.check(store, "pol_b.xlsx", police_return(Q3, VERSION["B"]), TODAY)
    [outcome] = uploads.load(store, [checked], "tester")
    assert outcome.status == uploads.BUSY and "Press Load again" in outcome.message
    assert query(store, "select count(*) from submissions") == before
