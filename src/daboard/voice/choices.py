# The voice app's fixed lists of choices, apart from its models so that they read as data;
# voice.models imports them all, so code that reads them from there keeps working.

from django.db import models


class BoardAttendance(models.TextChoices):
    CHAIR = "chair", "The chair of the board"
    VICE_CHAIR = "vice_chair", "The vice-chair of the board"
    REPRESENTATIVE = "representative", "A representative of the chair or vice-chair"
    NONE = "none", "Nobody from the board"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    SHARED = "shared", "Reviewed: comment shared"
    WITHHELD = "withheld", "Reviewed: comment kept back"
    DISCARDED = "discarded", "Reviewed: not genuine, not counted"

