"""The XmR chart of one indicator (NHS 'Making Data Count'): mean, process limits, special causes marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from safeguarding import charts, definitions, scorecard, spc
from safeguarding.periods import period_label
from safeguarding.views import Chart

TOO_FEW = "Too few quarters for process limits: the points are drawn without them."


def points(store, indicator_id: str, view: str) -> pd.DataFrame:
    """spc.chart()'s rows for the indicator: a row per period with a value, in order."""
    return spc.chart(store, indicator_id, view)


def rules_text(rules) -> str:
    """'outside;trend' in words: 'a point outside the process limits; a run of 6 or more points ...'."""
    words = spc.rule_words()
    return "; ".join(words.get(r.strip(), r.strip()) for r in str(rules or "").split(";") if r.strip())


def _label(view: str, start) -> str:
    return period_label(view, pd.Timestamp(start).date())


def xmr_chart(points: pd.DataFrame, indicator_id: str, view: str) -> Chart:
    """The chart from spc.chart()'s rows: the values, their mean and limits (when there are enough points) and
    each special-cause point marked with its rule, with a one-line summary and the data table."""
    ind = definitions.indicators()[indicator_id]
    labels = [_label(view, s) for s in points["period_start"]]
    values = [None if scorecard.missing(v) else float(v) for v in points["value"]]
    x = list(range(len(labels)))
    layout = charts._time_layout(f"{ind.title}: statistical process control (XmR)", ind.unit, labels)
    traces = [go.Scatter(x=x, y=values, name="This partnership", mode="lines+markers", line=charts.OURS,
                         hovertext=[f"{p}: {scorecard.value_text(ind, v)}" for p, v in zip(labels, values)],
                         hoverinfo="text")]
    limited = points["mean"].notna().any()
    if limited:
        for column, name, dash in (("mean", "Mean", "solid"), ("upper", "Upper process limit", "dash"),
                                   ("lower", "Lower process limit", "dash")):
            traces.append(go.Scatter(x=x, y=[None if scorecard.missing(v) else float(v) for v in points[column]],
                                     name=name, mode="lines", line=dict(color=charts.FONT["color"], dash=dash,
                                                                        width=1.5)))
    special = [i for i, flag in enumerate(points["special_cause"]) if bool(flag)]
    if special:
        traces.append(go.Scatter(x=special, y=[values[i] for i in special], name="Special cause", mode="markers",
                                 marker=dict(symbol="diamond-open", size=16, line=dict(width=3),
                                             color=charts.FONT["color"]),
                                 hovertext=[f"{labels[i]}: special cause ({rules_text(points['rules'].iloc[i])})"
                                            for i in special], hoverinfo="text"))
    figure = go.Figure(traces, layout)
    return Chart(f"xmr_{indicator_id}", figure, xmr_summary(points, ind.title, labels, ind), xmr_table(points, labels, ind),
                 indicator_id=indicator_id)


def xmr_summary(points: pd.DataFrame, title: str, labels: list[str], ind) -> str:
    """'Mean 24.1%, process limits 18.2% to 30.0%; special cause in 2024-25 Q3 (outside).' or why there are none."""
    if not points["mean"].notna().any():
        return f"{title}: {TOO_FEW}"
    last = points.iloc[-1]
    text = (f"{title}: mean {scorecard.value_text(ind, last['mean'])}, process limits "
            f"{scorecard.value_text(ind, last['lower'])} to {scorecard.value_text(ind, last['upper'])}")
    special = [f"{labels[i]} ({rules_text(points['rules'].iloc[i])})"
               for i, flag in enumerate(points["special_cause"]) if flag]
    return text + (f"; special cause in {', '.join(special)}." if special else "; no special cause.")


def xmr_table(points: pd.DataFrame, labels: list[str], ind) -> pd.DataFrame:
    """The figures behind the chart, one row per period."""
    def shown(column: str) -> list[str]:
        return [scorecard.value_text(ind, v) if not scorecard.missing(v) else scorecard.NONE for v in points[column]]

    return pd.DataFrame({"Period": labels, "Value": shown("value"), "Mean": shown("mean"),
                         "Lower limit": shown("lower"), "Upper limit": shown("upper"),
                         "Special cause": [rules_text(r) if flag else "" for flag, r in
                                           zip(points["special_cause"], points["rules"])]})
