"""Retention: what `daboard retention run` deletes, flags and keeps; a dry run changes nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from daboard.commissioning.models import Contract
from daboard.core.models import AuditEntry
from daboard.insights.kpis import Scope, compute
from daboard.insights.models import ArchivedKpis
from daboard.returns import services
from daboard.returns.models import CaseRecord, ReturnSubmission
from daboard.returns.standard import v1 as std
from tests.returns.conftest import csv_of, row

pytestmark = pytest.mark.django_db
Q1 = std.Period.parse("2024-25-Q1")


@pytest.fixture
def old_return(demo):
    contract = Contract.objects.get(reference="LCC-DA-08")
    rows = [row(case_ref=f"R{i}", gender="female" if i % 2 else "male") for i in range(7)]
    outcome = services.return_accept(acting_user=None, contract=contract, period=Q1, data=csv_of(rows),
                                     filename="q1.csv", source="cli")
    assert outcome.accepted
    return outcome.submission


def run(*args) -> str:
    out = io.StringIO()
    call_command("retention", "run", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_says_what_would_go_and_changes_nothing(old_return):
    out = run("--dry-run", "--date", "2032-07-01")  # Q1 2024-25 ended 30 June 2024; 7 years on
    assert "case rows: 7 rows of 1 return(s), Leicestershire 2024-25-Q1" in out and "Dry run" in out
    assert CaseRecord.objects.count() == 7 and not ArchivedKpis.objects.exists()
    assert AuditEntry.objects.filter(action="retention.dry_run").exists()


def test_case_rows_past_retention_are_deleted_and_their_figures_kept(old_return):
    before = compute(Q1, Scope(council="E10000018"))
    assert "case rows" not in run("--date", "2031-06-30")  # not yet seven years
    out = run("--date", "2031-07-01")
    assert "case rows: 7 rows" in out
    assert CaseRecord.objects.count() == 0
    sub = ReturnSubmission.objects.get(pk=old_return.pk)
    assert sub.rows_purged_at is not None  # the record that a return was sent stays
    after = compute(Q1, Scope(council="E10000018"))
    assert after["kpis"] == before["kpis"] and after["kpis"]["by_gender"] == {"female": 3, "male": 4}
    assert compute(Q1, Scope(contract="LCC-DA-08"))["kpis"]["cases_active"] == 7
    assert AuditEntry.objects.filter(action="retention.case_rows_deleted", detail__rows=7).exists()
    assert "case rows" not in run("--date", "2031-07-02")  # once only


def test_a_council_may_keep_case_rows_longer(old_return):
    from daboard.core.models import Council

    Council.objects.filter(gss_code="E10000018").update(retention_years=10)
    assert "case rows" not in run("--date", "2032-07-01")
    assert CaseRecord.objects.count() == 7


def test_recordings_go_when_minutes_are_confirmed_and_old_minutes_are_flagged(demo, tmp_path, settings):
    from django.core.files.base import ContentFile

    from daboard.board.models import Meeting, Recording

    settings.MEDIA_ROOT = tmp_path
    meeting = Meeting.objects.filter(status="minutes_confirmed").order_by("date").first()
    # The Leicestershire and Rutland papers set no retention period for minutes: give its
    # terms Leicester's seven years (004, 5.2) so the disposal review has one to apply.
    meeting.board.terms.update(minutes_retention_years=7)
    rec = Recording(meeting=meeting, original_name="meeting.mp3", size=3)
    rec.file.save("r.mp3", ContentFile(b"abc"), save=False)
    rec.save()
    path = rec.file.path
    out = run("--date", "2026-11-23")
    assert f"recordings: 1 of {meeting}" in out
    rec.refresh_from_db()
    assert rec.deleted_at is not None and not rec.file
    import os

    assert not os.path.exists(path)
    out = run("--date", (meeting.date + dt.timedelta(days=366 * 7 + 2)).isoformat())
    assert f"minutes for disposal review: {meeting}" in out
    assert Meeting.objects.filter(pk=meeting.pk).exists()  # flagged, never deleted by a machine
    assert AuditEntry.objects.filter(action="retention.minutes_flagged").exists()


def test_error_reports_quoting_a_rejected_file_go_after_thirty_days(demo, tmp_path, settings):
    import os
    import time

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    old = default_storage.save("reports/7/old.csv", ContentFile(b"row,column,value\n"))
    new = default_storage.save("reports/7/new.csv", ContentFile(b"row,column,value\n"))
    past = time.time() - 31 * 86400
    os.utime(default_storage.path(old), (past, past))
    out = run()
    assert "error report: reports/7/old.csv" in out and "new.csv" not in out
    assert not default_storage.exists(old) and default_storage.exists(new)


@pytest.mark.parametrize("command", [("retention", "run"), ("reminders", "send")])
def test_a_bad_date_is_a_usage_error(db, command):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as err:
        call_command(*command, "--date", "23/11/2026")
    assert err.value.returncode == 2 and "not a date like 2026-11-23" in str(err.value)


def test_follow_up_rows_past_retention_are_deleted_and_their_counts_kept(demo):
    from daboard.insights.kpis import followup_compute
    from daboard.returns.models import FollowUpRecord, FollowUpSubmission
    from tests.returns.conftest import followup_csv, followup_row

    rows = [followup_row(case_ref=f"F{i}", re_referred="yes" if i == 0 else "no") for i in range(6)]
    outcome = services.followup_accept(acting_user=None, contract=Contract.objects.get(reference="LCC-DA-08"), period=Q1,
                                       data=followup_csv(rows), filename="f.csv", source="cli")
    assert outcome.accepted
    before = followup_compute([Q1], Scope(council="E10000018"))
    assert "follow-up rows: 6 rows" in run("--dry-run", "--date", "2031-07-01")
    assert FollowUpRecord.objects.count() == 6
    run("--date", "2031-07-01")
    assert FollowUpRecord.objects.count() == 0 and FollowUpSubmission.objects.get().rows_purged_at is not None
    assert followup_compute([Q1], Scope(council="E10000018")) == before
    assert AuditEntry.objects.filter(action="retention.followup_rows_deleted", detail__rows=6).exists()


def test_survivors_comments_go_two_years_after_review_and_their_answers_stay(demo):
    from daboard.voice.models import Feedback, FeedbackForm

    contract = Contract.objects.get(reference="LCC-DA-08")
    form = FeedbackForm.objects.create(council=contract.council, contract=contract, token="t-retention", title="x")
    old = Feedback.objects.create(form=form, received_on=dt.date(2024, 1, 5), felt_safer="yes", free_text="Said then",
                                  shared_text="Said", status="shared", reviewed_on=dt.date(2024, 1, 10))
    recent = Feedback.objects.create(form=form, received_on=dt.date(2026, 1, 5), free_text="Said lately",
                                     status="withheld", reviewed_on=dt.date(2026, 1, 10))
    pending = Feedback.objects.create(form=form, received_on=dt.date(2023, 1, 5), free_text="Not yet reviewed")
    assert "survivors' comments: " in run("--date", "2026-11-29")
    old.refresh_from_db(), recent.refresh_from_db(), pending.refresh_from_db()
    assert (old.free_text, old.shared_text, old.felt_safer, old.text_purged_on) == ("", "", "yes", dt.date(2026, 11, 29))
    assert recent.free_text == "Said lately"
    assert pending.free_text == "Not yet reviewed"  # the officer has not read it yet: it waits for them
    assert AuditEntry.objects.filter(action="retention.feedback_text_deleted").exists()
