"""Actions and the forward plan."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from daboard.core import clock
from daboard.core.permissions import can, get_object_or_404_for, require

from .. import forms, queries, services
from ..models import Action, MinuteItem
from .common import _board, route
from .minutes import _minute_page


@route.page("boards/<slug:slug>/actions/", name="action-list", methods="GET")
def action_list(request, slug: str):
    board = _board(request, slug)
    actions = queries.visible(request.user, board, board.actions.select_related(
        "owner", "owner_organisation", "meeting", "minute").order_by("status", "meeting__date"))
    today = clock.today()
    rows = Action.with_due_dates(actions)
    return render(request, "board/action_list.html", {
        "board": board, "rows": rows, "today": today, "nav_active": "boards"})


@route.page("actions/<int:pk>/", name="action-detail", methods=None)
def action_detail(request, pk: int):
    action = get_object_or_404_for(request.user, "business.view", Action.objects.select_related(
        "board", "meeting", "minute", "owner"), request=request, pk=pk)
    may_update = can(request.user, "action.update", action)
    form = forms.ActionUpdateForm(request.POST or None, initial={"status": action.status}) if may_update else None
    if request.method == "POST":
        require(request.user, "action.update", action, request=request)
        if form.is_valid():
            services.action_update(acting_user=request.user, action=action, text=form.cleaned_data["text"],
                                   status=form.cleaned_data["status"], request=request)
            messages.success(request, "Update saved.")
            return redirect("board:action-detail", pk=action.pk)
    return render(request, "board/action_detail.html", {
        "action": action, "board": action.board, "form": form, "updates": action.updates.select_related("by"),
        "due": action.effective_due(), "today": clock.today(), "nav_active": "boards"})


@route.page("boards/<slug:slug>/forward-plan/", name="forward-plan", methods="GET")
def forward_plan(request, slug: str):
    board = _board(request, slug)
    items = queries.visible(request.user, board,
                            board.forward_items.select_related("target_meeting", "source_minute__meeting"))
    return render(request, "board/forward_plan.html", {"board": board, "items": items, "nav_active": "boards"})


@route.page("minutes/<int:pk>/forward-plan/", name="forward-item-add", methods="POST")
def forward_item_add(request, pk: int):
    minute = get_object_or_404_for(request.user, "business.manage", MinuteItem.objects.select_related("meeting__board"),
                                   request=request, pk=pk)
    return _minute_page(request, minute, "add_forward")
