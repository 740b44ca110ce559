"""Every seed fact the demo loads names the seed file and line it comes from, and this
test opens the seed at that line and finds the fact's words, figures and dates there.
A fact no seed gives is left empty (or says "not in the published papers"); a fact that
is daboard's reading is named as such and listed here with the reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from daboard.demo import seed
from daboard.demo.sources import cited_text, date_forms, money_forms, normalise, parse

# The seeds print some organisations by another name on the cited line.
PRINTED_AS = {"Leicester City Council": ["City Council"]}
# Names read from an e-mail address in the papers (002:219, 002:234): each word is there.
NAMED_BY_EMAIL = {"Caroline Gadsby", "Lucy Batchelor"}


def org_names(name: str) -> list[str]:
    for org_name, short, _kind, aka in seed.ORGANISATIONS:
        if org_name == name:
            return [name] + ([short] if short else []) + [a.strip() for a in aka.split(";") if a.strip()]
    return [name] + PRINTED_AS.get(name, [])


def cites(ref: str, *facts) -> None:
    """Every fact is in the cited lines: text (normalised), a date, or a sum of money."""
    assert ref, "no source"
    text = cited_text(ref)
    for fact in facts:
        if fact in (None, ""):
            continue
        if isinstance(fact, dt.date):
            assert any(f in text for f in date_forms(fact)), f"{fact} is not in {ref}: {text[:300]}"
        elif isinstance(fact, int | Decimal):
            assert any(f in text for f in money_forms(fact)), f"£{fact:,} is not in {ref}: {text[:300]}"
        elif isinstance(fact, list):  # any one of these
            assert any(normalise(f) in text for f in fact), f"none of {fact} is in {ref}: {text[:300]}"
        else:
            assert normalise(fact) in text, f"{fact!r} is not in {ref}: {text[:300]}"


def test_a_reference_names_a_seed_file_and_lines_that_exist():
    assert parse("001:88,122") == [("001", 88, 88), ("001", 122, 122)]
    assert parse("002:61,001:79-80") == [("002", 61, 61), ("001", 79, 80)]
    assert "£1,127,205" in cited_text("002:200").replace("£", "£")
    with pytest.raises(ValueError):
        cited_text("001:9999")


# --- People, boards, members ------------------------------------------------------------


@pytest.mark.parametrize("person", seed.PEOPLE, ids=lambda p: p[0])
def test_each_person_is_named_with_their_organisation_title_and_email_where_cited(person):
    name, org, title, team, email, ref = person
    if name in NAMED_BY_EMAIL:
        cites(ref, *name.split())
    else:
        cites(ref, name)
    cites(ref, org_names(org), title, team, email)


@pytest.mark.parametrize("board", seed.BOARDS, ids=lambda b: b["slug"])
def test_each_board_is_named_as_its_papers_name_it(board):
    cites(board["src"], board["name"])


@pytest.mark.parametrize("member", seed.LR_MEMBERS, ids=lambda m: m[0])
def test_each_leicestershire_and_rutland_member_holds_the_seat_role_and_start_the_minutes_give(member):
    person, org, role, _position, start, ref = member
    cites(ref, person.split()[-1] if person.split()[-1] != "CC" else person.split()[-2], org_names(org), role, start)


@pytest.mark.parametrize("officer", seed.LR_OFFICERS, ids=lambda o: o[0])
def test_each_supporting_officer_is_listed_with_their_organisation(officer):
    person, org, ref = officer
    cites(ref, person, org_names(org))


@pytest.mark.parametrize("seat", seed.LEICESTER_MEMBERS + [(o, r, None, "officer", ref) for o, r, ref in seed.LEICESTER_OFFICERS],
                         ids=lambda s: s[1][:40])
def test_each_leicester_seat_is_in_its_terms_of_reference(seat):
    org, role, person, _position, ref = seat
    cites(ref, org_names(org), *role.split("; "), person)
