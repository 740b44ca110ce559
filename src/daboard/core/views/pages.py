from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from daboard.core import clock

from .. import hooks, queries
from ..models import Board, Council, Organisation
from ..permissions import can, get_object_or_404_for, require, visible_boards, visible_organisations
from . import route


@route.page("", name="home", methods="GET")
def home(request):
    require(request.user, "home.view", request=request)
    today = clock.today()
    return render(request, "core/home.html", {
        **queries.home_summary(request.user), **hooks.home_context(request.user, today),
        "today": today, "nav_active": "home"})


@route.page("boards/", name="board-list", methods="GET")
def board_list(request):
    boards = visible_boards(request.user).select_related("lead_council").prefetch_related("councils")
    return render(request, "core/board_list.html", {"boards": boards, "nav_active": "boards"})


@route.page("boards/<slug:slug>/", name="board-detail", methods="GET")
def board_detail(request, slug: str):
    board = get_object_or_404_for(request.user, "board.view", Board.objects.select_related(
        "lead_council", "secretariat"), request=request, slug=slug)
    return render(request, "core/board_detail.html", {
        "board": board, "members": queries.board_members(board), "nav_active": "boards",
        "can_manage": can(request.user, "board.manage", board)})


@route.page("councils/<gss:gss_code>/", name="council-detail", methods="GET")
def council_detail(request, gss_code: str):
    council = get_object_or_404_for(request.user, "council.view", Council.objects.select_related("parent"),
                                    request=request, gss_code=gss_code)
    return render(request, "core/council_detail.html", {
        "council": council, "districts": council.districts.all(),
        "boards": visible_boards(request.user).filter(councils=council.duty_council)})


@route.page("directory/", name="organisation-list", methods="GET")
def organisation_list(request):
    require(request.user, "directory.view", request=request)
    organisations = visible_organisations(request.user).order_by("kind", "name")
    return render(request, "core/organisation_list.html", {"organisations": organisations, "nav_active": "directory"})


@route.page("directory/<slug:slug>/", name="organisation-detail", methods="GET")
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


@route.page("accessibility/", name="accessibility", methods="GET", login=False)
def accessibility(request):
    return render(request, "core/accessibility.html")


@route.page("privacy/", name="privacy", methods="GET", login=False)
def privacy(request):
    return render(request, "core/privacy.html")


@route.page("healthz", name="healthz", methods="GET", login=False)
def healthz(request):
    """Liveness and database check for the load balancer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
