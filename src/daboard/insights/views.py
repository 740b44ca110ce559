"""Dashboards, the board's quarterly performance report, the needs assessment and the
annual return. Officers see unsuppressed figures, marked as such; everyone else, and
every document meant for the board, sees figures after disclosure control."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from daboard.board.views.attach import on_agenda
from daboard.core import clock
from daboard.core.audit import audit_event
from daboard.core.disclosure import SUPPRESSED
from daboard.core.exports import CSV_TYPE, XLSX_TYPE, csv_bytes, download, xlsx_bytes
from daboard.core.models import Board, Council
from daboard.core.periods import Period
from daboard.core.permissions import (
    can,
    get_object_or_404_for,
    insights_unsuppressed,
    principal,
    require,
)
from daboard.core.routes import Routes

from . import documents, queries, services
from . import impact as impact_report
from .annual import annual_return_xlsx
from .audit_actions import InsightsAudit
from .forms import AccommodationUnitForm, AnnualReturnForm, CommentaryForm, NeedsAssessmentForm
from .models import AccommodationUnit, BoardReport

route = Routes()  # the insights app's addresses, one on each view (see core.routes)


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Quarter")

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(str(p), f"{p} ({p.label})") for p in periods]


def _council(request, gss: str, action: str = "insights.view", *, tier_one: bool = False) -> Council:
    """The council, if the user may do `action` on it; `tier_one`: pages that exist only for a
    council with the duty (reports, needs assessment, annual return), not for a district."""
    council = get_object_or_404_for(request.user, action, Council.objects.all(), request=request, gss_code=gss)
    if tier_one and not council.is_tier_one:
        raise Http404("Only for a council with the Part 4 duty")
    return council


def _period_form(request, council, today):
    """The period picker; defaults to the latest quarter with any returns."""
    periods = Period.of(today).previous().back(12)  # the last twelve finished quarters
    latest = queries.latest_period(council)
    form = PeriodForm(request.GET if "period" in request.GET else None, periods=sorted(
        set(periods) | ({latest} if latest else set()), key=lambda x: (x.start_year, x.quarter), reverse=True))
    period = Period.parse(form.cleaned_data["period"]) if form.is_bound and form.is_valid() else (latest or periods[-1])
    return form, period


def export_tables(request, *, council, tables: dict, name: str, action: str, detail: dict):
    """`?format=xlsx`: every table as a sheet; `?format=csv&table=NAME`: one table. Cells are
    formula-safe (core.exports) and the export is logged."""
    fmt = request.GET.get("format")
    table = request.GET.get("table") or next(iter(tables))
    if fmt == "csv" and table not in tables:
        raise Http404("No such table")
    audit_event(actor=request.user, action=action, obj=council,
                 detail={**detail, "format": fmt, **({"table": table} if fmt == "csv" else {})}, request=request)
    if fmt == "csv":
        header, rows = tables[table]
        slug = table.lower().replace(" ", "-")
        return download(csv_bytes(header, rows), f"{name}-{slug}.csv", CSV_TYPE)
    return download(xlsx_bytes(tables), f"{name}.xlsx", XLSX_TYPE)


def _pdf(request, council, action: str, pdf: bytes, filename: str, **detail):
    """A report's PDF, its download logged as an export in that format (with `detail`)."""
    audit_event(actor=request.user, action=action, obj=council, detail={**detail, "format": "pdf"}, request=request)
    return download(pdf, filename, "application/pdf")


@route.page("dashboard/", name="index", methods="GET")
def index(request):
    p = principal(request.user)
    councils = list(Council.objects.filter(pk__in=p.council_ids))
    if not councils:
        councils = [b.lead_council for b in Board.objects.filter(pk__in=p.board_ids).select_related("lead_council")]
    if not councils:
        raise Http404("No dashboard")
    return redirect("insights:dashboard", gss=councils[0].gss_code)


@route.page("dashboard/<gss:gss>/", name="dashboard", methods="GET")
def dashboard(request, gss: str):
    council = _council(request, gss)
    today = clock.today()
    form, period = _period_form(request, council, today)
    unsuppressed = insights_unsuppressed(request.user, council)
    figures = queries.quarter_figures(council, period, queries.view_for(council, unsuppressed=unsuppressed),
                                      today=today)
    if request.GET.get("format") in ("csv", "xlsx"):
        return export_tables(request, council=council, tables=queries.table_rows(figures),
                             name=f"dashboard-{council.gss_code}-{period}{'' if unsuppressed else '-suppressed'}",
                             action=InsightsAudit.INSIGHTS_EXPORTED, detail={"period": str(period), "unsuppressed": unsuppressed})
    return render(request, "insights/dashboard.html", {
        **figures, "council": council, "period": period, "form": form, "unsuppressed": unsuppressed,
        "suppressed_mark": SUPPRESSED, "tables": list(queries.table_rows(figures)), "nav_active": "insights",
        "can_annual": can(request.user, "insights.annual", council)})


# --- The board's quarterly performance report -------------------------------------------------


def _report_period(period: str, today) -> Period:
    """A finished quarter: the board's report is on a quarter whose returns can be in, never
    on one still running or ahead (there is nothing yet to report, and the page said so
    with empty tables)."""
    try:
        parsed = Period.parse(period)
    except ValueError:
        raise Http404("No such quarter") from None
    if parsed.last_day >= today:
        raise Http404("That quarter has not ended")
    return parsed


@route.page("dashboard/<gss:gss>/report/<period:period>/", name="report", methods="GET POST")
def report(request, gss: str, period: str):
    """The report as the board sees it: always after disclosure control, whoever reads it."""
    council = _council(request, gss, tier_one=True)
    today = clock.today()
    period = _report_period(period, today)
    saved = BoardReport.objects.filter(council=council, period=str(period)).first()
    manage = can(request.user, "insights.manage", council)
    commentary_form = CommentaryForm(initial=saved.commentary if saved else {}) if manage else None

    attach_to, done = on_agenda(
        request, council, "insights.manage", "The performance report is on the agenda as a paper.",
        posted=request.POST.get("action") == "attach", item_title=f"Performance report {period}: {council.name}",
        paper_title=f"Domestic abuse performance report, {council.name}, {period.label}",
        filename=f"performance-{council.gss_code}-{period}.pdf",
        build=lambda: documents.report_pdf(council, period, today=today))
    if done:
        return done
    if request.method == "POST" and request.POST.get("action") != "attach":
        require(request.user, "insights.manage", council, request=request)
        commentary_form = CommentaryForm(request.POST)
        if commentary_form.is_valid():
            services.report_commentary_save(acting_user=request.user, council=council, period=str(period),
                                            commentary=commentary_form.cleaned_data, request=request)
            messages.success(request, "Commentary saved. It appears in the report and its PDF.")
            return redirect("insights:report", gss=council.gss_code, period=str(period))
    ctx = documents.report_context(council, period, today=today)
    if request.GET.get("format") in ("csv", "xlsx"):
        return export_tables(request, council=council, tables=queries.table_rows(ctx), name=f"performance-{gss}-{period}",
                             action=InsightsAudit.REPORT_EXPORTED, detail={"period": str(period)})
    return render(request, "insights/report.html", {
        **ctx, "commentary_form": commentary_form, "attach_form": attach_to, "can_manage": manage,
        "tables": list(queries.table_rows(ctx)), "nav_active": "insights"})


@route.page("dashboard/<gss:gss>/report/<period:period>/pdf/", name="report-pdf", methods="GET")
def report_pdf(request, gss: str, period: str):
    council = _council(request, gss, tier_one=True)
    today = clock.today()
    period = _report_period(period, today)
    return _pdf(request, council, InsightsAudit.REPORT_EXPORTED, documents.report_pdf(council, period, today=today),
                f"performance-{council.gss_code}-{period}.pdf", period=str(period))


# --- Needs assessment ------------------------------------------------------------------------


@route.page("dashboard/<gss:gss>/needs/", name="needs", methods="GET")
def needs(request, gss: str):
    council = _council(request, gss, tier_one=True)
    today = clock.today()
    unsuppressed = insights_unsuppressed(request.user, council)
    figures = queries.needs_figures(council, queries.view_for(council, unsuppressed=unsuppressed), today=today)
    if request.GET.get("format") in ("csv", "xlsx"):
        return export_tables(request, council=council, tables=queries.needs_table_rows(figures),
                             name=f"needs-{gss}{'' if unsuppressed else '-suppressed'}", action=InsightsAudit.NEEDS_EXPORTED,
                             detail={"unsuppressed": unsuppressed})
    return render(request, "insights/needs.html", {
        **figures, "unsuppressed": unsuppressed, "can_manage": can(request.user, "insights.manage", council),
        "tables": list(queries.needs_table_rows(figures)), "today": today, "nav_active": "insights"})


@route.page("dashboard/<gss:gss>/needs/pdf/", name="needs-pdf", methods="GET")
def needs_pdf(request, gss: str):
    council = _council(request, gss, tier_one=True)
    return _pdf(request, council, InsightsAudit.NEEDS_EXPORTED, documents.needs_pdf(council, today=clock.today()),
                f"needs-assessment-{gss}.pdf")


@route.page("dashboard/<gss:gss>/needs/accommodation/new/", name="unit-new", methods="GET POST")
@route.page("dashboard/<gss:gss>/needs/accommodation/<int:pk>/", name="unit-edit", methods="GET POST")
def unit_edit(request, gss: str, pk: int | None = None):
    council = _council(request, gss, "insights.manage")
    unit = get_object_or_404(AccommodationUnit, pk=pk, council=council) if pk is not None else None
    form = AccommodationUnitForm(request.POST or None, instance=unit, council=council)
    if request.method == "POST" and form.is_valid():
        saved = services.accommodation_save(acting_user=request.user, unit=form.save(commit=False), request=request)
        messages.success(request, f"{saved.name} saved.")
        return redirect(reverse("insights:needs", args=[council.gss_code]) + "#register")
    return render(request, "form_page.html", {
        "form": form, "caption": council.name, "nav_active": "insights",
        "title": f"Edit {unit.name}" if unit else "Add safe accommodation",
        "back": reverse("insights:needs", args=[council.gss_code])})


@route.page("dashboard/<gss:gss>/needs/assessment/new/", name="assessment-new", methods="GET POST")
def assessment_add(request, gss: str):
    council = _council(request, gss, "insights.manage")
    form = NeedsAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.needs_assessment_add(acting_user=request.user, council=council, assessment=form.instance,
                                      request=request)
        messages.success(request, "Needs assessment recorded.")
        return redirect("insights:needs", gss=council.gss_code)
    return render(request, "form_page.html", {
        "form": form, "caption": council.name, "title": "Record a needs assessment", "nav_active": "insights",
        "back": reverse("insights:needs", args=[council.gss_code])})


# --- The annual return to the ministry ---------------------------------------------------------


@route.page("dashboard/<gss:gss>/annual-return/", name="annual", methods="GET")
def annual(request, gss: str):
    council = _council(request, gss, "insights.annual", tier_one=True)
    form = AnnualReturnForm(request.GET if "financial_year" in request.GET else None,
                            today=clock.today())
    if form.is_bound and form.is_valid():

        year, working = form.cleaned_data["financial_year"], form.cleaned_data["copy"] == "working"
        audit_event(actor=request.user, action=InsightsAudit.ANNUAL_RETURN_EXPORTED, obj=council,
                     detail={"financial_year": year, "copy": form.cleaned_data["copy"]}, request=request)
        suffix = "working-copy" if working else "for-sending"
        return download(annual_return_xlsx(council, year, working_copy=working),
                        f"annual-return-{council.gss_code}-{year}-{suffix}.xlsx", XLSX_TYPE)
    return render(request, "insights/annual.html", {"form": form, "council": council, "nav_active": "insights"})


# --- The impact of the funding -----------------------------------------------------------------


@route.page("dashboard/<gss:gss>/impact/", name="impact", methods="GET POST")
def impact(request, gss: str):
    """Cost beside people supported and outcomes, for each service and year: the board's
    report, always after disclosure control, whoever reads it."""
    council = _council(request, gss, tier_one=True)
    today = clock.today()
    attach_to, done = on_agenda(
        request, council, "insights.manage", "The impact report is on the agenda as a paper.",
        item_title=f"Impact of the funding: {council.name}",
        paper_title=f"The impact of the domestic abuse funding, {council.name} ({today:%-d %B %Y})",
        filename=f"impact-{council.gss_code}.pdf", build=lambda: impact_report.impact_pdf(council, today=today))
    if done:
        return done
    ctx = impact_report.impact_context(council, today=today)
    if request.GET.get("format") in ("csv", "xlsx"):
        return export_tables(request, council=council, tables={"Impact": impact_report.impact_rows(ctx)},
                             name=f"impact-{council.gss_code}", action=InsightsAudit.IMPACT_EXPORTED, detail={})
    return render(request, "insights/impact.html", {**ctx, "attach_form": attach_to, "can_manage": attach_to is not None,
                                                    "nav_active": "insights"})


@route.page("dashboard/<gss:gss>/impact/pdf/", name="impact-pdf", methods="GET")
def impact_pdf(request, gss: str):
    council = _council(request, gss, tier_one=True)
    return _pdf(request, council, InsightsAudit.IMPACT_EXPORTED, impact_report.impact_pdf(council, today=clock.today()),
                f"impact-{council.gss_code}.pdf")
