"""axe-core over every page of the real dashboard in Debian's Chromium: no serious or critical violation that the
project's own markup causes. Violations in Streamlit's own markup are listed below, each with its reason.

Each page's full axe result goes to test-artifacts/axe/<page>.json; the summary (violations by rule and impact,
ours and Streamlit's) is printed in the test output.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from browser_support import ARTIFACTS, settle, wait_for_charts
from dashboard_support import PAGE_URLS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]  # one worker runs the browser tests

# (rule, the Streamlit component the failing element sits in (its data-testid), why it is Streamlit's and not ours).
STREAMLIT_OWN = [
    ("list", "stSidebarNav",
     "Streamlit's sidebar navigation puts its section headers directly inside its <ul>"),
    ("listitem", "stSidebarNav",
     "Streamlit's sidebar navigation puts its page links in <li> elements outside any <ul>"),
    ("svg-img-alt", "stMetric",
     "st.metric draws its sparkline with Vega, whose point marks carry role=graphics-symbol and no name; the tile "
     "states the sparkline's range in words beside it"),
]
# The data-testid of every ancestor of the element an axe selector names.
ANCESTORS = """selector => { const found = []; let node = document.querySelector(selector);
    while (node) {
        if (node.dataset && node.dataset.testid) found.push(node.dataset.testid);
        node = node.parentElement;
    }
    return found; }"""
SEVERE = ("serious", "critical")
FOUND: dict[str, list[dict]] = {}


def streamlit_reason(rule: str, ancestors: list[str]) -> str | None:
    """Why a failing element is Streamlit's own markup, or None when it is ours."""
    return next((why for name, where, why in STREAMLIT_OWN if name == rule and where in ancestors), None)


def _rows(page, page_file: str, response: dict) -> list[dict]:
    rows = []
    for violation in response["violations"]:
        for node in violation["nodes"]:
            target = str(node["target"][-1])
            ancestors = page.evaluate(ANCESTORS, target)
            rows.append({"page": page_file, "rule": violation["id"], "impact": violation["impact"],
                         "target": target, "html": node["html"][:300], "summary": node.get("failureSummary", ""),
                         "streamlit": streamlit_reason(violation["id"], ancestors)})
    return rows


def summary(rows: list[dict]) -> str:
    """Violations by rule and impact, ours and Streamlit's, as a small table."""
    counts = Counter((r["rule"], r["impact"], "Streamlit" if r["streamlit"] else "ours") for r in rows)
    lines = [f"axe-core over {len(FOUND)} pages: {len(rows)} failing elements",
             f"{'rule':<28} {'impact':<10} {'markup':<10} elements"]
    lines += [f"{rule:<28} {impact:<10} {who:<10} {n}" for (rule, impact, who), n in sorted(counts.items())]
    return "\n".join(lines)


@pytest.mark.parametrize("page_file", list(PAGE_URLS))
def test_no_serious_violation_in_our_markup(server, debian_chromium, page_file, capsys):
    from axe_playwright_python.sync_playwright import Axe

    page = debian_chromium.new_page(viewport={"width": 1440, "height": 1000})
    try:
        page.goto(f"{server}/{PAGE_URLS[page_file]}", wait_until="domcontentloaded")
        settle(page)
        wait_for_charts(page, page_file)
        response = Axe().run(page, options={"resultTypes": ["violations"]}).response
        rows = FOUND[page_file] = _rows(page, page_file, response)
    finally:
        page.close()
    out = ARTIFACTS / "axe" / f"{Path(page_file).stem}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(response["violations"], indent=1))
    with capsys.disabled():
        counts = Counter(f"{r['rule']} ({r['impact']}{', Streamlit' if r['streamlit'] else ''})" for r in rows)
        print(f"\n{page_file}: " + (", ".join(f"{what} x{n}" for what, n in counts.items()) or "no violation"))
        if len(FOUND) == len(PAGE_URLS):
            print("\n" + summary([r for found in FOUND.values() for r in found]))
    ours = [r for r in rows if r["impact"] in SEVERE and not r["streamlit"]]
    assert not ours, "\n".join(f"{r['rule']} ({r['impact']}) at {r['target']}: {r['html']}\n  {r['summary']}"
                               for r in ours)
