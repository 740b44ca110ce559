"""Daily reminders: each user with reminders on gets one e-mail listing the calendar items
that concern them and are due within a week or overdue, each item only once ever."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from daboard.core.audit import audit_record
from daboard.core.mail import email_after_commit
from daboard.core.models import User

from .audit_actions import StrategyAudit
from .calendar import user_items
from .models import ReminderSent

DUE_WITHIN_DAYS = 7


@dataclass
class Outcome:
    user: User
    items: list
    sent: bool


def reminders_send(*, today: dt.date, base_url: str = "", dry_run: bool = False) -> list[Outcome]:
    outcomes = []
    for user in User.objects.filter(is_active=True, reminders_enabled=True).exclude(email="").order_by("pk"):
        items = user_items(user, today, days=DUE_WITHIN_DAYS)
        sent = set(ReminderSent.objects.filter(user=user, key__in=[i.key for i in items]).values_list("key", flat=True))
        new = [i for i in items if i.key not in sent]
        if not new:
            continue
        if dry_run:
            outcomes.append(Outcome(user, new, False))
            continue
        lines = [f"- {'OVERDUE: ' if i.due < today else ''}{i.title} ({i.kind}{', ' + i.council if i.council else ''}; "
                 f"{'was due' if i.due < today else 'due'} {i.due:%-d %B %Y})\n  {base_url}{i.url}" for i in new]
        body = (f"Hello {user.get_full_name() or user.username},\n\nThese items on daboard concern you:\n\n"
                + "\n".join(lines)
                + "\n\nEach item is e-mailed once. To stop these e-mails, untick the reminders box on your account page.\n")
        with transaction.atomic():
            try:
                ReminderSent.objects.bulk_create([ReminderSent(user=user, key=i.key) for i in new])
            except IntegrityError:  # another run sent them first
                continue
            email_after_commit(subject=f"daboard: {len(new)} item{'s' if len(new) != 1 else ''} due", body=body,
                               recipients=[user.email])
            audit_record(actor=None, action=StrategyAudit.REMINDERS_SENT, obj=user, detail={"items": [i.key for i in new]})
        outcomes.append(Outcome(user, new, True))
    return outcomes
