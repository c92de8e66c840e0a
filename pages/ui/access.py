"""Who is using the dashboard and what they may do: the only code that reads st.secrets, st.user or the role.

The frame asks `sections()` for the analyst pages (none for a viewer) and draws `sidebar()`; every analyst
page starts with `require_analyst()` and records `who()` with each write. With partnerships in the secrets file,
`gate()` lets a signed-in person choose among their own partnerships, and every role is the role in that one.
"""

from __future__ import annotations

import getpass
import importlib.util

import streamlit as st

from pages.ui import state
from pages.ui.navigation import PageEntry
from safeguarding import access, partnerships
from safeguarding.partnerships import Partnership
from safeguarding.untrusted import markdown_literal as literal

UPLOAD = "pages/upload.py"
SUBMISSIONS = "pages/submissions.py"
TEMPLATES = "pages/templates.py"
THRESHOLDS = "pages/thresholds.py"
SETTINGS = "pages/settings.py"
SECTION = "Analyst"
REGIONAL = "pages/regional.py"
REGION_SECTION = "Region"
REGION_PAGE = PageEntry(REGIONAL, "Regional view", ":material/grid_view:")
ANALYST_PAGES = (
    PageEntry(UPLOAD, "Upload returns", ":material/upload_file:"),
    PageEntry(SUBMISSIONS, "Submissions", ":material/history:"),
    PageEntry(TEMPLATES, "Templates", ":material/download:"),
    PageEntry(THRESHOLDS, "RAG thresholds", ":material/tune:"),
    PageEntry(SETTINGS, "Settings", ":material/settings:"),
)
DEPLOY_HELP = "docs/deploying.md"


def secrets() -> dict:
    """The secrets file's contents ({} when there is none)."""
    # False for no file and for a damaged one (Streamlit logs why): then no sign-in and no passphrase is set.
    return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}


def mode() -> str:
    """'oidc', 'passphrase' or 'local' (see safeguarding/access.py)."""
    return access.mode(secrets())


def _email() -> str | None:
    return st.user.get("email") if st.user.get("is_logged_in") else None


def hosted() -> list[Partnership]:
    """The partnerships this service hosts ([] for a single-partnership service)."""
    return partnerships.configured(secrets())


def _groups() -> tuple[str, ...]:
    """The sign-in groups the identity provider sends in the `groups` claim."""
    claim = st.user.get("groups") if st.user.get("is_logged_in") else None
    if isinstance(claim, str):
        return (claim,)
    return tuple(str(g) for g in claim) if isinstance(claim, (list, tuple)) else ()


def mine() -> list[Partnership]:
    """The hosted partnerships the signed-in person belongs to (none without sign-in)."""
    if mode() != access.OIDC:
        return []
    return partnerships.belonging(secrets(), _email(), _groups())


def partnership() -> Partnership | None:
    """The partnership this session works in: the one chosen, if the person belongs to it, else their first
    (None in a single-partnership service, or for someone in none)."""
    if not hosted():
        return None
    choices = mine()
    chosen = st.session_state.get(state.PARTNERSHIP)
    return next((p for p in choices if p.code == chosen), choices[0] if choices else None)


def role() -> str:
    """'analyst', 'business_unit', 'member' or 'viewer' for the person using this session."""
    state.init()
    if hosted():
        current = partnership()
        found = partnerships.role_in(current, _email(), _groups()) if current else None
        return found or access.VIEWER
    current = mode()
    return access.role(current, email=_email() if current == access.OIDC else None,
                       unlocked=st.session_state[state.UNLOCKED], address=st.get_option("server.address"),
                       secrets=secrets())


def is_analyst() -> bool:
    return role() == access.ANALYST


def may(right: str) -> bool:
    """Whether this session may do something: 'challenge', 'plan', 'report', 'returns' or 'settings'."""
    return access.may(role(), right)


def who() -> str:
    """How this session's writes are recorded."""
    current = mode()
    return access.who(current, email=_email() if current == access.OIDC else None,
                      name=st.session_state.get(state.ANALYST_NAME, ""), os_user=getpass.getuser())


def analyst_pages() -> list[st.Page]:
    """The analyst pages as st.Page objects: every one for an analyst, none for a viewer."""
    if not is_analyst():
        return []
    return [st.Page(e.path, title=e.title, icon=e.icon) for e in ANALYST_PAGES]


def sections() -> dict[str, list[st.Page]]:
    """The analyst section for st.navigation ({} for a viewer, so the pages are not even listed)."""
    pages = analyst_pages()
    return {SECTION: pages} if pages else {}


def in_region() -> bool:
    """Whether this session may open the regional view: partnerships are hosted and the signed-in person
    belongs to one of them (in any role)."""
    try:
        return bool(hosted()) and bool(mine())
    except partnerships.PartnershipError:  # the frame's gate says what is wrong with the list
        return False


def region_section() -> dict[str, list[st.Page]]:
    """The Region section for st.navigation: the regional view for those who may see it, else nothing."""
    if not in_region():
        return {}
    return {REGION_SECTION: [st.Page(REGION_PAGE.path, title=REGION_PAGE.title, icon=REGION_PAGE.icon)]}


def require_region() -> None:
    """Stop the regional page for anyone who may not see it (the navigation already hides it)."""
    if not in_region():
        st.error("The regional view is for people who belong to one of the region's partnerships. Sign in "
                 "(sidebar) to see it.", icon=":material/lock:")
        st.stop()


def require_analyst() -> None:
    """Stop an analyst page for anyone else (the navigation already hides it; this guards a stale link)."""
    if not is_analyst():
        st.error("This page is for the partnership's analysts. Sign in as an analyst (sidebar) to use it.",
                 icon=":material/lock:")
        st.stop()


def submission_link(submission_id: int, label: str | None = None) -> None:
    """A link to one submission, for analysts only (a viewer's navigation has no Submissions page)."""
    if is_analyst():
        st.page_link(SUBMISSIONS, label=label or f"Submission {submission_id}", icon=":material/history:",
                     query_params={"submission": str(submission_id)})


def client() -> str:
    """Whom the passphrase guard counts a guess against: the connection's address, which a reload keeps.

    Behind a reverse proxy on this computer (the connection comes from 127.0.0.1), the address that proxy saw:
    the last entry of X-Forwarded-For, the one the proxy itself appends.
    """
    address = st.context.ip_address  # None for a connection from this computer
    if address:
        return address
    forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
    return forwarded or "this computer"


def _unlock() -> None:
    typed = st.session_state.get(state.PASSPHRASE_INPUT, "")  # the form empties the field after this
    right, wait = access.try_passphrase(access.GUARD, client(), typed,
                                        str(secrets().get("analyst_passphrase_hash", "")))
    if wait:
        st.session_state[state.ACCESS_MESSAGE] = f"Too many wrong passphrases: try again in {wait} seconds."
    elif right:
        st.session_state[state.UNLOCKED] = True
        st.session_state[state.ANALYST_NAME] = st.session_state.get(state.NAME_INPUT, "").strip()
        st.session_state[state.ACCESS_MESSAGE] = None
    else:
        st.session_state[state.ACCESS_MESSAGE] = "That is not the analyst passphrase."


def _lock() -> None:
    st.session_state[state.UNLOCKED] = False
    st.session_state[state.ANALYST_NAME] = ""


def _login_provider() -> str | None:
    """The provider st.login needs: None for a single [auth] provider, else the first [auth.<name>] section."""
    auth = secrets().get("auth") or {}
    if auth.get("client_id"):
        return None
    named = [name for name, value in auth.items() if isinstance(value, dict)]
    return named[0] if named else None


def gate() -> None:
    """With several partnerships: the picker at the top of the sidebar, or a plain page (and a stop) for someone
    who is not signed in or in none of them."""
    try:
        choices = mine() if hosted() else None
    except partnerships.PartnershipError as exc:
        st.error(f"The dashboard's list of partnerships cannot be used: {exc}", icon=":material/error:")
        _no_pages()
    if choices is None:
        return
    if mode() != access.OIDC:
        st.error("This service hosts several partnerships, and that needs sign-in: set up `[auth]` in the secrets "
                 f"file ({DEPLOY_HELP}).", icon=":material/lock:")
        _no_pages()
    if not st.user.get("is_logged_in"):
        st.info("Sign in to see your partnership's dashboard.", icon=":material/login:")
        _sign_in_box()
        _no_pages()
    if not choices:
        st.info(f"You are signed in as **{literal(_email() or 'unknown')}**, and you are not in any partnership on "
                "this service. Ask your partnership's business unit or analysts to add your e-mail address (or your "
                "sign-in group) to its list.", icon=":material/group_off:")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")
        _no_pages()
    codes = [p.code for p in choices]
    if st.session_state.get(state.PARTNERSHIP) not in codes:
        st.session_state[state.PARTNERSHIP] = codes[0]
    names = {p.code: p.name for p in choices}
    st.sidebar.selectbox("Partnership", codes, format_func=names.get, key=state.PARTNERSHIP,
                         on_change=state.switch_partnership, help="The partnerships you belong to; your role is the "
                         "one you hold in the partnership shown.")


def _nothing() -> None:
    """The one page offered to someone who may see no partnership: what gate() has already drawn."""


def _no_pages() -> None:
    """End the run offering no page at all (without a navigation Streamlit would list the pages/ folder)."""
    st.navigation([st.Page(_nothing, title="Partnerships", default=True)], position="hidden")
    st.stop()


def sidebar() -> None:
    """Who you are and what you may do, at the foot of the sidebar; the way in for analysts."""
    state.init()
    current = mode()
    with st.sidebar:
        st.divider()
        if current == access.LOCAL:
            if access.local_only(st.get_option("server.address")):
                st.caption("Single-user local mode: you are the analyst; changes are recorded as "
                           f"**{literal(who())}**. To share the dashboard, set up sign-in ({DEPLOY_HELP}).")
            else:
                st.warning("Single-user local mode, but this server can be reached from other computers, so "
                           "uploads and changes are switched off. Set up sign-in or an analyst passphrase "
                           f"({DEPLOY_HELP}), or run it on 127.0.0.1.", icon=":material/lock:")
        elif current == access.PASSPHRASE:
            _passphrase_box()
        else:
            _sign_in_box()


def _passphrase_box() -> None:
    if st.session_state[state.UNLOCKED]:
        st.caption(f"Analyst: changes are recorded as **{literal(who())}**.")
        st.button("Leave analyst mode", on_click=_lock, icon=":material/lock:", type="tertiary")
        return
    with st.expander("Analysts: unlock uploads and settings", icon=":material/key:"):
        # A form sends what was typed with the click even when the field was never left (Enter submits too).
        with st.form("unlock", clear_on_submit=True, border=False):
            st.text_input("Analyst passphrase", type="password", key=state.PASSPHRASE_INPUT)
            st.text_input("Your name (recorded with your changes)", key=state.NAME_INPUT, max_chars=80)
            st.form_submit_button("Unlock", on_click=_unlock, icon=":material/lock_open:")
        message = state.take(state.ACCESS_MESSAGE)
        if message:
            st.error(message)


def _sign_in_box() -> None:
    if st.user.get("is_logged_in"):
        what = access.ROLE_WORDS[role()]
        st.caption(f"Signed in as **{literal(_email() or 'unknown')}** ({what}).")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:", type="tertiary")
        return
    if importlib.util.find_spec("authlib") is None:
        st.warning("Sign-in is configured but the server lacks the Authlib package: "
                   "`pip install Authlib`, then restart.", icon=":material/warning:")
        return
    st.button("Sign in", on_click=st.login, args=(_login_provider(),) if _login_provider() else (),
              icon=":material/login:", help="Analysts sign in to upload returns and change settings.")
