"""The agenda pack is built by a background task once the publication commits: the request
never waits on it, and a pack that cannot be built leaves the agenda published, says why on
the meeting's page and can be built again."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from daboard.board import services
from daboard.board.models import AgendaItem, Circulation, Meeting, PackBuild
from daboard.board.services import agenda as agenda_services
from daboard.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(new_meeting, upload, pdf_bytes):
    """A meeting with an item and a paper, ready to publish."""
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Safe accommodation"))
    services.paper_add(acting_user=clerk, item=item, title="Performance report", upload=upload("a.pdf", pdf_bytes(2)))
    return meeting, clerk


def _publish_page(client, meeting, *, commit: bool):
    """Publish through the clerk's page; with commit, the on-commit callbacks (the build) run."""
    if commit:
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(reverse("board:publish-pack", args=[meeting.pk]))
    else:
        client.post(reverse("board:publish-pack", args=[meeting.pk]))
    return client.get(reverse("board:meeting-detail", args=[meeting.pk])).content.decode()


def test_until_the_task_has_run_the_meeting_page_says_the_pack_is_being_built(ready, signed_in):
    meeting, clerk = ready
    client = signed_in(clerk)
    response = client.post(reverse("board:publish-pack", args=[meeting.pk]), follow=True)
    page = response.content.decode()
    assert "Agenda pack published. It is being built" in page
    assert "The pack is being built; it goes to the distribution list once built." in page
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None and not meeting.pack
    assert not Circulation.objects.filter(meeting=meeting).exists()  # sent only once built


def test_a_pack_that_cannot_be_built_leaves_the_agenda_published_and_the_clerk_builds_it_again(
        ready, signed_in, monkeypatch):
    meeting, clerk = ready
    client = signed_in(clerk)

    def broken(*args, **kwargs):
        raise ValidationError("Paper 1 (Performance report) could not be read.")

    monkeypatch.setattr(agenda_services, "build_pack", broken)
    page = _publish_page(client, meeting, commit=True)
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None and meeting.status == "agenda_published"  # the publication stands
    assert not meeting.pack and not meeting.pack_full
    build = PackBuild.objects.get(meeting=meeting)
    assert build.status == "failed" and build.error == "Paper 1 (Performance report) could not be read."
    assert "The pack could not be built: Paper 1 (Performance report) could not be read." in page
    assert "Try building the pack again" in page
    assert not Circulation.objects.filter(meeting=meeting).exists()  # nothing went out without a pack
    assert AuditEntry.objects.filter(action="pack.build_failed", object_id=str(meeting.pk)).exists()

    monkeypatch.undo()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("board:pack-retry", args=[meeting.pk]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.pack and meeting.pack_full and meeting.pack_pages
    assert list(PackBuild.objects.filter(meeting=meeting).values_list("status", flat=True)) == ["built", "failed"]
    assert Circulation.objects.filter(meeting=meeting, kind="pack").count() == 1  # sent once, when built
    page = client.get(reverse("board:meeting-detail", args=[meeting.pk])).content.decode()
    assert "could not be built" not in page and reverse("board:pack", args=[meeting.pk]) in page


def test_an_unexpected_fault_in_building_is_named_for_the_clerk_without_its_details(ready, signed_in, monkeypatch):
    meeting, clerk = ready

    def faulty(*args, **kwargs):
        raise OSError("/var/lib/daboard/media: disk full")

    monkeypatch.setattr(agenda_services, "build_pack", faulty)
    page = _publish_page(signed_in(clerk), meeting, commit=True)
    assert "An unexpected error stopped the build (OSError); it has been logged." in page
    assert "disk full" not in page


def test_only_a_failed_build_can_be_tried_again(ready, signed_in):
    meeting, clerk = ready
    client = signed_in(clerk)
    _publish_page(client, meeting, commit=True)
    response = client.post(reverse("board:pack-retry", args=[meeting.pk]), follow=True)
    assert "nothing to try again" in response.content.decode()
    assert PackBuild.objects.filter(meeting=meeting).count() == 1


def test_a_build_delivered_twice_builds_the_pack_once(ready):
    meeting, clerk = ready
    services.meeting_publish_pack(acting_user=clerk, meeting=meeting)  # the callbacks are not run
    build = PackBuild.objects.get(meeting=meeting)
    assert services.pack_build_run(build.pk) == "built"
    assert services.pack_build_run(build.pk) == "built"
    assert Circulation.objects.filter(meeting=meeting).count() == 1


def test_a_meeting_changed_by_a_page_read_before_its_pack_was_built_keeps_its_pack(ready):
    meeting, clerk = ready
    services.meeting_publish_pack(acting_user=clerk, meeting=meeting)
    read_before = Meeting.objects.get(pk=meeting.pk)  # as a clerk's other page read it
    services.pack_build_run(PackBuild.objects.get(meeting=meeting).pk)
    services.meeting_update(acting_user=clerk, meeting=read_before, changes={"location": "County Hall, Glenfield"})
    meeting.refresh_from_db()
    assert meeting.location == "County Hall, Glenfield"
    assert meeting.pack and meeting.pack_full and meeting.pack_pages


def test_when_the_pack_is_built_at_once_the_clerk_is_told_it_is_ready_not_that_it_is_being_built(
        ready, signed_in, monkeypatch):
    """Where tasks run as the publication commits (the demo), the build is done before the
    page answers."""
    meeting, clerk = ready
    real = services.meeting_publish_pack

    def publish_and_build(**kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):  # as a commit would, at once
            return real(**kwargs)

    monkeypatch.setattr(services, "meeting_publish_pack", publish_and_build)
    page = _publish_page(signed_in(clerk), meeting, commit=False)
    assert "Agenda pack published. It is ready below." in page
    assert "being built" not in page


def test_publishing_papers_added_after_the_agenda_says_a_supplementary_pack_went_out(ready, signed_in, upload,
                                                                                      pdf_bytes):
    meeting, clerk = ready
    client = signed_in(clerk)
    _publish_page(client, meeting, commit=True)
    item = meeting.items.get(title="Safe accommodation")
    services.paper_add(acting_user=clerk, item=item, title="Late figures", upload=upload("b.pdf", pdf_bytes(1)))
    with TestCase.captureOnCommitCallbacks(execute=True):
        page = client.post(reverse("board:publish-pack", args=[meeting.pk]), follow=True).content.decode()
    assert "Supplementary pack published." in page and "Agenda pack published" not in page
