"""RAG thresholds: each indicator's limits, checked, previewed against the current period, saved with who and when."""

import streamlit as st

from pages.ui import access, blocks, data, state, workspace
from safeguarding import comparators
from safeguarding.words import counted

chosen = state.filters()
access.require_analyst()
LIMIT_LABELS = {"green_lo": "Green from", "green_hi": "Green up to",
                "amber_lo": "Amber from", "amber_hi": "Amber up to"}

blocks.page_header("RAG thresholds", "When is a figure green, amber or red? The partnership's own limits for each "
                   "indicator: change them here, see what would change, then save.")
message = state.take(state.THRESHOLD_MESSAGE)
if message:
    kind, text = message
    (st.error if kind == "error" else st.success)(text)

ids = data.indicator_ids()
defs = workspace.indicators()
if st.session_state[state.THRESHOLD_INDICATOR] not in ids:
    st.session_state[state.THRESHOLD_INDICATOR] = ids[0]
# Not a widget key: Streamlit forgets those on other pages, and the indicator should still be chosen on return.
ind_id = st.selectbox("Indicator", ids, index=ids.index(st.session_state[state.THRESHOLD_INDICATOR]),
                      format_func=lambda i: f"{defs[i].title} ({workspace.THEMES[defs[i].theme]})")
st.session_state[state.THRESHOLD_INDICATOR] = ind_id
ind = defs[ind_id]
current = workspace.stored_limits(ind_id)
st.markdown(f"{ind.definition}  \n**Unit:** {ind.unit_label or 'count'} · **Polarity:** {ind.polarity}  \n"
            f"**Now:** {workspace.describe_limits(current.limits, ind.unit)} "
            f"({current.set_by})"
            f"  \n**Default:** {workspace.describe_limits(ind.default_limits, ind.unit)}")

st.header("New limits")
key = f"{ind_id}_{st.session_state[state.THRESHOLD_ROUND]}"  # a new round shows the stored limits again


def entered(key: str):
    """The limits as typed in the inputs of this round."""
    method = st.session_state[f"method_{key}"]
    given = {name: st.session_state.get(f"{name}_{key}") for name in workspace.LIMIT_FIELDS[method]}
    return workspace.limits(method, comparator=st.session_state.get(f"comparator_{key}"), **given)


method = st.radio("Kind of limit", list(workspace.METHODS), format_func=workspace.METHODS.get,
                  index=list(workspace.METHODS).index(current.limits.method), key=f"method_{key}")
fields = workspace.LIMIT_FIELDS[method]
if fields:
    suffix = "% from the benchmark" if method == "relative" else ("%" if ind.unit == "percent" else "")
    for cell, name in zip(st.columns(len(fields)), fields):
        start = getattr(current.limits, name) if current.limits.method == method else None
        cell.number_input(f"{LIMIT_LABELS[name]}{' (' + suffix + ')' if suffix else ''}", value=start,
                          min_value=0.0, step=1.0, format="%g", key=f"{name}_{key}")
if method == "relative":
    region = data.partnership().region_name or "the partnership's region"
    names = {**comparators.LABELS, "region": f"The region ({region})"}
    st.selectbox("Compared with", comparators.KEYS, format_func=names.get,
                 index=comparators.KEYS.index(current.limits.comparator or "england"), key=f"comparator_{key}")
proposed = entered(key)
problems = workspace.limit_problems(ind_id, proposed)
for problem in problems:
    st.error(problem, icon=":material/error:")

unchanged = proposed == current.limits
if unchanged:
    st.caption("These are the limits in force: change them above to see what would change.")
elif not problems and chosen.period:
    st.header(f"What would change in {chosen.period}")
    seen = workspace.preview_limits(ind_id, proposed, chosen.period, chosen.view)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Now** &nbsp; {blocks.rag_badge(seen.before)}  \n{seen.before_reason}")
    with right:
        st.markdown(f"**With the new limits** &nbsp; {blocks.rag_badge(seen.after)}  \n{seen.after_reason}")
    moved = seen.changed_periods
    if moved.empty:
        st.caption(f"No {chosen.view} would change colour.")
    else:
        with st.expander(f"{counted(len(moved), chosen.view)} would change colour"):
            blocks.table(moved)


def save(indicator_id: str, key: str) -> None:
    """Store the limits typed (a callback: it runs once, before the page draws again)."""
    limits = entered(key)
    try:
        workspace.save_limits(indicator_id, limits)
    except workspace.ThresholdError as exc:
        st.session_state[state.THRESHOLD_MESSAGE] = ("error", f"Not saved: {exc}")
        return
    st.session_state[state.THRESHOLD_MESSAGE] = ("success", f"Saved: {defs[indicator_id].title} is now "
                                              f"{workspace.describe_limits(limits, defs[indicator_id].unit)}. "
                                              "Every page shows the new ratings.")


def reset(indicator_id: str) -> None:
    default = workspace.reset_limits(indicator_id)
    st.session_state[state.THRESHOLD_ROUND] += 1  # new inputs, showing the default limits
    st.session_state[state.THRESHOLD_MESSAGE] = ("success", f"{defs[indicator_id].title} is back to its default: "
                                              f"{workspace.describe_limits(default, defs[indicator_id].unit)}.")


with st.container(horizontal=True):
    st.button("Save these limits", type="primary", disabled=bool(problems) or unchanged, icon=":material/save:",
              help="Nothing to save: these are the limits in force." if unchanged else None,
              on_click=save, args=(ind_id, key))
    st.button("Reset to the default", disabled=current.limits == ind.default_limits, icon=":material/restart_alt:",
              on_click=reset, args=(ind_id,))

st.header("Changes to these limits")
changes = workspace.limit_history(ind_id)
if changes.empty:
    st.markdown("Never changed: the default limits from the indicator's definition apply.")
else:
    blocks.table(changes)
with st.expander("Every indicator's limits, and who set them"):
    blocks.table(workspace.limits_overview())
