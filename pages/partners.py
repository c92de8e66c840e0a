"""Partner agencies: attendance at conferences and strategy discussions, and partners' own measures."""

from pages.ui import blocks, state
from safeguarding import glossary, views

blocks.theme_page(
    state.filters(), "Partner agencies",
    "Do police, health and schools take part when a child may be at risk: strategy discussions, conferences "
    "and reports on time?",
    glossary.explain("strategy discussion ICPC Encompass s175"), "partners", "partner agency",
    {"Attendance": [(views.partner_attendance,), (views.partner_attendance_trend,)],
     "Reports and notifications on time": [(views.indicator_chart, "health_reports_on_time"),
                                           (views.indicator_chart, "encompass_timely")]})
