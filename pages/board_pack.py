"""Board pack: the chosen figures as PowerPoint and PDF that can go straight into board papers."""

import streamlit as st

from pages.ui import access, blocks, data, state
from safeguarding import definitions
from safeguarding.export import download, packs, snapshots
from safeguarding.export.contents import preset_ids

CHOOSE = "choose"
UNAVAILABLE = ("**PowerPoint and PDF packs are unavailable on this server**: drawing the charts needs "
               "Chromium. Ask whoever runs the dashboard to install it (`sudo apt-get install chromium` on "
               "Debian/Ubuntu) and restart it. The scorecard data below can still be downloaded.")


@st.fragment
def build_button(fmt: str, label: str, view: str, period: str, preset, final: bool, title: str,
                 cleared: bool) -> None:
    """Build one format when asked, then offer it for download (only this part of the page reruns)."""
    if not st.button(f"Build the {label}", icon=":material/build:", key=f"build_{fmt}",
                     disabled=not snapshots.chromium_available()):
        return
    try:
        with st.spinner(f"Drawing the charts and laying out the {label}..."):
            content = packs.export_pack(data.store(), fmt, period=period, view=view, preset=preset, final=final,
                                        commentary_on_hidden=cleared)
    except packs.ExportError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    name = packs.file_name(data.partnership().name, period, title, fmt, final)
    st.download_button(f"Download the {label}", content, file_name=name, mime=packs.MEDIA_TYPES[fmt],
                       on_click="ignore", type="primary", icon=":material/download:", key=f"download_{fmt}",
                       help=name)


chosen = state.filters()
blocks.page_header("Board pack", "Which figures go to the board this time? Choose them, then take the pack as "
                   "PowerPoint or PDF, ready for the board papers.")
if chosen.period is None:
    blocks.no_data()
if not snapshots.chromium_available():
    st.warning(UNAVAILABLE, icon=":material/warning:")

view, period = chosen.view, chosen.period
st.markdown(f"For **{period}** ({'a quarter' if view == 'quarter' else 'a financial year'}): change the view "
            "and period in the sidebar.")
choice = st.selectbox("Contents", [*packs.PRESETS, CHOOSE],
                      format_func=lambda key: packs.PRESETS.get(key, "Choose the indicators"))
titles = {i: definitions.indicators()[i].title for i in data.indicator_ids()}
if choice == CHOOSE:
    preset = st.multiselect("Indicators, in the order the pack shows them", list(titles), format_func=titles.get,
                            default=[i.id for i in definitions.headlines()])
    if not preset:
        st.info("Choose at least one indicator.", icon=":material/info:")
        st.stop()
else:
    preset = choice
final = st.toggle("Final version (otherwise every page is marked DRAFT)")
cleared = access.is_analyst() and st.checkbox(
    "Include partners' commentary beside figures that are not shown", key=state.COMMENTARY_ON_HIDDEN,
    help="Left out by default: commentary can state the number a hidden figure keeps back ('Three sets of "
         "proceedings'). Tick only after reading it for this pack.")
title, ids = preset_ids(preset)
st.markdown(f"**{title}, {period}:** a cover, the ratings summary, then one page per indicator "
            f"({len(ids)}) with its chart, what partners said, its definition and source. Small numbers are "
            "kept back (disclosure control) throughout."
            + (" Every page is marked as synthetic demo data." if data.partnership().demo else ""))
left, right = st.columns(2)
with left:
    build_button("pptx", "PowerPoint", view, period, preset, final, title, cleared)
with right:
    build_button("pdf", "PDF", view, period, preset, final, title, cleared)

st.subheader("Scorecard data")
st.markdown(f"Every indicator for {period} with its definitions, small numbers not shown, safe to open in Excel.")
stem = f"Scorecard_{period.replace(' ', '_')}"
store = data.store()  # the files are made on click, in another thread: take the store now
with st.container(horizontal=True):
    st.download_button("Excel (.xlsx)", lambda: download.scorecard_xlsx(store, period, view),
                       file_name=f"{stem}.xlsx", on_click="ignore", icon=":material/table:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    st.download_button("CSV", lambda: download.scorecard_csv(store, period, view), file_name=f"{stem}.csv",
                       mime="text/csv", on_click="ignore", icon=":material/csv:")
