"""The returns' retention rule (core/retention.py runs it): error reports of rejected
returns quote values from the file, and go after 30 days."""

from __future__ import annotations

import datetime as dt

from django.core.files.storage import default_storage

from daboard.core import clock
from daboard.core.audit import audit_event
from daboard.core.retention import Rule

from .audit_actions import ReturnsAudit

ERROR_REPORT_DAYS = 30


def _error_reports(today: dt.date) -> list[str]:
    if not default_storage.exists("reports"):
        return []
    old = clock.now() - dt.timedelta(days=ERROR_REPORT_DAYS)
    found = []
    user_dirs, _files = default_storage.listdir("reports")
    for user_dir in user_dirs:
        _sub, files = default_storage.listdir(f"reports/{user_dir}")
        for name in files:
            path = f"reports/{user_dir}/{name}"
            if default_storage.get_modified_time(path) < old:
                found.append(path)
    return found


def _error_reports_apply(found: list[str], today: dt.date) -> None:
    for name in found:
        default_storage.delete(name)
    if found:
        audit_event(actor=None, action=ReturnsAudit.RETENTION_ERROR_REPORTS_DELETED, detail={"files": len(found)})


RULES = [
    Rule("returns.error_reports", 40, _error_reports,
         lambda name: f"error report: {name} (older than {ERROR_REPORT_DAYS} days)", _error_reports_apply),
]
