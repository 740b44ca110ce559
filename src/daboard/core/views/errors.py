from django.db import DatabaseError
from django.shortcuts import render

from ..audit import audit_not_found


def _log(request, reason: str) -> None:
    try:
        audit_not_found(request, reason)
    except DatabaseError:  # the page must still render if the log cannot be written
        pass


def not_found(request, exception=None):
    """Missing and forbidden look the same to the user; both are in the audit log."""
    _log(request, "not_found")
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    _log(request, "forbidden")
    return render(request, "403.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """A form posted without its token (a forged request, or an old page): refused, logged."""
    _log(request, "csrf")
    return render(request, "csrf_failure.html", status=403)
