"""E-mail a service sends goes only once its transaction commits, by a background task."""

import pytest
from django.db import transaction

from daboard.core.mail import email_after_commit

pytestmark = pytest.mark.django_db


def test_an_email_goes_only_when_the_change_commits(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(subject="Hello", body="Body", recipients=["a@example.org"])
        assert not mailoutbox
    assert [m.to for m in mailoutbox] == [["a@example.org"]]


def test_a_rolled_back_change_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            email_after_commit(subject="Hello", body="Body", recipients=["a@example.org"])
            raise RuntimeError("the change failed")
    assert not callbacks and not mailoutbox
