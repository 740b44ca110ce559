"""The board's distribution list and the sending of packs, minutes and notices to it.

Writes happen in the caller's transaction: the Circulation and one CirculationCopy per
recipient are stored there, and once the transaction commits (`transaction.on_commit`) a
background task (`send_circulation`, django-tasks with its database backend; `daboard
db_worker` runs it) sends them, never the request. A copy that failed keeps its error and
`daboard board_send_pending` (run from cron) tries it again. E-mails carry links, never the papers: the site
decides who may open the closed part, and no closed text is ever in an e-mail.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from daboard.core import clock
from daboard.core.audit import audit_record
from daboard.core.models import Board, MembershipKind
from daboard.core.permissions import current_seats

from .audit_actions import BoardAudit
from .models import (
    Circulation,
    CirculationCopy,
    CirculationKind,
    DistributionRecipient,
    Meeting,
    Part,
    RecipientKind,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    reason: str


def distribution_list(board: Board, on: dt.date | None = None) -> list[Recipient]:
    """Members, substitutes and supporting officers whose term covers the date, then the
    board's own recipients (the Scrutiny and Reference Group's papers route and others);
    one copy per address."""
    on = on or clock.today()
    seats = (board.memberships.filter(current_seats(on)).select_related("person", "substitute", "organisation")
             .order_by("kind", "order", "id"))
    out: dict[str, Recipient] = {}

    def add(name: str, email: str, reason: str) -> None:
        key = email.strip().lower()
        if key and key not in out:
            out[key] = Recipient(name, email.strip(), reason)

    for seat in seats:
        kind = "Supporting officer" if seat.kind == MembershipKind.SUPPORTING_OFFICER else "Member"
        if seat.person and seat.person.email:
            add(seat.person.name, seat.person.email, f"{kind}, {seat.organisation.name}")
        if seat.substitute and seat.substitute.email:
            add(seat.substitute.name, seat.substitute.email, f"Substitute, {seat.organisation.name}")
    for extra in board.distribution.all():
        add(extra.name, extra.email, extra.get_kind_display())
    return list(out.values())


def _url(name: str, *args) -> str:
    return settings.DABOARD_SITE_URL + reverse(name, args=args)


def _body(meeting: Meeting, kind: str, note: str) -> tuple[str, str]:
    when = f"{meeting.date:%A %-d %B %Y} at {meeting.start_time.hour % 12 or 12}.{meeting.start_time.minute:02d}" \
           f"{'am' if meeting.start_time.hour < 12 else 'pm'}"
    if kind in (CirculationKind.PACK, CirculationKind.SUPPLEMENTARY):
        label = "Supplementary agenda pack" if kind == CirculationKind.SUPPLEMENTARY else "Agenda pack"
        subject = f"{label}: {meeting.title}, {meeting.date:%-d %B %Y}"
        lines = [f"The {label.lower()} for the meeting of the {meeting.title} on {when} is published.", ""]
        if meeting.location:
            lines.append(f"Location: {meeting.location}")
        lines += ["", "Open business:"]
        for item in meeting.items.filter(part=Part.OPEN).order_by("number"):
            lines.append(f"  {item.number}. {item.title}")
        lines += ["", f"Agenda and papers: {_url('board:meeting-detail', meeting.pk)}",
                  f"Public page: {_url('board:public-meeting', meeting.board.slug, meeting.pk)}"]
    elif kind == CirculationKind.MINUTES:
        subject = f"Draft minutes: {meeting.title}, {meeting.date:%-d %B %Y}"
        lines = [f"The draft minutes of the meeting held on {meeting.date:%-d %B %Y} are circulated. "
                 "They are subject to confirmation at the next meeting.", "",
                 f"Read them: {_url('board:minutes', meeting.pk)}"]
    else:
        subject = f"Change to the meeting: {meeting.title}, {meeting.date:%-d %B %Y}"
        lines = [note, "", f"Meeting page: {_url('board:meeting-detail', meeting.pk)}"]
    if note and kind != CirculationKind.NOTICE:
        lines = [note, "", *lines]
    if meeting.contact_email:
        lines += ["", f"Contact: {meeting.contact.name if meeting.contact else ''} {meeting.contact_email}".replace("  ", " ")]
    return subject, "\n".join(lines) + "\n"


def circulate(*, acting_user, meeting: Meeting, kind: str, note: str = "", request=None) -> Circulation:
    """Record a sending to the board's distribution list and send it once the caller's
    transaction commits."""
    subject, _ = _body(meeting, kind, note)
    circulation = Circulation.objects.create(meeting=meeting, kind=kind, subject=subject[:300], note=note,
                                             created_by=acting_user if getattr(acting_user, "pk", None) else None)
    recipients = distribution_list(meeting.board, on=meeting.date)
    CirculationCopy.objects.bulk_create([CirculationCopy(circulation=circulation, name=r.name[:200], email=r.email,
                                                         reason=r.reason[:200]) for r in recipients])
    audit_record(actor=acting_user, action=BoardAudit.CIRCULATION_QUEUED, obj=meeting,
                 detail={"kind": kind, "recipients": len(recipients)}, request=request)
    transaction.on_commit(lambda: send_circulation.enqueue(circulation.pk))
    return circulation


def deliver(circulation_pk: int) -> int:
    """Send every copy not yet sent; returns how many went. Each copy is its own e-mail
    (no list of addresses in To or Cc)."""
    circulation = Circulation.objects.select_related("meeting__board", "meeting__contact").get(pk=circulation_pk)
    subject, body = _body(circulation.meeting, circulation.kind, circulation.note)
    sent = 0
    for copy in circulation.copies.filter(sent_at__isnull=True):
        message = EmailMessage(subject=subject, body=body, to=[copy.email],
                               reply_to=[circulation.meeting.contact_email] if circulation.meeting.contact_email else None)
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 (an SMTP failure is recorded and retried, not raised)
            CirculationCopy.objects.filter(pk=copy.pk).update(error=str(exc)[:300])
            log.warning("circulation %s to %s failed: %s", circulation_pk, copy.email, exc)
            continue
        CirculationCopy.objects.filter(pk=copy.pk).update(sent_at=clock.now(), error="")
        sent += 1
    return sent


@task()
def send_circulation(circulation_pk: int) -> int:
    """The background task: send one circulation's copies."""
    return deliver(circulation_pk)


def deliver_pending() -> int:
    """Retry every copy that has not gone (the management command `board_send_pending`)."""
    total = 0
    for pk in Circulation.objects.filter(copies__sent_at__isnull=True).values_list("pk", flat=True).distinct():
        total += deliver(pk)
    return total


@transaction.atomic
def distribution_recipient_add(*, acting_user, board: Board, name: str, email: str, kind: str = RecipientKind.OTHER,
                               request=None) -> DistributionRecipient:
    """Add someone to the board's distribution list (open business only)."""
    recipient = DistributionRecipient(board=board, name=name, email=email, kind=kind)
    recipient.full_clean()
    recipient.save()
    audit_record(actor=acting_user, action=BoardAudit.DISTRIBUTION_ADDED, obj=board, detail={"email": email, "kind": kind},
                 request=request)
    return recipient


@transaction.atomic
def distribution_recipient_remove(*, acting_user, recipient: DistributionRecipient, request=None) -> None:
    board = recipient.board
    detail = {"email": recipient.email, "kind": recipient.kind}
    recipient.delete()
    audit_record(actor=acting_user, action=BoardAudit.DISTRIBUTION_REMOVED, obj=board, detail=detail, request=request)
