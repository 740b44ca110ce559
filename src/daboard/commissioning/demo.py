"""Commissioning facts of the seeds, exactly.

- Allocations: seed 002 paragraph 4 (Leicestershire, four years), "approximately £33,000"
  to each district each year; Rutland 2024/25 (seed 002, Rutland report paragraphs 7-10).
- Year 1 spend plan: seed 001 ("Year 1 spend plan"), approved by minute 6(b) of 18 March 2022.
- Contracts: seed 002 Table 2 (year 3, total contract values and extension dates) with the
  start dates of Table 1. Every "1 + 1" contract started on a date two years before the
  date its first option runs to, so: a 24-month initial term, option 1 of 12 months to the
  printed date (taken up by minute 17(c) of 15 December 2023), option 2 of 12 months more.
- Lots: seed 002 paragraphs 21-22; the SafeLives review: paragraph 7 and Appendix A.
- The ledger (every commitment against an allocation), funded posts with their history, and
  the districts' plans: see LEDGER, POSTS and DISTRICT_PLAN below.

Every figure names the seed file and line it is printed on (`seed_ref`, e.g.
"001_d13b286a6b554f96.txt:512"); tests/commissioning/test_seed_figures.py reads each line
and holds the figure to it. Where the seeds say nothing, the field stays empty.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from daboard.board.models import Resolution
from daboard.core.appconfig import DemoStep
from daboard.core.models import Council, Organisation, Person
from daboard.core.periods import add_months

from . import models
from .choices import CommitmentKind

# What `daboard demo` loads of this app, in order (core.appconfig; live: laid relative to today).
STEPS = (
    DemoStep("Funding, spend plans, contracts and lots", "daboard.commissioning.demo.load_commissioning"),
    DemoStep("Services running today (synthetic successors of the seed contracts)", "daboard.commissioning.demo_live.load_live_contracts", live=True),
)

S0, S1, S2 = "000_0f8b2944ca6024ef.txt", "001_d13b286a6b554f96.txt", "002_803c05443b2efa39.txt"
S3 = "003_fdfd155820581acb.txt"

DUTY_STREAM = "Domestic Abuse Act Part 4 safe accommodation duty"
IN_HOUSE = "Council's own funding (in house)"

LEICESTERSHIRE_ALLOCATIONS = {"2021-22": 1_127_205, "2022-23": 1_130_326, "2023-24": 1_152_936, "2024-25": 1_174_689}
ALLOCATION_LINES = {"2021-22": f"{S2}:200", "2022-23": f"{S2}:201", "2023-24": f"{S2}:202", "2024-25": f"{S2}:203"}
DISTRICT_ALLOCATION = 33_000
DISTRICT_LINE = f"{S2}:199"

YEAR1_LINES = [
    ("Domestic Abuse Act Coordinator", "Leicestershire County Council", "Leicestershire County Council", 95_062, "2 years fixed term", "In post", f"{S1}:512"),
    ("Commissioning officer", "Leicestershire County Council", "Leicestershire County Council", 80_000, "2 years fixed term", "In post", f"{S1}:514"),
    ("Substance misuse specialist", "Turning Point", "Turning Point", 88_234, "2 years", "Service start date: 13.06.2022", f"{S1}:639"),
    ("Gypsy Roma and Traveller specialist", "Leicestershire GATE", "Leicestershire Gate", 60_000, "2 years", "Service start date: 01/08/2022", f"{S1}:525"),
    ("Specialist DA Support LGBT+ Victims", "Leicester LGBT Centre", "Leicester LGBT service", 56_000, "2 years", "Service start date: 01/07/2022", f"{S1}:532"),
    ("Community based support for male victims", "Women's Aid Leicestershire", "Women's Aid Leicestershire", 97_054, "2 years", "Commissioning team drawing up contracts", f"{S1}:542"),
    ("Helpline support for male victims", "Freeva", "Freeva", 76_544, "2 years", "Commissioning team drawing up contracts", f"{S1}:551"),
    ("BAME advisor", "Freeva", "Freeva", 76_544, "2 years", "Commissioning team drawing up contracts", f"{S1}:557"),
    ("Counselling service for adults", "Freeva", "Freeva", 42_982, "1 year", "Commissioning team drawing up contracts", f"{S1}:570"),
    ("Children's support service", "Women's Aid Leicestershire", "JADA+ via Women's Aid", 123_550, "1 year", "Service start date: 31/05/2022", f"{S1}:579"),
    ("x2 Outreach workers", "Living Without Abuse", "Living without Abuse", 148_000, "2 years", "PID and exceptions report completed: 01/06/2022", f"{S1}:583"),
    ("County Family service: x2 family workers", "Living Without Abuse", "Living without Abuse", 148_000, "2 years", "PID and exceptions report completed: 01/06/2022", f"{S1}:596"),
    ("1 part time young person's IDVA", "Living Without Abuse", "Living without Abuse", 54_000, "2 years", "PID and exceptions report completed: 01/06/2022", f"{S1}:603"),
    ("Contribution to MARAC manager and Administrator costs", "MARAC", "MARAC", 18_000, "2 years", "Year 1 money sent: 09/03/2022", f"{S1}:609"),
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

# The line of seed 002's Table 2 printing each contract's total contract value.
TCV_LINES = {"LCC-DA-01": 240, "LCC-DA-02": 241, "LCC-DA-03": 244, "LCC-DA-04": 245, "LCC-DA-05": 246,
             "LCC-DA-06": 247, "LCC-DA-07": 248, "LCC-DA-08": 249, "LCC-DA-09": 250, "LCC-DA-10": 252,
             "LCC-DA-11": 253}

# The year 1 spend plan's line that paid for each contract's first term (same provider and
# service). Table 2's value is the whole contract, so the ledger counts the plan's line
# against 2021-22 and only the rest of the value against the years the extension runs in.
# LCC-DA-10 (young people's counsellor) has no year 1 line: its whole value is spread by days.
FUNDED_BY_PLAN = {"LCC-DA-01": "Substance misuse specialist", "LCC-DA-02": "Gypsy Roma and Traveller specialist",
                  "LCC-DA-03": "Specialist DA Support LGBT+ Victims",
                  "LCC-DA-04": "County Family service: x2 family workers",
                  "LCC-DA-05": "1 part time young person's IDVA", "LCC-DA-06": "x2 Outreach workers",
                  "LCC-DA-07": "Community based support for male victims",
                  "LCC-DA-08": "Helpline support for male victims", "LCC-DA-09": "BAME advisor",
                  "LCC-DA-11": "Counselling service for adults"}

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
# The same reading for the year 1 plan's lines that are not contracts.
PLAN_CATEGORIES = {"Domestic Abuse Act Coordinator": "coordination", "Commissioning officer": "coordination",
                   "Children's support service": "children",
                   "Contribution to MARAC manager and Administrator costs": "coordination"}

LOT_LINES = {1: f"{S2}:258", 2: f"{S2}:259", 3: f"{S2}:260"}
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
    ("Commissioning LWA services", "Living Without Abuse", "LWA", 58_000, "2024/25", "", f"{S2}:436"),
    ("MARAC", "MARAC", "MARAC", 2_500, "2024/25", "", f"{S2}:437"),
    ("Part time domestic abuse project lead", "Rutland County Council", "Rutland County Council", 31_410, "",
     "Was spent (the paper does not say in which year)", f"{S2}:438"),
]
RUTLAND_ALLOCATION_LINE = f"{S2}:435"  # "£63.000 per year plus £40.935 in house funding" (printed with points)


def _resolution(day: dt.date, minute: int, order: int) -> Resolution | None:
    return Resolution.objects.filter(minute__meeting__date=day, minute__number=minute, order=order).first()


def load_commissioning() -> None:
    orgs = {o.name: o for o in Organisation.objects.all()}
    ministry = orgs["Department for Levelling Up, Housing and Communities"]
    duty, _ = models.FundingStream.objects.update_or_create(
        name=DUTY_STREAM, defaults={"source": "The ministry's allocation to each council for the safe accommodation duty "
                                              "(DLUHC, now MHCLG)", "funder": ministry})
    in_house, _ = models.FundingStream.objects.update_or_create(name=IN_HOUSE, defaults={"source": "The council's own budget"})
    leics = Council.objects.get(gss_code="E10000018")
    rutland = Council.objects.get(gss_code="E06000017")
    for year, amount in LEICESTERSHIRE_ALLOCATIONS.items():
        models.Allocation.objects.update_or_create(council=leics, financial_year=year, stream=duty, defaults={
            "amount": Decimal(amount), "approximate": False, "seed_ref": ALLOCATION_LINES[year],
            "source_note": "Leicestershire Projects and Commissioning update, 28 June 2024, paragraph 4"})
        for district in leics.districts.all():
            models.Allocation.objects.update_or_create(council=district, financial_year=year, stream=duty, defaults={
                "amount": Decimal(DISTRICT_ALLOCATION), "approximate": True, "seed_ref": DISTRICT_LINE,
                "source_note": "Each district has received approximately £33,000 for each year (28 June 2024, paragraph 4)"})
    rutland_note = "Updates from Rutland County Council, 28 June 2024, paragraph 7"
    models.Allocation.objects.update_or_create(council=rutland, financial_year="2024-25", stream=duty,
                                        defaults={"amount": Decimal(63_000), "source_note": rutland_note,
                                                  "seed_ref": RUTLAND_ALLOCATION_LINE})
    models.Allocation.objects.update_or_create(council=rutland, financial_year="2024-25", stream=in_house,
                                        defaults={"amount": Decimal(40_935), "source_note": rutland_note,
                                                  "seed_ref": RUTLAND_ALLOCATION_LINE})

    plan, _ = models.SpendPlan.objects.update_or_create(council=leics, financial_year="2021-22", defaults={
        "title": "Domestic Abuse Act Funding Plan 2021/22 (year 1 spend plan)", "status": "approved",
        "approved_by": _resolution(dt.date(2022, 3, 18), 6, 2),
        "source_note": "DLUHC Domestic Abuse Act Funding Spend Plan, board of 17 June 2022, paragraph 8"})
    _lines(plan, YEAR1_LINES, orgs)
    rplan, _ = models.SpendPlan.objects.update_or_create(council=rutland, financial_year="2024-25", defaults={
        "title": "Rutland domestic abuse funding 2024/25", "status": "draft",
        "source_note": "Updates from Rutland County Council, 28 June 2024, paragraphs 7-10"})
    _lines(rplan, RUTLAND_LINES, orgs)

    extension = _resolution(dt.date(2023, 12, 15), 17, 3)
    contact = Person.objects.get(name="Gurjit Samra-Rai")
    for ref, service, provider, start, months, first_option_to, value in CONTRACTS:
        contract, _ = models.Contract.objects.update_or_create(reference=ref, defaults={
            "council": leics, "service": service, "provider": orgs[provider], "start_date": start,
            "initial_term_months": months, "total_value": Decimal(value), "contact": contact,
            "status": "extended" if first_option_to else "live", "returns_required": True,
            "approved_by": extension if first_option_to else None, "support_category": CATEGORIES[ref],
            "seed_ref": f"{S2}:{TCV_LINES[ref]}",
            "notes": "Year 3 commissioned services, Table 2 of the report to the board of 28 June 2024"})
        contract.options.all().delete()
        if first_option_to:
            initial_end = contract.initial_end
            models.ExtensionOption.objects.create(contract=contract, order=1, months=12, runs_to=first_option_to,
                                           decision_due=initial_end, exercised=True, decided_by=extension)
            models.ExtensionOption.objects.create(contract=contract, order=2, months=12,
                                           runs_to=add_months(first_option_to + dt.timedelta(days=1), 12) - dt.timedelta(days=1),
                                           decision_due=first_option_to, exercised=None)
    models.Contract.objects.update_or_create(reference="LCC-NA-01", defaults={
        "council": leics, "service": "Refresh of Safe Accommodation Needs Assessment", "provider": orgs["SafeLives"],
        "start_date": None, "initial_term_months": None, "commitment_year": "2023-24", "total_value": Decimal(4_400),
        "status": "live", "returns_required": False, "contact": contact, "support_category": CATEGORIES["LCC-NA-01"],
        "approved_by": _resolution(dt.date(2023, 12, 15), 17, 2), "seed_ref": f"{S2}:210",
        "notes": "SafeLives proposal of October 2023 (Appendix A); to be delivered within three months of award"})
    models.Contract.objects.update_or_create(reference="RCC-DA-01", defaults={
        "council": rutland, "service": "Domestic abuse support services (LWA)", "provider": orgs["Living Without Abuse"],
        "start_date": None, "initial_term_months": None, "commitment_year": "2024-25", "total_value": Decimal(58_000),
        "status": "live", "returns_required": True, "contact": Person.objects.get(name="Sarah Gill"),
        "support_category": CATEGORIES["RCC-DA-01"], "seed_ref": f"{S2}:436",
        "notes": "£58,000 is spent on commissioning LWA services; the contract is being reviewed in line with the LLR contract"})

    exercise, _ = models.ProcurementExercise.objects.update_or_create(council=leics, title="Safe Accommodation support", defaults={
        "status": "awarded",
        "notes": "The exercise was split into 3 lots. The money is for the support provided within the accommodation, "
                 "not the accommodation itself (15 December 2023, minute 17(iii)); awards reported 28 June 2024."})
    for number, title, budget, bids, route, awarded, approved_by, reason in LOTS:
        models.Lot.objects.update_or_create(exercise=exercise, number=number, defaults={
            "title": title, "budget": Decimal(budget), "bids_received": bids, "route": route,
            "awarded_to": orgs[awarded], "direct_award_approved_by": approved_by, "direct_award_reason": reason,
            "seed_ref": LOT_LINES[number]})
    load_ledger(leics, rutland, orgs)
    load_posts(leics, rutland, orgs)
    load_district_plans(leics)


def _lines(plan: models.SpendPlan, lines, orgs) -> None:
    plan.lines.all().delete()
    models.SpendPlanLine.objects.bulk_create([
        models.SpendPlanLine(plan=plan, support_service=service, provider=orgs.get(provider), provider_as_printed=printed,
                      cost=Decimal(cost), time_period=period, status=status, order=i, seed_ref=seed_ref)
        for i, (service, provider, printed, cost, period, status, seed_ref) in enumerate(lines, start=1)])


# --- The ledger -------------------------------------------------------------------------------

YEAR1_SOURCE = ("Year 1 spend plan, the Domestic Abuse Act Funding Plan 2021/22 (report to the board of 17 June "
                "2022, paragraph 8)")
TEAM = ("Leicestershire County Council Domestic Abuse team", 830_000, f"{S1}:648",
        "Year 2 spend plan (report to the board of 17 June 2022, paragraph 9): \"An estimated £830,000 of the DA Act "
        "funding from year 2 will go towards a Leicestershire County Council Domestic Abuse team\"; confirmed at the "
        "board of 9 December 2022, minute 11(i)")
LOT_NOTE = ("The lot's budget. The value of the award and the financial year it counts against are not in the "
            "published papers (the report of 17 June 2022, paragraph 10, expected safe accommodation to come out of "
            "year 2 funding).")
RUTLAND_SOURCE = "Updates from Rutland County Council, report to the board of 28 June 2024"


def load_ledger(leics: Council, rutland: Council, orgs: dict) -> None:
    """Every commitment the seeds give, each naming its seed line (see the module's docstring)."""
    models.Commitment.objects.filter(council__in=[leics, rutland]).delete()
    plan_resolution = _resolution(dt.date(2022, 3, 18), 6, 2)
    plan_lines = {line.support_service: line for line in models.SpendPlan.objects.get(council=leics, financial_year="2021-22")
                  .lines.select_related("provider")}
    contracts = {c.reference: c for c in models.Contract.objects.filter(council__in=[leics, rutland]).prefetch_related("options")}
    funded = {service: ref for ref, service in FUNDED_BY_PLAN.items()}
    rows: list[models.Commitment] = []
    for line in plan_lines.values():
        ref = funded.get(line.support_service)
        rows.append(models.Commitment(
            council=leics, kind=CommitmentKind.PLAN_LINE, title=line.support_service, payee=line.provider,
            amount=line.cost, financial_year="2021-22", plan_line=line, contract=contracts.get(ref),
            support_category=CATEGORIES[ref] if ref else PLAN_CATEGORIES.get(line.support_service, ""),
            approved_by=plan_resolution, source=YEAR1_SOURCE, seed_ref=line.seed_ref,
            notes=f"Time period in the plan: {line.time_period}. Status: {line.status}."))
    for ref, *_rest in CONTRACTS:
        contract = contracts[ref]
        line = plan_lines.get(FUNDED_BY_PLAN.get(ref, ""))
        rest = contract.total_value - (line.cost if line else 0)
        if line and not rest:
            continue  # the year 1 plan's line is the whole contract
        start = contract.initial_end + dt.timedelta(days=1) if line else contract.start_date
        note = (f"Total contract value £{contract.total_value:,.0f} less the year 1 spend plan's £{line.cost:,.0f} for "
                "the first term: the rest, spread over the extension taken up." if line else
                f"Total contract value £{contract.total_value:,.0f}, spread over the contract's period by days.")
        rows.append(models.Commitment(
            council=leics, kind=CommitmentKind.CONTRACT, title=contract.service, payee=contract.provider, amount=rest,
            start_date=start, end_date=contract.current_end(), contract=contract,
            support_category=contract.support_category, approved_by=contract.approved_by,
            source=f"Contract {ref}: Table 2 of the report to the board of 28 June 2024", seed_ref=contract.seed_ref,
            notes=note))
    rows.append(models.Commitment(
        council=leics, kind=CommitmentKind.POST, title=TEAM[0], payee=orgs["Leicestershire County Council"],
        amount=Decimal(TEAM[1]), approximate=True, financial_year="2022-23", source=TEAM[3], seed_ref=TEAM[2],
        notes="Posts include Support and Intervention workers, Liaison Officers, Engagement workers, a MARAC "
              "Coordinator and a Personal Advisor (paragraph 9)."))
    safelives = contracts["LCC-NA-01"]
    rows.append(models.Commitment(
        council=leics, kind=CommitmentKind.PURCHASE, title="Review of the Needs Assessment (SafeLives)",
        payee=safelives.provider, amount=safelives.total_value, financial_year="2023-24", contract=safelives,
        support_category=safelives.support_category, approved_by=safelives.approved_by,
        source="Board of 15 December 2023, minute 17(b); report of 28 June 2024, paragraph 7", seed_ref=f"{S2}:210",
        notes="Before VAT and excluding expenses (SafeLives proposal, Appendix A)."))
    for lot in models.Lot.objects.filter(exercise__council=leics).select_related("awarded_to", "exercise"):
        approval = (f"Direct award approved by {lot.direct_award_approved_by}" if lot.route == "direct"
                    else "Awarded after competition")
        rows.append(models.Commitment(
            council=leics, kind=CommitmentKind.LOT, title=f"Safe accommodation support, lot {lot.number}: {lot.title}",
            payee=lot.awarded_to, amount=lot.budget, lot=lot,
            source=f"{approval}; report to the board of 28 June 2024, paragraphs 21-22", seed_ref=lot.seed_ref,
            notes=LOT_NOTE))
    rutland_lines = {line.support_service: line for line in models.SpendPlan.objects.get(council=rutland).lines.all()}
    lwa = rutland_lines["Commissioning LWA services"]
    rows.append(models.Commitment(
        council=rutland, kind=CommitmentKind.CONTRACT, title="Domestic abuse support services (LWA)",
        payee=orgs["Living Without Abuse"], amount=lwa.cost, financial_year="2024-25", plan_line=lwa,
        contract=contracts["RCC-DA-01"], support_category="advocacy", source=f"{RUTLAND_SOURCE}, paragraph 8",
        seed_ref=lwa.seed_ref, notes="\"£58.000 is spent on commissioning LWA services\"; the contract is being "
                                     "reviewed in line with the LLR contract (paragraph 11)."))
    marac = rutland_lines["MARAC"]
    rows.append(models.Commitment(
        council=rutland, kind=CommitmentKind.GRANT, title="Contribution to MARAC", payee=orgs["MARAC"],
        amount=marac.cost, financial_year="2024-25", plan_line=marac, support_category="coordination",
        source=f"{RUTLAND_SOURCE}, paragraph 9", seed_ref=marac.seed_ref, notes="\"£2.500 is spent on MARAC\"."))
    lead = rutland_lines["Part time domestic abuse project lead"]
    rows.append(models.Commitment(
        council=rutland, kind=CommitmentKind.POST, title="Domestic Abuse Project lead (18.5 hours, part time)",
        payee=orgs["Rutland County Council"], amount=lead.cost, plan_line=lead, support_category="coordination",
        source=f"{RUTLAND_SOURCE}, paragraph 10", seed_ref=lead.seed_ref,
        notes="\"£31.410 was spent on part time domestic abuse project lead\": the paper does not say in which year "
              "(the post is in its table of roles for 2023/2024, and its holder left in December 2023)."))
    for row in rows:
        row.full_clean()
    models.Commitment.objects.bulk_create(rows)


# --- Funded posts and their history -------------------------------------------------------------

# (council, title, employer, team, positions, cost, cost period, hours, fixed term, funded by
#  (ledger title), history [(status, on, as printed when no day, interview, note, seed line)])
POSTS = [
    ("E10000018", "Domestic Abuse Act Coordinator", "Leicestershire County Council", "", None, 95_062,
     "2 years fixed term", None, True, "Domestic Abuse Act Coordinator", [
         ("in_post", dt.date(2022, 3, 18), "", None, "The Domestic Abuse Coordinator role had already been recruited to.",
          f"{S1}:291"),
         ("in_post", dt.date(2022, 6, 17), "", None, "Year 1 spend plan: In post.", f"{S1}:641"),
         ("in_post", dt.date(2024, 6, 28), "", None, "Table 1: In post.", f"{S2}:217")]),
    ("E10000018", "Commissioning officer", "Leicestershire County Council", "", None, 80_000, "2 years fixed term",
     None, True, "Commissioning officer", [
         ("recruiting", dt.date(2022, 3, 18), "", None, "The Commissioning Officer would be appointed in April 2022.",
          f"{S1}:292"),
         ("in_post", dt.date(2022, 6, 17), "", None, "Year 1 spend plan: In post.", f"{S1}:642"),
         ("in_post", dt.date(2024, 6, 28), "", None, "Table 1: In post.", f"{S2}:218")]),
    ("E10000018", "Support and Intervention Workers and Engagement Workers", "Leicestershire County Council",
     "Domestic Abuse team", 5, None, "", None, None, TEAM[0], [
         ("planned", dt.date(2022, 6, 17), "", None, "Posts the team will include (year 2 spend plan).", f"{S1}:660"),
         ("interview", dt.date(2022, 12, 9), "", dt.date(2022, 12, 15),
          "Five vacancies across two service areas; interviews on 15 December 2022, results to be reported to the "
          "next meeting.", f"{S0}:20")]),
    ("E10000018", "Liaison Officers (Children and Family Service)", "Leicestershire County Council",
     "Domestic Abuse team", None, None, "", None, None, TEAM[0], [
         ("planned", dt.date(2022, 6, 17), "", None, "Posts the team will include (year 2 spend plan).", f"{S1}:663")]),
    ("E10000018", "MARAC Coordinator", "Leicestershire County Council", "Domestic Abuse team", None, None, "", None,
     None, TEAM[0], [
         ("planned", dt.date(2022, 6, 17), "", None, "Posts the team will include (year 2 spend plan).", f"{S1}:668")]),
    ("E10000018", "Personal Advisor (young care leavers)", "Leicestershire County Council", "Domestic Abuse team",
     None, None, "", None, None, TEAM[0], [
         ("planned", dt.date(2022, 6, 17), "", None, "Posts the team will include (year 2 spend plan).", f"{S1}:670")]),
    ("E10000018", "Support worker for Gypsy, Roma and Traveller victims", "Leicestershire GATE", "", None, None, "",
     None, None, "Gypsy Roma and Traveller specialist", [
         ("in_post", dt.date(2022, 12, 9), "", None, "As a result of year 1 funding, now in place.", f"{S0}:23")]),
    ("E10000018", "Support worker based at the Leicestershire LGBT+ centre", "Leicester LGBT Centre", "", None, None,
     "", None, None, "Specialist DA Support LGBT+ Victims", [
         ("offered", dt.date(2022, 12, 9), "", None, "Recruited but not yet in post.", f"{S0}:23")]),
    ("E06000017", "Domestic Abuse Project lead", "Rutland County Council", "", None, 31_410,
     "as spent (paragraph 10; year not stated)", Decimal("18.5"), None,
     "Domestic Abuse Project lead (18.5 hours, part time)", [
         ("in_post", None, "2023/2024", None, "In the table of roles for 2023/2024.", f"{S2}:417-422"),
         ("vacant", None, "December 2023", None, "The domestic abuse project lead left their post.", f"{S2}:424"),
         ("in_post", None, "February 2024", None, "Covered by an interim project lead since February 2024.",
          f"{S2}:424")]),
    ("E06000017", "Domestic Abuse Advanced Social Work Practitioner", "Rutland County Council", "", None, None,
     "funded from the current budget", Decimal("22"), True, None, [
         ("planned", dt.date(2024, 6, 28), "", None, "Forward plan: post to be advertised by 28/06/2024; to be "
          "funded from the current budget (paragraph 11).", f"{S2}:494")]),
]


def load_posts(leics: Council, rutland: Council, orgs: dict) -> None:
    councils = {c.gss_code: c for c in (leics, rutland)}
    models.Post.objects.filter(council__in=councils.values()).delete()
    ledger = {(c.council_id, c.title): c for c in models.Commitment.objects.filter(council__in=councils.values())}
    for gss, title, employer, team, positions, cost, period, hours, fixed, funded_by, history in POSTS:
        council = councils[gss]
        last = history[-1]
        funded = ledger.get((council.pk, funded_by))
        post = models.Post(council=council, title=title, employer=orgs[employer], team=team, positions=positions,
                    cost=Decimal(cost) if cost else None, cost_period=period, hours=hours, fixed_term=fixed,
                    commitment=funded, status=last[0], status_since=last[1], interview_date=last[3],
                    seed_ref=funded.seed_ref if cost else history[0][5])  # the line of its cost, or of the post
        post.full_clean()
        post.save()
        models.PostEvent.objects.bulk_create([
            models.PostEvent(post=post, status=status, on=on, as_printed=printed, interview_date=interview, note=note,
                      seed_ref=seed_ref)
            for status, on, printed, interview, note, seed_ref in history])


# --- District councils' plans --------------------------------------------------------------------

DISTRICT_PLAN = ("2021-22", "To appoint new domestic abuse housing officers that would act as a conduit between "
                 "private housing providers, district councils, the County Council and victims.", f"{S3}:21")


def load_district_plans(leics: Council) -> None:
    """What the seeds say the districts proposed to do with their first allocation; what each
    spent it on and achieved is not in the published papers, so those fields stay empty."""
    year, use, seed_ref = DISTRICT_PLAN
    for district in leics.districts.all():
        models.DistrictPlan.objects.update_or_create(district=district, financial_year=year, defaults={
            "planned_use": use, "seed_ref": seed_ref})
