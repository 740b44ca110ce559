"""The step every form page shares: a valid POST calls a service, then redirects.

A view builds its form, calls ``submit`` and, when that returns no response, shows the
page (again, with the form's errors when there are any)::

    form = forms.PostForm(request.POST or None, instance=Post(council=council))
    saved = submit(request, form, lambda d: services.post_create(acting_user=request.user,
                                                                 post=form.instance, request=request),
                   done="Post added.", then=reverse("commissioning:posts", args=[gss]))
    return saved or render(request, "commissioning/entry_form.html", {"form": form, ...})

A service refuses with a ValidationError and has changed nothing (it is atomic); its
messages then go on the form beside the form's own, so the person sees each next to the
field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from .forms import errors_to_form

T = TypeVar("T")


class Late(str):
    """A `done` message for something done, but later than the rules ask (a pack or minutes
    sent after their deadline): shown as information rather than as a success."""


def _tell(request: HttpRequest, text: str) -> None:
    (messages.info if isinstance(text, Late) else messages.success)(request, text)


def submit(request: HttpRequest, form, save: Callable[[Mapping[str, Any]], T], *,
           done: str | Callable[[T], str], then: str | Callable[[T], str],
           rename: dict[str, str] | None = None) -> HttpResponseRedirect | None:
    """On a POST whose `form` is valid, call `save` with the form's cleaned data; if it
    refuses, put its errors on the form (see `errors_to_form` for `rename`) and return None;
    if not, show `done` and redirect to `then`, each either given or made from what `save`
    returned. On a GET, or a form with errors, return None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as exc:
        errors_to_form(form, exc, rename)
        return None
    _tell(request, done(saved) if callable(done) else done)
    return redirect(then(saved) if callable(then) else then)


def calling(service: Callable[..., T], request: HttpRequest, **given: Any) -> Callable[[Mapping[str, Any]], T]:
    """The `save` for a form whose fields are the service's own keywords (a review's
    decision and comment): the service is called with the acting user, the request, `given`
    (the record the page is about) and the form's cleaned data, a keyword a field."""
    return lambda data: service(acting_user=request.user, request=request, **given, **data)


def act(request: HttpRequest, do: Callable[[], T], *, done: str | Callable[[T], str],
        then: str) -> HttpResponseRedirect:
    """The step every button without a form shares (publish, remove, confirm): call `do`
    (a service); if it refuses, show its reason, otherwise `done` (given, or made from what
    `do` returned); either way go back to `then`."""
    try:
        result = do()
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        _tell(request, done(result) if callable(done) else done)
    return redirect(then)


def posted_key(value: str | None) -> int | None:
    """A record's key as a button posts it, or None when it cannot be one: only ASCII digits
    a database integer holds ("²" is a digit to Python, and 30 digits overflow SQLite), so a
    hand-edited value names no record instead of failing the request."""
    value = value or ""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None
