"""Front door: contacts, referrals and who makes them."""

from pages.ui import blocks, state
from safeguarding import glossary, views

blocks.theme_page(
    state.filters(), "Front door",
    "What happens to contacts about children: how many become referrals, who refers, and how quickly are "
    "decisions made?",
    glossary.explain("contact referral", exclude=()), "front_door", "front door",
    {"Contacts and referrals": [(views.front_door_flow,), (views.referral_sources,)],
     "Decisions and re-referrals": [(views.indicator_chart, "contacts_decided_1wd"),
                                    (views.indicator_chart, "rereferral_rate")]})
