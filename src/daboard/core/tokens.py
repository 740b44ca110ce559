"""API tokens: `dab_<prefix>_<secret>`; the prefix finds the row, the secret's SHA-256 is
compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core import signing
from django.db import transaction

from daboard.core import clock
from daboard.core.audit_actions import CoreAudit

from .audit import audit_record
from .models import ApiToken, Organisation, User


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, acting_user, organisation: Organisation, name: str, request=None) -> tuple[ApiToken, str]:
    prefix = secrets.token_hex(5)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(organisation=organisation, name=name, prefix=prefix, digest=_digest(secret),
                                    created_by=acting_user)
    audit_record(actor=acting_user, action=CoreAudit.API_TOKEN_CREATED, obj=token, request=request)
    return token, f"dab_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, acting_user, token: ApiToken, request=None) -> None:
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=clock.now())
    audit_record(actor=acting_user, action=CoreAudit.API_TOKEN_REVOKED, obj=token, request=request)


def token_check(raw: str) -> ApiToken | None:
    try:
        kind, prefix, secret = raw.split("_", 2)
    except ValueError:
        return None
    if kind != "dab":
        return None
    token = ApiToken.objects.select_related("organisation").filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
    return token


# --- Calendar feed links -------------------------------------------------------------------
# One per user and purpose ("user" for what is due, "board:<slug>" for a board's meetings).
# The link is signed with the site's secret and carries the user's current feed key, so
# rotating the key revokes every link the user ever copied; the feed checks, at each fetch,
# that the user may still see what it lists.

FEED_SALT = "daboard-calendar-feed"


def feed_token(user: User, purpose: str) -> str | None:
    """The user's feed link token for `purpose`, or None when they switched links off. The
    first call makes the user's key."""
    if user.feed_key == User.FEEDS_OFF:
        return None
    if not user.feed_key:
        key = secrets.token_urlsafe(24)
        # Only set it if still empty, so two first requests at once agree on one key.
        User.objects.filter(pk=user.pk, feed_key="").update(feed_key=key)
        user.feed_key = User.objects.filter(pk=user.pk).values_list("feed_key", flat=True).get()
    return signing.dumps([user.pk, user.feed_key, purpose], salt=FEED_SALT, compress=True)


def feed_user(token: str, purpose: str) -> User | None:
    """The active user a feed link belongs to, if the link is current and for `purpose`."""
    try:
        user_id, key, for_purpose = signing.loads(token, salt=FEED_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or for_purpose != purpose or user.feed_key in ("", User.FEEDS_OFF):
        return None
    return user if hmac.compare_digest(str(key), user.feed_key) else None


@transaction.atomic
def feed_links_rotate(*, user: User, off: bool = False, request=None) -> None:
    """Make new feed links (every old one stops working), or switch them off."""
    User.objects.filter(pk=user.pk).update(feed_key=User.FEEDS_OFF if off else secrets.token_urlsafe(24))
    user.refresh_from_db(fields=["feed_key"])
    audit_record(actor=user, action=CoreAudit.FEEDS_SWITCHED_OFF if off else CoreAudit.FEEDS_ROTATED, obj=user, request=request)
