"""The commissioner's money pages: register, contract, money view, exports, OCDS."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from daboard.board.views.attach import on_agenda
from daboard.core import clock
from daboard.core.audit import audit_event
from daboard.core.exports import CSV_TYPE, XLSX_TYPE, csv_bytes, download, xlsx_bytes
from daboard.core.models import Council
from daboard.core.permissions import (
    can,
    get_object_or_404_for,
    principal,
)
from daboard.core.routes import Routes
from daboard.core.services import council_settings_change
from daboard.core.submit import submit

from . import documents, forms, models, queries, services
from .audit_actions import CommissioningAudit
from .models import check_financial_year

route = Routes()  # the commissioning app's addresses, one on each view (see core.routes)


def _council(request, gss: str, action: str = "commissioning.view") -> Council:
    return get_object_or_404_for(request.user, action, Council.objects.all(), request=request, gss_code=gss)


@route.page("contracts/", name="contract-list", methods="GET")
def contract_list(request):
    contracts = (queries.visible_contracts(request.user).select_related("council", "provider", "lot")
                 .prefetch_related("options").order_by("council__name", "reference"))
    p = principal(request.user)
    if not (p.council_ids or p.provider_organisations):
        raise Http404("No contracts")
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        audit_event(actor=request.user, action=CommissioningAudit.CONTRACTS_EXPORTED, detail={"format": fmt}, request=request)
        rows = queries.register_rows(contracts)
        if fmt == "csv":
            return download(csv_bytes(queries.REGISTER_HEADER, rows), "contracts-register.csv", CSV_TYPE)
        return download(xlsx_bytes({"Contracts register": (queries.REGISTER_HEADER, rows)}), "contracts-register.xlsx", XLSX_TYPE)
    return render(request, "commissioning/contract_list.html", {
        "contracts": contracts, "today": clock.today(), "nav_active": "contracts",
        "councils": Council.objects.filter(pk__in=p.commissioner_councils),
        "officer_councils": Council.objects.filter(pk__in=p.council_ids)})


@route.page("contracts/<ref:reference>/", name="contract-detail", methods="GET")
def contract_detail(request, reference: str):
    contract = get_object_or_404_for(request.user, "contract.view", models.Contract.objects.select_related(
        "council", "provider", "lot__exercise", "contact", "approved_by__minute__meeting"), request=request,
        reference=reference)
    manage = can(request.user, "contract.manage", contract)
    return render(request, "commissioning/contract_detail.html", {
        "contract": contract, "options": contract.options.select_related("decided_by__minute__meeting"),
        "years": sorted(queries.contract_years(contract).items()), "can_manage": manage,
        "ledger_lines": [(c, queries.commitment_years(c)) for c in contract.commitments.select_related(
            "approved_by__minute__meeting")] if can(request.user, "commissioning.view", contract.council) else None,
        "decision_form": forms.ExtensionDecisionForm() if manage else None, "nav_active": "contracts"})


@route.page("money/<gss:gss>/contracts/new/", name="contract-new", methods=None)
def contract_new(request, gss: str):
    council = _council(request, gss, "commissioning.manage")
    form = forms.ContractForm(request.POST or None, instance=models.Contract(council=council))
    saved = submit(request, form, lambda d: services.contract_create(acting_user=request.user, contract=form.instance,
                                                                     option_months=form.option_months, request=request),
                   done=lambda contract: f"Contract {contract.reference} added.",
                   then=lambda contract: reverse("commissioning:contract-detail", args=[contract.reference]))
    return saved or render(request, "commissioning/contract_form.html", {"form": form, "council": council, "nav_active": "contracts"})


@route.page("contracts/<ref:reference>/options/<int:order>/", name="extension-decide", methods=None)
def extension_decide(request, reference: str, order: int):
    contract = get_object_or_404_for(request.user, "contract.manage", models.Contract.objects.all(), request=request,
                                     reference=reference)
    option = models.ExtensionOption.objects.filter(contract=contract, order=order).first()
    if option is None or request.method != "POST":
        raise Http404("No such option")
    form = forms.ExtensionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.extension_decide(acting_user=request.user, option=option,
                                      take_up=form.cleaned_data["decision"] == "take_up", request=request)
            messages.success(request, "Decision recorded.")
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
    else:
        messages.info(request, "Choose whether to take up the option.")
    return redirect("commissioning:contract-detail", reference=contract.reference)


@route.page("money/", name="money-index", methods="GET")
def money_index(request):
    councils = Council.objects.filter(pk__in=principal(request.user).council_ids)
    if not councils:
        raise Http404("No council")
    if len(councils) == 1:
        return redirect("commissioning:money", gss=councils[0].gss_code)
    return render(request, "commissioning/money_index.html", {"councils": councils, "nav_active": "money"})


@route.page("money/<gss:gss>/", name="money", methods=None)
def money(request, gss: str):
    council = _council(request, gss)
    today = clock.today()
    ctx = documents.money_context(council, today)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        audit_event(actor=request.user, action=CommissioningAudit.MONEY_EXPORTED, obj=council, detail={"format": fmt}, request=request)
        header = ["financial_year", "allocated", "committed", "remaining"]
        rows = [[r.label, _num(r.allocated, "not known"), float(r.committed), _num(r.remaining, "not known")]
                for r in ctx["rows"]]
        payee_header = ["paid_to", "total", *ctx["year_labels"]]
        payee_rows = [[p["name"], float(p["total"]), *[float(v) for v in p["by_year"]]] for p in ctx["payees"]]
        ledger_header = ["kind", "title", "paid_to", "amount", "approximate", "start_date", "end_date",
                         "financial_year", "approved_by", "source", "seed_ref", *ctx["year_labels"]]
        ledger_rows = [[c.get_kind_display(), c.title, c.payee.name if c.payee else "", float(c.amount),
                        "yes" if c.approximate else "no", c.start_date.isoformat() if c.start_date else "",
                        c.end_date.isoformat() if c.end_date else "", c.financial_year,
                        c.approved_by.reference if c.approved_by else "", c.source, c.seed_ref,
                        *[_num(v, "") for v in line["by_year"]]]
                       for line in ctx["lines"] for c in [line["commitment"]]]
        if fmt == "csv":
            return download(csv_bytes(header, rows), f"money-{council.gss_code}.csv", CSV_TYPE)
        return download(xlsx_bytes({"By financial year": (header, rows), "By payee": (payee_header, payee_rows),
                                    "Ledger": (ledger_header, ledger_rows)}),
                        f"money-{council.gss_code}.xlsx", XLSX_TYPE)

    form, done = on_agenda(request, council, "commissioning.manage", "The money view is on the agenda as a paper.",
                           services.money_paper_attach)
    if done:
        return done
    return render(request, "commissioning/money.html", {
        **ctx, "form": form, "can_manage": form is not None, "nav_active": "money",
        "allocations": council.allocations.select_related("stream").order_by("financial_year"),
        "spend_plans": council.spend_plans.prefetch_related("lines__provider").select_related("approved_by__minute__meeting"),
        "exercises": council.procurements.prefetch_related("lots__awarded_to")})


def _num(value, missing):
    return missing if value is None else float(value)


@route.page("money/<gss:gss>/paper.pdf", name="money-pdf", methods="GET")
def money_pdf(request, gss: str):
    council = _council(request, gss)
    audit_event(actor=request.user, action=CommissioningAudit.MONEY_EXPORTED, obj=council, detail={"format": "pdf"}, request=request)
    return download(documents.money_pdf(council, today=clock.today()), f"money-{council.gss_code}.pdf",
                    "application/pdf")


@route.page("money/<gss:gss>/contracts-ocds.json", name="ocds", methods="GET")
def ocds(request, gss: str):
    council = _council(request, gss)
    uri = request.build_absolute_uri()
    package = queries.ocds_release_package(council, published=clock.now().replace(microsecond=0), uri=uri)
    audit_event(actor=request.user, action=CommissioningAudit.CONTRACTS_EXPORTED, obj=council, detail={"format": "ocds"}, request=request)
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="contracts-{council.gss_code}-ocds.json"'
    return response


@route.page("money/<gss:gss>/lots/<int:pk>/", name="lot-award", methods=None)
def lot_award(request, gss: str, pk: int):
    council = _council(request, gss, "commissioning.manage")
    lot = models.Lot.objects.filter(pk=pk, exercise__council=council).select_related("exercise").first()
    if lot is None:
        raise Http404("No such lot")
    form = forms.LotAwardForm(request.POST or None, initial={
        "route": lot.route, "bids_received": lot.bids_received, "awarded_to": lot.awarded_to,
        "approved_by": lot.direct_award_approved_by, "reason": lot.direct_award_reason})
    saved = submit(request, form, lambda d: services.lot_award(
                       acting_user=request.user, lot=lot, route=d["route"], awarded_to=d["awarded_to"],
                       bids_received=d["bids_received"], approved_by=d["approved_by"], reason=d["reason"],
                       request=request),
                   done="Outcome recorded.", then=reverse("commissioning:money", args=[council.gss_code]),
                   rename={"direct_award_approved_by": "approved_by"})
    return saved or render(request, "commissioning/lot_form.html", {"form": form, "lot": lot, "council": council,
                                                                    "nav_active": "money"})


# --- Entering the money -----------------------------------------------------------------------

ENTRY_FORMS = {
    # kind: (form, title, the service that saves it)
    "allocation": (forms.AllocationForm, "Add an allocation",
                   lambda obj, **kw: services.allocation_save(allocation=obj, **kw)),
    "spend-plan": (forms.SpendPlanForm, "Add a spend plan", lambda obj, **kw: services.spend_plan_save(plan=obj, **kw)),
    "exercise": (forms.ExerciseForm, "Add a procurement exercise",
                 lambda obj, **kw: services.procurement_exercise_save(exercise=obj, **kw)),
}


def _instance(kind: str, council: Council):
    return {"allocation": models.Allocation, "spend-plan": models.SpendPlan, "exercise": models.ProcurementExercise}[kind](council=council)


@route.page("money/<gss:gss>/new/<slug:kind>/", name="money-entry", methods=None)
def money_entry(request, gss: str, kind: str):
    """One page for each thing a commissioner enters: validated, then saved by its service."""
    if kind not in ENTRY_FORMS:
        raise Http404("Unknown form")
    council = _council(request, gss, "commissioning.manage")
    form_class, title, save = ENTRY_FORMS[kind]
    kwargs = {"council": council} if kind == "spend-plan" else {}
    form = form_class(request.POST or None, instance=_instance(kind, council), **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.save(commit=False), acting_user=request.user, request=request)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"Saved: {obj}.")
            return redirect("commissioning:money", gss=council.gss_code)
    return render(request, "commissioning/entry_form.html", {"form": form, "title": title, "council": council,
                                                             "nav_active": "money"})


@route.page("money/<gss:gss>/new/<slug:kind>/<int:pk>/", name="child-entry", methods=None)
def child_entry(request, gss: str, kind: str, pk: int):
    """A line of a spend plan, or a lot of a procurement exercise."""
    council = _council(request, gss, "commissioning.manage")
    if kind == "line":
        parent = models.SpendPlan.objects.filter(pk=pk, council=council).first()
        instance, form_class, title = models.SpendPlanLine(plan=parent), forms.SpendPlanLineForm, "Add a line to the spend plan"
    elif kind == "lot":
        parent = models.ProcurementExercise.objects.filter(pk=pk, council=council).first()
        instance, form_class, title = models.Lot(exercise=parent), forms.LotForm, "Add a lot"
    else:
        raise Http404("Unknown form")
    if parent is None:
        raise Http404("Not found")
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        if kind == "line":
            obj = services.spend_plan_line_add(acting_user=request.user, line=form.instance, request=request)
        else:
            obj = services.lot_add(acting_user=request.user, lot=form.instance, request=request)
        messages.success(request, f"Saved: {obj}.")
        return redirect("commissioning:money", gss=council.gss_code)
    return render(request, "commissioning/entry_form.html", {"form": form, "title": title, "council": council,
                                                             "caption": str(parent), "nav_active": "money"})


@route.page("money/<gss:gss>/settings/", name="council-settings", methods=None)
def council_settings(request, gss: str):

    council = _council(request, gss, "commissioning.manage")
    form = forms.CouncilSettingsForm(request.POST or None, instance=council)
    if request.method == "POST" and form.is_valid():
        council_settings_change(acting_user=request.user, council=form.instance, request=request)
        messages.success(request, "Settings saved.")
        return redirect("commissioning:money", gss=council.gss_code)
    return render(request, "commissioning/entry_form.html", {"form": form, "title": "Council settings",
                                                             "council": council, "nav_active": "money"})


# --- The ledger, posts and vacancies, district plans -------------------------------------------


@route.page("money/<gss:gss>/commitments/new/", name="commitment-new", methods="GET POST")
def commitment_new(request, gss: str):
    council = _council(request, gss, "commissioning.manage")
    form = forms.CommitmentForm(request.POST or None, instance=models.Commitment(council=council), council=council)
    saved = submit(request, form, lambda d: services.commitment_save(acting_user=request.user,
                                                                     commitment=form.instance, request=request),
                   done=lambda _: f"Added to the ledger: {form.instance.title}.",
                   then=reverse("commissioning:money", args=[council.gss_code]) + "#ledger")
    return saved or render(request, "commissioning/entry_form.html", {"form": form, "title": "Add a commitment to the ledger",
                                                                      "council": council, "nav_active": "money"})


@route.page("money/<gss:gss>/posts/", name="posts", methods="GET POST")
def posts(request, gss: str):
    """The vacancy report: every funded post, open ones first, with its history. Officers and
    the board's members read it; a commissioner puts it on an agenda in one step."""
    council = get_object_or_404_for(request.user, "posts.view", Council.objects.all(), request=request, gss_code=gss)
    today = clock.today()

    form, done = on_agenda(request, council, "commissioning.manage", "The vacancy report is on the agenda as a paper.",
                           services.vacancy_report_attach)
    if done:
        return done
    return render(request, "commissioning/posts.html", {
        **documents.vacancies_context(council, today=today), "form": form, "can_manage": form is not None,
        "nav_active": "money"})


@route.page("money/<gss:gss>/posts/paper.pdf", name="posts-pdf", methods="GET")
def posts_pdf(request, gss: str):
    council = get_object_or_404_for(request.user, "posts.view", Council.objects.all(), request=request, gss_code=gss)
    audit_event(actor=request.user, action=CommissioningAudit.POSTS_EXPORTED, obj=council, detail={"format": "pdf"}, request=request)
    return download(documents.vacancies_pdf(council, today=clock.today()), f"vacancies-{council.gss_code}.pdf",
                    "application/pdf")


@route.page("money/<gss:gss>/posts/new/", name="post-new", methods="GET POST")
def post_new(request, gss: str):
    council = _council(request, gss, "commissioning.manage")
    form = forms.PostForm(request.POST or None, instance=models.Post(council=council), council=council)
    saved = submit(request, form, lambda d: services.post_create(acting_user=request.user, post=form.instance,
                                                                 request=request),
                   done=lambda _: f"Post added: {form.instance}.",
                   then=reverse("commissioning:posts", args=[council.gss_code]))
    return saved or render(request, "commissioning/entry_form.html", {"form": form, "title": "Add a funded post",
                                                                      "council": council, "nav_active": "money"})


def _post_status_done(post, on) -> str:
    if post.status_since and on < post.status_since:
        return (f"The change of {on:%-d %B %Y} is in the history of {post}. It is dated before the status last "
                f"reported ({post.status_since:%-d %B %Y}), so the current status is still "
                f"{post.get_status_display().lower()}.")
    return f"Status of {post} recorded."


@route.page("money/<gss:gss>/posts/<int:pk>/", name="post-status", methods="GET POST")
def post_status(request, gss: str, pk: int):
    council = _council(request, gss, "commissioning.manage")
    post = get_object_or_404(models.Post.objects.prefetch_related("history"), pk=pk, council=council)
    form = forms.PostStatusForm(request.POST or None, initial={"status": post.status})
    saved = submit(request, form, lambda d: services.post_status_change(
                       acting_user=request.user, post=post, status=d["status"], on=d["on"],
                       interview_date=d["interview_date"], note=d["note"], request=request),
                   done=lambda saved: _post_status_done(saved, form.cleaned_data["on"]),
                   then=reverse("commissioning:posts", args=[council.gss_code]))
    return saved or render(request, "commissioning/post_status.html", {"form": form, "post": post, "title": str(post),
                                                                       "council": council,
                                                                       "nav_active": "money"})


@route.page("money/<gss:gss>/districts/<gss:district>/<str:year>/", name="district-plan", methods="GET POST")
def district_plan(request, gss: str, district: str, year: str):
    council = _council(request, gss, "commissioning.manage")
    district_council = get_object_or_404(Council, gss_code=district, parent=council)
    try:
        check_financial_year(year)
    except ValidationError:
        raise Http404("No such year") from None
    plan = models.DistrictPlan.objects.filter(district=district_council, financial_year=year).first() or models.DistrictPlan(
        district=district_council, financial_year=year)
    form = forms.DistrictPlanForm(request.POST or None, instance=plan)
    saved = submit(request, form, lambda d: services.district_plan_save(acting_user=request.user, plan=form.instance,
                                                                        request=request),
                   done=f"Saved: {district_council.name}, {year}.",
                   then=reverse("commissioning:money", args=[council.gss_code]) + "#districts")
    return saved or render(request, "commissioning/entry_form.html", {
                 "form": form, "title": f"District plan and return: {district_council.name}, {year}", "council": council,
                 "nav_active": "money"})
