"""The audit log: written for every security event, readable by admins, never editable."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from daboard.board.audit_actions import BoardAudit
from daboard.core.audit import audit_record
from daboard.core.audit_actions import AuditAction, CoreAudit
from daboard.core.models import AuditEntry


class SampleAudit(AuditAction):
    EVENT = "test.event"
    OTHER = "other.event"
    ROLLED_BACK = "test.rolled_back"


pytestmark = pytest.mark.django_db


def test_the_application_can_neither_change_nor_delete_an_entry(db):
    entry = audit_record(actor=None, action=SampleAudit.EVENT, detail={"k": "v"})
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.event"


def test_the_database_refuses_an_update_of_the_log(db):
    entry = audit_record(actor=None, action=SampleAudit.EVENT)
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'tampered' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.event"


@pytest.mark.postgres_only
def test_postgresql_refuses_delete_and_truncate_of_the_log(db):
    # A browser journey earlier on this worker lifts the TRUNCATE trigger for its flush
    # (conftest: transactional_audit); as in production, it is on here (rolled back after).
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_no_truncate")
    entry = audit_record(actor=None, action=SampleAudit.EVENT)
    for sql in ("DELETE FROM core_auditentry WHERE id = %s", "TRUNCATE core_auditentry"):
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk] if "%s" in sql else None)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_changes_record_who_what_before_and_after(demo, make_user):
    from daboard.core import services

    admin = make_user("admin")
    user = make_user()
    services.user_set_active(acting_user=admin, user=user, active=False)
    entry = AuditEntry.objects.get(action="user.disabled")
    assert entry.actor == admin and entry.actor_name == admin.username
    assert entry.before == {"is_active": True} and entry.after == {"is_active": False}
    assert entry.object_type == "core.user" and entry.object_id == str(user.pk)
    assert entry.at.utcoffset().total_seconds() == 0


def test_an_admin_reads_and_filters_the_log(demo, make_user, signed_in):
    admin = make_user("admin")
    audit_record(actor=None, action=CoreAudit.SIGN_IN_FAILED, detail={"username": "someone"})
    audit_record(actor=None, action=SampleAudit.OTHER)
    client = signed_in(admin)
    page = client.get(reverse("core:audit-list"), {"action": "sign_in.failed"}).content.decode()
    assert "sign_in.failed" in page and "other.event" not in page


def test_a_bad_date_filter_gets_a_clear_message(demo, make_user, signed_in):
    client = signed_in(make_user("admin"))
    page = client.get(reverse("core:audit-list"), {"since": "31/02/2026"}).content.decode()
    assert "Enter the start date as YYYY-MM-DD" in page and "There is a problem" in page


def test_the_audit_export_is_csv_with_formulas_neutralised_and_is_itself_logged(demo, make_user, signed_in):
    admin = make_user("admin")
    audit_record(actor=None, action=CoreAudit.SIGN_IN_FAILED, detail={"username": "=HYPERLINK(\"x\")"},
                 object_repr="=cmd|' /C calc'!A0")
    response = signed_in(admin).get(reverse("core:audit-export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["at_utc", "actor", "action"]
    objects = [r[5] for r in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in objects
    assert AuditEntry.objects.filter(action="audit.exported", actor=admin).exists()


def test_the_audit_log_shows_an_entry_whose_detail_has_a_key_called_items(demo, make_user, signed_in):
    """Found by the access matrix: `detail.items` in a template read the key, not the method."""
    from django.urls import reverse

    from daboard.core.audit import audit_record

    admin = make_user("admin")
    audit_record(actor=admin, action=BoardAudit.AGENDA_DRAFTED, detail={"items": 7})
    page = signed_in(admin).get(reverse("core:audit-list"))
    assert page.status_code == 200 and "items: 7" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_audited_outside_a_transaction_is_refused_and_leaves_no_entry():
    from daboard.core.audit import AuditOutsideTransaction

    with pytest.raises(AuditOutsideTransaction, match="outside a transaction"):
        audit_record(actor=None, action=SampleAudit.EVENT)
    assert not AuditEntry.objects.filter(action=SampleAudit.EVENT).exists()


@pytest.mark.django_db(transaction=True)
def test_an_event_that_changes_nothing_is_recorded_in_its_own_transaction():
    from daboard.core.audit import audit_event

    audit_event(actor=None, action=SampleAudit.EVENT, detail={"k": "v"})
    assert AuditEntry.objects.get(action=SampleAudit.EVENT).detail == {"k": "v"}


def test_an_entry_rolled_back_with_its_change_is_gone(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action=SampleAudit.ROLLED_BACK)
        raise RuntimeError("the change failed")
    assert not AuditEntry.objects.filter(action=SampleAudit.ROLLED_BACK).exists()


def test_an_action_named_by_a_free_string_is_refused(db):
    with pytest.raises(TypeError, match="free string"):
        audit_record(actor=None, action="agenda.drafted")
    assert not AuditEntry.objects.filter(action="agenda.drafted").exists()


def test_every_app_declares_its_actions_once():
    """No two enumerations declare the same action: the log's names mean one thing."""
    from django.apps import apps

    seen: dict[str, str] = {}
    for app in apps.get_app_configs():
        if not app.name.startswith("daboard."):
            continue
        try:
            module = __import__(f"{app.name}.audit_actions", fromlist=["*"])
        except ModuleNotFoundError:
            continue
        for enum in vars(module).values():
            if isinstance(enum, type) and issubclass(enum, AuditAction) and enum is not AuditAction \
                    and enum.__module__ == module.__name__:
                for value in enum.values:
                    assert value not in seen, f"{value} is declared by {seen[value]} and {enum.__name__}"
                    seen[value] = enum.__name__
    assert "access.refused" in seen and "agenda.published" in seen


def test_a_seat_added_then_changed_is_audited_as_added_then_changed_with_what_it_was(demo, make_user):
    from daboard.board import services
    from daboard.core.models import Board, BoardMembership, Organisation

    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    board = Board.objects.get(slug="leicestershire-and-rutland")
    with transaction.atomic():
        seat = services.membership_save(acting_user=clerk, membership=BoardMembership(
            board=board, organisation=Organisation.objects.get(slug="freeva"), role="Provider representative"))
    added = AuditEntry.objects.get(action="membership.added", object_id=str(seat.pk))
    assert added.before is None and added.after["role"] == "Provider representative"
    seat.role = "Chief executive"
    with transaction.atomic():
        services.membership_save(acting_user=clerk, membership=seat)
    changed = AuditEntry.objects.get(action="membership.changed", object_id=str(seat.pk))
    assert changed.before["role"] == "Provider representative" and changed.after["role"] == "Chief executive"
    with pytest.raises(ValidationError), transaction.atomic():
        seat.role = ""
        services.membership_save(acting_user=clerk, membership=seat)
    assert not AuditEntry.objects.filter(action="membership.changed", object_id=str(seat.pk)).exclude(pk=changed.pk)
