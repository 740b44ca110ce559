"""Survivor voice pages. The public feedback form sets no cookie (no session, no CSRF cookie:
a signed token in the form stands in, see safety.py), stores no address, and is never
cached; everything else is for signed-in users through core/permissions.py."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from daboard.board import queries as board_queries
from daboard.commissioning import queries as contract_queries
from daboard.core import clock
from daboard.core.disclosure import SUPPRESSED, Policy
from daboard.core.models import Board, Council, Person
from daboard.core.permissions import (
    can,
    get_object_or_404_for,
    insights_unsuppressed,
    principal,
    visible_boards,
)
from daboard.core.routes import Routes
from daboard.core.submit import calling, submit

from . import forms, queries, services
from . import questions as q
from .models import Feedback, FeedbackForm, ReferenceGroup
from .safety import Refused, check_origin, form_token, read_token

route = Routes()  # the voice app's addresses, one on each view (see core.routes)

# --- The public form --------------------------------------------------------------------------------


def _public(request, template: str, context: dict, status: int = 200):
    response = render(request, template, {**context, "exit_url": settings.DABOARD_EXIT_PAGE_URL}, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the next site is not told where the person was
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


@route.page("feedback/<token:token>/", name="feedback", methods="GET POST", login=False)
@csrf_exempt  # no cookie may be set: the signed form token and the Origin check protect it instead
def feedback(request, token: str):
    """The anonymous form. Answers are posted (never in the address), and the thank-you page
    is the answer to the post at the same address, so the history holds only this page."""
    form_obj = FeedbackForm.objects.filter(token=token, is_open=True).first()
    if form_obj is None:  # the public "not found" keeps Exit this page, and sets no cookie either
        return _public(request, "voice/public_missing.html", {}, status=404)
    answers = forms.AnswersForm(request.POST or None)
    refused, status = "", 200
    if request.method == "POST":
        status = 400
        try:
            check_origin(request)
            read_token(form_obj, request.POST.get("token", ""))  # before the answers: as a CSRF check would
            if answers.is_valid():
                services.feedback_receive(form=form_obj, token=request.POST.get("token", ""),
                                          answers=answers.cleaned_data)
                return _public(request, "voice/public_thanks.html", {"form_obj": form_obj})
        except Refused as exc:
            refused, status = str(exc), exc.status
    return _public(request, "voice/public_form.html", {
        "form_obj": form_obj, "form": answers, "token": form_token(form_obj), "refused": refused}, status=status)


# --- The Scrutiny and Reference Group -----------------------------------------------------------------


def _board(request, slug: str, action: str = "reference_group.view") -> Board:
    return get_object_or_404_for(request.user, action, Board.objects.all(), request=request, slug=slug)


def _group(request, slug: str, action: str = "reference_group.view") -> ReferenceGroup:
    board = _board(request, slug, action)
    group = ReferenceGroup.objects.filter(board=board).select_related("board", "papers_contact").first()
    if group is None:
        raise Http404("This board has no Scrutiny and Reference Group in daboard")
    return group


@route.page("boards/<slug:slug>/reference-group/", name="group", methods="GET")
def group(request, slug: str):
    board = _board(request, slug)
    group = ReferenceGroup.objects.filter(board=board).select_related("papers_contact").first()
    today = clock.today()
    return render(request, "voice/group.html", {
        "board": board, "group": group, "today": today,
        "members": group.members.all() if group else [],
        "meetings": group.meetings.all()[:12] if group else [],
        "windows": list(reversed(queries.visit_windows(group, today))) if group else [],
        "reports": group.reports.select_related("taken_at")[:12] if group else [],
        "routes": group.papers_routed.select_related("paper__item__meeting")[:20] if group else [],
        "can_manage": can(request.user, "reference_group.manage", board), "nav_active": "boards"})


def _form_page(request, form, *, title: str, board: Board, template: str = "form_page.html"):
    return render(request, template, {"form": form, "title": title, "caption": f"{board.short_name or board.name}",
                                      "back": reverse("voice:group", args=[board.slug]), "nav_active": "boards"})


@route.page("boards/<slug:slug>/reference-group/edit/", name="group-edit", methods="GET POST")
def group_edit(request, slug: str):
    board = _board(request, slug, "reference_group.manage")
    instance = ReferenceGroup.objects.filter(board=board).first() or ReferenceGroup(board=board)
    people = Person.objects.filter(organisation__council__in=board.councils.all())
    form = forms.ReferenceGroupForm(request.POST or None, instance=instance, people=people)
    saved = submit(request, form, lambda d: services.reference_group_save(acting_user=request.user,
                                                                          group=form.save(commit=False), request=request),
                   done="Group saved.", then=reverse("voice:group", args=[board.slug]))
    return saved or _form_page(request, form, title="The Scrutiny and Reference Group", board=board)


def _group_write(request, slug: str, form_class, save, *, title: str, done: str):
    """Add a record of the group (member, meeting, report) through its service `save(obj)`."""
    group = _group(request, slug, "reference_group.manage")
    form = form_class(request.POST or None)

    def save_in_group(d):
        obj = form.save(commit=False)
        obj.group = group
        return save(obj)

    saved = submit(request, form, save_in_group, done=done,
                   then=reverse("voice:group", args=[group.board.slug]))
    return saved or _form_page(request, form, title=title, board=group.board)


@route.page("boards/<slug:slug>/reference-group/members/new/", name="member-add", methods="GET POST")
def member_add(request, slug: str):
    return _group_write(request, slug, forms.GroupMemberForm, lambda obj: services.group_member_save(
        acting_user=request.user, member=obj, request=request), title="Add a member of the group", done="Member added.")


@route.page("boards/<slug:slug>/reference-group/meetings/new/", name="meeting-add", methods="GET POST")
def meeting_add(request, slug: str):
    return _group_write(request, slug, forms.GroupMeetingForm, lambda obj: services.group_meeting_record(
        acting_user=request.user, meeting=obj, request=request), title="Record a meeting of the group",
        done="Meeting recorded.")


@route.page("boards/<slug:slug>/reference-group/feedback/new/", name="report-add", methods="GET POST")
def report_add(request, slug: str):
    return _group_write(request, slug, forms.GroupReportForm, lambda obj: services.group_report_send(
        acting_user=request.user, report=obj, request=request), title="The group's feedback to the board",
        done="Feedback recorded. The next agenda drafted takes it under the group's standing item.")


@route.page("boards/<slug:slug>/reference-group/papers/", name="papers", methods="GET POST")
def papers(request, slug: str):
    """Route the open papers of the board's coming meetings to the group."""
    group = _group(request, slug, "reference_group.manage")
    available = list(board_queries.open_papers_ahead(group.board, clock.today()).exclude(routes__group=group))
    form = forms.PapersForm(request.POST or None, papers=available)
    contact = group.papers_contact.name if group.papers_contact else "the group's papers contact"
    saved = submit(request, form, lambda d: services.papers_route(
                       acting_user=request.user, group=group, papers=[p for p in available if str(p.pk) in set(d["papers"])],
                       request=request),
                   done=lambda sent: f"{sent} paper{'s' if sent != 1 else ''} recorded as sent to the group through {contact}.",
                   then=reverse("voice:group", args=[group.board.slug]))
    return saved or render(request, "voice/papers.html", {"form": form, "group": group, "available": available,
                                                          "nav_active": "boards"})


# --- Feedback for officers, members and providers ---------------------------------------------------


def _council(request, gss: str, action: str) -> Council:
    council = get_object_or_404_for(request.user, action, Council.objects.all(), request=request, gss_code=gss)
    if not council.is_tier_one:
        raise Http404("Only for a council with the Part 4 duty")
    return council


@route.page("survivor-voice/", name="index", methods="GET")
def index(request):
    p = principal(request.user)
    councils = list(Council.objects.filter(pk__in=p.council_ids))
    if not councils:
        councils = [b.lead_council for b in visible_boards(request.user).filter(pk__in=p.board_ids)
                    .select_related("lead_council")]
    if not councils:
        raise Http404("No feedback")
    return redirect("voice:summary", gss=councils[0].gss_code)


@route.page("councils/<gss:gss>/feedback/", name="summary", methods="GET")
def summary(request, gss: str):
    """What survivors said, for the council's services and boards: counted once reviewed;
    after disclosure control for everyone but the council's officers."""
    council = _council(request, gss, "feedback.summary")
    unsuppressed = insights_unsuppressed(request.user, council)
    forms_qs = queries.forms_for_council(council)
    reviewer = can(request.user, "feedback.review", council)
    return render(request, "voice/summary.html", {
        "council": council, "summary": queries.feedback_summary(forms_qs, policy=Policy.for_council(council),
                                                                unsuppressed=unsuppressed),
        "comments": queries.shared_comments(forms_qs), "unsuppressed": unsuppressed, "suppressed_mark": SUPPRESSED,
        "reviewer": reviewer, "forms": forms_qs.select_related("contract", "board") if unsuppressed else [],
        "waiting": queries.waiting_for_review(council).count() if reviewer else None, "nav_active": "voice"})


@route.page("councils/<gss:gss>/feedback/review/", name="review-list", methods="GET")
def review_list(request, gss: str):
    council = _council(request, gss, "feedback.review")
    return render(request, "voice/review_list.html", {
        "council": council, "waiting": queries.waiting_for_review(council).order_by("received_on", "id"),
        "nav_active": "voice"})


@route.page("councils/<gss:gss>/feedback/review/<int:pk>/", name="review", methods="GET POST")
def review(request, gss: str, pk: int):
    council = _council(request, gss, "feedback.review")
    item = get_object_or_404_for(request.user, "feedback.review", Feedback.objects.select_related("form"),
                                 request=request, pk=pk, form__council=council)
    form = forms.ReviewForm(request.POST or None, initial={"shared_text": item.shared_text or item.free_text})
    reviewed = submit(request, form, calling(services.feedback_review, request, feedback=item),
                      done="Review recorded.", then=reverse("voice:review-list", args=[council.gss_code]))
    if reviewed:
        return reviewed
    answers = [(question, [question.label_of(c) for c in (q.codes_of(getattr(item, question.name), question)
                                                          if question.multiple else [getattr(item, question.name)])
                           if c]) for question in q.QUESTIONS]
    return render(request, "voice/review.html", {"council": council, "item": item, "form": form, "answers": answers,
                                                 "nav_active": "voice"})


@route.page("councils/<gss:gss>/feedback/forms/new/", name="form-new", methods="GET POST")
def form_new(request, gss: str):
    council = _council(request, gss, "feedback.review")
    contracts = contract_queries.council_contracts(council)
    boards = Board.objects.filter(councils=council)
    form = forms.FeedbackFormForm(request.POST or None, contracts=contracts, boards=boards)

    def open_form(d):
        obj = form.save(commit=False)
        obj.council = council
        services.feedback_form_open(acting_user=request.user, form=obj, request=request)
        return obj

    saved = submit(request, form, open_form,
                   done=lambda obj: "Form opened. Its address is "
                                    f"{request.build_absolute_uri(reverse('voice:feedback', args=[obj.token]))}",
                   then=reverse("voice:summary", args=[council.gss_code]))
    return saved or render(request, "form_page.html", {"form": form, "title": "Open a feedback form", "caption": council.name,
                                                       "back": reverse("voice:summary", args=[council.gss_code]),
                                                       "nav_active": "voice"})


@route.page("contracts/<ref:reference>/feedback/", name="service", methods="GET")
def service(request, reference: str):
    """A service's feedback, for its provider (after disclosure control) and the council's officers."""
    contract = get_object_or_404_for(request.user, "feedback.service", contract_queries.contracts(),
                                     request=request, reference=reference)
    council = contract.council.duty_council
    unsuppressed = insights_unsuppressed(request.user, council)
    forms_qs = FeedbackForm.objects.filter(contract=contract)
    return render(request, "voice/service.html", {
        "contract": contract, "summary": queries.feedback_summary(forms_qs, policy=Policy.for_council(council),
                                                                  unsuppressed=unsuppressed),
        "comments": queries.shared_comments(forms_qs), "unsuppressed": unsuppressed,
        "forms": forms_qs, "nav_active": "contracts"})

