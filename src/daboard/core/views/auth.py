"""Sign-in in two steps. The password step creates no signed-in session for a user who
needs a second factor: it only remembers, for ten minutes, who is half-way through."""

from __future__ import annotations

import base64
import functools

from django import forms as djforms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from daboard.core import clock
from daboard.core.audit_actions import CoreAudit

from .. import services
from ..audit import audit_event, audit_refusal
from ..forms import CodeForm, ReminderPreferenceForm, SetupCodeForm, SignInForm
from ..models import ApiToken, Organisation, User
from ..permissions import can, needs_two_factor, principal, require
from ..qr import qr_data_uri
from ..submit import posted_key
from ..tokens import feed_links_rotate, token_create, token_revoke
from . import route

PENDING_KEY = "daboard_pending_sign_in"
PENDING_SECONDS = 600
MAX_CODE_FAILURES = 5


def _safe_next(request) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: redirect() would read anything else as a view's name.
    if nxt.startswith("/") and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return nxt
    return settings.LOGIN_REDIRECT_URL


def _pending_user(request) -> User | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or clock.timestamp() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return User.objects.filter(pk=pending["user_id"], is_active=True).first()


def _complete_sign_in(request, user: User, device=None) -> None:
    nxt = request.session.get(PENDING_KEY, {}).get("next")
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    request.session["signed_in_at"] = clock.timestamp()
    request.session["after_sign_in"] = nxt or settings.LOGIN_REDIRECT_URL


def _second_step(view):
    """The second-factor pages are for someone half-way through signing in: the view is
    given that user; anyone else is sent to the password step. Never cached, CSRF-checked."""
    @csrf_protect
    @never_cache
    @functools.wraps(view)
    def step(request):
        user = _pending_user(request)
        if user is None:
            messages.info(request, "Sign in with your username and password first.")
            return redirect("core:sign-in")
        return view(request, user)
    return step


@route("sign-in/", name="sign-in")
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"],
                            password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
        if user is None:
            form.add_error(None, "The username or password is not right. Check them and try again.")
        else:
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            if (settings.DABOARD_TWO_FACTOR_REQUIRED and needs_two_factor(user)) or has_device:
                request.session.cycle_key()
                request.session[PENDING_KEY] = {"user_id": user.pk, "at": clock.timestamp(), "failures": 0,
                                                "next": _safe_next(request)}
                return redirect("core:sign-in-code" if has_device else "core:two-factor-setup")
            _complete_sign_in(request, user)
            request.session.pop("after_sign_in", None)
            return redirect(_safe_next(request))
    return render(request, "core/sign_in.html", {"form": form, "next": request.GET.get("next", "")})


def locked_out(request, response=None, credentials=None):
    """django-axes calls this when an account is locked from this client address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/locked_out.html", {"minutes": minutes}, status=429)


@route("sign-in/code/", name="sign-in-code")
@_second_step
def sign_in_code(request, user):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            _complete_sign_in(request, user, device)
            if device.persistent_id.startswith("otp_static"):
                remaining = device.token_set.count()
                messages.info(request, f"You used a recovery code. You have {remaining} left; "
                                       "you can make new ones from Your account.")
            return redirect(request.session.pop("after_sign_in", settings.LOGIN_REDIRECT_URL))
        pending = request.session[PENDING_KEY]
        pending["failures"] = pending.get("failures", 0) + 1
        request.session[PENDING_KEY] = pending
        audit_event(actor=None, action=CoreAudit.SIGN_IN_CODE_FAILED, obj=user,
                     detail={"username": user.username}, request=request)
        if pending["failures"] >= MAX_CODE_FAILURES:
            request.session.pop(PENDING_KEY, None)
            messages.info(request, "Too many wrong codes. Sign in again with your password.")
            return redirect("core:sign-in")
        form.add_error("code", "The security code is not right, or has been used already. "
                               "Enter the current code from your app.")
    return render(request, "core/sign_in_code.html", {"form": form})


@route("sign-in/set-up-two-factor/", name="two-factor-setup")
@_second_step
def two_factor_setup(request, user):
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        # Enrolment replaces the authenticator: never for an account that has one. Knowing
        # the password must not be enough to swap the owner's device for the caller's.
        audit_event(actor=None, action=CoreAudit.SIGN_IN_ENROLMENT_REFUSED, obj=user,
                     detail={"username": user.username}, request=request)
        return redirect("core:sign-in-code")
    device = services.totp_device_pending(user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            try:
                codes = services.two_factor_confirm(user=user, device=device, request=request)
            except services.EnrolmentRefused:
                audit_event(actor=None, action=CoreAudit.SIGN_IN_ENROLMENT_REFUSED, obj=user,
                             detail={"username": user.username}, request=request)
                return redirect("core:sign-in-code")
            _complete_sign_in(request, user, device)
            request.session["recovery_codes"] = codes
            return redirect("core:recovery-codes")
        form.add_error("code", "The code is not right. Check the app shows daboard and enter its current code.")
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "core/two_factor_setup.html", {
        "form": form, "qr": qr_data_uri(device.config_url),
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)],
    })


@route.page("account/recovery-codes/", name="recovery-codes", methods="GET")
@never_cache
def recovery_codes(request):
    codes = request.session.pop("recovery_codes", None)
    if not codes:
        return redirect("core:account")
    return render(request, "core/recovery_codes.html", {
        "codes": codes, "next": request.session.pop("after_sign_in", settings.LOGIN_REDIRECT_URL)})


@route.page("account/recovery-codes/new/", name="recovery-codes-new", methods="POST")
def recovery_codes_new(request):
    request.session["recovery_codes"] = services.recovery_codes_issue(user=request.user, request=request)
    return redirect("core:recovery-codes")


@route.page("sign-out/", name="sign-out", methods="POST", login=False)
def sign_out(request):
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("core:sign-in")


@route.page("account/calendar-links/", name="feed-links", methods="POST")
def feed_links(request):
    """Make new calendar feed links (every old one stops working), or switch them off."""

    off = request.POST.get("off") == "1"
    feed_links_rotate(user=request.user, off=off, request=request)
    messages.success(request, "Your calendar links are switched off." if off else
                     "You have new calendar links. The old ones no longer work: subscribe again with the new ones.")
    return redirect("core:account")


@route.page("account/", name="account", methods=None)
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def account(request):
    password_form = PasswordChangeForm(request.user, request.POST if "change_password" in request.POST else None)
    prefs_form = ReminderPreferenceForm(
        request.POST if "save_preferences" in request.POST else None,
        initial={"reminders_enabled": request.user.reminders_enabled})
    if request.method == "POST":
        if "change_password" in request.POST and password_form.is_valid():
            user = services.password_change(form=password_form, request=request)
            update_session_auth_hash(request, user)
            messages.success(request, "Your password has been changed.")
            return redirect("core:account")
        if "save_preferences" in request.POST and prefs_form.is_valid():
            services.user_set_reminders(user=request.user, enabled=prefs_form.cleaned_data["reminders_enabled"],
                                        request=request)
            messages.success(request, "Your reminder settings have been saved.")
            return redirect("core:account")

    return render(request, "core/account.html", {
        "password_form": password_form, "prefs_form": prefs_form, "nav_active": "account",
        "has_authenticator": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
        "recovery_left": StaticToken.objects.filter(device__user=request.user).count(),
        "feeds_off": request.user.feed_key == User.FEEDS_OFF,
        # the link to the API tokens page only for those it lets in: a provider's staff
        "can_api_tokens": any(can(request.user, "api_tokens.manage", o) for o in _token_organisations(request.user)),
        "form": password_form if password_form.errors else prefs_form,
    })


def _token_organisations(user):
    """The organisations whose API tokens the user may manage: a provider's staff, their own."""
    return Organisation.objects.filter(pk__in=principal(user).provider_organisations)


@route.page("account/api-tokens/", name="api-tokens", methods=None)
def api_tokens(request):
    """A provider's tokens for sending returns through the API. Shown once when made."""

    orgs = _token_organisations(request.user)
    if not orgs:
        require(request.user, "api_tokens.manage", Organisation(pk=0), request=request)

    class TokenForm(djforms.Form):
        organisation = djforms.ModelChoiceField(label="Organisation", queryset=orgs, initial=orgs.first(),
                                                error_messages={"required": "Choose the organisation"})
        name = djforms.CharField(label="What the token is for", max_length=100,
                                 help_text="For example: case management system",
                                 error_messages={"required": "Say what the token is for"})

    form = TokenForm(request.POST if "create" in request.POST else None)
    new_token = None
    if request.method == "POST" and "revoke" in request.POST:
        wanted = posted_key(request.POST.get("revoke"))
        token = ApiToken.objects.filter(pk=wanted, organisation__in=orgs).first() if wanted is not None else None
        if token is None:
            # Another organisation's token, or none: refused like any other, and logged.

            audit_refusal(user=request.user, action="api_tokens.manage", request=request)
            raise Http404("Page not found")
        token_revoke(acting_user=request.user, token=token, request=request)
        messages.success(request, f"Token {token.prefix}… revoked.")
        return redirect("core:api-tokens")
    if request.method == "POST" and form.is_valid():
        require(request.user, "api_tokens.manage", form.cleaned_data["organisation"], request=request)
        _token, new_token = token_create(acting_user=request.user, organisation=form.cleaned_data["organisation"],
                                         name=form.cleaned_data["name"], request=request)
        form = TokenForm()
    return render(request, "core/api_tokens.html", {
        "form": form, "new_token": new_token, "nav_active": "account",
        "tokens": ApiToken.objects.filter(organisation__in=orgs).select_related("organisation", "created_by")})
