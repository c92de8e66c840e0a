"""Board packs, chart snapshots and the scorecard download: files for board papers (no Streamlit here)."""
