"""The dashboard on a phone (390x844): the period, view and comparator are on the first screen without opening the
menu, and every chart is at least 300 px wide with no title, label or legend cut off."""

from __future__ import annotations

from dashboard_support import CHARTS_EXPECTED

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}
# The pages whose filters must be on the first screen, by screen size.
FIRST_SCREEN = {"phone": ("pages/overview.py", "pages/indicator.py"), "desk": ("pages/overview.py",)}
MAIN = "document.querySelector('[data-testid=\"stMain\"]')"

# Each drawn chart's width, and every piece of its text that reaches outside the chart (and so is cut off).
MEASURE = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .filter(chart => chart.querySelector('.main-svg'))
  .map(chart => {
    const box = chart.querySelector('.main-svg').getBoundingClientRect();
    const cut = [...chart.querySelectorAll('.main-svg text, .infolayer text')]
      .filter(text => text.textContent.trim())
      .map(text => [text.textContent.trim(), text.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1))
      .map(([words, r]) => `${words} (${Math.round(r.left - box.left)} to ${Math.round(r.right - box.left)})`);
    const title = chart.querySelector('.gtitle');
    return {width: Math.round(box.width), title: title ? title.textContent : '', cut};
  })"""
# Where the filters are, in the page as first shown (no scrolling, menu closed).
FILTERS = """() => ['View', 'Period', 'Compare with'].map(label => {
  const widget = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stWidgetLabel"]')]
    .find(element => element.textContent.trim().startsWith(label));
  if (!widget) return [label, null];
  const r = widget.getBoundingClientRect();
  return [label, r.bottom];
})"""
# Plotly has redrawn every chart at the window's width (each chart's drawing as wide as its box, inside the window),
# and the sidebar is closed and out of sight.
LAID_OUT = """width => window.innerWidth === width
  && [...document.querySelectorAll('[data-testid="stSidebar"]')]
    .every(bar => bar.dataset.collapsed === 'true' && bar.getBoundingClientRect().right <= 0)
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter(chart => chart.querySelector('.main-svg'))
    .every(chart => {
      const box = chart.getBoundingClientRect(), drawn = chart.querySelector('.main-svg').getBoundingClientRect();
      return Math.abs(drawn.width - box.width) <= 1 && drawn.right <= width + 1;
    })"""


def at_width(page, viewport: dict, timeout: float) -> None:
    """Resize the window, scroll the main area to its top, and wait until every chart is redrawn at the new width."""
    page.set_viewport_size(viewport)
    page.evaluate(f"() => {MAIN}.scrollTo({{top: 0, behavior: 'instant'}})")
    page.wait_for_function(LAID_OUT, arg=viewport["width"], timeout=timeout)


def filters_below_first_screen(page, viewport: dict) -> dict:
    """Each filter's label and where its bottom edge is, when a filter is missing or below the first screen."""
    where = dict(page.evaluate(FILTERS))
    if all(bottom is not None and bottom <= viewport["height"] for bottom in where.values()):
        return {}
    return where


def charts_too_narrow_or_cut(page, page_file: str, timeout: float) -> list[str]:
    """At the window's width: the charts under 300 px wide, and every text reaching outside its chart."""
    # Scroll through so every chart has been laid out at this width, then measure.
    page.evaluate(f"() => {MAIN}.scrollTo({{top: 1e6, behavior: 'instant'}})")
    page.wait_for_function(LAID_OUT, arg=page.viewport_size["width"], timeout=timeout)
    charts = page.evaluate(MEASURE)
    problems = []
    if len(charts) < CHARTS_EXPECTED[page_file]:
        problems.append(f"{len(charts)} of {CHARTS_EXPECTED[page_file]} charts drawn at a phone's width")
    problems += [f"too narrow: {c['title']!r} is {c['width']} px" for c in charts if c["width"] < 300]
    problems += [f"cut off in {c['title']!r}: {c['cut']}" for c in charts if c["cut"]]
    return problems
