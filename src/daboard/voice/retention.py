"""Survivor voice's retention rule (core/retention.py runs it): free-text comments go
DABOARD_FEEDBACK_TEXT_DAYS after they were reviewed (the answers are kept); used form
tokens and hourly submission counts of the public form go once they are a day old."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from daboard.core import clock
from daboard.core.audit import audit_record
from daboard.core.retention import Rule

from .audit_actions import VoiceAudit
from .models import Feedback, SubmissionCount, UsedFormToken


def old_feedback_texts(today: dt.date):
    cutoff = today - dt.timedelta(days=settings.DABOARD_FEEDBACK_TEXT_DAYS)
    return (Feedback.objects.filter(reviewed_on__lt=cutoff, text_purged_on__isnull=True)
            .exclude(free_text="", shared_text=""))


def _find(today: dt.date) -> list[int]:
    n = old_feedback_texts(today).count()
    return [n] if n else []


def _apply(found: list[int], today: dt.date) -> None:
    if found:
        with transaction.atomic():
            purged = old_feedback_texts(today).update(free_text="", shared_text="", text_purged_on=today)
            audit_record(actor=None, action=VoiceAudit.RETENTION_FEEDBACK_TEXT_DELETED, detail={"comments": purged})
    UsedFormToken.objects.filter(expires_at__lt=clock.now()).delete()
    SubmissionCount.objects.filter(hour__lt=clock.now() - dt.timedelta(days=1)).delete()


RULES = [
    Rule("voice.feedback_texts", 60, _find,
         lambda n: (f"survivors' comments: {n} (reviewed more than {settings.DABOARD_FEEDBACK_TEXT_DAYS} days ago; "
                    "the answers are kept)"), _apply),
]
