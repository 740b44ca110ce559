"""Demo data for the needs assessment. The needs assessments are the seeds' public facts;
the accommodation register is illustrative (the seeds give no unit counts) and says so on
every line."""

from __future__ import annotations

import datetime as dt

from daboard.core.appconfig import DemoStep
from daboard.core.models import Council, Organisation

from .models import AccommodationUnit, NeedsAssessment

# What `daboard demo` loads of this app, in order (core.appconfig; live: laid relative to today).
STEPS = (
    DemoStep("Needs assessments and the accommodation register", "daboard.insights.demo.load_insights"),
    DemoStep("Board members' figures protected ahead (disclosure control)", "daboard.insights.demo.protect_demo_quarters", live=True),
)

ILLUSTRATIVE = "Illustrative figure for the demo; the seeds give no unit counts"

NEEDS_ASSESSMENTS = [
    # council, title, by, year, next review due (None where the papers give no date), source note, source lines
    ("E10000018", "Leicestershire Needs Assessment", "SafeLives", 2021, None,
     "Undertaken by SafeLives in 2021 (minute 4(i) of 18 March 2022), to be reviewed annually; SafeLives were "
     "authorised on 15 December 2023 to review it (minute 17(b)). The next review date is not in the published papers.",
     "001:79-80,212-218,002:136"),
    ("E06000017", "Rutland Domestic Abuse Needs Assessment", "SafeLives", 2021, dt.date(2024, 10, 31),
     "'Our last needs assessment was completed by SafeLives in 2021. We are now due to update our needs assessment' "
     "(Updates from Rutland County Council, 28 June 2024); to be updated by 31/10/2024 (Forward Plan for 2024/2025)",
     "002:402,493"),
]

UNITS = [
    # council, scheme, provider, district, kind, units, bed spaces
    ("E10000018", "Refuge 1", "Women's Aid Leicestershire", "E07000130", "refuge", 12, 30),
    ("E10000018", "Refuge 2", "Women's Aid Leicestershire", "E07000132", "refuge", 8, 20),
    ("E10000018", "Specialist refuge", "Panahghar", "E07000135", "specialist_refuge", 6, 14),
    ("E10000018", "Dispersed units (north)", "Living Without Abuse", "E07000134", "dispersed", 10, 24),
    ("E10000018", "Dispersed units (south)", "Living Without Abuse", "E07000131", "dispersed", 6, 15),
    ("E10000018", "Move-on flats", "Women's Aid Leicestershire", "E07000129", "second_stage", 4, 9),
    ("E06000017", "Dispersed units", "Living Without Abuse", None, "dispersed", 3, 7),
]


def load_insights() -> None:
    councils = {c.gss_code: c for c in Council.objects.all()}
    orgs = {o.name: o for o in Organisation.objects.all()}
    # Earlier demos named Leicestershire's assessment as no paper does: rename it in place.
    NeedsAssessment.objects.filter(council=councils["E10000018"], title="Leicestershire Safe Accommodation Needs Assessment",
                                   completed_year=2021).update(title="Leicestershire Needs Assessment")
    for code, title, by, year, review, note, _source in NEEDS_ASSESSMENTS:
        NeedsAssessment.objects.update_or_create(council=councils[code], title=title, defaults={
            "carried_out_by": by, "completed_year": year, "next_review_due": review, "source_note": note})
    for code, name, provider, district, kind, units, beds in UNITS:
        AccommodationUnit.objects.update_or_create(council=councils[code], name=name, defaults={
            "provider": orgs[provider], "district": councils.get(district) if district else None, "kind": kind,
            "units": units, "bed_spaces": beds, "source_note": ILLUSTRATIVE})


def protect_demo_quarters() -> None:
    """The board members' figures of each council's latest quarter and its trend, protected
    ahead (insights.release), so that the demo's first dashboard opens at once."""
    from .queries import latest_period
    from .release import protect_ahead

    for council in Council.objects.filter(parent__isnull=True).order_by("gss_code"):
        if council.is_tier_one and (period := latest_period(council)) is not None:
            protect_ahead(council, period)
