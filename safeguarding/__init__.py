"""Safeguarding partnership dashboard: partner returns in, exact indicators out. Never imports Streamlit."""
