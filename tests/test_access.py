"""Who may do what: the scrypt passphrase, the access mode, the allow-list, roles, and the upload limit."""

from __future__ import annotations

import io
import threading
import tomllib

import pytest
from conftest import ROOT

from safeguarding import access, safety
from safeguarding.passphrase_command import cmd_passphrase_hash

PASSPHRASE = "correct horse battery staple"
FAST = 2**4  # scrypt cost for tests that are not about the cost


# --------------------------------------------------------------------------- passphrase


def test_the_default_hash_round_trips_and_names_its_parameters():
    stored = access.hash_passphrase(PASSPHRASE)
    assert stored.startswith(f"scrypt${access.SCRYPT_N}${access.SCRYPT_R}${access.SCRYPT_P}$")
    assert access.verify_passphrase(PASSPHRASE, stored)
    assert PASSPHRASE not in stored


@pytest.mark.parametrize("typed", ["correct horse battery stapl", "Correct horse battery staple", "",
                                   PASSPHRASE + " ", "x" * 40])
def test_a_wrong_passphrase_is_refused(typed):
    assert not access.verify_passphrase(typed, access.hash_passphrase(PASSPHRASE, n=FAST))


def test_each_hash_has_its_own_salt():
    first, second = (access.hash_passphrase(PASSPHRASE, n=FAST) for _ in range(2))
    assert first != second
    assert access.parse_hash(first)[3] != access.parse_hash(second)[3]
    assert access.verify_passphrase(PASSPHRASE, first) and access.verify_passphrase(PASSPHRASE, second)


@pytest.mark.parametrize("stored", ["", "plain text", "bcrypt$1$2$3$AAAA$BBBB", "scrypt$16$8$1$not base64!$AAAA",
                                    "scrypt$15$8$1$AAAA$BBBB",  # n not a power of two
                                    "scrypt$1073741824$8$1$AAAA$BBBB",  # would need 1 TB of memory
                                    "scrypt$16$8$1$$BBBB"])
def test_a_damaged_hash_refuses_every_passphrase_and_says_why(stored):
    assert not access.verify_passphrase(PASSPHRASE, stored)
    with pytest.raises(access.AccessError):
        access.parse_hash(stored)


def test_a_short_passphrase_is_not_hashed():
    with pytest.raises(access.AccessError, match="at least 12"):
        access.hash_passphrase("short")


def test_the_command_prints_a_secrets_line_from_a_pipe(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    assert cmd_passphrase_hash(None) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith('analyst_passphrase_hash = "scrypt$')
    stored = tomllib.loads(line)["analyst_passphrase_hash"]
    assert access.verify_passphrase(PASSPHRASE, stored)


def test_the_command_line_names_the_command_the_messages_give():
    """`python -m safeguarding passphrase-hash`, in a real process with the passphrase piped in."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "safeguarding", "passphrase-hash"], input=PASSPHRASE + "\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert access.verify_passphrase(PASSPHRASE, tomllib.loads(done.stdout)["analyst_passphrase_hash"])
    assert "secrets.toml" in done.stderr


def test_the_command_refuses_a_short_passphrase(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cmd_passphrase_hash(None) == 1
    assert "at least 12" in capsys.readouterr().err


# --------------------------------------------------------------------------- mode, allow-list, role


@pytest.mark.parametrize("secrets, expected", [
    ({}, access.LOCAL),
    ({"other": 1}, access.LOCAL),
    ({"analyst_passphrase_hash": ""}, access.LOCAL),
    ({"analyst_passphrase_hash": "scrypt$..."}, access.PASSPHRASE),
    ({"auth": {"client_id": "x"}}, access.OIDC),
    ({"auth": {"microsoft": {"client_id": "x"}}}, access.OIDC),
    ({"auth": {"client_id": "x"}, "analyst_passphrase_hash": "scrypt$..."}, access.OIDC),  # sign-in wins
])
def test_the_mode_comes_from_the_secrets(secrets, expected):
    assert access.mode(secrets) == expected


@pytest.mark.parametrize("email, listed", [
    ("a.analyst@council.gov.uk", True),
    ("A.Analyst@Council.GOV.UK", True),
    ("  a.analyst@council.gov.uk ", True),
    ("b.viewer@council.gov.uk", False),
    ("a.analyst@council.gov.uk.evil.com", False),
    ("analyst@council.gov.uk", False),
    ("", False),
    (None, False),
])
def test_the_allow_list_ignores_case_and_spaces_only(email, listed):
    allow = access.analyst_emails({"access": {"analysts": ["A.Analyst@council.gov.uk", "c@x.gov.uk"]}})
    assert access.is_listed(email, allow) is listed


def test_the_allow_list_may_be_one_string_or_absent():
    assert access.analyst_emails({"access": {"analysts": "one@x.gov.uk"}}) == ["one@x.gov.uk"]
    assert access.analyst_emails({}) == []
    assert not access.is_listed("one@x.gov.uk", access.analyst_emails({}))


@pytest.mark.parametrize("mode, kwargs, expected", [
    (access.LOCAL, {"address": "127.0.0.1"}, access.ANALYST),
    (access.LOCAL, {"address": "localhost"}, access.ANALYST),
    (access.LOCAL, {"address": "::1"}, access.ANALYST),
    (access.LOCAL, {"address": "0.0.0.0"}, access.VIEWER),
    (access.LOCAL, {"address": "192.168.1.20"}, access.VIEWER),
    (access.LOCAL, {"address": None}, access.VIEWER),  # unset: Streamlit listens on every interface
    (access.LOCAL, {"address": ""}, access.VIEWER),
    (access.PASSPHRASE, {"unlocked": False, "address": "127.0.0.1"}, access.VIEWER),
    (access.PASSPHRASE, {"unlocked": True}, access.ANALYST),
    (access.OIDC, {"email": "a@x.gov.uk", "allow_list": ["A@x.gov.uk"]}, access.ANALYST),
    (access.OIDC, {"email": "b@x.gov.uk", "allow_list": ["a@x.gov.uk"]}, access.VIEWER),
    (access.OIDC, {"email": None, "allow_list": ["a@x.gov.uk"], "address": "127.0.0.1"}, access.VIEWER),
    (access.OIDC, {"email": "a@x.gov.uk", "unlocked": True}, access.VIEWER),  # a passphrase is no way round sign-in
])
def test_the_role(mode, kwargs, expected):
    assert access.role(mode, **kwargs) == expected


@pytest.mark.parametrize("mode, kwargs, expected", [
    (access.OIDC, {"email": " A.Analyst@Council.gov.uk "}, "a.analyst@council.gov.uk"),
    (access.PASSPHRASE, {"name": "  Jo   Bloggs "}, "analyst (passphrase): Jo Bloggs"),
    (access.PASSPHRASE, {"name": ""}, "analyst (passphrase)"),
    (access.LOCAL, {"os_user": "jbloggs"}, "jbloggs (local)"),
])
def test_every_write_says_who(mode, kwargs, expected):
    assert access.who(mode, **kwargs) == expected


def test_a_client_waits_after_five_wrong_guesses_longer_each_time_while_others_go_on():
    now = [0.0]
    guard = access.Guard(limit=5, window=60, ceiling=20, longest=900, clock=lambda: now[0])
    for _ in range(5):
        assert guard.attempt("203.0.113.9") == 0
    assert guard.attempt("203.0.113.9") == 60
    assert guard.attempt("198.51.100.7") == 0  # another address is not locked out
    now[0] = 30
    assert guard.attempt("203.0.113.9") == 30
    now[0] = 60
    for _ in range(5):
        assert guard.attempt("203.0.113.9") == 0
    assert guard.attempt("203.0.113.9") == 120  # the second lockout doubles
    now[0] = 180
    for _ in range(5):
        guard.attempt("203.0.113.9")
    assert guard.attempt("203.0.113.9") == 240
    now[0] = 180 + 240 + 901  # long quiet: back to the first step
    for _ in range(5):
        guard.attempt("203.0.113.9")
    assert guard.attempt("203.0.113.9") == 60


def test_a_right_passphrase_clears_the_clients_record():
    now = [0.0]
    guard = access.Guard(limit=3, window=60, clock=lambda: now[0])
    stored = access.hash_passphrase(PASSPHRASE, n=FAST)
    assert access.try_passphrase(guard, "a", "wrong one", stored) == (False, 0)
    assert access.try_passphrase(guard, "a", "wrong two", stored) == (False, 0)
    assert access.try_passphrase(guard, "a", PASSPHRASE, stored) == (True, 0)
    for _ in range(2):
        assert access.try_passphrase(guard, "a", "wrong", stored) == (False, 0)  # two fresh tries again
    assert access.try_passphrase(guard, "a", "wrong", stored) == (False, 0)
    assert access.try_passphrase(guard, "a", PASSPHRASE, stored) == (False, 60)  # locked: not even checked


def test_the_whole_server_has_a_ceiling_that_many_addresses_cannot_pass():
    now = [0.0]
    guard = access.Guard(limit=5, window=60, ceiling=12, clock=lambda: now[0])
    allowed = sum(guard.attempt(f"192.0.2.{n}") == 0 for n in range(40))
    assert allowed == 12
    assert guard.attempt("192.0.2.200") == 60
    now[0] = 60
    assert guard.attempt("192.0.2.200") == 0


def test_twelve_simultaneous_guesses_check_at_most_the_limit():
    guard = access.Guard(limit=5, window=60)
    stored = access.hash_passphrase(PASSPHRASE, n=2**12)  # slow enough for the guesses to overlap
    start = threading.Barrier(12)
    outcomes = []

    def guess(n: int) -> None:
        start.wait()
        outcomes.append(access.try_passphrase(guard, "203.0.113.9", f"guess number {n}", stored))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    checked = [o for o in outcomes if o == (False, 0)]
    refused = [o for o in outcomes if o[1] > 0]
    assert len(checked) == 5 and len(refused) == 7


# --------------------------------------------------------------------------- server configuration


def test_the_upload_limit_is_the_same_in_the_server_and_in_the_checks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == safety.MAX_FILE_BYTES


def test_the_server_listens_on_this_computer_only_unless_told_otherwise():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert access.local_only(config["server"]["address"])
    assert config["browser"]["gatherUsageStats"] is False


def test_the_secrets_example_reads_and_no_real_secrets_file_is_committed():
    example = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8"))
    assert access.mode(example) == access.OIDC
    assert access.analyst_emails(example)
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8")
