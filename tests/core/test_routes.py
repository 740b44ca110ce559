"""Each view declares its own address (core.routes); the order Django tries them in is made
there, so a page at a fixed address is never taken for a record named like it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from daboard.core.routes import Routes


def _view(request):  # pragma: no cover - never called, only routed to
    raise AssertionError


def test_the_returns_standard_page_is_not_taken_for_a_contract_called_standard():
    assert resolve("/returns/standard/").view_name == "returns:standard"
    assert resolve("/returns/RUT-DA-01/").view_name == "returns:contract"


def test_a_fixed_address_is_tried_before_one_with_a_converter_whatever_order_the_views_are_written_in():
    route = Routes()
    route("things/<slug:slug>/", name="thing")(_view)
    route("things/new/", name="new")(_view)
    route("things/<slug:slug>/edit/", name="edit")(_view)
    route("things/", name="index")(_view)
    assert [p.name for p in route.urlpatterns()] == ["index", "new", "thing", "edit"]


def test_a_view_with_two_addresses_answers_both_and_is_passed_each_ones_arguments():
    route = Routes()
    route("pack.pdf", name="pack")(route("pack-with-closed-part.pdf", name="pack-full", full=True)(_view))
    patterns = {p.name: p for p in route.urlpatterns()}
    assert patterns["pack"].callback is patterns["pack-full"].callback is _view
    assert patterns["pack"].default_args == {}
    assert patterns["pack-full"].default_args == {"full": True}


def _page(request, **kwargs):
    return HttpResponse("page")


def test_a_page_asks_a_visitor_to_sign_in_before_it_answers_a_method_it_does_not_take():
    route = Routes()
    view = route.page("things/", name="things", methods="GET")(_page)
    request = RequestFactory().post("/things/")
    request.user = AnonymousUser()
    assert view(request).status_code == 302
    assert route.urlpatterns()[0].callback is view


def test_a_buttons_address_answers_any_other_method_with_405_before_asking_to_sign_in():
    view = Routes().page("things/publish/", name="publish", methods="POST")(_page)
    request = RequestFactory().get("/things/publish/")
    request.user = AnonymousUser()
    assert view(request).status_code == 405


def test_a_view_with_two_addresses_is_checked_once_and_must_ask_the_same_checks_at_both():
    route = Routes()
    view = route.page("a/", name="a", methods="GET")(route.page("b/", name="b", methods="GET")(_page))
    assert {p.callback for p in route.urlpatterns()} == {view}
    with pytest.raises(ImproperlyConfigured):
        route.page("c/", name="c", methods="POST")(view)
