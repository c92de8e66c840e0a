"""What needs attention this period: one ranked list of figures, and how each line reads."""

from __future__ import annotations

from dataclasses import dataclass

from safeguarding import definitions
from safeguarding.figure import Figure

# The partnership's annual report names ten child protection headlines; one is not collected.
HEADLINES_NOTE = ("Nine of the ten headlines the partnership's annual report names: its tenth, a second measure "
                  "of visits to children looked after, is not in the partners' returns (the report does not say "
                  "which two visit measures it counts), so it cannot be shown.")
# Ranked in this order; a figure appears once, under the first that applies.
GROUPS = (
    ("query", "Data-quality query on a headline figure"),
    ("red", "Red"),
    ("concerning", "Special cause: concerning"),
    ("amber", "Amber"),
    ("failing", "Consistently failing the target"),
)


@dataclass(frozen=True)
class Item:
    """One agenda line: why the figure is on the agenda, and the figure."""

    why: str
    figure: Figure

    @property
    def why_text(self) -> str:
        """Why the figure is on the agenda, when its state does not already say so ('' when it does)."""
        return "" if self.why == self.figure.state else dict(GROUPS)[self.why]


def catalogue_order() -> list[str]:
    """Every indicator id, the child protection headlines first, then by theme."""
    headline = [i.id for i in definitions.headlines()]
    return headline + [i.id for members in definitions.by_theme().values() for i in members if i.id not in headline]


def _why(item: Figure) -> str | None:
    if item.flags and item.headline:
        return "query"
    if item.state == "red":
        return "red"
    if item.variation == "concerning":
        return "concerning"
    if item.state == "amber":
        return "amber"
    if item.assurance == "fail":
        return "failing"
    return None


def items(figures: list[Figure]) -> list[Item]:
    """The agenda: queries on headline figures, then red, special-cause concerning, amber, failing assurance."""
    order = {key: n for n, key in enumerate(catalogue_order())}
    ranks = {key: n for n, (key, _) in enumerate(GROUPS)}
    found = [Item(why, item) for item in figures if (why := _why(item))]
    return sorted(found, key=lambda i: (ranks[i.why], order.get(i.figure.indicator_id, len(order))))


def headlines(figures: list[Figure]) -> list[Figure]:
    """The child protection headlines, in the report's order."""
    return sorted((f for f in figures if f.headline), key=lambda f: f.headline or 0)


def line(item: Figure) -> list[str]:
    """An agenda line's parts as plain text: figure and state, reason, verdict, what it was rated against,
    partners' first line, flags."""
    parts = [f"{item.state_word} \u00b7 {item.title}: {item.shown_text}", item.reason]
    if item.interval_text:
        parts.append(item.interval_text)
    if item.spc_text:
        parts.append(item.spc_text)
    if item.rated_against:
        parts.append(f"Rated against {item.rated_against}")
    if item.commentary:
        parts.append(f"\u201c{item.commentary}\u201d")
    parts += [flag.label for flag in item.flags]
    return parts
