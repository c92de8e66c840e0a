"""The Streamlit adapter: session state, cached data access, navigation and reusable drawing blocks."""
