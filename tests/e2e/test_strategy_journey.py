"""Given Rutland's commissioner, when they open the strategy, its progress report and the
statutory calendar, record progress and mark an item done, then every page passes axe
(with and without JavaScript)."""

import pytest

from .conftest import sign_in_with_recovery_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_commissioner_runs_the_delivery_plan_and_the_calendar(demo, make_user, no_js_journey):
    journey = no_js_journey
    sign_in_with_recovery_code(journey, make_user("commissioner", council="E06000017", username="rutland-e2e"))
    page = journey.page
    journey.click("a.govuk-service-navigation__link:has-text('Strategy')")
    journey.click("a:has-text('Rutland Domestic Abuse Strategy')")
    assert "Raising awareness of domestic abuse and the prevalence locally" in page.content()
    journey.click("a:has-text('Record progress on Training plan to be progressed')")
    journey.submit("button:has-text('Save')")
    assert "Say what has happened" in page.content()
    page.fill("#id_text", "Training dates agreed with partners.")
    page.select_option("#id_rag", "amber")
    journey.submit("button:has-text('Save')")
    assert "Progress recorded." in page.content() and "Training dates agreed with partners." in page.content()
    journey.click("a:has-text('Progress report by priority')")
    assert "Progress by strategy priority" in page.content()
    journey.goto("/strategy/")
    journey.click("a:has-text('Statutory calendar for Rutland')")
    assert "Overdue" in page.content() and "Review the needs assessment" in page.content()
    journey.submit("button:has-text('Mark done'):near(:text('annual return'))")
    assert "Marked as done." in page.content()
    journey.goto("/strategy/")
    journey.click("a:has-text('Add a strategy for Rutland')")
    journey.submit("button:has-text('Save')")
    assert "Enter the strategy" in page.content()
