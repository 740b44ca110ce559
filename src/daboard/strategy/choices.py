# The strategy app's fixed lists of choices, apart from its models so that they read as data;
# strategy.models imports them all, so code that reads them from there keeps working.

from django.db import models


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTED = "consulted", "Consulted on"
    ADOPTED = "adopted", "Adopted"
    UNDER_REVIEW = "under_review", "Under review"


class Rag(models.TextChoices):
    NONE = "none", "Not yet reported"
    RED = "red", "Red: off track"
    AMBER = "amber", "Amber: at risk"
    GREEN = "green", "Green: on track"
    DONE = "done", "Complete"

