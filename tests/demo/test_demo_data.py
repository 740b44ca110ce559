"""The demo loads the public facts of the seed boards exactly, and reloads idempotently."""

import pytest

from daboard.core.models import (
    Board,
    Council,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    User,
)
from daboard.demo import seed
from daboard.demo.loader import load_all

pytestmark = pytest.mark.django_db

LEICESTERSHIRE_DISTRICTS = {
    "E07000129": ("Blaby", 102_900), "E07000130": ("Charnwood", 183_900), "E07000131": ("Harborough", 97_600),
    "E07000132": ("Hinckley and Bosworth", 113_600), "E07000133": ("Melton", 51_800),
    "E07000134": ("North West Leicestershire", 104_700), "E07000135": ("Oadby and Wigston", 57_800),
}


def test_the_three_tier_one_councils_and_leicestershires_seven_districts(demo):
    county = Council.objects.get(gss_code="E10000018")
    assert county.name == "Leicestershire" and county.is_tier_one and county.population == 712_300
    districts = {d.gss_code: (d.name, d.population) for d in county.districts.all()}
    assert districts == LEICESTERSHIRE_DISTRICTS
    assert sum(p for _, p in districts.values()) == county.population
    assert Council.objects.get(gss_code="E06000017").name == "Rutland"
    assert Council.objects.get(gss_code="E06000016").name == "Leicester"
    assert Council.objects.filter(kind__in=["county", "unitary"]).count() == 3


def test_every_council_is_also_an_organisation(demo):
    for council in Council.objects.all():
        assert council.organisation.kind == "council"


def test_the_leicestershire_and_rutland_board_has_the_members_the_december_2023_minutes_list(demo):
    board = Board.objects.get(slug="leicestershire-and-rutland")
    assert set(board.councils.values_list("gss_code", flat=True)) == {"E10000018", "E06000017"}
    members = board.memberships.filter(kind="member").select_related("person")
    assert {m.person.name for m in members} == {
        "Mrs D. Taylor CC", "Cllr. L. Phillimore", "Cllr. L. Blackshaw", "Cllr. P. Cumbers", "Cllr. D. Woodiwiss",
        "Cllr. C. Wise", "Mr. N. Bannister CC", "Rani Mahal", "Joshna Mavji", "Bob Bearne", "Wendy Hope",
        "Claire Weddle", "Sophie McGoff", "Debbie Hughes", "Paul Snape", "Eleni Kazaglis",
        # apologies
        "Cllr. K. Loydall", "Cllr. M. Mullaney", "Sharon Cooke", "Suki Kaur", "Chief Superintendent Johnny Starbuck",
    }
    assert board.memberships.get(position="chair").person.name == "Mrs D. Taylor CC"
    officers = {m.person.name for m in board.memberships.filter(kind="supporting_officer")}
    assert officers == {"Gurjit Samra-Rai", "Rik Basra", "Lillie Green", "Kaushar Girach", "Euan Walters",
                        "Sarah Pickering", "Giuseppe Vassallo", "Rachel Burgess", "Mark Smith", "Angie Bishop"}


def test_the_leicester_board_has_the_seats_of_its_terms_of_reference(demo):
    board = Board.objects.get(slug="leicester")
    members = board.memberships.filter(kind="member")
    assert members.count() == 14 and board.memberships.filter(kind="supporting_officer").count() == 10
    chair = members.get(position="chair")
    assert chair.role == "Director of Children's Social Care & Early Help" and chair.person is None
    assert members.get(position="vice_chair").role == "Director of Housing"
    assert members.get(person__name="Cllr Sarah Russell").role == "Deputy Mayor and Lead Member for Domestic Abuse"
    assert set(members.values_list("organisation__short_name", flat=True)) >= {"LPT", "UHL", "CCG", "LWA", "WALL", "SRG"}


def test_every_person_named_in_the_seeds_is_loaded_with_their_organisation(demo):
    for name, org, title, _team, _email, _source in seed.PEOPLE:
        person = Person.objects.get(name=name)
        assert person.organisation.name == org
        assert person.job_title == title
    assert Person.objects.get(name="Suki Kaur").job_title == "Chief Executive"
    assert Person.objects.get(name="Holly Wild").organisation.name == "Jenkins Centre"


def test_the_commissioned_providers_are_providers(demo):
    providers = set(Organisation.objects.filter(kind="provider").values_list("name", flat=True))
    assert {"Freeva", "Living Without Abuse", "Women's Aid Leicestershire", "Leicestershire GATE",
            "Leicester LGBT Centre", "Turning Point", "Panahghar"} <= providers
    assert Organisation.objects.get(name="Freeva").slug == "freeva"
    assert Organisation.objects.get(name="Women's Aid Leicestershire").slug == "wall"


def test_there_is_one_demo_login_per_role(demo):
    # ... and one more: a commissioner of Rutland, the joint board's other council with the duty.
    assert RoleAssignment.objects.get(user__username="rutland").council.gss_code == "E06000017"
    roles = {ra.role: ra for ra in RoleAssignment.objects.exclude(user__username="rutland").select_related(
        "user", "council", "organisation", "board")}
    assert set(roles) == set(Role.values)
    assert roles["provider"].organisation.name == "Freeva"
    assert roles["commissioner"].council.gss_code == "E10000018"
    assert roles["analyst"].council.gss_code == "E10000018"
    assert roles["board_member"].board.slug == "leicestershire-and-rutland"
    for username, *_ in seed.DEMO_USERS:
        assert User.objects.get(username=username).check_password(seed.DEMO_PASSWORD)


@pytest.mark.slow
def test_loading_the_demo_twice_changes_nothing(demo_with_returns):
    """Loading the demo over a loaded one adds, removes and changes no row count in any
    table. The loaded one here is the copy tests/dbstate.py restores, so this also holds
    that copy to what a real load gives."""
    from daboard.core.backup import table_fingerprints
    from daboard.returns.models import ReturnSubmission, ReturnWaiver

    def counts():
        return {t: n for t, (n, _) in table_fingerprints().items() if not t.startswith("zz_")}

    first = counts()
    assert first["core_user"] and ReturnSubmission.objects.exists() and ReturnWaiver.objects.exists()
    load_all()
    assert counts() == first


def test_the_loaded_strategy_and_needs_assessment_carry_no_date_the_papers_do_not_give(demo):
    from daboard.insights.models import NeedsAssessment
    from daboard.strategy.models import Strategy

    strategy = Strategy.objects.get(council__gss_code="E10000018")
    assert strategy.review_due is None and "noted by the board on 18 March 2022 (minute 4)" in strategy.source_note
    assessment = NeedsAssessment.objects.get(council__gss_code="E10000018")
    assert assessment.next_review_due is None and "minute 4(i) of 18 March 2022" in assessment.source_note
    assert Strategy.objects.get(council__gss_code="E06000017").review_due.isoformat() == "2024-10-31"  # 002:493


def test_no_seed_title_the_papers_do_not_print_is_loaded(demo):
    for name, title in (("Cllr. A. Woodman", ""), ("Mr. N. Bannister CC", ""), ("Euan Walters", ""),
                        ("Sarah Gill", "Principle Social Worker and Service Manager")):
        assert Person.objects.get(name=name).job_title == title
