"""The wider picture's pages: thin — they parse the request, check access in
core/permissions.py, call a query or a service, and render."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from daboard.core import clock
from daboard.core.audit import audit_event
from daboard.core.disclosure import Policy
from daboard.core.exports import CSV_TYPE, csv_bytes, download
from daboard.core.models import Board, Council
from daboard.core.periods import Period
from daboard.core.permissions import (
    can,
    get_object_or_404_for,
    insights_unsuppressed,
    principal,
    visible_boards,
)
from daboard.core.routes import Routes
from daboard.core.submit import submit
from daboard.core.uploads import read_upload
from daboard.insights.queries import view_for

from . import declared, forms, queries, reference, services
from .audit_actions import PartnershipAudit
from .models import (
    Contact,
    DahaStatus,
    DatasetSubmission,
    KpiTarget,
    PartnerDataset,
    ReciprocalMove,
)

route = Routes()  # the partnership app's addresses, one on each view (see core.routes)

NAV = "partnership"


def _council(request, gss: str, action: str = "insights.view") -> Council:
    council = get_object_or_404_for(request.user, action, Council.objects.all(), request=request, gss_code=gss)
    if not council.is_tier_one:
        raise Http404("Only for a council with the Part 4 duty")
    return council


def _board(request, slug: str, action: str) -> Board:
    return get_object_or_404_for(request.user, action, Board.objects.all(), request=request, slug=slug)


def _issues_report(result) -> dict:
    by_rule = Counter(i.code for i in result.errors)
    return {"by_rule": [(declared.RULES[c].title if c in declared.RULES else c, n) for c, n in by_rule.most_common()],
            "issues": result.errors[:500], "total": len(result.errors)}


def _uploaded(request, form, limit: int) -> bytes | None:
    """The file posted with a valid `form`, read whole; None on a GET, while the form has
    mistakes, or when the file is larger than `limit` (said beside the file)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return read_upload(form.cleaned_data["file"], limit, "file")
    except ValidationError as exc:
        form.add_error("file", exc.messages)
        return None


def _not_stored(refusal: str, problems: int) -> str:
    """What a file or form that failed its checks says: how many problems, and that nothing of it was kept."""
    return f"{refusal}: {problems} problem{'s' if problems != 1 else ''} to fix. Nothing was stored."


def _periods(today: dt.date) -> list[Period]:
    return sorted(Period.of(today).back(12), key=lambda p: (p.start_year, p.quarter), reverse=True)


@route.page("", name="index", methods="GET")
def index(request):
    """The boards and councils whose wider picture the user may see."""
    p = principal(request.user)
    if not (p.council_ids or p.board_ids):
        raise Http404("Nothing here")
    boards = list(visible_boards(request.user).filter(pk__in=p.board_ids | set(
        Board.councils.through.objects.filter(council_id__in=p.council_ids).values_list("board_id", flat=True))))
    councils = {c for b in boards for c in b.councils.all()} | set(Council.objects.filter(pk__in=p.council_ids))
    # A board's other councils are listed only if their figures are the user's to read (the
    # comparison and targets pages' own rule): Rutland's are not Leicestershire's officers'.
    councils = {c for c in councils if c.is_tier_one and can(request.user, "insights.view", c)}
    return render(request, "partnership/index.html", {
        "boards": boards, "councils": sorted(councils, key=lambda c: c.name),
        "nav_active": NAV})


# --- Compare -------------------------------------------------------------------------------


@route.page("compare/<gss:gss>/", name="compare", methods="GET")
def compare(request, gss: str):
    council = _council(request, gss)
    unsuppressed = insights_unsuppressed(request.user, council)
    view = view_for(council, unsuppressed=unsuppressed)
    candidates = queries.neighbour_candidates(council)
    picks_form = forms.PicksForm(request.GET if "picks" in request.GET else None, candidates=candidates)
    picks = picks_form.cleaned_data["picks"] if picks_form.is_bound and picks_form.is_valid() else None
    data = queries.comparison(council, view, picks=picks)
    if request.GET.get("format") == "csv":
        audit_event(actor=request.user, action=PartnershipAudit.COMPARE_EXPORTED, obj=council, request=request,
                     detail={"unsuppressed": unsuppressed})
        header, rows = data["tables"]["Comparison"]
        return download(csv_bytes(header, rows), f"comparison-{council.gss_code}.csv", CSV_TYPE)
    return render(request, "partnership/compare.html", {
        "council": council, "s": data, "picks_form": picks_form, "unsuppressed": unsuppressed,
        "can_import": can(request.user, "compare.import", council),
        "england": [(reference.MEASURE_BY_KEY[f.measure].label, f) for f in reference.ENGLAND], "nav_active": NAV})


@route.page("compare/<gss:gss>/import/", name="compare-import", methods="GET POST")
def compare_import(request, gss: str):
    council = _council(request, gss, "compare.import")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report = None
    data = _uploaded(request, form, services.MAX_TABLES_BYTES)
    if data is not None:
        outcome = services.published_import(acting_user=request.user, council=council,
                                            year=form.cleaned_data["year"], data=data,
                                            filename=form.cleaned_data["file"].name, request=request)
        if outcome.source:
            messages.success(request, f"Imported {outcome.source.row_count} figures for {outcome.source.year} "
                                      f"from {', '.join(outcome.result.sheets)}.")
            return redirect("partnership:compare", gss=council.gss_code)
        report = {"issues": outcome.result.issues[:500], "total": len(outcome.result.issues), "by_rule": []}
        form.add_error("file", _not_stored("The file was not imported", report["total"]))
    return render(request, "partnership/import.html", {"council": council, "form": form, "report": report,
                                                       "nav_active": NAV})


# --- Targets -------------------------------------------------------------------------------


@route.page("targets/<gss:gss>/", name="targets", methods="GET")
def targets(request, gss: str):
    council = _council(request, gss)
    rows = KpiTarget.objects.filter(council=council).order_by("-year", "kpi")
    return render(request, "partnership/targets.html", {
        "council": council, "targets": [(t, queries.TARGETABLE.get(t.kpi, (t.kpi, ""))) for t in rows],
        "can_manage": can(request.user, "targets.manage", council), "nav_active": NAV})


@route.page("targets/<gss:gss>/new/", name="target-new", methods="GET POST")
@route.page("targets/<gss:gss>/<int:pk>/", name="target-edit", methods="GET POST")
def target_edit(request, gss: str, pk: int | None = None):
    council = _council(request, gss, "targets.manage")
    target = get_object_or_404(KpiTarget, pk=pk, council=council) if pk is not None else None
    form = forms.TargetForm(request.POST or None, instance=target, council=council)
    if request.method == "POST":
        if target is not None and request.POST.get("action") == "delete":
            services.record_delete(acting_user=request.user, record=target, action=PartnershipAudit.TARGET_DELETED, request=request)
            messages.success(request, "Target removed.")
            return redirect("partnership:targets", gss=council.gss_code)

    def save(d):
        form.instance.set_by = request.user
        services.record_save(acting_user=request.user, record=form.instance, action=PartnershipAudit.TARGET_SAVED,
                             request=request)

    saved = submit(request, form, save, done="Target saved. It shows on the dashboard and in the performance report.",
                   then=reverse("partnership:targets", args=[council.gss_code]))
    return saved or render(request, "form_page.html", {
                 "form": form, "caption": council.name, "title": "Change a target" if target else "Set a target",
                 "back": reverse("partnership:targets", args=[council.gss_code]), "nav_active": NAV})


# --- Partner datasets ----------------------------------------------------------------------


def _dataset(request, slug: str, dataset: str, action: str = "dataset.view") -> PartnerDataset:
    return get_object_or_404_for(request.user, action, PartnerDataset.objects.select_related("board", "partner"),
                                 request=request, board__slug=slug, slug=dataset)


@route.page("<slug:slug>/datasets/", name="datasets", methods="GET")
def datasets(request, slug: str):
    board = _board(request, slug, "dataset.view")
    return render(request, "partnership/datasets.html", {
        "board": board, "datasets": PartnerDataset.objects.filter(board=board).select_related("partner"),
        "can_define": can(request.user, "dataset.define", board), "nav_active": NAV})


@route.page("<slug:slug>/datasets/new/", name="dataset-new", methods="GET POST")
def dataset_new(request, slug: str):
    board = _board(request, slug, "dataset.define")
    form = forms.DatasetForm(request.POST or None, board=board)
    saved = submit(request, form, lambda d: services.dataset_define(
                       acting_user=request.user, board=board, partner=d["partner"], name=d["name"], slug=d["slug"],
                       description=d["description"], declaration=d["declaration"], source_note=d["source_note"],
                       request=request),
                   done=lambda ds: f"{ds.name} declared. {ds.partner.name} can now send its figures.",
                   then=lambda ds: reverse("partnership:dataset", args=[board.slug, ds.slug]))
    return saved or render(request, "form_page.html", {
                 "form": form, "caption": board.name, "title": "Declare a partner's dataset",
                 "back": reverse("partnership:datasets", args=[board.slug]), "nav_active": NAV})


@route.page("<slug:slug>/datasets/<slug:dataset>/", name="dataset", methods="GET")
def dataset(request, slug: str, dataset: str):
    ds = _dataset(request, slug, dataset)
    today = clock.today()
    latest = DatasetSubmission.objects.filter(dataset=ds, is_current=True).order_by("-period").first()
    period = Period.parse(latest.period) if latest else Period.of(today).previous()
    if request.GET.get("period"):
        try:
            period = Period.parse(request.GET["period"])
        except ValueError:
            raise Http404("No such quarter") from None
    unsuppressed = can(request.user, "registers.unsuppressed", ds.board)
    figures = queries.dataset_figures(ds, period, unsuppressed=unsuppressed)
    fields_text, checks_text = ds.declared.as_lines()
    return render(request, "partnership/dataset.html", {
        "ds": ds, "d": figures, "unsuppressed": unsuppressed, "fields_text": fields_text, "checks_text": checks_text,
        "submissions": ds.submissions.select_related("submitted_by").order_by("-period", "-version")[:40],
        "can_submit": can(request.user, "dataset.submit", ds), "nav_active": NAV})


@route.page("<slug:slug>/datasets/<slug:dataset>/template.csv", name="dataset-template", methods="GET")
def dataset_template(request, slug: str, dataset: str):
    ds = _dataset(request, slug, dataset)
    return download(declared.template_csv(ds.declared), f"{ds.slug}-template.csv", CSV_TYPE)


def _accepted(request, ds, outcome):
    sub = outcome.submission
    text = (f"Figures accepted: {sub.period}, version {sub.version}, {sub.row_count} lines." if not outcome.duplicate
            else f"These figures are already the current version for {sub.period}; nothing changed.")
    messages.success(request, text)
    return redirect(reverse("partnership:dataset", args=[ds.board.slug, ds.slug]) + f"?period={sub.period}")


@route.page("<slug:slug>/datasets/<slug:dataset>/send/", name="dataset-send", methods="GET POST")
def dataset_send(request, slug: str, dataset: str):
    ds = _dataset(request, slug, dataset, "dataset.submit")
    form = forms.SendForm(request.POST or None, request.FILES or None, periods=_periods(clock.today()))
    report = None
    data = _uploaded(request, form, services.MAX_DATASET_BYTES)
    if data is not None:
        outcome = services.dataset_submit(acting_user=request.user, dataset=ds,
                                          period=Period.parse(form.cleaned_data["period"]), data=data,
                                          filename=form.cleaned_data["file"].name, source="file", request=request)
        if outcome.accepted:
            return _accepted(request, ds, outcome)
        report = _issues_report(outcome.result)
        form.add_error("file", _not_stored("The figures were not accepted", report["total"]))
    return render(request, "partnership/send.html", {"ds": ds, "form": form, "report": report, "nav_active": NAV,
                                                     "fields": ds.declared.fields})


@route.page("<slug:slug>/datasets/<slug:dataset>/form/", name="dataset-fill", methods="GET POST")
def dataset_fill(request, slug: str, dataset: str):
    ds = _dataset(request, slug, dataset, "dataset.submit")
    form = forms.FillForm(request.POST or None, periods=_periods(clock.today()), declaration=ds.declared)
    report = None
    if request.method == "POST" and form.is_valid():
        outcome = services.dataset_submit(acting_user=request.user, dataset=ds,
                                          period=Period.parse(form.cleaned_data["period"]), data=form.as_csv(),
                                          filename="form", source="form", request=request)
        if outcome.accepted:
            return _accepted(request, ds, outcome)
        report = _issues_report(outcome.result)
        form.add_error(None, _not_stored("The figures were not accepted", report["total"]) +
                       " Row numbers count the heading as row 1, so line 1 of the form is row 2.")
    return render(request, "partnership/fill.html", {"ds": ds, "form": form, "report": report, "nav_active": NAV})


# --- Registers -----------------------------------------------------------------------------


@route.page("<slug:slug>/contacts/", name="contacts", methods="GET")
def contacts(request, slug: str):
    board = _board(request, slug, "registers.view")
    rows = list(Contact.objects.filter(board=board).select_related("organisation"))
    if request.GET.get("format") == "csv":
        audit_event(actor=request.user, action=PartnershipAudit.CONTACTS_EXPORTED, obj=board, request=request)
        return download(csv_bytes(["organisation", "role", "name", "how_to_reach", "review_due", "last_reviewed"],
                                  [[c.organisation.name, c.role, c.name, c.how_to_reach, c.review_due.isoformat(),
                                    c.reviewed_on.isoformat() if c.reviewed_on else ""] for c in rows]),
                        f"contacts-{board.slug}.csv", CSV_TYPE)
    return render(request, "partnership/contacts.html", {
        "board": board, "contacts": rows, "today": clock.today(),
        "can_manage": can(request.user, "registers.manage", board), "nav_active": NAV})


@dataclass(frozen=True)
class _Register:
    """One of the board's registers kept by hand: its records, their form, the audit
    actions' prefix, the page listing them (and the place on it), and the page's words."""
    model: type
    form_class: type
    action: str
    listed_on: str
    adding: str
    changing: str
    success: str


_CONTACTS = _Register(Contact, forms.ContactForm, "contact", "partnership:contacts", "Add a contact", "Change a contact",
                      "Contact saved. Its review date is on the statutory calendar.")
_DAHA = _Register(DahaStatus, forms.DahaForm, "daha", "partnership:housing#daha", "Add a housing provider's DAHA status",
                  "Change an accreditation status", "Status saved.")
_MOVES = _Register(ReciprocalMove, forms.MoveForm, "reciprocal_move", "partnership:housing#ledger",
                   "Record a reciprocal move", "Change a move", "Move saved.")


@route.page("<slug:slug>/contacts/new/", name="contact-new", methods="GET POST", register=_CONTACTS)
@route.page("<slug:slug>/contacts/<int:pk>/", name="contact-edit", methods="GET POST", register=_CONTACTS)
@route.page("<slug:slug>/housing/daha/new/", name="daha-new", methods="GET POST", register=_DAHA)
@route.page("<slug:slug>/housing/daha/<int:pk>/", name="daha-edit", methods="GET POST", register=_DAHA)
@route.page("<slug:slug>/housing/moves/new/", name="move-new", methods="GET POST", register=_MOVES)
@route.page("<slug:slug>/housing/moves/<int:pk>/", name="move-edit", methods="GET POST", register=_MOVES)
def register_edit(request, slug: str, register: _Register, pk: int | None = None):
    """Add, change or remove an entry of a register (contacts, DAHA, reciprocal moves)."""
    board = _board(request, slug, "registers.manage")
    page, _, anchor = register.listed_on.partition("#")
    back = reverse(page, args=[board.slug]) + (f"#{anchor}" if anchor else "")
    record = get_object_or_404(register.model, pk=pk, board=board) if pk is not None else None
    form = register.form_class(request.POST or None, instance=record, board=board)
    if request.method == "POST" and record is not None and request.POST.get("action") == "delete":
        services.record_delete(acting_user=request.user, record=record, action=f"{register.action}.deleted",
                               request=request)
        messages.success(request, "Entry removed.")
        return redirect(back)
    saved = submit(request, form, lambda d: services.record_save(acting_user=request.user, record=form.instance,
                                                                 action=f"{register.action}.saved", request=request),
                   done=register.success, then=back)
    return saved or render(request, "form_page.html", {
        "form": form, "caption": board.name, "title": register.changing if pk else register.adding, "back": back,
        "nav_active": NAV})


@route.page("<slug:slug>/housing/", name="housing", methods="GET")
def housing(request, slug: str):
    board = _board(request, slug, "registers.view")
    unsuppressed = can(request.user, "registers.unsuppressed", board)
    policy = Policy.for_council(board.lead_council)
    return render(request, "partnership/housing.html", {
        "board": board, "daha": DahaStatus.objects.filter(board=board).select_related("provider"),
        "balance": queries.reciprocal_balance(board, unsuppressed=unsuppressed, policy=policy),
        "moves": ReciprocalMove.objects.filter(board=board).select_related("offered_by", "received_from")
        if unsuppressed else None, "unsuppressed": unsuppressed, "today": clock.today(),
        "can_manage": can(request.user, "registers.manage", board), "nav_active": NAV})



