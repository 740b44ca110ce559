"""Sign-in events into the audit log."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from daboard.core.audit_actions import CoreAudit

from .audit import audit_event


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs) -> None:
    audit_event(actor=user, action=CoreAudit.SIGN_IN_SUCCEEDED, obj=user, request=request)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_event(actor=user, action=CoreAudit.SIGN_IN_SIGNED_OUT, obj=user, request=request)


@receiver(user_login_failed)
def _failed(sender, credentials, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username", ""))[:150]
    audit_event(actor=None, action=CoreAudit.SIGN_IN_FAILED, detail={"username": username}, request=request)


@receiver(user_locked_out)
def _locked(sender, request, username=None, ip_address=None, **kwargs) -> None:
    audit_event(actor=None, action=CoreAudit.SIGN_IN_LOCKED_OUT, detail={"username": str(username or "")[:150]},
                 request=request)
