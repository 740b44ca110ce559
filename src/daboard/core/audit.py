"""Writing the audit log. Every service that changes a record calls `audit_record`
in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models

from .models import AuditEntry
from .net import client_ip


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a record's own fields, for before/after."""
    data: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if f.name in {"password"}:
            continue
        value = getattr(instance, f.attname)
        data[f.attname] = _jsonable(value)
    return data


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
    action: str,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    detail: dict | None = None,
    request: Any = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """Append one entry. `actor` may be None (the system) or an anonymous user."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
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


def audit_refusal(*, user: Any, action: str, obj: Any = None, request: Any = None) -> None:
    """Record that a user was refused; the user sees a plain 404."""
    detail = {"permission": action}
    if request is not None:
        detail["path"] = request.path[:300]
        detail["method"] = request.method
    if isinstance(obj, models.Model):
        audit_record(actor=user, action="access.refused", obj=obj, detail=detail, request=request)
    else:
        audit_record(actor=user, action="access.refused", detail=detail, request=request)
