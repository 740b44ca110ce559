"""Demo data of the wider picture.

True to the seeds where they speak: Rutland's children's services single assessments in
2023-24 (Updates from Rutland County Council, 28 June 2024, paragraphs 18 to 20): 86 in
Q1 and Q2, 130 in Q3 and Q4, 216 in the year; 70 with one or more domestic abuse factors,
31% in Q1, 34% in Q2, slightly lower in Q3 and Q4, 32% over the year; every victim white
British (paragraph 23). The seeds do not give the split between quarters of a half-year or
by age band and gender: those splits are illustrative and the dataset says so. The contacts
directory's organisations and roles come from the seeds; their ways in and review dates are
obvious placeholders. The housing providers and reciprocal moves are fictional, and named so.
England's figures are not loaded here: they ship as reference data (partnership/reference.py).
"""

from __future__ import annotations

import datetime as dt

from daboard.core import clock
from daboard.core.appconfig import DemoStep
from daboard.core.models import Board, Council, Organisation, Role, RoleAssignment, User
from daboard.core.periods import Period, financial_year_label
from daboard.demo.seed import DEMO_PASSWORD

from . import declared, services
from .models import Contact, DahaStatus, KpiTarget, MoveStatus, PartnerDataset, ReciprocalMove

# What `daboard demo` loads of this app, in order (core.appconfig; live: laid relative to today).
STEPS = (
    DemoStep("The wider picture: targets, a partner dataset and the registers", "daboard.partnership.demo.load_partnership"),
)

BOARD = "leicestershire-and-rutland"
RUTLAND_CS = "rutland-childrens-services-single-assessments"

FIELDS = """age_band | code | 0_5, 6_11, 12_17, not_known | Age band of the child
gender | code | female, male, other, not_known | Gender of the child
ethnic_group | code | white, mixed, asian, black, other, not_known | Ethnic group of the child
single_assessments | count | 5000 | Single assessments completed
assessments_with_domestic_abuse | count | 5000 | Of which with one or more domestic abuse factors"""
CHECKS = "assessments_with_domestic_abuse <= single_assessments"

# quarter: (single assessments, of which with domestic abuse factors). Q1+Q2 = 86, Q3+Q4 = 130,
# 70 in all; 13/42 = 31%, 15/44 = 34%, 21/65 = 32%; 70/216 = 32%.
QUARTERS = {"2023-24-Q1": (42, 13), "2023-24-Q2": (44, 15), "2023-24-Q3": (65, 21), "2023-24-Q4": (65, 21)}
# Illustrative shares of each quarter by age band and gender (the seeds give no split).
SPLIT = [("0_5", "female", 20), ("0_5", "male", 20), ("6_11", "female", 18), ("6_11", "male", 17),
         ("12_17", "female", 13), ("12_17", "male", 12)]

TARGETS = [  # illustrative targets a board might set (the seeds set none)
    ("engagement_rate", 75, "higher"), ("completion_rate", 60, "higher"), ("safety_improved_rate", 70, "higher"),
    ("repeat_victim_share", 30, "lower"),
]

CONTACTS = [  # organisation, role (from the seeds), placeholder way in, days from today to the review
    ("Leicestershire Police", "MARAC manager", 14),
    ("Women's Aid Leicestershire", "Children's support service", 40),
    ("Living Without Abuse", "Helpline and outreach service", 75),
    ("Rutland County Council", "Domestic abuse lead, children's services", -10),
    ("Leicestershire County Council", "Domestic Abuse and Housing Officer", 120),
    ("Jenkins Centre", "Domestic Abuse Perpetrator Service", 200),
]
PLACEHOLDER_WAY_IN = "Demo placeholder: not a real address (team-inbox@example.invalid)"

HOUSING = ["Example Housing Association A (fictional)", "Example Housing Association B (fictional)"]


def _split(total: int, weights: list[int]) -> list[int]:
    """Whole numbers in proportion to the weights, summing to the total (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[:total - sum(out)]:
        out[i] += 1
    return out


def quarter_csv(single: int, with_da: int) -> bytes:
    weights = [w for *_k, w in SPLIT]
    singles, das = _split(single, weights), _split(with_da, weights)
    lines = ["age_band,gender,ethnic_group,single_assessments,assessments_with_domestic_abuse"]
    for (age, gender, _w), s, d in zip(SPLIT, singles, das, strict=True):
        lines.append(f"{age},{gender},white,{s},{min(d, s)}")
    return ("\n".join(lines) + "\n").encode()


def load_partnership() -> None:
    board = Board.objects.get(slug=BOARD)
    orgs = {o.name: o for o in Organisation.objects.all()}
    rutland = orgs["Rutland County Council"]
    declaration = declared.parse(FIELDS, CHECKS)
    ds = PartnerDataset.objects.filter(board=board, slug=RUTLAND_CS).first()
    if ds is None:
        ds = services.dataset_define(
            acting_user=None, board=board, partner=rutland, slug=RUTLAND_CS,
            name="Rutland children's services: single assessments",
            description="Single assessments completed by Rutland's children's services each quarter, and those with "
                        "one or more domestic abuse factors, by age band, gender and ethnic group.",
            declaration=declaration,
            source_note="Quarter totals from Updates from Rutland County Council (28 June 2024), paragraphs 18 to 20; "
                        "the split within each half-year and by age band and gender is illustrative.")
    for period, (single, with_da) in QUARTERS.items():
        services.dataset_submit(acting_user=None, dataset=ds, period=Period.parse(period),
                                data=quarter_csv(single, with_da), filename=f"{period}.csv", source="file")

    leics = Council.objects.get(gss_code="E10000018")
    this_year = Period.of(clock.today()).start_year
    for start in range(2023, this_year + 1):
        year = financial_year_label(start)
        for kpi, value, direction in TARGETS:
            KpiTarget.objects.update_or_create(council=leics, kpi=kpi, year=year,
                                               defaults={"value": value, "direction": direction})

    today = clock.today()
    for org, role, days in CONTACTS:
        Contact.objects.update_or_create(board=board, organisation=orgs[org], role=role, defaults={
            "how_to_reach": PLACEHOLDER_WAY_IN, "review_due": today + dt.timedelta(days=days)})

    housing = []
    for name in HOUSING:
        org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": "other"})
        housing.append(org)
    DahaStatus.objects.update_or_create(board=board, provider=housing[0], defaults={
        "stage": "accredited", "stage_since": today - dt.timedelta(days=300),
        "accredited_on": today - dt.timedelta(days=300), "renewal_due": today + dt.timedelta(days=60)})
    DahaStatus.objects.update_or_create(board=board, provider=housing[1], defaults={
        "stage": "working_towards", "stage_since": today - dt.timedelta(days=90)})

    partners = [orgs["Leicester City Council"], orgs["Leicestershire County Council"], rutland, *housing]
    moves = [  # reference, offered by, household from, bedrooms, months ago, completed
        ("DEMO-01", 0, 1, 2, 10, True), ("DEMO-02", 1, 0, 3, 9, True), ("DEMO-03", 3, 0, 1, 8, True),
        ("DEMO-04", 4, 2, 2, 6, True), ("DEMO-05", 0, 3, 2, 5, True), ("DEMO-06", 3, 1, 2, 4, True),
        ("DEMO-07", 1, 4, 1, 3, True), ("DEMO-08", 0, 1, 3, 2, True), ("DEMO-09", 3, 2, 2, 1, False),
    ]
    for ref, by, source, beds, months, done in moves:
        offered = today - dt.timedelta(days=30 * months)
        ReciprocalMove.objects.update_or_create(board=board, reference=ref, defaults={
            "offered_by": partners[by], "received_from": partners[source], "bedrooms": beds, "offered_on": offered,
            "status": MoveStatus.COMPLETED if done else MoveStatus.OFFERED,
            "completed_on": offered + dt.timedelta(days=21) if done else None})

    # A login for the partner that sends the dataset (a member of the board from Rutland).
    user, _ = User.objects.get_or_create(username="rutland-cs")
    user.first_name, user.last_name = "Demo", "Rutland children's services"
    user.email, user.organisation, user.is_active = "rutland-cs@demo.daboard.invalid", rutland, True
    user.set_password(DEMO_PASSWORD)
    user.save()
    RoleAssignment.objects.get_or_create(user=user, role=Role.BOARD_MEMBER, board=board)
