"""The statutory calendar page and "what is due" show each user only the items meant for them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_board_member_does_not_see_the_officers_commissioning_decisions_on_the_calendar(
        demo, make_user, signed_in):
    from daboard.commissioning.models import ExtensionOption

    option = ExtensionOption.objects.get(contract__reference="LCC-DA-08", order=2)
    day = option.decision_due - dt.timedelta(days=10)
    url = reverse("strategy:calendar", args=["E10000018"])
    member = make_user("board_member", board="leicestershire-and-rutland")
    commissioner = make_user("commissioner", council="E10000018")
    with time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)):
        assert "LCC-DA-08" in signed_in(commissioner).get(url).content.decode()
        signed_in(commissioner).post(reverse("core:sign-out"))
        page = signed_in(member).get(url).content.decode()
    assert "LCC-DA-08" not in page and "extension" not in page.lower()
