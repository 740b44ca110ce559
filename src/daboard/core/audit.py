"""Writing the audit log. Every service that changes a record calls `audit_record`
in the same transaction as the change; `audit_record` refuses to write outside one, so an
entry can never survive a change that was rolled back, nor a change commit without its
entry. An event that changes no record (a download, an export, a refusal, a failed
sign-in) is recorded with `audit_event`, which is its own transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models, transaction

from .audit_actions import AuditAction, CoreAudit
from .models import AuditEntry
from .net import client_ip

# Apps whose free text is never copied into the audit log: board business can be closed,
# or closed later, and the log is kept for years and exported; it records which fields
# changed, not what they say.
TEXT_NOT_RECORDED_APPS = frozenset({"board"})
NOT_RECORDED = "(text not recorded)"


class AuditOutsideTransaction(RuntimeError):
    """A change's audit entry must be written in the change's own transaction."""


def _free_text(f: models.Field) -> bool:
    return isinstance(f, models.CharField | models.TextField) and not f.choices


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a record's own fields, for before/after. The free text of
    board business is marked, not copied (see TEXT_NOT_RECORDED_APPS)."""
    data: dict[str, Any] = {}
    redact = instance._meta.app_label in TEXT_NOT_RECORDED_APPS
    for f in instance._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if f.name in {"password"}:
            continue
        value = getattr(instance, f.attname)
        if redact and _free_text(f) and value:
            data[f.attname] = NOT_RECORDED
            data.setdefault("_text", {})[f.attname] = _text_marker(value)
        else:
            data[f.attname] = _jsonable(value)
    return data


def _text_marker(value: Any) -> int:
    """Something that changes when the text changes without saying what it is: the length."""
    return len(str(value))


def changed_fields(before: dict | None, after: dict | None) -> list[str]:
    """Names of the fields whose value differs between two snapshots."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    keys = (set(before) | set(after)) - {"_text"}
    tb, ta = before.get("_text", {}), after.get("_text", {})
    return sorted(k for k in keys if before.get(k) != after.get(k) or tb.get(k) != ta.get(k))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    detail: dict | None = None,
    request: Any = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """Append one entry, in the caller's transaction. `actor` may be None (the system) or an
    anonymous user."""
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit action {action!r} is a free string: name it with a member of the app's "
                        "AuditAction enumeration (<app>/audit_actions.py)")
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction(
            f"audit_record({action!r}) was called outside a transaction: write the change and its entry "
            "in one service decorated with transaction.atomic, or use audit_event for an event that "
            "changes nothing.")
    user = actor if getattr(actor, "is_authenticated", False) else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        if not object_repr and obj._meta.app_label in TEXT_NOT_RECORDED_APPS and _is_closed(obj):
            # The title of closed business is closed content too.
            object_repr = f"{obj._meta.verbose_name} {obj.pk} (closed business)"
        object_repr = object_repr or str(obj)[:200]
    changed = changed_fields(before, after)
    if changed:
        detail = {**(detail or {}), "changed": changed}
    return AuditEntry.objects.create(
        actor=user,
        actor_name=(user.get_username() if user else (detail or {}).get("username", ""))[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        detail=_jsonable(detail or {}),
        before=before,
        after=after,
        ip_address=client_ip(request) if request is not None else None,
    )


def audit_event(**kwargs: Any) -> AuditEntry:
    """Record an event that changes no record (a download, an export, a refusal, a failed
    sign-in): the entry is its own transaction. Same arguments as `audit_record`."""
    with transaction.atomic():
        return audit_record(**kwargs)


def _is_closed(obj: models.Model) -> bool:
    """Closed business, or a paper whose agenda is not yet published: named by id only."""
    try:
        return bool(getattr(obj, "is_closed", False)) or getattr(obj, "is_published", True) is False
    except AttributeError:
        return False


def audit_refusal(*, user: Any, action: str, obj: Any = None, request: Any = None) -> None:
    """Record that a user was refused; the user sees a plain 404."""
    if request is not None:
        request._daboard_refusal_audited = True
    detail = {"permission": action}
    if request is not None:
        # as the address was asked for, less the characters no database text can hold (NUL)
        detail["path"] = request.path.replace("\x00", "\N{REPLACEMENT CHARACTER}")[:300]
        detail["method"] = request.method
    if isinstance(obj, models.Model):
        audit_event(actor=user, action=CoreAudit.ACCESS_REFUSED, obj=obj, detail=detail, request=request)
    else:
        audit_event(actor=user, action=CoreAudit.ACCESS_REFUSED, detail=detail, request=request)


def audit_not_found(request, reason: str = "not_found") -> None:
    """The backstop behind every "Page not found" a signed-in user meets: unless the refusal
    was logged already, log it now, so no refusal (a guessed id, a page not yet published,
    another provider's record) goes unrecorded."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False) or getattr(request, "_daboard_refusal_audited", False):
        return
    audit_refusal(user=user, action=reason, request=request)


def save_audited(record: models.Model, *, actor: Any, added: AuditAction, changed: AuditAction | None = None,
                 request: Any = None) -> models.Model:
    """Validate and save one record, and audit it as `added` (a new record) or `changed`,
    with what it was before and is after; in the caller's transaction, as `audit_record`.
    The services that add or change a record with nothing more to check call this (without
    `changed`, those that only ever add one)."""
    creating = record.pk is None
    before = None if creating else snapshot(type(record).objects.get(pk=record.pk))
    record.full_clean()
    record.save()
    audit_record(actor=actor, action=added if creating else changed, obj=record, before=before,
                 after=snapshot(record), request=request)
    return record
