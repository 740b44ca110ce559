# The insights app's fixed lists of choices, apart from its models so that they read as data;
# insights.models imports them all, so code that reads them from there keeps working.

from django.db import models


class AccommodationKind(models.TextChoices):
    """Types of safe accommodation: the standard's support settings other than community."""
    REFUGE = "refuge", "Refuge"
    SPECIALIST_REFUGE = "specialist_refuge", "Specialist ('by and for') refuge"
    DISPERSED = "dispersed", "Dispersed accommodation"
    SECOND_STAGE = "second_stage", "Second-stage (move-on) accommodation"
    SANCTUARY = "sanctuary_scheme", "Sanctuary scheme"
    OTHER = "other_safe_accommodation", "Other safe accommodation"

