"""Request-wide protections: security headers, session time-outs, the second factor,
and a clear page when the database is unreachable."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import DatabaseError, InterfaceError, OperationalError
from django.shortcuts import redirect, render
from django.urls import reverse

from daboard.core import clock

log = logging.getLogger(__name__)

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class SecurityHeadersMiddleware:
    """CSP with no inline script, a strict permissions policy, and no caching of any page
    a signed-in user sees (case-level pages must never sit in a shared cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
        return response


PUBLIC_PATHS = ("/sign-in", "/static/", "/healthz", "/accessibility", "/privacy", "/favicon.ico", "/returns/standard/",
                "/returns/follow-up-standard/", "/feedback/", "/api/")


COOKIELESS_PATHS = ("/feedback/",)
SESSION_REFRESH_SECONDS = 60


class SessionTimeoutMiddleware:
    """Sign the user out after the idle limit (30 minutes by default) or 12 hours in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        # The public feedback form sets no cookie, not even a refreshed session for a
        # signed-in officer who opens it.
        if user is not None and user.is_authenticated and not request.path.startswith(COOKIELESS_PATHS):
            now = clock.timestamp()
            session = request.session
            last = session.get("last_seen")
            started = session.get("signed_in_at", now)
            idle = settings.DABOARD_SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.DABOARD_SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if (last is not None and now - last > idle) or now - started > absolute:
                logout(request)
                messages.info(request, "You were signed out because you had not used daboard for a while. "
                                       "Sign in again to carry on.")
                return redirect(f"{reverse('core:sign-in')}?next={request.path}")
            # Refreshed at most once a minute: a session write on every page would be a
            # database UPDATE per request; the idle limit is counted in minutes.
            if last is None or now - last >= SESSION_REFRESH_SECONDS:
                session["last_seen"] = now
            if "signed_in_at" not in session:
                session["signed_in_at"] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """A session without a verified second factor cannot act for a role that needs one
    (e.g. a role granted while signed in): the user must sign in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.DABOARD_TWO_FACTOR_REQUIRED
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(PUBLIC_PATHS)
        ):
            from .permissions import needs_two_factor

            if needs_two_factor(user) and not user.is_verified():
                logout(request)
                messages.info(request, "Your role needs two-factor sign-in. Sign in again with your code.")
                return redirect("core:sign-in")
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """If the database goes away mid-request, say so plainly (503), never a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            log.error("Database unavailable: %s", exception)
            return render(request, "503.html", status=503)
        return None
