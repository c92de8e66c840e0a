"""What the browser benchmarks share: Chromium timing of Streamlit script runs, read from the page itself.

Streamlit marks its root element with `data-test-script-state` (`running`, then `notRunning` when a run has
finished). An observer installed in the page records each change with `performance.now()`, so the time a run
ends is the browser's own clock at that change, not the moment a poll from Python happened to notice it.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

WATCH = """() => {
  window.__runs = [];
  const app = document.querySelector('[data-testid="stApp"]');
  const note = () => window.__runs.push([app.getAttribute('data-test-script-state'), performance.now()]);
  new MutationObserver(note).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# A run has ended: the app is not running, nothing is a loading placeholder and the main area has content.
IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stSkeleton"]')
    && document.querySelectorAll('[data-testid="stMainBlockContainer"] *').length > 20;
}"""


def wait_idle(page, timeout_ms: int = 900_000) -> None:
    """Wait until the current script run has finished and the page shows content."""
    page.wait_for_function(IDLE, timeout=timeout_ms)


def sidebar_links(page) -> list[tuple[str, str]]:
    """(label, href) of every page link in the sidebar navigation, in order (the label without its icon's name)."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
        .map(a => [a.innerText.trim().split('\\n').pop().trim(), a.getAttribute('href')])""")


def timed_switch(page, href: str, timeout_ms: int = 900_000) -> float:
    """Seconds from a click on the sidebar link `href` until the page it opens has finished running."""
    page.evaluate(WATCH)
    start = page.evaluate("() => performance.now()")
    page.locator(f'[data-testid="stSidebarNav"] a[href="{href}"]').first.click()
    # Done once a run has started after the click and the app is idle again.
    page.wait_for_function("""(start) => {
      const runs = window.__runs;
      const began = runs.findIndex(([state, at]) => state === 'running' && at >= start);
      return began >= 0 && runs.slice(began).some(([state]) => state === 'notRunning');
    }""", arg=start, timeout=timeout_ms)
    wait_idle(page, timeout_ms)
    end = page.evaluate("""() => {
      const ends = window.__runs.filter(([state]) => state === 'notRunning');
      return ends[ends.length - 1][1];
    }""")
    return (end - start) / 1000


def spread(values: list[float]) -> str:
    """'median (min to max, n runs)'."""
    return f"{statistics.median(values):.2f} s ({min(values):.2f} to {max(values):.2f}, {len(values)} runs)"
