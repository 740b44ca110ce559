# The partnership app's fixed lists of choices, apart from its models so that they read as data;
# partnership.models imports them all, so code that reads them from there keeps working.

from django.db import models


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class DahaStage(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    COMMITTED = "committed", "Committed to accreditation"
    WORKING_TOWARDS = "working_towards", "Working towards accreditation"
    ASSESSMENT = "assessment", "Assessment booked"
    ACCREDITED = "accredited", "Accredited"
    LAPSED = "lapsed", "Accreditation lapsed"


class MoveStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    COMPLETED = "completed", "Completed (the household moved)"
    WITHDRAWN = "withdrawn", "Withdrawn"

