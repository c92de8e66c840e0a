"""Training and workforce: places, attendance and did-not-attend, attendance by agency, evaluations."""

from pages.ui import blocks, state
from safeguarding import glossary, views

blocks.theme_page(
    state.filters(), "Training and workforce",
    "Are the places we offer taken up and attended, which agencies book places and do not come, and is the "
    "training any good?",
    glossary.explain("DNA level 3"), "training", "training and workforce",
    {"Places and attendance": [(views.training_by_agency,), (views.training_places,)],
     "Quality and compliance": [(views.indicator_chart, "training_evaluation_good"),
                                (views.indicator_chart, "health_l3_compliance")]})
