"""Every write to councils, organisations, users and roles: in a transaction, audited."""

from __future__ import annotations

import secrets

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from daboard.core import clock
from daboard.core.audit_actions import CoreAudit

from .audit import audit_record, save_audited, snapshot
from .mail import email_after_commit
from .models import APPROVAL_ROLES, Council, Role, RoleAssignment, User
from .permissions import forget

RECOVERY_CODE_COUNT = 10


@transaction.atomic
def user_create(*, acting_user, username: str, password: str, first_name: str, last_name: str,
                email: str, organisation=None, request=None) -> User:
    """Create an account with an argon2-hashed password."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email,
                organisation=organisation)
    user.set_password(password)
    return save_audited(user, actor=acting_user, added=CoreAudit.USER_CREATED, request=request)


@transaction.atomic
def role_assign(*, acting_user, assignment: RoleAssignment, request=None) -> RoleAssignment:
    """Give a user a role; checks the role's scope first. Nobody grants a role to themselves,
    and a role that reaches case-level data (or administers) waits for a second
    administrator's approval (`role_approve`)."""
    if assignment.user_id == getattr(acting_user, "pk", None):
        raise ValidationError({"role": "You cannot give yourself a role. Ask another administrator."})
    assignment.full_clean()
    assignment.pending = assignment.role in APPROVAL_ROLES
    assignment.requested_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    assignment.approved_by = None
    assignment.save()
    forget(assignment.user)
    audit_record(actor=acting_user, action=CoreAudit.USER_ROLE_REQUESTED if assignment.pending else CoreAudit.USER_ROLE_ADDED,
                 obj=assignment.user, after={"role": assignment.role, "scope": assignment.scope_label,
                                             "assignment": assignment.pk}, request=request)
    return assignment


@transaction.atomic
def role_approve(*, acting_user, assignment: RoleAssignment, request=None) -> RoleAssignment:
    """The second administrator approves a waiting role: never the one who asked for it,
    never the user who is to hold it."""
    if not assignment.pending:
        raise ValidationError("This role is not waiting for approval.")
    if acting_user.pk in (assignment.requested_by_id, assignment.user_id):
        raise ValidationError("Another administrator must approve this role: not the one who asked for it, "
                              "and not the person who is to hold it.")
    RoleAssignment.objects.filter(pk=assignment.pk).update(pending=False, approved_by=acting_user)
    assignment.refresh_from_db()
    forget(assignment.user)
    audit_record(actor=acting_user, action=CoreAudit.USER_ROLE_APPROVED, obj=assignment.user,
                 after={"role": assignment.role, "scope": assignment.scope_label, "assignment": assignment.pk,
                        "requested_by": assignment.requested_by_id}, request=request)
    return assignment


def _active_admins():
    return RoleAssignment.objects.filter(role=Role.ADMIN, pending=False, user__is_active=True).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=clock.today()))


@transaction.atomic
def role_remove(*, acting_user, assignment: RoleAssignment, request=None) -> None:
    """Take a role away. An administrator cannot remove their own admin role, and the last
    administrator's role stays (someone must be able to manage users)."""
    if assignment.role == Role.ADMIN and not assignment.pending:
        if assignment.user_id == getattr(acting_user, "pk", None):
            raise ValidationError("You cannot remove your own administrator role. Ask another administrator.")
        if not _active_admins().exclude(pk=assignment.pk).exists():
            raise ValidationError("This is the last administrator; give someone else the role first.")
    before = {"role": assignment.role, "scope": assignment.scope_label, "pending": assignment.pending}
    user = assignment.user
    assignment.delete()
    forget(user)
    audit_record(actor=acting_user, action=CoreAudit.USER_ROLE_REMOVED, obj=user, before=before, request=request)


def _end_sessions(user: User) -> int:
    """Delete every session of the user (the session store holds the user id)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=clock.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_set_active(*, acting_user, user: User, active: bool, request=None) -> None:
    """Disable (ending every session at once) or re-enable an account. The last active
    administrator cannot be disabled."""
    if not active and not _active_admins().exclude(user=user).exists() and _active_admins().filter(user=user).exists():
        raise ValidationError("This is the last administrator; give someone else the role first.")
    before = {"is_active": user.is_active}
    user.is_active = active
    user.save(update_fields=["is_active"])
    ended = 0 if active else _end_sessions(user)
    audit_record(actor=acting_user, action=CoreAudit.USER_ENABLED if active else CoreAudit.USER_DISABLED, obj=user,
                 before=before, after={"is_active": active}, detail={"sessions_ended": ended}, request=request)


class EnrolmentRefused(Exception):
    """An authenticator may only be enrolled by an account that has none."""


@transaction.atomic
def two_factor_reset(*, acting_user, user: User, request=None) -> None:
    """Remove a user's authenticator and recovery codes; they enrol again at next sign-in.
    The user is told by email, so a reset they did not ask for does not go unnoticed."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _end_sessions(user)
    audit_record(actor=acting_user, action=CoreAudit.USER_TWO_FACTOR_RESET, obj=user, request=request,
                 detail={"notified": bool(user.email)})
    if user.email:
        email_after_commit(
            subject="daboard: your two-factor sign-in was reset",
            body=f"An administrator ({getattr(acting_user, 'username', 'the system')}) reset the two-factor sign-in "
            f"of your daboard account {user.username}. You will set up your authenticator app again the next "
            "time you sign in.\n\nIf you did not ask for this, tell your administrator at once.",
            recipients=[user.email])


def totp_device_pending(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice, request=None) -> list[str]:
    """Confirm the enrolled authenticator and issue fresh recovery codes. Refused when the
    account already has a confirmed authenticator (only an audited admin reset removes it)."""
    if TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exclude(pk=device.pk).exists():
        raise EnrolmentRefused  # the caller audits the refusal (this transaction rolls back)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    codes = recovery_codes_issue(user=user)
    audit_record(actor=user, action=CoreAudit.USER_TWO_FACTOR_ENROLLED, obj=user, request=request)
    return codes


@transaction.atomic
def recovery_codes_issue(*, user: User, request=None) -> list[str]:
    """Replace the user's recovery codes with a new set; returns them for one display."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [f"{secrets.token_hex(4)}{secrets.token_hex(1)}"[:10] for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    if request is not None:
        audit_record(actor=user, action=CoreAudit.USER_RECOVERY_CODES_ISSUED, obj=user, request=request)
    return codes


@transaction.atomic
def password_change(*, form, request=None) -> User:
    """Save a user's new password from Django's PasswordChangeForm (already valid)."""
    user = form.save()
    audit_record(actor=user, action=CoreAudit.USER_PASSWORD_CHANGED, obj=user, request=request)
    return user


@transaction.atomic
def user_set_reminders(*, user: User, enabled: bool, request=None) -> None:
    before = {"reminders_enabled": user.reminders_enabled}
    user.reminders_enabled = enabled
    user.save(update_fields=["reminders_enabled"])
    audit_record(actor=user, action=CoreAudit.USER_PREFERENCES_CHANGED, obj=user, before=before,
                 after={"reminders_enabled": enabled}, request=request)


@transaction.atomic
def council_settings_change(*, acting_user, council, request=None):
    """Save a council's settings (the caller has set them on the instance); the model's
    bounds are checked here whatever the caller checked."""

    before = snapshot(Council.objects.get(pk=council.pk))
    council.full_clean()
    council.save()
    audit_record(actor=acting_user, action=CoreAudit.COUNCIL_SETTINGS_CHANGED, obj=council, before=before,
                 after=snapshot(council), request=request)
    return council
