# The core app's fixed lists of choices, apart from its models so that they read as data;
# core.models imports them all, so code that reads them from there keeps working.

from django.db import models


class CouncilKind(models.TextChoices):
    COUNTY = "county", "County council (tier 1)"
    UNITARY = "unitary", "Unitary authority (tier 1)"
    METROPOLITAN = "metropolitan", "Metropolitan borough (tier 1)"
    LONDON_BOROUGH = "london_borough", "London borough (tier 1)"
    DISTRICT = "district", "District council (tier 2)"


class DisclosureMethod(models.TextChoices):
    STANDARD = "standard", "Counts 1 to the threshold minus one shown as [c], with secondary suppression"
    NHS = "nhs", "NHS Digital: counts 1 to 7 shown as [c], other counts rounded to the nearest 5"


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    PROVIDER = "provider", "Commissioned provider"
    POLICE = "police", "Police"
    PCC = "pcc", "Police and crime commissioner"
    FIRE = "fire", "Fire and rescue"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation"
    VOLUNTARY = "voluntary", "Voluntary sector"
    VICTIM_VOICE = "victim_voice", "Victim-survivor voice"
    PARTNERSHIP = "partnership", "Multi-agency partnership"
    GOVERNMENT = "government", "Government department"
    OTHER = "other", "Other"


class MembershipKind(models.TextChoices):
    MEMBER = "member", "Member"
    SUPPORTING_OFFICER = "supporting_officer", "Supporting officer"


class BoardPosition(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", "Secretariat (board clerk)"
    COMMISSIONER = "commissioner", "Commissioner"
    PROVIDER = "provider", "Provider"
    BOARD_MEMBER = "board_member", "Board member"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Administrator"

