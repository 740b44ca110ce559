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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path

_CONVERTER = re.compile(r"<[^>]+>")


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

    def urlpatterns(self) -> list[URLPattern]:
        ordered = sorted(self._declared, key=lambda declared: _precedence(declared[0]))
        return [path(route, view, kwargs or None, name=name) for route, view, kwargs, name in ordered]
