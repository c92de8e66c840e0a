"""The partnerships registry: the secrets file's [partnerships] tables, roles within each, and store locations."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from safeguarding import partnerships
from safeguarding.partnerships import Partnership, PartnershipError

SECRETS = tomllib.loads("""
[partnerships.derby-shire]
name = "Derby and Derbyshire Safeguarding Children Partnership"
la_codes = [830, 831]
analysts = ["Ana@Derbyshire.gov.uk"]
business_unit = ["bu@derbyshire.gov.uk"]
members = ["group:Derbyshire-Board", "dci@police.uk"]
viewers = []

[partnerships.hereford]
name = "Herefordshire Safeguarding Children Partnership"
la_codes = [884]
analysts = ["hana@herefordshire.gov.uk", "group:hereford-analysts"]
viewers = ["ana@derbyshire.gov.uk"]
""")


def test_the_partnerships_are_read_and_sorted_by_name():
    found = partnerships.configured(SECRETS)
    assert [p.code for p in found] == ["derby-shire", "hereford"]
    derby = found[0]
    assert derby == Partnership(code="derby-shire", name="Derby and Derbyshire Safeguarding Children Partnership",
                                la_codes=(830, 831), analysts=("Ana@Derbyshire.gov.uk",),
                                business_unit=("bu@derbyshire.gov.uk",),
                                members=("group:Derbyshire-Board", "dci@police.uk"), viewers=())
    assert partnerships.find(SECRETS, "hereford").la_codes == (884,)
    assert partnerships.find(SECRETS, "nowhere") is None


@pytest.mark.parametrize("secrets", [{}, {"partnerships": {}}, {"access": {"analysts": ["a@b.c"]}}])
def test_no_partnerships_table_is_a_single_partnership_service(secrets):
    assert partnerships.configured(secrets) == []
    assert partnerships.belonging(secrets, "a@b.c") == []


def test_a_role_is_the_persons_role_in_that_partnership():
    derby, hereford = partnerships.configured(SECRETS)
    # The same person is an analyst in one and a viewer in the other; the address's case does not matter.
    assert partnerships.role_in(derby, "ana@derbyshire.GOV.uk ") == "analyst"
    assert partnerships.role_in(hereford, "ana@derbyshire.gov.uk") == "viewer"
    assert partnerships.role_in(derby, "bu@derbyshire.gov.uk") == "business_unit"
    assert partnerships.role_in(derby, "dci@police.uk") == "member"
    assert partnerships.role_in(derby, "hana@herefordshire.gov.uk") is None
    assert partnerships.role_in(derby, None) is None
    assert partnerships.role_in(derby, "") is None


def test_sign_in_groups_give_roles_and_the_highest_role_wins():
    derby, hereford = partnerships.configured(SECRETS)
    assert partnerships.role_in(derby, "someone@else.org", ["derbyshire-board"]) == "member"
    assert partnerships.role_in(derby, "someone@else.org", ["other"]) is None
    assert partnerships.role_in(hereford, None, ["Hereford-Analysts"]) == "analyst"
    # Listed as a member by group and as an analyst by address: the analyst role.
    assert partnerships.role_in(derby, "ana@derbyshire.gov.uk", ["derbyshire-board"]) == "analyst"
    # A group entry is not an e-mail address: a person whose address is literally the group's name gets nothing.
    assert partnerships.role_in(derby, "group:derbyshire-board") is None


def test_belonging_lists_only_the_persons_partnerships():
    assert [p.code for p in partnerships.belonging(SECRETS, "ana@derbyshire.gov.uk")] == ["derby-shire", "hereford"]
    assert [p.code for p in partnerships.belonging(SECRETS, "hana@herefordshire.gov.uk")] == ["hereford"]
    assert [p.code for p in partnerships.belonging(SECRETS, "x@y.z", ["derbyshire-board"])] == ["derby-shire"]
    assert partnerships.belonging(SECRETS, "stranger@example.org") == []
    assert partnerships.belonging(SECRETS, None) == []


def _with(**entry) -> dict:
    base = {"name": "North Shire", "la_codes": [830]}
    base.update(entry)
    return {"partnerships": {"north-shire": {k: v for k, v in base.items() if v is not None}}}


@pytest.mark.parametrize(("secrets", "words"), [
    ({"partnerships": {"North_Shire": {"name": "N", "la_codes": [830]}}}, "[partnerships.North_Shire]: a "),
    ({"partnerships": {"-north": {"name": "N", "la_codes": [830]}}}, "not starting or ending with a hyphen"),
    ({"partnerships": {"n" * 41: {"name": "N", "la_codes": [830]}}}, "1 to 40"),
    ({"partnerships": {"north": "North Shire"}}, "must be a table of its own"),
    ({"partnerships": ["north"]}, "one table per partnership"),
    (_with(name=None), "needs a name"),
    (_with(name="  "), "needs a name"),
    (_with(la_codes=None), "la_codes must list one or more"),
    (_with(la_codes=[]), "la_codes must list one or more"),
    (_with(la_codes=[999]), "999 is not a local authority code in the DfE list"),
    (_with(la_codes=["830"]), "'830' is not a number"),
    (_with(la_codes=[830, 830]), "lists 830 twice"),
    (_with(analyst=["a@b.c"]), "unknown key 'analyst'"),
    (_with(analysts="group:"), "names no group"),
    (_with(members=["Dave"]), '"Dave" is neither an e-mail address nor "group:NAME"'),
    (_with(viewers={"a": 1}), "viewers must be a list"),
])
def test_a_bad_entry_is_refused_naming_the_key_and_the_fix(secrets, words):
    with pytest.raises(PartnershipError) as raised:
        partnerships.configured(secrets)
    assert words in str(raised.value)


def test_an_authority_in_two_partnerships_is_refused():
    secrets = {"partnerships": {"a": {"name": "A", "la_codes": [830, 831]}, "b": {"name": "B", "la_codes": [831]}}}
    with pytest.raises(PartnershipError, match=r"831 \(Derby\) is in both \[partnerships.a\] and \[partnerships.b\]"):
        partnerships.configured(secrets)


def test_a_single_address_or_code_is_read_as_a_list_of_one():
    found = partnerships.configured(_with(la_codes=884, analysts="a@b.c"))[0]
    assert found.la_codes == (884,) and found.analysts == ("a@b.c",)


def test_the_embedded_location_is_a_file_per_partnership_beside_the_default_database(tmp_path, monkeypatch):
    assert partnerships.location("north-shire", tmp_path / "main.duckdb") == (
        tmp_path / "partnerships" / "north-shire.duckdb")
    assert partnerships.location("a", str(tmp_path / "x.duckdb")) == tmp_path / "partnerships" / "a.duckdb"
    monkeypatch.setenv("SAFEGUARDING_DB", str(tmp_path / "env" / "db.duckdb"))
    assert partnerships.location("b") == tmp_path / "env" / "partnerships" / "b.duckdb"
    monkeypatch.delenv("SAFEGUARDING_DB")
    from safeguarding.store import DEFAULT_DB
    assert partnerships.location("b") == Path(DEFAULT_DB).parent / "partnerships" / "b.duckdb"


def test_the_postgres_location_is_the_url_and_the_code_kept_as_text(monkeypatch):
    url = "postgresql://dash@db.example:5432/safeguarding"
    assert partnerships.location("north-shire", url) == url + "#north-shire"
    assert partnerships.location("n", "postgres://h/db#other") == "postgres://h/db#n"
    monkeypatch.setenv("SAFEGUARDING_DB", url)
    assert partnerships.location("x") == url + "#x"
    assert partnerships.is_postgres(url) and not partnerships.is_postgres(Path("postgresql:/h/db"))


def test_a_location_refuses_a_code_that_could_leave_the_folder(tmp_path):
    for code in ("../b", "a/b", "", "A"):
        with pytest.raises(PartnershipError):
            partnerships.location(code, tmp_path / "db.duckdb")
