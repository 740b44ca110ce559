"""What keeps the public feedback form safe without cookies or knowing who anyone is.

- A signed form token in a hidden field stands in for Django's CSRF cookie: it names the
  form, carries a random nonce, and is signed with the secret key; it is good for two hours,
  is refused if sent back faster than a person could fill the form, and is used once (the
  nonce's digest is kept until the token would have expired anyway). A cross-site post is
  refused from the browser's own Origin and Sec-Fetch-Site headers.
- The rate limit counts submissions to a form per hour, never who sent them.
- No IP address is read or stored: the audit entry of a submission is written without the
  request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F

from daboard.core import clock

from .models import FeedbackForm, SubmissionCount, UsedFormToken

SALT = "daboard.voice.feedback-form"
TOKEN_MAX_AGE = dt.timedelta(hours=2)


class Refused(Exception):
    """The submission cannot be taken; the message is for the person, in plain words.
    `status` 403 where Django's CSRF check would refuse (no valid token, another site's post),
    400 otherwise (a token used twice or too old, too quick, too many this hour)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def form_token(form: FeedbackForm) -> str:
    """A fresh token for one view of the form."""
    return signing.Signer(salt=SALT).sign_object(
        {"f": form.token, "n": secrets.token_urlsafe(16), "t": int(clock.timestamp())})


def check_origin(request) -> None:
    """Refuse a post another site's page made the browser send (what CSRF protection is for)."""
    if request.headers.get("Sec-Fetch-Site", "") == "cross-site":
        raise Refused("This form must be sent from its own page.", 403)
    origin = request.headers.get("Origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.get_host():
        raise Refused("This form must be sent from its own page.", 403)


def read_token(form: FeedbackForm, token: str) -> dict:
    """The token's content, if it is genuine, for this form, and neither too old nor too
    quick. Raises Refused (403 for a token that is not genuine, as a CSRF failure is)."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token or "")
    except signing.BadSignature as exc:
        raise Refused("Your answers could not be sent. Please open the form again and try again.", 403) from exc
    if not isinstance(value, dict) or value.get("f") != form.token or not isinstance(value.get("t"), int):
        raise Refused("Your answers could not be sent. Please open the form again and try again.", 403)
    age = clock.timestamp() - value["t"]
    if age > TOKEN_MAX_AGE.total_seconds():
        raise Refused("The page was open too long. Your answers were not sent: please fill in the form again.")
    if age < settings.DABOARD_FEEDBACK_MIN_SECONDS:
        raise Refused("That was very quick. Please check your answers and send them again.")
    return value


def use_token(form: FeedbackForm, token: str) -> None:
    """Check the token (`read_token`) and that it has not been used; then mark it used."""
    value = read_token(form, token)
    now = clock.now()
    digest = hashlib.sha256(str(value.get("n")).encode()).hexdigest()
    UsedFormToken.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(digest=digest, expires_at=now + TOKEN_MAX_AGE)
    except IntegrityError as exc:
        raise Refused("These answers have already been sent. Thank you.") from exc


def count_submission(form: FeedbackForm) -> None:
    """Count one submission in this hour; refuse beyond the hourly limit for the form."""
    now = clock.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    SubmissionCount.objects.filter(hour__lt=now - dt.timedelta(days=1)).delete()
    row, _ = SubmissionCount.objects.get_or_create(form=form, hour=hour)
    if row.count >= settings.DABOARD_FEEDBACK_PER_HOUR:
        raise Refused("A lot of people have used this form in the last hour. Please try again later.")
    SubmissionCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
