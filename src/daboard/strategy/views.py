"""Strategies, priorities and the delivery plan; the statutory calendar; each user's feed."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from daboard.board.views.attach import on_agenda
from daboard.core import clock, tokens
from daboard.core.audit import audit_event
from daboard.core.exports import download
from daboard.core.models import Board, Council
from daboard.core.permissions import (
    can,
    get_object_or_404_for,
    principal,
    require,
    visible_councils,
)
from daboard.core.routes import Routes
from daboard.core.submit import submit

from . import calendar, documents, services
from .audit_actions import StrategyAudit
from .forms import DeliveryActionForm, PriorityForm, ProgressForm, StrategyForm
from .models import CalendarCompletion, Strategy

route = Routes()  # the strategy app's addresses, one on each view (see core.routes)

CALENDAR_DAYS = 366  # the council calendar looks a year ahead


def _strategy(request, pk: int, action: str = "strategy.view") -> Strategy:
    strategy = Strategy.objects.select_related("council").filter(pk=pk).first()
    if strategy is None:
        raise Http404("No such strategy")
    require(request.user, action, strategy.council, request=request)
    return strategy


@route.page("strategy/", name="index", methods="GET")
def index(request):
    councils = [c for c in visible_councils(request.user).filter(parent__isnull=True)
                if c.is_tier_one and can(request.user, "strategy.view", c)]
    if not councils:
        raise Http404("No strategies")
    strategies = Strategy.objects.filter(council__in=councils).select_related("council").prefetch_related("priorities")
    return render(request, "strategy/index.html", {
        "councils": councils, "strategies": strategies, "nav_active": "strategy",
        "manageable": [c for c in councils if can(request.user, "strategy.manage", c)]})


@route.page("strategy/<int:pk>/", name="detail", methods="GET")
def detail(request, pk: int):
    strategy = _strategy(request, pk)
    manage = can(request.user, "strategy.manage", strategy.council)
    actions = strategy.actions.select_related("priority", "owner_person", "owner_organisation").prefetch_related("updates")
    return render(request, "strategy/detail.html", {
        "strategy": strategy, "can_manage": manage, "nav_active": "strategy",
        "plan": documents.plan_by_priority(strategy), "actions": actions, "today": clock.today()})


@route.page("strategy/new/<gss:gss>/", name="new", methods="GET POST")
@route.page("strategy/<int:pk>/change/", name="edit", methods="GET POST")
def strategy_edit(request, gss: str | None = None, pk: int | None = None):
    if pk is not None:
        strategy = _strategy(request, pk, "strategy.manage")
        council = strategy.council
    else:
        council = get_object_or_404_for(request.user, "strategy.manage", Council.objects.all(), request=request,
                                        gss_code=gss)
        strategy = None
    form = StrategyForm(request.POST or None, request.FILES or None, instance=strategy, council=council.duty_council)
    if request.method == "POST" and form.is_valid():
        saved = services.strategy_save(acting_user=request.user, strategy=form.save(commit=False), request=request)
        messages.success(request, "Strategy saved.")
        return redirect("strategy:detail", pk=saved.pk)
    return render(request, "form_page.html", {
        "form": form, "title": f"Change {strategy}" if strategy else f"Add a strategy for {council.name}",
        "back": reverse("strategy:detail", args=[strategy.pk]) if strategy else reverse("strategy:index"),
        "nav_active": "strategy"})


@route.page("strategy/<int:pk>/document/", name="document", methods="GET")
def document(request, pk: int):
    strategy = _strategy(request, pk)
    if not strategy.document:
        raise Http404("No document")
    with strategy.document.open("rb") as fh:
        return download(fh.read(), strategy.document_name or "strategy", strategy.document_type or "application/pdf")


@route.page("strategy/<int:pk>/priorities/new/", name="priority-new", methods="GET POST")
def priority_add(request, pk: int):
    strategy = _strategy(request, pk, "strategy.manage")
    nxt = (strategy.priorities.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = PriorityForm(request.POST or None, initial={"number": nxt})
    saved = submit(request, form, lambda d: services.priority_add(acting_user=request.user, strategy=strategy,
                                                                  priority=form.instance, request=request),
                   done="Priority added.", then=reverse("strategy:detail", args=[strategy.pk]))
    return saved or render(request, "form_page.html", {"form": form, "title": f"Add a priority to {strategy}",
                                                           "back": reverse("strategy:detail", args=[strategy.pk]),
                                                           "nav_active": "strategy"})


@route.page("strategy/<int:pk>/actions/new/", name="action-new", methods="GET POST")
@route.page("strategy/<int:pk>/actions/<int:action_pk>/", name="action-edit", methods="GET POST")
def action_edit(request, pk: int, action_pk: int | None = None):
    strategy = _strategy(request, pk, "strategy.manage")
    action = get_object_or_404(strategy.actions, pk=action_pk) if action_pk is not None else None
    form = DeliveryActionForm(request.POST or None, instance=action, strategy=strategy)
    if request.method == "POST" and form.is_valid():
        saved = services.delivery_action_save(acting_user=request.user, action=form.save(commit=False),
                                              request=request)
        messages.success(request, "Action saved.")
        return redirect(reverse("strategy:detail", args=[strategy.pk]) + f"#action-{saved.pk}")
    return render(request, "form_page.html", {
        "form": form, "title": f"Change: {action}" if action else "Add an action to the delivery plan",
        "back": reverse("strategy:detail", args=[strategy.pk]), "nav_active": "strategy"})


@route.page("strategy/<int:pk>/actions/<int:action_pk>/progress/", name="progress-new", methods="GET POST")
def progress_add(request, pk: int, action_pk: int):
    strategy = _strategy(request, pk)
    action = get_object_or_404(strategy.actions, pk=action_pk)
    owner = bool(action.owner_person_id) and action.owner_person_id == getattr(request.user, "person_id", None)
    if not (owner or can(request.user, "strategy.manage", strategy.council)):
        require(request.user, "strategy.manage", strategy.council, request=request)
    form = ProgressForm(request.POST or None, initial={"date": clock.today(), "rag": action.rag})
    if request.method == "POST" and form.is_valid():
        services.progress_record(acting_user=request.user, action=action, update=form.instance, request=request)
        messages.success(request, "Progress recorded.")
        return redirect(reverse("strategy:detail", args=[strategy.pk]) + f"#action-{action.pk}")
    return render(request, "form_page.html", {"form": form, "title": f"Progress on: {action.title}",
                                                  "back": reverse("strategy:detail", args=[strategy.pk]),
                                                  "nav_active": "strategy"})


@route.page("strategy/<int:pk>/report/", name="report", methods="GET POST")
def report(request, pk: int):
    """The progress report per priority, as the board reads it; PDF; on an agenda in one step."""
    strategy = _strategy(request, pk)
    today = clock.today()
    attach_to, done = on_agenda(
        request, strategy.council, "strategy.manage", "The progress report is on the agenda as a paper.",
        item_title=f"Delivery of the domestic abuse strategy: {strategy.council.name}",
        paper_title=f"Strategy progress report, {strategy.council.name} ({today:%-d %B %Y})",
        filename=f"strategy-progress-{strategy.council.gss_code}.pdf", build=lambda: documents.progress_pdf(strategy, today=today))
    if done:
        return done
    if request.GET.get("format") == "pdf":
        audit_event(actor=request.user, action=StrategyAudit.STRATEGY_EXPORTED, obj=strategy, detail={"format": "pdf"},
                     request=request)
        return download(documents.progress_pdf(strategy, today=today),
                        f"strategy-progress-{strategy.council.gss_code}.pdf", "application/pdf")
    return render(request, "strategy/report.html", {
        **documents.progress_context(strategy, today=today), "attach_form": attach_to, "can_manage": attach_to is not None,
        "nav_active": "strategy"})


# --- The statutory calendar -------------------------------------------------------------------


@route.page("calendar/<gss:gss>/", name="calendar", methods="GET")
def council_calendar(request, gss: str):
    council = get_object_or_404_for(request.user, "strategy.view", Council.objects.all(), request=request, gss_code=gss)
    council = council.duty_council
    today = clock.today()
    until = today + dt.timedelta(days=CALENDAR_DAYS)
    items = sorted(calendar.council_items(council, today, until), key=lambda i: (i.due, i.kind))

    for board in Board.objects.filter(councils=council):
        if can(request.user, "board.view", board):
            items += calendar.board_items(board, today, until)
    # Each item carries its audience: a member sees the board's dates, not the officers'
    # commissioning decisions (contract extensions) or returns.
    items = calendar.for_user(sorted(items, key=lambda i: (i.due, i.kind, i.title)), request.user)
    return render(request, "strategy/calendar.html", {
        "council": council, "overdue": [i for i in items if i.due < today], "coming": [i for i in items if i.due >= today],
        "can_manage": can(request.user, "strategy.manage", council), "today": today, "nav_active": "strategy",
        "completed": CalendarCompletion.objects.filter(council=council).order_by("-completed_on")[:10]})


@route.page("calendar/<gss:gss>/done/", name="calendar-done", methods="POST")
def calendar_complete(request, gss: str):
    council = get_object_or_404_for(request.user, "strategy.manage", Council.objects.all(), request=request, gss_code=gss)
    key = request.POST.get("key", "")
    today = clock.today()
    valid = {i.key for i in calendar.council_items(council, today, today + dt.timedelta(days=CALENDAR_DAYS)) if i.completable}
    if key not in valid:
        messages.error(request, "That item is not on the calendar any more, or cannot be marked done here.")
        return redirect("strategy:calendar", gss=council.gss_code)
    services.calendar_complete(acting_user=request.user, council=council, key=key, on=today, request=request)
    messages.success(request, "Marked as done.")
    return redirect("strategy:calendar", gss=council.gss_code)


def feed_token(user) -> str | None:
    return tokens.feed_token(user, "user")


@route.page("my-calendar/<str:token>.ics", name="user-feed", methods="GET", login=False)
def user_feed(request, token: str):
    """A user's own calendar as iCalendar: calendar programs cannot sign in, so the address
    carries the user's signed, revocable feed token. Titles only; no case data is ever on
    the calendar."""
    user = tokens.feed_user(token, "user")
    if user is None or principal(user).user_id is None:
        raise Http404("Unknown feed")
    items = calendar.user_items(user, clock.today(), days=CALENDAR_DAYS)
    base = f"{request.scheme}://{request.get_host()}"
    return HttpResponse(calendar.ical_bytes(items, f"daboard: what is due for {user.get_full_name() or user.username}",
                                            base), content_type="text/calendar; charset=utf-8")
