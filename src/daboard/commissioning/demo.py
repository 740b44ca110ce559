"""Commissioning facts of the seeds, exactly.

- Allocations: seed 002 paragraph 4 (Leicestershire, four years), "approximately £33,000"
  to each district each year; Rutland 2024/25 (seed 002, Rutland report paragraphs 7-10).
- Year 1 spend plan: seed 001 ("Year 1 spend plan"), approved by minute 6(b) of 18 March 2022.
- Contracts: seed 002 Table 2 (year 3, total contract values and extension dates) with the
  start dates of Table 1. Every "1 + 1" contract started on a date two years before the
  date its first option runs to, so: a 24-month initial term, option 1 of 12 months to the
  printed date (taken up by minute 17(c) of 15 December 2023), option 2 of 12 months more.
- Lots: seed 002 paragraphs 21-22; the SafeLives review: paragraph 7 and Appendix A.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from daboard.board.models import Resolution
from daboard.core.models import Council, Organisation, Person

from .models import (
    Allocation,
    Contract,
    ExtensionOption,
    FundingStream,
    Lot,
    ProcurementExercise,
    SpendPlan,
    SpendPlanLine,
    add_months,
)

DUTY_STREAM = "Domestic Abuse Act Part 4 safe accommodation duty"
IN_HOUSE = "Council's own funding (in house)"

LEICESTERSHIRE_ALLOCATIONS = {"2021-22": 1_127_205, "2022-23": 1_130_326, "2023-24": 1_152_936, "2024-25": 1_174_689}
DISTRICT_ALLOCATION = 33_000

YEAR1_LINES = [
    ("Domestic Abuse Act Coordinator", "Leicestershire County Council", "Leicestershire County Council", 95_062, "2 years fixed term", "In post"),
    ("Commissioning officer", "Leicestershire County Council", "Leicestershire County Council", 80_000, "2 years fixed term", "In post"),
    ("Substance misuse specialist", "Turning Point", "Turning Point", 88_234, "2 years", "Service start date: 13.06.2022"),
    ("Gypsy Roma and Traveller specialist", "Leicestershire GATE", "Leicestershire Gate", 60_000, "2 years", "Service start date: 01/08/2022"),
    ("Specialist DA Support LGBT+ Victims", "Leicester LGBT Centre", "Leicester LGBT service", 56_000, "2 years", "Service start date: 01/07/2022"),
    ("Community based support for male victims", "Women's Aid Leicestershire", "Women's Aid Leicestershire", 97_054, "2 years", "Commissioning team drawing up contracts"),
    ("Helpline support for male victims", "Freeva", "Freeva", 76_544, "2 years", "Commissioning team drawing up contracts"),
    ("BAME advisor", "Freeva", "Freeva", 76_544, "2 years", "Commissioning team drawing up contracts"),
    ("Counselling service for adults", "Freeva", "Freeva", 42_982, "1 year", "Commissioning team drawing up contracts"),
    ("Children's support service", "Women's Aid Leicestershire", "JADA+ via Women's Aid", 123_550, "1 year", "Service start date: 31/05/2022"),
    ("x2 Outreach workers", "Living Without Abuse", "Living without Abuse", 148_000, "2 years", "PID and exceptions report completed: 01/06/2022"),
    ("County Family service: x2 family workers", "Living Without Abuse", "Living without Abuse", 148_000, "2 years", "PID and exceptions report completed: 01/06/2022"),
    ("1 part time young person's IDVA", "Living Without Abuse", "Living without Abuse", 54_000, "2 years", "PID and exceptions report completed: 01/06/2022"),
    ("Contribution to MARAC manager and Administrator costs", "MARAC", "MARAC", 18_000, "2 years", "Year 1 money sent: 09/03/2022"),
]

# Where each line comes from (see daboard.demo.sources): the table of 001 prints its columns
# one after another, so a line cites its service, provider, cost, period and status lines.
YEAR1_SOURCES = {
    "Domestic Abuse Act Coordinator": "001:487-488,506-507,512,516-517,641",
    "Commissioning officer": "001:489-490,508-509,514,518-519,642",
    "Substance misuse specialist": "001:491-492,510,639,520,643-644",
    "Gypsy Roma and Traveller specialist": "001:493-495,522-523,525,527,645-646",
    "Specialist DA Support LGBT+ Victims": "001:496-498,529-530,532,534,536-537",
    "Community based support for male victims": "001:499-501,539-540,542,544,546-547",
    "Helpline support for male victims": "001:502-503,549,551,553,613-614",
    "BAME advisor": "001:504,555,557,559,615-616",
    "Counselling service for adults": "001:561-562,568,570,572,617-618",
    "Children's support service": "001:563-564,574-575,579,581,619-620",
    "x2 Outreach workers": "001:565-566,576-577,583,585,624-626",
    "County Family service: x2 family workers": "001:587-589,593-594,596,598,627-629",
    "1 part time young person's IDVA": "001:590-591,600-601,603,605,621-623",
    "Contribution to MARAC manager and Administrator costs": "001:633-637,607,609,611,630-631",
}
ALLOCATION_SOURCES = {"2021-22": "002:200", "2022-23": "002:201", "2023-24": "002:202", "2024-25": "002:203"}
DISTRICT_ALLOCATION_SOURCE = "002:199"

# (reference, service, provider, start, initial months, first option runs to or None, total value)
CONTRACTS = [
    ("LCC-DA-01", "Specialist Domestic Abuse Substance Misuse Support for Victims", "Turning Point",
     dt.date(2022, 6, 13), 24, dt.date(2025, 6, 12), 124_864),
    ("LCC-DA-02", "Specialist Domestic Abuse Support for Victims from Gypsy / Roma / Traveller (GRT) Communities",
     "Leicestershire GATE", dt.date(2022, 8, 1), 24, dt.date(2025, 7, 31), 90_000),
    ("LCC-DA-03", "Domestic Abuse Support For LGBTQ+ Victims Specialist Service", "Leicester LGBT Centre",
     dt.date(2022, 7, 1), 24, dt.date(2025, 6, 30), 84_000),
    ("LCC-DA-04", "Domestic Abuse Additional Resource for Family Support Workers Within the County Family Service",
     "Living Without Abuse", dt.date(2022, 5, 31), 24, None, 148_000),
    ("LCC-DA-05", "Domestic Abuse Additional Resource for A Part Time Young Person's IDVA Worker Within the County Family Support Service",
     "Living Without Abuse", dt.date(2022, 5, 31), 24, dt.date(2025, 5, 30), 81_000),
    ("LCC-DA-06", "Domestic Abuse Additional Resource for Outreach Workers Within the Outreach Service",
     "Living Without Abuse", dt.date(2022, 5, 31), 24, None, 148_000),
    ("LCC-DA-07", "Domestic Abuse Support for Male Victims (ADAM Project) - Community Based Practitioner",
     "Women's Aid Leicestershire", dt.date(2022, 7, 1), 24, dt.date(2025, 6, 30), 145_581),
    ("LCC-DA-08", "Domestic Abuse Support for Male Victims - Helpline Worker", "Freeva",
     dt.date(2022, 9, 1), 24, dt.date(2025, 8, 31), 114_816),
    ("LCC-DA-09", "Domestic Abuse and BAME Specialist Advisor Support", "Freeva",
     dt.date(2022, 6, 1), 24, dt.date(2025, 5, 31), 114_816),
    ("LCC-DA-10", "Domestic Abuse- Specialist Therapeutic Support Young People's Counsellor Post", "Freeva",
     dt.date(2022, 10, 1), 18, None, 42_982),
    ("LCC-DA-11", "Domestic Abuse - Additional Therapeutic Support For The Adult Counsellor Service", "Freeva",
     dt.date(2022, 6, 1), 24, None, 42_982),
]

# Table 2 line (service, provider, option date, value) and Table 1 line (start, period) of 002.
CONTRACT_SOURCES = {
    "LCC-DA-01": "002:240,219", "LCC-DA-02": "002:241-243,220", "LCC-DA-03": "002:244,221",
    "LCC-DA-04": "002:245,232", "LCC-DA-05": "002:246,233", "LCC-DA-06": "002:247,231", "LCC-DA-07": "002:248,222",
    "LCC-DA-08": "002:249,223", "LCC-DA-09": "002:250,227", "LCC-DA-10": "002:252,229", "LCC-DA-11": "002:253,228",
    "LCC-NA-01": "002:210,344-345,136",
}

# The type of support each demo contract buys, read from its service name (daboard's reading,
# not a fact printed in the seeds): used for spend by category in the annual return.
CATEGORIES = {
    "LCC-DA-01": "specialist", "LCC-DA-02": "specialist", "LCC-DA-03": "specialist", "LCC-DA-04": "children",
    "LCC-DA-05": "advocacy", "LCC-DA-06": "advocacy", "LCC-DA-07": "advocacy", "LCC-DA-08": "advice",
    "LCC-DA-09": "specialist", "LCC-DA-10": "counselling", "LCC-DA-11": "counselling", "LCC-NA-01": "coordination",
    "RCC-DA-01": "advocacy",
}

LOTS = [
    (1, "Support for Black Asian Minority Ethnic (BAME) victims", 85_000, None, "competition", "Panahghar", "", ""),
    (2, "Support for Male victims", 35_000, 0, "direct", "Women's Aid Leicestershire",
     "the Finance Board at Leicestershire County Council",
     "No organisation put forward any interest for lot 2; a direct award to WALL who already support male victims "
     "through the Adam Project."),
    (3, "Generic Support (including larger and accessible units)", 130_000, None, "competition",
     "Women's Aid Leicestershire", "", ""),
]

LOT_SOURCES = {1: "002:258,261", 2: "002:259,261", 3: "002:260,261"}

RUTLAND_LINES = [
    ("Commissioning LWA services", "Living Without Abuse", "LWA", 58_000, "2024/25", ""),
    ("MARAC", "MARAC", "MARAC", 2_500, "2024/25", ""),
    ("Part time domestic abuse project lead", "Rutland County Council", "Rutland County Council", 31_410, "", "Spent"),
]


def _resolution(day: dt.date, minute: int, order: int) -> Resolution | None:
    return Resolution.objects.filter(minute__meeting__date=day, minute__number=minute, order=order).first()


def load_commissioning() -> None:
    orgs = {o.name: o for o in Organisation.objects.all()}
    ministry = orgs["Department for Levelling Up, Housing and Communities"]
    duty, _ = FundingStream.objects.update_or_create(
        name=DUTY_STREAM, defaults={"source": "The ministry's allocation to each council for the safe accommodation duty "
                                              "(DLUHC, now MHCLG)", "funder": ministry})
    in_house, _ = FundingStream.objects.update_or_create(name=IN_HOUSE, defaults={"source": "The council's own budget"})
    leics = Council.objects.get(gss_code="E10000018")
    rutland = Council.objects.get(gss_code="E06000017")
    for year, amount in LEICESTERSHIRE_ALLOCATIONS.items():
        Allocation.objects.update_or_create(council=leics, financial_year=year, stream=duty, defaults={
            "amount": Decimal(amount), "approximate": False,
            "source_note": "Leicestershire Projects and Commissioning update, 28 June 2024, paragraph 4"})
        for district in leics.districts.all():
            Allocation.objects.update_or_create(council=district, financial_year=year, stream=duty, defaults={
                "amount": Decimal(DISTRICT_ALLOCATION), "approximate": True,
                "source_note": "Each district has received approximately £33,000 for each year (28 June 2024, paragraph 4)"})
    rutland_note = "Updates from Rutland County Council, 28 June 2024, paragraph 7"
    Allocation.objects.update_or_create(council=rutland, financial_year="2024-25", stream=duty,
                                        defaults={"amount": Decimal(63_000), "source_note": rutland_note})
    Allocation.objects.update_or_create(council=rutland, financial_year="2024-25", stream=in_house,
                                        defaults={"amount": Decimal(40_935), "source_note": rutland_note})

    plan, _ = SpendPlan.objects.update_or_create(council=leics, financial_year="2021-22", defaults={
        "title": "Domestic Abuse Act Funding Plan 2021/22 (year 1 spend plan)", "status": "approved",
        "approved_by": _resolution(dt.date(2022, 3, 18), 6, 2),
        "source_note": "DLUHC Domestic Abuse Act Funding Spend Plan, board of 17 June 2022, paragraph 8"})
    _lines(plan, YEAR1_LINES, orgs)
    rplan, _ = SpendPlan.objects.update_or_create(council=rutland, financial_year="2024-25", defaults={
        "title": "Rutland domestic abuse funding 2024/25", "status": "draft",
        "source_note": "Updates from Rutland County Council, 28 June 2024, paragraphs 7-10"})
    _lines(rplan, RUTLAND_LINES, orgs)

    extension = _resolution(dt.date(2023, 12, 15), 17, 3)
    contact = Person.objects.get(name="Gurjit Samra-Rai")
    for ref, service, provider, start, months, first_option_to, value in CONTRACTS:
        contract, _ = Contract.objects.update_or_create(reference=ref, defaults={
            "council": leics, "service": service, "provider": orgs[provider], "start_date": start,
            "initial_term_months": months, "total_value": Decimal(value), "contact": contact,
            "status": "extended" if first_option_to else "live", "returns_required": True,
            "approved_by": extension if first_option_to else None, "support_category": CATEGORIES[ref],
            "notes": "Year 3 commissioned services, Table 2 of the report to the board of 28 June 2024"})
        contract.options.all().delete()
        if first_option_to:
            initial_end = contract.initial_end
            ExtensionOption.objects.create(contract=contract, order=1, months=12, runs_to=first_option_to,
                                           decision_due=initial_end, exercised=True, decided_by=extension)
            ExtensionOption.objects.create(contract=contract, order=2, months=12,
                                           runs_to=add_months(first_option_to + dt.timedelta(days=1), 12) - dt.timedelta(days=1),
                                           decision_due=first_option_to, exercised=None)
    Contract.objects.update_or_create(reference="LCC-NA-01", defaults={
        "council": leics, "service": "Refresh of Safe Accommodation Needs Assessment", "provider": orgs["SafeLives"],
        "start_date": None, "initial_term_months": None, "commitment_year": "2023-24", "total_value": Decimal(4_400),
        "status": "live", "returns_required": False, "contact": contact, "support_category": CATEGORIES["LCC-NA-01"],
        "approved_by": _resolution(dt.date(2023, 12, 15), 17, 2),
        "notes": "SafeLives proposal of October 2023 (Appendix A); to be delivered within three months of award"})
    Contract.objects.update_or_create(reference="RCC-DA-01", defaults={
        "council": rutland, "service": "Domestic abuse support services (LWA)", "provider": orgs["Living Without Abuse"],
        "start_date": None, "initial_term_months": None, "commitment_year": "2024-25", "total_value": Decimal(58_000),
        "status": "live", "returns_required": True, "contact": Person.objects.get(name="Sarah Gill"),
        "support_category": CATEGORIES["RCC-DA-01"],
        "notes": "£58,000 is spent on commissioning LWA services; the contract is being reviewed in line with the LLR contract"})

    exercise, _ = ProcurementExercise.objects.update_or_create(council=leics, title="Safe Accommodation support", defaults={
        "status": "awarded",
        "notes": "The exercise was split into 3 lots. The money is for the support provided within the accommodation, "
                 "not the accommodation itself (15 December 2023, minute 17(iii)); awards reported 28 June 2024."})
    for number, title, budget, bids, route, awarded, approved_by, reason in LOTS:
        Lot.objects.update_or_create(exercise=exercise, number=number, defaults={
            "title": title, "budget": Decimal(budget), "bids_received": bids, "route": route,
            "awarded_to": orgs[awarded], "direct_award_approved_by": approved_by, "direct_award_reason": reason})


def _lines(plan: SpendPlan, lines, orgs) -> None:
    plan.lines.all().delete()
    SpendPlanLine.objects.bulk_create([
        SpendPlanLine(plan=plan, support_service=service, provider=orgs.get(provider), provider_as_printed=printed,
                      cost=Decimal(cost), time_period=period, status=status, order=i)
        for i, (service, provider, printed, cost, period, status) in enumerate(lines, start=1)])
