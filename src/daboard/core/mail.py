"""E-mail that a service sends: queued when the service's transaction commits and sent by
a background task (django-tasks with its database backend; `daboard db_worker` runs the
queue), never inside the request or the transaction. A rolled-back change sends nothing,
and a slow mail server holds up no one."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    """The background task: one message to the recipients given."""
    return send_mail(subject, body, None, recipients)


def email_after_commit(*, subject: str, body: str, recipients: list[str]) -> None:
    """Queue an e-mail to go once the caller's transaction commits."""
    recipients = list(recipients)
    if recipients:
        transaction.on_commit(lambda: send_email.enqueue(subject, body, recipients))
