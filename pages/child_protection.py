"""Child protection: from section 47 enquiry to plan, categories of abuse, and how plans go."""

from pages.ui import blocks, state
from safeguarding import glossary, views

blocks.theme_page(
    state.filters(), "Child protection",
    "How many enquiries lead to a conference and a plan, why children are on plans, and are plans working: "
    "repeat plans, long plans and visits?",
    glossary.explain("s47 ICPC CP plan"), "child_protection", "child protection",
    {"Enquiries and plans": [(views.s47_flow,), (views.abuse_categories,)],
     "Are plans working": [(views.indicator_chart, "cp_repeat"), (views.indicator_chart, "cp_2yr")],
     "Visits and children on plans": [(views.indicator_chart, "cp_visits_timely"), (views.indicator_chart, "cp_rate")]})
