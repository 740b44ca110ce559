"""Agenda and papers pages: the draft, items, papers, the published pack, search."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from daboard.core.audit import audit_event
from daboard.core.permissions import get_object_or_404_for, require
from daboard.core.submit import Late, act, submit

from .. import forms, queries, services
from ..audit_actions import BoardAudit
from ..models import AgendaItem, PackBuildStatus, Paper
from .common import _board, _meeting, route


@route.page("meetings/<int:pk>/agenda/draft/", name="agenda-draft", methods="POST")
def agenda_draft(request, pk: int):
    return _clerk_button(request, pk, services.agenda_draft,
                         "Agenda drafted from the standing items, the previous minutes and open actions.")


def _clerk_button(request, pk: int, service, done: str):
    """A clerk's button on the meeting's page that calls `service` for the meeting and comes
    back to the page, with `done` or the service's reason for refusing."""
    meeting = _meeting(request, pk, "business.manage")
    return act(request, lambda: service(acting_user=request.user, meeting=meeting, request=request),
               done=done, then=reverse("board:meeting-detail", args=[meeting.pk]))


@route.page("meetings/<int:meeting_pk>/items/new/", name="item-add", methods=None)
@route.page("items/<int:pk>/edit/", name="item-edit", methods=None)
def item_edit(request, pk: int | None = None, meeting_pk: int | None = None):
    if pk is not None:
        item = get_object_or_404_for(request.user, "business.manage", AgendaItem.objects.select_related("meeting"),
                                     request=request, pk=pk)
        meeting = item.meeting
    else:
        meeting = _meeting(request, meeting_pk, "business.manage")
        item = AgendaItem(meeting=meeting)
    form = forms.AgendaItemForm(request.POST or None, instance=item, board=meeting.board)
    saved = submit(request, form, lambda d: services.agenda_item_save(acting_user=request.user, item=form.instance,
                                                                      request=request),
                   done=lambda _: f"Item saved: {form.instance.title}",
                   then=reverse("board:meeting-detail", args=[meeting.pk]))
    return saved or render(request, "board/item_form.html", {"form": form, "meeting": meeting, "item": item,
                                                             "nav_active": "boards"})


@route.page("items/<int:pk>/move/", name="item-move", methods="POST")
def item_move(request, pk: int):
    item = get_object_or_404_for(request.user, "business.manage", AgendaItem.objects.all(), request=request, pk=pk)
    up = bool(request.POST.get("up"))
    return act(request, lambda: services.agenda_item_move(acting_user=request.user, item=item,
                                                          direction=-1 if up else 1, request=request),
               done=f"{item.title} moved {'up' if up else 'down'} the agenda.",
               then=reverse("board:meeting-detail", args=[item.meeting_id]))


@route.page("items/<int:pk>/delete/", name="item-delete", methods=None)
def item_delete(request, pk: int):
    """Remove an item, after the clerk confirms it on a page of its own."""
    item = get_object_or_404_for(request.user, "business.manage", AgendaItem.objects.select_related("meeting__board"),
                                 request=request, pk=pk)
    meeting_pk = item.meeting_id
    if request.method != "POST":
        return render(request, "board/form.html", {
            "meeting": item.meeting, "board": item.meeting.board, "form": None, "confirm": True, "danger": True,
            "title": f"Remove item {item.number}: {item.title}", "button": "Remove the item",
            "warning": "The item, its papers and its minute leave the agenda. Items after it are renumbered.",
            "nav_active": "boards"})
    return act(request, lambda: services.agenda_item_delete(acting_user=request.user, item=item, request=request),
               done="Item removed.", then=reverse("board:meeting-detail", args=[meeting_pk]))


@route.page("items/<int:pk>/papers/new/", name="paper-add", methods=None)
def paper_add(request, pk: int):
    item = get_object_or_404_for(request.user, "business.manage", AgendaItem.objects.select_related("meeting"),
                                 request=request, pk=pk)
    why = services.papers_closed_reason(item.meeting)  # the upload would only be refused with it
    if why:
        messages.info(request, why)
        return redirect("board:meeting-detail", pk=item.meeting_id)
    form = forms.PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_add(acting_user=request.user, item=item, title=form.cleaned_data["title"],
                               upload=form.cleaned_data["file"], request=request)
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(request, f"Paper added to item {item.number}.")
            return redirect("board:meeting-detail", pk=item.meeting_id)
    return render(request, "board/paper_form.html", {"form": form, "item": item, "meeting": item.meeting,
                                                     "nav_active": "boards"})


@route.page("papers/<int:pk>/", name="paper", methods="GET")
def paper_download(request, pk: int):
    paper = get_object_or_404_for(request.user, "business.view", Paper.objects.select_related("item__meeting__board"),
                                  request=request, pk=pk)
    audit_event(actor=request.user, action=BoardAudit.PAPER_DOWNLOADED, obj=paper, request=request)
    return FileResponse(paper.file.open("rb"), as_attachment=True, filename=paper.original_name,
                        content_type=paper.content_type)


@route.page("meetings/<int:pk>/publish/", name="publish-pack", methods="POST")
def publish_pack(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")

    def published(late: bool) -> str:
        # The build runs after the publication commits: at once where tasks run in the
        # request (the demo), else in the background worker.
        latest = queries.latest_pack_build(meeting)
        building = {PackBuildStatus.BUILT: "It is ready below.",
                    PackBuildStatus.FAILED: "It could not be built: the meeting page says why."}.get(
            latest and latest.status, "It is being built: it will be on this page in a minute or two.")
        if latest is not None and latest.supplementary:  # papers added or replaced since the agenda went out
            return f"Supplementary pack published. {building}"
        if not late:
            return f"Agenda pack published. {building}"
        days = (meeting.date - meeting.papers_due).days
        rule = (f"the terms of reference ask for papers by {meeting.papers_due:%-d %B %Y}, {days} days before the meeting"
                if days else f"the meeting was on {meeting.date:%-d %B %Y}")
        return Late(f"Agenda pack published late: {rule}. {building}")

    return act(request, lambda: services.meeting_publish_pack(acting_user=request.user, meeting=meeting, request=request),
               done=published, then=reverse("board:meeting-detail", args=[meeting.pk]))


@route.page("meetings/<int:pk>/pack/build-again/", name="pack-retry", methods="POST")
def pack_retry(request, pk: int):
    """Try again to build a pack whose building failed (the publication itself stands)."""
    return _clerk_button(request, pk, services.pack_build_retry,
                         "The pack is being built again: it will be on this page in a minute or two.")


@route.page("meetings/<int:pk>/pack.pdf", name="pack", methods="GET")
@route.page("meetings/<int:pk>/pack-with-closed-part.pdf", name="pack-full", full=True, methods="GET")
@route.page("meetings/<int:pk>/supplement.pdf", name="supplement", supplement=True, methods="GET")
@route.page("meetings/<int:pk>/supplement-with-closed-part.pdf", name="supplement-full", full=True, supplement=True,
            methods="GET")
def pack_download(request, pk: int, full: bool = False, supplement: bool = False):
    """A published pack or supplementary pack, open or with the closed part (for those who
    may see closed business); each download is audited."""
    meeting = _meeting(request, pk)
    if full:
        require(request.user, "board.view_closed", meeting.board, request=request)
    if supplement:
        f = meeting.pack_supplement_full if full else meeting.pack_supplement
        missing, detail, name = "No supplementary pack", {"closed_part": full, "supplement": True}, "supplementary-pack"
    else:
        f = meeting.pack_full if full else meeting.pack
        missing, detail, name = "No pack published", {"closed_part": full}, "agenda-pack"
    if not f:
        raise Http404(missing)
    audit_event(actor=request.user, action=BoardAudit.PACK_DOWNLOADED, obj=meeting, detail=detail, request=request)
    name = f"{name}-{meeting.date:%Y-%m-%d}{'-with-closed-part' if full else ''}.pdf"
    return FileResponse(f.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


@route.page("boards/<slug:slug>/search/", name="search", methods="GET")
def search(request, slug: str):
    board = _board(request, slug)
    form = forms.SearchForm(request.GET or None)

    results = queries.search(request.user, board, form.cleaned_data["q"]) if form.is_valid() else []
    for r in results:
        r.snippet_html = mark_safe(queries.snippet_html(r.snippet))  # noqa: S308 (escaped, then <mark> only)
    return render(request, "board/search.html", {"board": board, "form": form, "results": results,
                                                 "nav_active": "boards"})


def _paper_for_clerk(request, pk: int) -> Paper:
    return get_object_or_404_for(request.user, "business.manage", Paper.objects.select_related("item__meeting__board"),
                                 request=request, pk=pk)


@route.page("papers/<int:pk>/replace/", name="paper-replace", methods=None)
def paper_replace(request, pk: int):
    paper = _paper_for_clerk(request, pk)
    form = forms.PaperReplaceForm(request.POST or None, request.FILES or None, initial={"title": paper.title})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.paper_replace(acting_user=request.user, paper=paper, title=d["title"], upload=d["file"],
                                   reason=d["reason"], request=request)
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(request, f"New version of {paper.title} filed; the old one is kept in the history.")
            return redirect("board:meeting-detail", pk=paper.item.meeting_id)
    return render(request, "board/form.html", {
        "form": form, "paper": paper, "meeting": paper.item.meeting, "board": paper.item.meeting.board,
        "nav_active": "boards", "title": f"Replace {paper.title}", "button": "Upload the new version",
        "intro": "The old version is kept in the meeting's history." + (
            " The agenda pack is published: the new version goes out in a supplementary pack."
            if paper.item.meeting.agenda_published_at else "")})


@route.page("papers/<int:pk>/remove/", name="paper-remove", methods=None)
def paper_remove(request, pk: int):
    paper = _paper_for_clerk(request, pk)
    form = forms.PaperRemoveForm(request.POST or None)
    saved = submit(request, form, lambda d: services.paper_remove(acting_user=request.user, paper=paper,
                                                                  reason=d["reason"], request=request),
                   done=f"Paper withdrawn: {paper.title}",
                   then=reverse("board:meeting-detail", args=[paper.item.meeting_id]))
    return saved or render(request, "board/form.html", {
                 "form": form, "paper": paper, "meeting": paper.item.meeting, "board": paper.item.meeting.board,
                 "nav_active": "boards", "title": f"Withdraw {paper.title}", "button": "Withdraw the paper", "danger": True,
                 "intro": "The paper leaves the agenda, the pack and search; it stays on record with the reason."})
