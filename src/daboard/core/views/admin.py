"""User administration and the audit log, for the admin role."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from daboard.core.audit_actions import CoreAudit
from daboard.core.submit import act, submit

from .. import queries, services
from ..audit import audit_event
from ..exports import CSV_TYPE, csv_bytes, download
from ..forms import AuditFilterForm, RoleAssignmentForm, UserCreateForm
from ..models import RoleAssignment, User
from ..permissions import get_object_or_404_for, require
from . import route


@route.page("admin/users/", name="user-list", methods="GET")
def user_list(request):
    require(request.user, "users.manage", request=request)
    return render(request, "core/user_list.html", {"users": queries.users_with_roles(), "nav_active": "users"})


@route.page("admin/users/new/", name="user-create", methods=None)
def user_create(request):
    require(request.user, "users.manage", request=request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_create(acting_user=request.user, password=form.cleaned_data["password"],
                                    request=request, **{k: form.cleaned_data[k] for k in
                                                        ("username", "first_name", "last_name", "email",
                                                         "organisation")})
        messages.success(request, f"Account {user.username} created. Now give it a role.")
        return redirect("core:user-detail", pk=user.pk)
    return render(request, "core/user_create.html", {"form": form, "nav_active": "users"})


@route.page("admin/users/<int:pk>/", name="user-detail", methods=None)
def user_detail(request, pk: int):
    target = get_object_or_404_for(request.user, "users.manage", User.objects.select_related("organisation"),
                                   request=request, pk=pk)
    form = RoleAssignmentForm(request.POST or None, user=target)
    assigned = submit(request, form, lambda d: services.role_assign(acting_user=request.user,
                                                                    assignment=form.instance, request=request),
                      done=lambda _: (f"Role requested: {form.instance}. Another administrator must approve it "
                                      "before it gives any access.") if form.instance.pending
                      else f"Role added: {form.instance}.",
                      then=reverse("core:user-detail", args=[target.pk]))
    if assigned:
        return assigned

    return render(request, "core/user_detail.html", {
        "target": target, "form": form, "nav_active": "users",
        "assignments": target.role_assignments.select_related("board", "council", "organisation"),
        "has_authenticator": TOTPDevice.objects.filter(user=target, confirmed=True).exists(),
    })


@route.page("admin/users/<int:pk>/roles/<int:assignment_pk>/remove/", name="user-role-remove", methods="POST")
def user_role_remove(request, pk: int, assignment_pk: int):
    target = get_object_or_404_for(request.user, "users.manage", User.objects.all(), request=request, pk=pk)
    assignment = get_object_or_404_for(request.user, "users.manage", RoleAssignment.objects.filter(user=target),
                                       request=request, pk=assignment_pk)
    return act(request, lambda: services.role_remove(acting_user=request.user, assignment=assignment, request=request),
               done="Role removed.", then=reverse("core:user-detail", args=[target.pk]))


@route.page("admin/users/<int:pk>/roles/<int:assignment_pk>/approve/", name="user-role-approve", methods="POST")
def user_role_approve(request, pk: int, assignment_pk: int):
    target = get_object_or_404_for(request.user, "users.manage", User.objects.all(), request=request, pk=pk)
    assignment = get_object_or_404_for(request.user, "users.manage", RoleAssignment.objects.filter(user=target),
                                       request=request, pk=assignment_pk)
    try:
        services.role_approve(acting_user=request.user, assignment=assignment, request=request)
    except ValidationError as exc:
        audit_event(actor=request.user, action=CoreAudit.ACCESS_REFUSED, obj=target,
                     detail={"permission": "users.approve_role", "assignment": assignment.pk}, request=request)
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Role approved: {assignment}.")
    return redirect("core:user-detail", pk=target.pk)


@route.page("admin/users/<int:pk>/active/", name="user-set-active", methods="POST")
def user_set_active(request, pk: int):
    target = get_object_or_404_for(request.user, "users.manage", User.objects.all(), request=request, pk=pk)
    if target.pk == request.user.pk:
        messages.info(request, "You cannot disable your own account.")
        return redirect("core:user-detail", pk=target.pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(acting_user=request.user, user=target, active=active, request=request)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
        return redirect("core:user-detail", pk=target.pk)
    messages.success(request, f"Account {target.username} {'enabled' if active else 'disabled; its sessions have ended'}.")
    return redirect("core:user-detail", pk=target.pk)


@route.page("admin/users/<int:pk>/two-factor/reset/", name="user-two-factor-reset", methods="POST")
def user_two_factor_reset(request, pk: int):
    target = get_object_or_404_for(request.user, "users.manage", User.objects.all(), request=request, pk=pk)
    services.two_factor_reset(acting_user=request.user, user=target, request=request)
    messages.success(request, f"Two-factor sign-in reset for {target.username}. They set it up again at next sign-in.")
    return redirect("core:user-detail", pk=target.pk)


@route.page("admin/audit/", name="audit-list", methods="GET")
def audit_list(request):
    form, filters, entries = _audit_entries(request, "audit.view")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "nav_active": "audit"})


@route.page("admin/audit/export.csv", name="audit-export", methods="GET")
def audit_export(request):
    _form, filters, entries = _audit_entries(request, "audit.export")
    audit_event(actor=request.user, action=CoreAudit.AUDIT_EXPORTED, detail={"filters": {k: str(v) for k, v in filters.items()}},
                 request=request)
    rows = ((e.at.isoformat(), e.actor_name, e.action, e.object_type, e.object_id, e.object_repr,
             e.ip_address or "", _j(e.detail), _j(e.before), _j(e.after)) for e in entries.iterator())
    header = ["at_utc", "actor", "action", "object_type", "object_id", "object", "ip_address", "detail",
              "before", "after"]
    return download(csv_bytes(header, rows), "daboard-audit-log.csv", CSV_TYPE)


def _audit_entries(request, permission: str):
    """The audit log's filter form from the address, the filters it gives (none while it has
    a mistake) and the entries they select: the page and its CSV show the same entries."""
    require(request.user, permission, request=request)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, filters, queries.audit_entries(**{k: v for k, v in filters.items() if v})


def _j(value) -> str:

    return "" if value in (None, {}, []) else json.dumps(value, sort_keys=True)
