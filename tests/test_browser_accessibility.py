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

from browser_support import ARTIFACTS, debian_chromium, server, settle, wait_for_charts  # noqa: F401 (fixtures)
from dashboard_support import PAGE_URLS

pytestmark = pytest.mark.browser

# (rule, what the failing element's selector contains, why it is Streamlit's and not ours).
STREAMLIT_OWN = [
    ("list", "stSidebarNavItems",
     "Streamlit's sidebar navigation puts section headers (<header>) directly inside its <ul>"),
    ("listitem", "stSidebarNav",
     "Streamlit's sidebar navigation puts its links in <li> outside a <ul> when a section is collapsed"),
]
SEVERE = ("serious", "critical")
FOUND: dict[str, list[dict]] = {}


def streamlit_reason(rule: str, target: str) -> str | None:
    """Why a failing element is Streamlit's own markup, or None when it is ours."""
    return next((why for name, where, why in STREAMLIT_OWN if name == rule and where in target), None)


def _rows(page_file: str, response: dict) -> list[dict]:
    rows = []
    for violation in response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            rows.append({"page": page_file, "rule": violation["id"], "impact": violation["impact"],
                         "target": target, "html": node["html"][:300], "summary": node.get("failureSummary", ""),
                         "streamlit": streamlit_reason(violation["id"], target + " " + node["html"])})
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
    finally:
        page.close()
    out = ARTIFACTS / "axe" / f"{Path(page_file).stem}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(response["violations"], indent=1))
    rows = FOUND[page_file] = _rows(page_file, response)
    with capsys.disabled():
        print(f"\n{page_file}: " + (", ".join(f"{r['rule']} ({r['impact']}{', Streamlit' if r['streamlit'] else ''})"
                                            for r in rows) or "no violation"))
        if len(FOUND) == len(PAGE_URLS):
            print("\n" + summary([r for found in FOUND.values() for r in found]))
    ours = [r for r in rows if r["impact"] in SEVERE and not r["streamlit"]]
    assert not ours, "\n".join(f"{r['rule']} ({r['impact']}) at {r['target']}: {r['html']}\n  {r['summary']}"
                               for r in ours)
