"""axe-core in Debian's Chromium: no serious or critical violation that the project's own markup causes. Violations
in Streamlit's own markup are listed below, each with its reason.

Each page's full axe result goes to test-artifacts/axe/<page>.json; the summary (violations by rule and impact,
ours and Streamlit's) is printed in the test output.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from browser_support import ARTIFACTS

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


def streamlit_reason(rule: str, ancestors: list[str]) -> str | None:
    """Why a failing element is Streamlit's own markup, or None when it is ours."""
    return next((why for name, where, why in STREAMLIT_OWN if name == rule and where in ancestors), None)


def rows_of(page, page_file: str, response: dict) -> list[dict]:
    """Every failing element of an axe response, with whether it sits in Streamlit's own markup."""
    rows = []
    for violation in response["violations"]:
        for node in violation["nodes"]:
            target = str(node["target"][-1])
            ancestors = page.evaluate(ANCESTORS, target)
            rows.append({"page": page_file, "rule": violation["id"], "impact": violation["impact"],
                         "target": target, "html": node["html"][:300], "summary": node.get("failureSummary", ""),
                         "streamlit": streamlit_reason(violation["id"], ancestors)})
    return rows


def run_axe(page, page_file: str) -> list[dict]:
    """axe-core over the page as it stands; its full result written to test-artifacts/axe/<page>.json."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options={"resultTypes": ["violations"]}).response
    out = ARTIFACTS / "axe" / f"{Path(page_file).stem}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(response["violations"], indent=1))
    return rows_of(page, page_file, response)


def in_words(rows: list[dict]) -> str:
    """One page's violations in a line: rule (impact, whose) x count."""
    counts = Counter(f"{r['rule']} ({r['impact']}{', Streamlit' if r['streamlit'] else ''})" for r in rows)
    return ", ".join(f"{what} x{n}" for what, n in counts.items()) or "no violation"


def summary(found: dict[str, list[dict]]) -> str:
    """Violations by rule and impact, ours and Streamlit's, over the pages in `found`, as a small table."""
    rows = [r for page_rows in found.values() for r in page_rows]
    counts = Counter((r["rule"], r["impact"], "Streamlit" if r["streamlit"] else "ours") for r in rows)
    lines = [f"axe-core over {len(found)} pages: {len(rows)} failing elements",
             f"{'rule':<28} {'impact':<10} {'markup':<10} elements"]
    lines += [f"{rule:<28} {impact:<10} {who:<10} {n}" for (rule, impact, who), n in sorted(counts.items())]
    return "\n".join(lines)


def serious_of_ours(rows: list[dict]) -> str:
    """The serious or critical violations in the project's own markup, one paragraph each ('' when none)."""
    return "\n".join(f"{r['rule']} ({r['impact']}) at {r['target']}: {r['html']}\n  {r['summary']}"
                     for r in rows if r["impact"] in SEVERE and not r["streamlit"])
