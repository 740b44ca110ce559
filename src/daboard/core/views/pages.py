from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from daboard.core import clock

from .. import hooks, queries
from ..models import Board, Council, Organisation
from ..permissions import can, get_object_or_404_for, require, visible_boards, visible_organisations
from . import route


@route("", name="home")
@login_required
@require_safe
def home(request):
    require(request.user, "home.view", request=request)
    today = clock.today()
    return render(request, "core/home.html", {
        **queries.home_summary(request.user), **hooks.home_context(request.user, today),
        "today": today, "nav_active": "home"})


@route("boards/", name="board-list")
@login_required
@require_safe
def board_list(request):
    boards = visible_boards(request.user).select_related("lead_council").prefetch_related("councils")
    return render(request, "core/board_list.html", {"boards": boards, "nav_active": "boards"})


@route("boards/<slug:slug>/", name="board-detail")
@login_required
@require_safe
def board_detail(request, slug: str):
    board = get_object_or_404_for(request.user, "board.view", Board.objects.select_related(
        "lead_council", "secretariat"), request=request, slug=slug)
    return render(request, "core/board_detail.html", {
        "board": board, "members": queries.board_members(board), "nav_active": "boards",
        "can_manage": can(request.user, "board.manage", board)})


@route("councils/<gss:gss_code>/", name="council-detail")
@login_required
@require_safe
def council_detail(request, gss_code: str):
    council = get_object_or_404_for(request.user, "council.view", Council.objects.select_related("parent"),
                                    request=request, gss_code=gss_code)
    return render(request, "core/council_detail.html", {
        "council": council, "districts": council.districts.all(),
        "boards": visible_boards(request.user).filter(councils=council.duty_council)})


@route("directory/", name="organisation-list")
@login_required
@require_safe
def organisation_list(request):
    require(request.user, "directory.view", request=request)
    organisations = visible_organisations(request.user).order_by("kind", "name")
    return render(request, "core/organisation_list.html", {"organisations": organisations, "nav_active": "directory"})


@route("directory/<slug:slug>/", name="organisation-detail")
@login_required
@require_safe
def organisation_detail(request, slug: str):
    organisation = get_object_or_404_for(request.user, "organisation.view", Organisation.objects.all(),
                                         request=request, slug=slug)
    boards = visible_boards(request.user)
    seats = (organisation.board_seats.filter(board__in=boards).select_related("board", "person")
             .order_by("board__name", "kind", "order"))
    return render(request, "core/organisation_detail.html", {
        "organisation": organisation, "seats": seats,
        "people": organisation.people.filter(board_seats__board__in=boards).distinct(),
        "nav_active": "directory"})


@route("accessibility/", name="accessibility")
@require_safe
def accessibility(request):
    return render(request, "core/accessibility.html")


@route("privacy/", name="privacy")
@require_safe
def privacy(request):
    return render(request, "core/privacy.html")


@route("healthz", name="healthz")
@require_safe
def healthz(request):
    """Liveness and database check for the load balancer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
