# The returns app's fixed lists of choices, apart from its models so that they read as data;
# returns.models imports them all, so code that reads them from there keeps working.

from django.db import models


class Source(models.TextChoices):
    WEB = "web", "Web upload"
    CLI = "cli", "Command line"
    API = "api", "API"


class ReviewStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Sent back"

