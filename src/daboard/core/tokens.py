"""API tokens: `dab_<prefix>_<secret>`; the prefix finds the row, the secret's SHA-256 is
compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction

from daboard.core import clock

from .audit import audit_record
from .models import ApiToken, Organisation


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, acting_user, organisation: Organisation, name: str, request=None) -> tuple[ApiToken, str]:
    prefix = secrets.token_hex(5)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(organisation=organisation, name=name, prefix=prefix, digest=_digest(secret),
                                    created_by=acting_user)
    audit_record(actor=acting_user, action="api_token.created", obj=token, request=request)
    return token, f"dab_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, acting_user, token: ApiToken, request=None) -> None:
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=clock.now())
    audit_record(actor=acting_user, action="api_token.revoked", obj=token, request=request)


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
