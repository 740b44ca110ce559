"""Providers send returns; commissioners review them. Case-level pages are audit-logged."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from daboard.commissioning import queries as contract_queries
from daboard.core import clock
from daboard.core.audit import audit_event
from daboard.core.exports import CSV_TYPE, XLSX_TYPE, csv_bytes, download
from daboard.core.periods import Period
from daboard.core.permissions import (
    can,
    get_object_or_404_for,
    principal,
    require,
)
from daboard.core.routes import Routes
from daboard.core.submit import calling, submit
from daboard.core.uploads import check_size, read_upload

from . import forms, queries, services
from .audit_actions import ReturnsAudit
from .models import CaseRecord, FollowUpSubmission, ReturnSubmission
from .standard import CURRENT as std
from .standard import FOLLOW_UP as fu
from .templates import template_bytes
from .validate import ALL_RULES

route = Routes()  # the returns app's addresses, one on each view (see core.routes)


def _contract(request, reference: str, action: str = "return.view"):
    return get_object_or_404_for(request.user, action, contract_queries.contracts(),
                                 request=request, reference=reference)


@route.page("returns/", name="index", methods="GET")
def index(request):
    p = principal(request.user)
    if not (p.council_ids or p.provider_organisations):
        raise Http404("No returns")
    today = clock.today()
    contracts = list(contract_queries.visible_contracts(request.user).filter(returns_required=True)
                     .select_related("council", "provider").prefetch_related("options").order_by("reference"))
    periods = Period.of(today).back(3)
    basis = [(period, queries.approval_basis(ReturnSubmission.objects.filter(contract__in=contracts, period=str(period))))
             for period in periods]
    # Returns still owed from before those quarters: never dropped because they are old.
    older = [r for r in queries.outstanding(contracts, today)
             if (r.period.start_year, r.period.quarter) < (periods[0].start_year, periods[0].quarter)]
    return render(request, "returns/index.html", {
        "contracts": contracts, "status": queries.completeness(contracts, periods, today), "periods": periods,
        "older": older,
        "basis": basis, "nav_active": "returns", "can_review": bool(p.commissioner_councils)})


@route.page("returns/<ref:reference>/", name="contract", methods=None)
def contract_returns(request, reference: str):
    contract = _contract(request, reference)
    today = clock.today()
    periods = queries.periods_for(contract, today)
    may_submit = can(request.user, "return.submit", contract)
    form = forms.UploadForm(request.POST or None, request.FILES or None, periods=periods) if may_submit else None
    report = None
    if request.method == "POST":
        if not may_submit:
            raise Http404("Page not found")
        if form.is_valid():

            period = form.cleaned_data["period"]
            try:
                upload = form.cleaned_data["file"]
                check_size(upload, settings.DABOARD_MAX_RETURN_UPLOAD_BYTES, "file")
                data = services.upload_data(upload)
                outcome = services.return_accept(acting_user=request.user, contract=contract, period=period, data=data,
                                                 filename=form.cleaned_data["file"].name, source="web", request=request)
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            except PermissionDenied as exc:
                form.add_error("file", str(exc))
            else:
                if outcome.accepted:
                    sub = outcome.submission
                    text = (f"Return accepted: {sub.period}, version {sub.version}, {sub.row_count} cases"
                            + (f", {len(outcome.result.warnings)} warnings to check" if outcome.result.warnings else ""))
                    if outcome.duplicate:
                        text = f"This file is already the current version ({sub.period}, version {sub.version}); nothing changed."
                    messages.success(request, text)
                    return redirect("returns:submission", pk=sub.pk)
                report = _report(request, outcome.result)
                n = outcome.result.error_count
                form.add_error("file", f"The return was not accepted: {n:,} problem{'s' if n != 1 else ''} to fix. "
                                       "Nothing was stored.")
    subs = contract.submissions.select_related("submitted_by", "reviewed_by").order_by("-period", "-version")
    return render(request, "returns/contract.html", {
        "contract": contract, "form": form, "report": report, "submissions": subs, "nav_active": "returns",
        "can_review": can(request.user, "return.review", contract),
        "status": queries.completeness([contract], periods, today)})


def _report(request, result) -> dict:
    """The on-screen summary by rule, the first issues, and an error report to download
    (kept as a file for this user, not in the database)."""
    token = services.error_report_store(user=request.user, result=result)
    by_rule = Counter({code: n for code, n in result.counts.items() if ALL_RULES[code].severity == "error"})
    shown = result.errors[:500]
    return {"token": token, "by_rule": [(ALL_RULES[c].title, c, n) for c, n in by_rule.most_common()],
            "issues": shown, "more": max(0, result.error_count - len(shown)), "total": result.error_count}


@route.page("returns/errors/<token:token>.csv", name="error-report", methods=None)
def error_report(request, token: str):
    name = f"reports/{request.user.pk}/{token}.csv"
    if not token.replace("-", "").replace("_", "").isalnum() or not default_storage.exists(name):
        raise Http404("No such report")
    # The report quotes cell values of the rejected file: its download is logged like case data.
    audit_event(actor=request.user, action=ReturnsAudit.ERROR_REPORT_DOWNLOADED, request=request,
                 object_type="returns.error_report", object_id=token[:6] + "…")
    with default_storage.open(name, "rb") as fh:
        return download(fh.read(), "return-errors.csv", CSV_TYPE)


@route.page("returns/submissions/<int:pk>/", name="submission", methods=None)
def submission(request, pk: int):
    sub = get_object_or_404_for(request.user, "return.view", ReturnSubmission.objects.select_related(
        "contract__council", "contract__provider", "submitted_by"), request=request, pk=pk)
    review = can(request.user, "return.review", sub)
    form = forms.ReviewForm(request.POST or None) if review else None
    if request.method == "POST":
        require(request.user, "return.review", sub, request=request)  # refused: 404, logged
        decided = submit(request, form, calling(services.return_review, request, submission=sub),
                         done="Decision recorded.", then=reverse("returns:submission", args=[sub.pk]))
        if decided:
            return decided
    return render(request, "returns/submission.html", {
        "sub": sub, "form": form, "nav_active": "returns",
        "versions": ReturnSubmission.objects.filter(contract=sub.contract, period=sub.period).order_by("-version")})


@route.page("returns/submissions/<int:pk>/rows.csv", name="submission-rows", methods="GET")
def submission_rows(request, pk: int):
    """Case-level download: for the provider's own staff and the council's officers, logged."""
    sub = get_object_or_404_for(request.user, "return.view", ReturnSubmission.objects.select_related("contract"),
                                request=request, pk=pk)
    audit_event(actor=request.user, action=ReturnsAudit.CASE_DATA_DOWNLOADED, obj=sub, detail={"rows": sub.row_count},
                 request=request)
    fields = [c.name for c in std.COLUMNS]
    rows = CaseRecord.objects.filter(submission=sub).order_by("id").values_list(*fields)
    return download(csv_bytes(fields, (_file_row(r) for r in rows.iterator())),
                    f"{sub.contract.reference}-{sub.period}-v{sub.version}.csv", CSV_TYPE)


def _file_row(values, keep: set[str] | None = None) -> list:
    """A stored case as the return file writes it: lists as codes, dates as ISO; columns
    outside `keep` (when given) left blank."""
    out = []
    for col, v in zip(std.COLUMNS, values, strict=True):
        if keep is not None and col.name not in keep:
            v = None
        elif col.is_list:
            v = std.codes_of(col.codes, v)
        elif hasattr(v, "isoformat"):
            v = v.isoformat()
        out.append(v)
    return out


@route.page("returns/template.<str:fmt>", name="template", methods="GET")
def template(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format")
    return download(template_bytes(fmt), f"monitoring-return-v{std.VERSION}.{fmt}", CSV_TYPE if fmt == "csv" else XLSX_TYPE)


@route.page("returns/follow-up-template.<str:fmt>", name="followup-template", methods="GET")
def followup_template(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format")
    return download(template_bytes(fmt, standard=fu), f"follow-up-return-v{fu.VERSION}.{fmt}",
                    CSV_TYPE if fmt == "csv" else XLSX_TYPE)


@route.page("returns/follow-up-standard/", name="followup-standard", methods="GET", login=False)
def followup_standard_page(request):
    """The follow-up return, for people: from the same declaration as its validator."""
    return render(request, "returns/standard.html", {
        "std": fu, "columns": fu.COLUMNS, "rules": fu.RULES.values(), "nav_active": "returns", "followup": True,
        "reached_only": fu.REACHED_ONLY})


@route.page("returns/<ref:reference>/follow-ups/", name="followups", methods=None)
def followups(request, reference: str):
    """A contract's follow-up returns: send one (optional), see the versions received."""
    contract = _contract(request, reference)
    periods = queries.periods_for(contract, clock.today())
    may_submit = can(request.user, "return.submit", contract)
    form = forms.UploadForm(request.POST or None, request.FILES or None, periods=periods) if may_submit else None
    if form is not None:
        form.fields["file"].label = "Upload the follow-up return (CSV or Excel)"
    report = None
    if request.method == "POST":
        if not may_submit:
            raise Http404("Page not found")
        if form.is_valid():

            try:
                data = read_upload(form.cleaned_data["file"], settings.DABOARD_MAX_RETURN_BYTES, "file")
                outcome = services.followup_accept(
                    acting_user=request.user, contract=contract, period=form.cleaned_data["period"], data=data,
                    filename=form.cleaned_data["file"].name, source="web", request=request)
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            else:
                if outcome.accepted:
                    sub = outcome.submission
                    messages.success(request, f"Follow-up return accepted: {sub.period}, version {sub.version}, "
                                              f"{sub.row_count} follow-ups" + (", already the current version; nothing "
                                                                               "changed" if outcome.duplicate else ""))
                    return redirect("returns:followups", reference=contract.reference)
                report = _report(request, outcome.result)
                form.add_error("file", f"The follow-up return was not accepted: {len(outcome.result.errors)} "
                                       f"problem{'s' if len(outcome.result.errors) != 1 else ''} to fix. Nothing was stored.")
    subs = FollowUpSubmission.objects.filter(contract=contract).select_related("submitted_by").order_by("-period", "-version")
    return render(request, "returns/followups.html", {
        "contract": contract, "form": form, "report": report, "submissions": subs, "nav_active": "returns"})


@route.page("returns/<ref:reference>/<period:period>/prefilled/", name="prefilled", methods="GET")
def prefilled(request, reference: str, period: str):
    """The next quarter's template holding the cases still open at the end of the last."""
    contract = _contract(request, reference, "return.submit")
    try:
        target = Period.parse(period)
    except ValueError as exc:
        raise Http404("Unknown period") from exc
    previous = ReturnSubmission.objects.filter(contract=contract, period=str(target.previous()), is_current=True).first()
    rows = []
    if previous is not None:
        audit_event(actor=request.user, action=ReturnsAudit.CASE_DATA_DOWNLOADED, obj=previous, detail={"prefilled_for": str(target)},
                     request=request)
        keep = {c.name for c in std.COLUMNS if c.carried_over}
        fields = [c.name for c in std.COLUMNS]
        rows = [_file_row(r, keep) for r in CaseRecord.objects.filter(
            submission=previous, closure_date__isnull=True).order_by("id").values_list(*fields)]
    fmt = request.GET.get("format", "xlsx")
    return download(template_bytes("csv" if fmt == "csv" else "xlsx", rows),
                    f"{contract.reference}-{target}-prefilled.{'csv' if fmt == 'csv' else 'xlsx'}",
                    CSV_TYPE if fmt == "csv" else XLSX_TYPE)


@route.page("returns/standard/", name="standard", methods="GET", login=False)
def standard_page(request):
    """The standard, for people: generated from the same declaration as the validator."""
    return render(request, "returns/standard.html", {"std": std, "columns": std.COLUMNS,
                                                     "rules": std.RULES.values(), "nav_active": "returns"})


@route.page("returns/<ref:reference>/<period:period>/waive/", name="waive", methods=None)
def waive(request, reference: str, period: str):
    """Commissioners: waive a quarter's return that has not arrived, with the reason."""
    contract = _contract(request, reference, "return.waive")
    try:
        period_obj = std.Period.parse(period)
    except ValueError as exc:
        raise Http404("Unknown period") from exc
    today = clock.today()
    if not queries.period_allowed(contract, period_obj, today):
        raise Http404("The contract has no return for that quarter")
    form = forms.WaiverForm(request.POST or None)
    waived = submit(request, form, lambda d: services.return_waive(acting_user=request.user, contract=contract,
                                                                   period=period_obj, reason=d["reason"], request=request),
                    done=f"The return for {period_obj} is waived: it is no longer due.",
                    then=reverse("returns:contract", args=[contract.reference]))
    if waived:
        return waived
    rows = queries.completeness([contract], [period_obj], today)
    return render(request, "returns/waive.html", {
        "contract": contract, "period": period_obj, "row": rows[0] if rows else None, "form": form,
        "nav_active": "returns"})


@route.page("returns/<ref:reference>/<period:period>/remind/", name="remind", methods=None)
def remind(request, reference: str, period: str):
    """Commissioners: send the provider a reminder that a return is overdue."""
    contract = _contract(request, reference, "return.review")
    if request.method != "POST":
        raise Http404("Page not found")
    try:
        period_obj = Period.parse(period)
    except ValueError as exc:
        raise Http404("Unknown period") from exc
    if not queries.period_allowed(contract, period_obj, clock.today()):
        raise Http404("The contract has no return for that quarter")
    sent = services.reminder_send(acting_user=request.user, contract=contract, period=period_obj, request=request)
    if sent:
        messages.success(request, f"Reminder sent to {sent} {contract.provider.name} user{'s' if sent != 1 else ''}.")
    else:
        messages.info(request, f"{contract.provider.name} has no daboard users with an email address to remind.")
    return redirect("returns:contract", reference=contract.reference)
