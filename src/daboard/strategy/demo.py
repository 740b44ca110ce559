"""The seeds' strategies: Leicestershire's Domestic Abuse Reduction Strategy 2022-2025 (its
five priorities are counted, not named, in the board's papers) and Rutland's strategy with
its five priorities, the activities of 2023/2024 and the forward plan for 2024/2025 (Updates
from Rutland County Council, board of 28 June 2024)."""

from __future__ import annotations

import datetime as dt

from daboard.core.appconfig import DemoStep
from daboard.core.models import Council

from .models import Activity, DeliveryAction, Priority, Strategy

# What `daboard demo` loads of this app, in order (core.appconfig; live: laid relative to today).
STEPS = (
    DemoStep("Strategies, priorities and the delivery plan", "daboard.strategy.demo.load_strategy"),
    DemoStep("The strategy in force today (synthetic, review coming up)", "daboard.strategy.demo_live.load_strategy_review", live=True),
)

RUTLAND_NOTE = "Updates from Rutland County Council, board of 28 June 2024"

RUTLAND_PRIORITIES = [
    ("Raising awareness of domestic abuse and the prevalence locally",
     "Which includes ensuring we are professionally curious, exploring potential hidden harm and under reporting of "
     "abuse in Rutland to protect and support more victims, and raising local awareness of domestic abuse to enable our "
     "community to recognise domestic abuse to support a change in attitude.",
     "Monthly Comms via social media in relation to DA support services available. Local Safer Communities Team "
     "completed leaflet drop in Pubs and Hairdressers around Christmas to support DA raising awareness campaigns. "
     "Supported Health to provide training to Army Medics in raising awareness of DA.", "002:405,482"),
    ("Safeguarding people at risk and providing support for victims and survivors by working more effectively with "
     "agencies",
     "To ensure we listen to the voice of victims and survivors that enables the shaping of services and support, to "
     "meet local need, and ensuring victims have the confidence to report incidents of domestic abuse, including young "
     "people who in their own relationships can become victims of domestic abuse.",
     "Training provided: DASH risks assessments, Recognising Elder Abuse. Developed a Reducing Parental Conflict and "
     "Domestic Abuse Toolkit for practitioners. Healing Together Trained Practitioners in Family Help provide: Domestic "
     "Abuse: Supporting Children and Young People x3 Practitioners trained Domestic Abuse: Parent and Carers. X 2 "
     "Practitioners Trained LWA and Freeva provide support services in line with current contract.", "002:407,483"),
    ("Changing behaviours of perpetrators and preventing reoffending",
     "By providing effective perpetrator management programmes, to enable victims and children to remain living in "
     "their homes and communities, reducing disruption and trauma.",
     "Practitioners in Rutland are now trained in Modus and attend MARAC regularly.", "002:409,484"),
    ("Ensuring all agencies/partners work together to provide a multi-agency response to tackling domestic abuse", "",
     "Attend Safer Rutland Partnership Meetings and meet with Safer Communities Manager to review data monthly. "
     "Provided support to Girls Group to raise awareness of DA in relationships.", "002:411,485"),
    ("Providing support for victim and survivors in relevant safe accommodation",
     "By providing specific targeted support for victims of domestic abuse that empowers victims and builds "
     "confidence, develops resilience and independence, and increases safety.",
     "Housing attend working groups meetings and have links with refuges and support families to move if needed. "
     "Working with Women's Aid to ensure support is provided to families who are moved to dispersal units in Rutland.", "002:413,487"),
]

# (action, assigned to as printed, date for completion, source)
RUTLAND_FORWARD_PLAN = [
    ("Needs Assessment and DA strategy to be updated", "HOS/SM and PDL", dt.date(2024, 10, 31), "002:493"),
    ("Advanced Social Work Practitioner Post to be advertised", "S/M and PDL", dt.date(2024, 6, 28), "002:494"),
    ("Review of Rutland specific partnership and working groups to prevent duplication.", "S/M and PDL",
     dt.date(2024, 7, 4), "002:495"),
    ("Training plan to be progressed", "PDL", dt.date(2024, 7, 31), "002:496"),
    ("LWA contract to be reviewed", "HOS with LLR partnership", None, "002:497"),
]

# Where the strategies' facts come from (see daboard.demo.sources).
LEICESTERSHIRE_STRATEGY = {
    "title": "Leicestershire Domestic Abuse Reduction Strategy", "starts": 2022, "ends": 2025,
    "noted_on": dt.date(2022, 3, 18), "priorities": 5,
    # 003:3 the strategy and its period; 001:79-80 the meeting; 001:202-218 minute 4: considered and noted,
    # five priorities from the 2021 needs assessment, annual reviews (no date given); 001:255-256 resolution.
    "src": "003:3,001:79-80,202-218,255-256",
}
RUTLAND_STRATEGY = {"title": "Rutland Domestic Abuse Strategy", "starts": 2021, "ends": 2024,
                    "review_due": dt.date(2024, 10, 31), "src": "002:399,402,493"}


def load_strategy() -> None:
    leics = Council.objects.get(gss_code="E10000018")
    rutland = Council.objects.get(gss_code="E06000017")
    leicester = Council.objects.get(gss_code="E06000016")
    # Leicester's terms of reference, 7.1: the Chair reports to the Senior Management Team at
    # least twice a year and to the relevant scrutiny commissions at least once a year.
    Council.objects.filter(pk=leicester.pk).update(smt_reports_per_year=2, scrutiny_reports_per_year=1)

    spec = LEICESTERSHIRE_STRATEGY
    strategy, _ = Strategy.objects.update_or_create(council=leics, title=spec["title"], defaults={
        "starts": spec["starts"], "ends": spec["ends"], "status": "adopted",
        # "Annual reviews of the Domestic Abuse Reduction Strategy would also take place" (minute 4(i)):
        # the papers give no review date, so none is loaded.
        "review_due": None,
        "source_note": "Draft considered by the scrutiny commission, comments reported to the Cabinet of 14 December 2021; "
                       "noted by the board on 18 March 2022 (minute 4). Its five priorities arose from the SafeLives needs "
                       "assessment of 2021 (minute 4(i)); the board's papers count them but do not name them. Annual "
                       "reviews would take place; the review date is not in the published papers."})
    for n in range(1, 6):
        Priority.objects.update_or_create(strategy=strategy, number=n, defaults={
            "title": f"Priority {n} of 5 (not named in the board's papers)",
            "description": "The commissioner can name it from the published strategy."})

    spec = RUTLAND_STRATEGY
    strategy, _ = Strategy.objects.update_or_create(council=rutland, title=spec["title"], defaults={
        "starts": spec["starts"], "ends": spec["ends"], "status": "under_review", "review_due": spec["review_due"],
        "source_note": f"'The domestic abuse strategy for Rutland is also due for an update and will be updated by October "
                       f"2024' ({RUTLAND_NOTE}, paragraph 3)"})
    for n, (title, description, activity, _source) in enumerate(RUTLAND_PRIORITIES, start=1):
        priority, _ = Priority.objects.update_or_create(strategy=strategy, number=n, defaults={
            "title": title, "description": description})
        Activity.objects.update_or_create(priority=priority, year="2023/2024", defaults={
            "text": activity, "source_note": f"Activities undertaken over 2023/2024 linked to Strategy priorities ({RUTLAND_NOTE})"})
    for title, owner, due, _source in RUTLAND_FORWARD_PLAN:
        DeliveryAction.objects.update_or_create(strategy=strategy, title=title, defaults={
            "owner_as_printed": owner, "due": due, "rag": "none",
            "source_note": f"Forward Plan for 2024/2025 ({RUTLAND_NOTE})"})
