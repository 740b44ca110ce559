"""An app's web addresses, each declared once on its view.

A view module makes one ``Routes`` for its app and puts ``@route("path/", name="...")`` on
each view (a view with two addresses carries two); the app's ``urls.py`` turns them into
its ``urlpatterns``. The address then sits beside the code that answers it, and no list
of addresses elsewhere has to be kept in step with the views.

Django tries patterns in order and takes the first that matches, so the order is made
here, not left to the order the views happen to be written in: a route whose leading
segments are fixed words is tried before one that has a converter at the same place
(``returns/standard/`` before ``returns/<ref:reference>/``); otherwise routes keep the
order they were declared in.

Most views are pages of the signed-in service and answer only some methods. They say so in
the same line, with ``route.page``::

    @route.page("boards/<slug:slug>/actions/", name="action-list", methods="GET")

which is the address, ``login_required`` and ``require_safe`` at once, instead of three
lines on each view. ``methods`` is "GET" (with HEAD, as ``require_safe``), "POST", "GET POST",
or None for any; ``login=False`` makes a page anyone may open (the accessibility statement).
The two checks run in the order the views always had: a button's address (POST only)
answers any other method with 405 before asking anyone to sign in, as there is nothing there
to sign in for; any other page sends a visitor to sign in first. Plain ``route(...)`` is the
address alone, for a view that applies its own checks (the public site).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST, require_safe

_CONVERTER = re.compile(r"<[^>]+>")


# The method rules `route.page` knows, by the words a view gives.
_METHODS: dict[str | None, Callable[[Callable[..., Any]], Callable[..., Any]] | None] = {
    None: None,
    "GET": require_safe,
    "POST": require_POST,
    "GET POST": require_http_methods(["GET", "POST"]),
}


def _guarded(view: Callable[..., Any], methods: str | None, login: bool) -> Callable[..., Any]:
    """`view` behind the sign-in and method checks, in the order described above."""
    if methods not in _METHODS:
        raise ImproperlyConfigured(f"{view.__name__}: methods must be one of {sorted(filter(None, _METHODS))} or None")
    method_rule = _METHODS[methods]
    guarded = view
    if method_rule is not None and methods != "POST":
        guarded = method_rule(guarded)
    if login:
        guarded = login_required(guarded)
    if method_rule is not None and methods == "POST":
        guarded = method_rule(guarded)
    guarded.daboard_guard = (methods, login)  # type: ignore[attr-defined]
    return guarded


def _precedence(route: str) -> list[int]:
    """Per segment, 0 for a fixed word and 1 for one with a converter: fixed words first."""
    return [1 if _CONVERTER.search(segment) else 0 for segment in route.split("/")]


class Routes:
    """The addresses of one app's views, collected by the ``@route`` decorator."""

    def __init__(self) -> None:
        self._declared: list[tuple[str, Callable[..., Any], dict[str, Any], str]] = []

    def __call__(self, route: str, *, name: str, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare that `route` (Django's path syntax) is answered by the view below, under
        `name`; any keyword arguments are passed to the view as they are."""
        def declare(view: Callable[..., Any]) -> Callable[..., Any]:
            self._declared.append((route, view, kwargs, name))
            return view
        return declare

    def page(self, route: str, *, name: str, methods: str | None, login: bool = True,
             **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare `route` as above, answered by the view below behind the sign-in (unless
        `login` is False) and `methods` checks; the view returned is the checked one. A view
        with two addresses carries two ``route.page`` with the same checks: the first wraps
        it, the second finds it wrapped."""
        def declare(view: Callable[..., Any]) -> Callable[..., Any]:
            guard = getattr(view, "daboard_guard", None)
            if guard is None:
                view = _guarded(view, methods, login)
            elif guard != (methods, login):
                raise ImproperlyConfigured(f"{name}: the view's other address checks {guard}, not {(methods, login)}")
            return self(route, name=name, **kwargs)(view)
        return declare

    def urlpatterns(self) -> list[URLPattern]:
        ordered = sorted(self._declared, key=lambda declared: _precedence(declared[0]))
        return [path(route, view, kwargs or None, name=name) for route, view, kwargs, name in ordered]
