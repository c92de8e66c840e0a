"""The Settings page's benchmark releases: the adapter between the page and safeguarding.releases."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.ui import access, data
from safeguarding import releases


@st.cache_data(max_entries=4, show_spinner=False)
def _listing(path: str, generation: int) -> pd.DataFrame:
    return releases.releases(data.store())


def listing() -> pd.DataFrame:
    """Every benchmark release loaded, newest first."""
    s = data.store()
    return _listing(str(s.path), s.generation)


def preview(uploaded: list) -> releases.Preview:
    """What the uploaded DfE files would change (nothing stored)."""
    return releases.preview(data.store(), [(item.name, item.getvalue()) for item in uploaded])


def save(uploaded: list) -> tuple[str, str]:
    """Store the uploaded files as releases, recorded as this session's person: ('success' | 'error', message)."""
    try:
        done = releases.save(data.store(), [(item.name, item.getvalue()) for item in uploaded], access.who())
    except releases.ReleaseError:
        return "error", ("Not saved: the files did not pass the checks; nothing was changed. "
                         "The problems are listed below.")
    return "success", " ".join(done) + " Every page now shows these benchmarks."


def problems(found: releases.Preview) -> pd.DataFrame:
    """Every problem of the uploaded files, one a row, shown as text."""
    return pd.DataFrame({"Problem": found.errors})
