"""Children in care and missing: rates, visits and return home interviews."""

from pages.ui import blocks, state
from safeguarding import glossary, views

blocks.theme_page(
    state.filters(), "Children in care and missing",
    "How many children are in need or in care compared with similar areas, are they visited on time, and "
    "are children who go missing seen when they come back?",
    glossary.explain("CIN CLA RHI"), "children_in_care", "children in care and missing",
    {"How many children": [(views.indicator_chart, "cla_rate"), (views.indicator_chart, "cin_rate")],
     "Visits and return interviews": [(views.indicator_chart, "cla_visits_timely"),
                                      (views.indicator_chart, "rhi_72h")]})
