"""The regional view's caching adapter: the rug for a period, keyed on every partnership's store and its writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from pages.ui import access
from safeguarding import regional, regional_view
from safeguarding.store import open_store


def _open(location: Path | str):
    """The partnership's store, or None while nothing has been loaded for it (viewing never creates one)."""
    if isinstance(location, Path) and not location.exists():
        return None
    return open_store(location)


@st.cache_data(max_entries=256, show_spinner=False)
def _figures(code: str, name: str, location: str, generation: int, view: str, period: str,
             ids: tuple[str, ...]) -> list[dict]:
    return regional.figures(regional.Member(code, name, open_store(location)), view, period, ids)


def rug(view: str, period: str) -> pd.DataFrame:
    """The protected rug of every partnership for the period (ValueError: a setting in the secrets file is wrong)."""
    secrets = access.secrets()
    ids = tuple(regional.shared_indicators(secrets))
    rows = []
    for code, name, location in regional.members(secrets):
        store = _open(location)
        if store is None:
            rows += regional.figures(regional.Member(code, name, None), view, period, ids)
        else:
            # Each partnership's figures are kept until its own store is written (its generation moves on).
            rows += _figures(code, name, str(location), store.generation, view, period, ids)
    return regional.place(rows)


def downloads(frame: pd.DataFrame, period: str) -> None:
    """CSV and Excel downloads of the rug exactly as the page shows it."""
    stem = f"regional_view_{period}".replace(" ", "_")
    with st.container(horizontal=True, gap="small"):
        st.download_button("CSV", data=regional_view.rug_csv(frame, period), file_name=f"{stem}.csv",
                           mime="text/csv", key="regional_csv", on_click="ignore", icon=":material/download:",
                           help="The table above as a CSV file (figures as shown, small numbers not shown)")
        st.download_button("Excel", data=regional_view.rug_xlsx(frame, period), file_name=f"{stem}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="regional_xlsx", on_click="ignore", icon=":material/download:",
                           help="The table above and the chart's figures as an Excel workbook")
