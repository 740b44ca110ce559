"""Every council setting has bounds, checked by the model and the database."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from daboard.core.models import SETTING_BOUNDS, Council

pytestmark = pytest.mark.django_db
ABSURD = [("retention_years", 0), ("retention_years", 30000), ("disclosure_threshold", 2),
          ("return_due_days", 0), ("contract_alert_days", 731)]


@pytest.mark.parametrize(("name", "value"), ABSURD)
def test_an_absurd_setting_is_refused_by_the_model_and_the_database(demo, name, value):
    council = Council.objects.get(gss_code="E10000018")
    setattr(council, name, value)
    with pytest.raises(ValidationError) as info:
        council.full_clean()
    assert name in info.value.error_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Council.objects.filter(pk=council.pk).update(**{name: value})


def test_the_settings_form_names_the_bounds_and_saves_nothing_outside_them(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council="E10000018"))
    url = reverse("commissioning:council-settings", args=["E10000018"])
    response = client.post(url, {"contract_alert_days": "90", "return_due_days": "20", "disclosure_threshold": "2",
                                 "disclosure_method": "standard", "retention_years": "0"})
    page = response.content.decode()
    low, high = SETTING_BOUNDS["retention_years"]
    assert response.status_code == 200 and f"Enter a number from {low} to {high}" in page
    council = Council.objects.get(gss_code="E10000018")
    assert (council.retention_years, council.disclosure_threshold) == (7, 5)


def test_the_retention_job_runs_for_every_council_at_the_bounds(demo):
    import datetime as dt

    from daboard.core.retention import years_after

    for years in SETTING_BOUNDS["retention_years"]:
        assert years_after(dt.date(2026, 11, 29), -years) < dt.date(2026, 11, 29)
