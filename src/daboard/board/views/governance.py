"""Governance pages: interests, terms of reference, membership, appointments, declarations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from daboard.core.forms import errors_to_form
from daboard.core.permissions import can, get_object_or_404_for, require
from daboard.core.submit import submit

from .. import forms, services
from ..models import MinuteItem
from .common import _board, route
from .minutes import _minute_page


@route.page("boards/<slug:slug>/interests/", name="interests", methods=None)
def interests(request, slug: str):
    board = _board(request, slug)
    manage = can(request.user, "board.manage", board)
    form = forms.InterestForm(request.POST or None) if manage else None
    if request.method == "POST":
        require(request.user, "board.manage", board, request=request)
        if form.is_valid():
            d = form.cleaned_data
            services.interest_register(acting_user=request.user, board=board, person=d["person"],
                                       description=d["description"], commissioning=d["commissioning"],
                                       registered_on=d["registered_on"], request=request)
            messages.success(request, "Interest registered.")
            return redirect("board:interests", slug=board.slug)
    return render(request, "board/interests.html", {
        "board": board, "form": form, "nav_active": "boards",
        "interests": board.interests.select_related("person", "organisation")})


@route.page("boards/<slug:slug>/terms-of-reference/", name="terms", methods="GET")
def terms(request, slug: str):
    board = _board(request, slug)
    versions = board.terms.prefetch_related("sections", "standing_items").select_related("approved_at")
    return render(request, "board/terms.html", {"board": board, "versions": versions,
                                                "current": versions.filter(status="approved").first(),
                                                "can_manage": can(request.user, "board.manage", board),
                                                "nav_active": "boards"})


@route.page("boards/<slug:slug>/members/new/", name="membership-add", methods=None)
@route.page("boards/<slug:slug>/members/<int:pk>/", name="membership-edit", methods=None)
def membership_edit(request, slug: str, pk: int | None = None):
    from daboard.core.models import BoardMembership

    board = _board(request, slug, "board.manage")
    seat = get_object_or_404_for(request.user, "board.manage", BoardMembership.objects.all(), request=request,
                                 pk=pk, board=board) if pk else BoardMembership(board=board)
    form = forms.MembershipForm(request.POST or None, instance=seat)
    saved = submit(request, form, lambda d: services.membership_save(acting_user=request.user, membership=form.instance,
                                                                     request=request),
                   done="Membership saved.", then=reverse("core:board-detail", args=[board.slug]))
    return saved or render(request, "board/membership_form.html", {"form": form, "board": board, "seat": seat,
                                                                   "nav_active": "boards"})


@route.page("boards/<slug:slug>/appointments/", name="appointments", methods=None)
def appointments(request, slug: str):
    board = _board(request, slug)
    manage = can(request.user, "board.manage", board)
    form = forms.AppointmentForm(request.POST or None, board=board) if manage else None
    if request.method == "POST":
        require(request.user, "board.manage", board, request=request)
        if form.is_valid():
            d = form.cleaned_data
            services.appointment_record(acting_user=request.user, board=board, position=d["position"],
                                        person=d["person"], municipal_year=d["municipal_year"], until=d["until"],
                                        resolution=d["resolution"], request=request)
            messages.success(request, "Appointment recorded.")
            return redirect("board:appointments", slug=board.slug)
    return render(request, "board/appointments.html", {
        "board": board, "form": form, "nav_active": "boards",
        "rows": board.appointments.select_related("person", "minute__meeting", "resolution")})


@route.page("boards/<slug:slug>/terms-of-reference/new/", name="terms-new", methods="POST")
def terms_new(request, slug: str):
    board = _board(request, slug, "board.manage")
    current = board.terms.filter(status="approved").first() or board.terms.first()
    if current is None:
        raise Http404("No terms of reference to copy")
    draft = services.terms_open_draft(board)
    if draft is not None:  # one draft at a time (services.terms_new_version): carry on with it
        messages.info(request, f"Version {draft.version} is already a draft: carry on with it here.")
    else:
        draft = services.terms_new_version(acting_user=request.user, terms=current, request=request)
    return redirect("board:terms-edit", slug=board.slug, pk=draft.pk)


@route.page("boards/<slug:slug>/terms-of-reference/<int:pk>/", name="terms-edit", methods=None)
def terms_edit(request, slug: str, pk: int):
    board = _board(request, slug, "board.manage")
    terms_obj = board.terms.filter(pk=pk, status="draft").first()
    if terms_obj is None:
        raise Http404("No such draft")
    initial = {"standing_items_text": "\n".join(terms_obj.standing_items.values_list("title", flat=True))}
    # One form: "Record approval" saves the draft's typed changes first, so nothing is lost;
    # if the draft has a mistake, nothing is approved and everything typed stays on the page.
    post = request.POST if request.method == "POST" else None
    has_draft = post is not None and any(name in post for name in forms.TermsForm.base_fields)
    form = forms.TermsForm(post if has_draft else None, instance=terms_obj, initial=initial)
    approve = forms.TermsApproveForm(post if post is not None and "approve" in post else None, board=board)
    if post is not None:
        draft_ok = not form.is_bound or form.is_valid()
        saved = False
        if form.is_bound and draft_ok and form.has_changed():
            titles = [t.strip() for t in form.cleaned_data["standing_items_text"].splitlines() if t.strip()]
            services.terms_save(acting_user=request.user, terms=form.save(commit=False), standing_items=titles,
                                request=request)
            saved = True
        if "approve" not in post and draft_ok:
            messages.success(request, "Draft saved.")
            return redirect("board:terms-edit", slug=board.slug, pk=terms_obj.pk)
        if "approve" in post and draft_ok and approve.is_valid():
            try:
                services.terms_approve(acting_user=request.user, terms=terms_obj,
                                       meeting=approve.cleaned_data["meeting"],
                                       amendments=approve.cleaned_data["amendments"], request=request)
            except ValidationError as exc:
                errors_to_form(approve, exc)
            else:
                messages.success(request, ("Draft saved. " if saved else "") + f"Version {terms_obj.version} approved.")
                return redirect("board:terms", slug=board.slug)
        if saved:
            messages.info(request, "Draft saved.")
    return render(request, "board/terms_form.html", {"form": form, "approve": approve, "board": board,
                                                     "terms": terms_obj, "nav_active": "boards"})


@route.page("minutes/<int:pk>/declarations/", name="declaration-add", methods="POST")
def declaration_add(request, pk: int):
    minute = get_object_or_404_for(request.user, "business.manage", MinuteItem.objects.select_related("meeting"),
                                   request=request, pk=pk)
    return _minute_page(request, minute, "add_declaration")
