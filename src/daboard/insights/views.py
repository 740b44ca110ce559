"""The dashboard: officers see unsuppressed figures, marked as such; board members see
figures after disclosure control."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from daboard.core.disclosure import SUPPRESSED, Policy
from daboard.core.models import Board, Council, Organisation
from daboard.core.permissions import get_object_or_404_for, insights_unsuppressed, principal
from daboard.returns.models import ReturnSubmission
from daboard.returns.queries import approval_basis, completeness
from daboard.returns.standard.v1 import Period

from .charts import trend_chart
from .kpis import Scope, compute_grouped, empty, suppress


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Quarter")

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(str(p), f"{p} ({p.label})") for p in periods]


def _recent(today, n=12) -> list[Period]:
    p, out = Period.of(today).previous(), []
    for _ in range(n):
        out.append(p)
        p = p.previous()
    return out


@login_required
def index(request):
    p = principal(request.user)
    councils = list(Council.objects.filter(pk__in=p.council_ids))
    if not councils:
        councils = [b.lead_council for b in Board.objects.filter(pk__in=p.board_ids).select_related("lead_council")]
    if not councils:
        raise Http404("No dashboard")
    return redirect("insights:dashboard", gss=councils[0].gss_code)


@login_required
def dashboard(request, gss: str):
    council = get_object_or_404_for(request.user, "insights.view", Council.objects.all(), request=request, gss_code=gss)
    today = timezone.localdate()
    periods = _recent(today)
    # Default: the latest quarter with any returns.
    latest = (ReturnSubmission.objects.filter(contract__council=council.duty_council, is_current=True)
              .order_by("-period").values_list("period", flat=True).first())
    form = PeriodForm(request.GET or None, periods=sorted(
        set(periods) | ({Period.parse(latest)} if latest else set()), key=lambda x: (x.start_year, x.quarter),
        reverse=True))
    period = Period.parse(form.cleaned_data["period"]) if form.is_bound and form.is_valid() else (
        Period.parse(latest) if latest else periods[0])
    unsuppressed = insights_unsuppressed(request.user, council)
    policy = Policy.for_council(council)
    scope = Scope(council=council.gss_code)

    def view(result):
        return result["kpis"] if unsuppressed else suppress(result, policy)

    trend_periods = [period]
    for _ in range(7):
        trend_periods.insert(0, trend_periods[0].previous())
    by_period = compute_grouped(trend_periods, scope, by="period")
    trend = [(q, view(by_period.get(str(q)) or empty())) for q in trend_periods]
    kpis = trend[-1][1]
    chart = trend_chart([str(q)[2:] for q, _ in trend],
                        {"Cases supported": [k["cases_active"] for _, k in trend],
                         "New referrals": [k["new_referrals"] for _, k in trend]},
                        title=f"Cases supported and new referrals over eight quarters, {council.name}")
    by_provider = compute_grouped([period], scope, by="provider")
    providers = [(org, view(by_provider[org.slug])) for org in Organisation.objects.filter(
        slug__in=list(by_provider)).order_by("name")]
    districts = []
    if council.is_tier_one:
        by_residence = compute_grouped([period], scope, by="residence")
        districts = [(d, view(by_residence.get(d.gss_code) or empty())) for d in council.districts.order_by("name")]
    contracts = council.duty_council.contracts.filter(returns_required=True).select_related("council", "provider")
    if not council.is_tier_one:
        contracts = contracts.none()
    status = completeness(contracts.prefetch_related("options"), [period], today)
    received = sum(1 for row in status if row.state in ("on_time", "late"))
    summary = f"{received} of {len(status)} returns received; {sum(1 for r in status if r.state == 'late')} late."
    basis = approval_basis(ReturnSubmission.objects.filter(contract__council=council.duty_council, period=str(period)))
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _export(request, council, period, kpis, providers, districts, unsuppressed, fmt)
    return render(request, "insights/dashboard.html", {
        "council": council, "period": period, "form": form, "k": kpis, "trend": trend, "chart": chart,
        "providers": providers, "districts": districts, "unsuppressed": unsuppressed, "suppressed_mark": SUPPRESSED, "basis": basis,
        "completeness": status, "completeness_summary": summary, "nav_active": "insights",
        "breakdowns": [("Gender", kpis["by_gender"]), ("Age band", kpis["by_age_band"]),
                       ("Ethnic group", kpis["by_ethnic_group"]), ("Disability", kpis["by_disability"]),
                       ("Where they live", kpis["by_residence"]), ("Needs", kpis["needs"]),
                       ("Why referrals were declined", kpis["referrals_declined"]),
                       ("Why cases closed", kpis["cases_closed_by_reason"])],
    })


def _export(request, council, period, kpis, providers, districts, unsuppressed, fmt):
    """The dashboard's tables as CSV or XLSX: the viewer's own figures (suppressed for board
    members), formula-safe, and logged."""
    from daboard.core.audit import audit_record
    from daboard.core.exports import CSV_TYPE, XLSX_TYPE, csv_bytes, download, xlsx_bytes

    kpi_rows = []
    for key, value in kpis.items():
        if isinstance(value, dict):
            kpi_rows.extend([key, code, v] for code, v in value.items())
        else:
            kpi_rows.append([key, "", value])
    header = ["kpi", "code", "value"]
    by_header = ["name", "cases_active", "new_referrals", "engagement_rate", "completion_rate"]

    def by_rows(items):
        return [[x.name, k["cases_active"], k["new_referrals"], k["engagement_rate"], k["completion_rate"]]
                for x, k in items]

    audit_record(actor=request.user, action="insights.exported", obj=council,
                 detail={"period": str(period), "format": fmt, "unsuppressed": unsuppressed}, request=request)
    name = f"dashboard-{council.gss_code}-{period}{'' if unsuppressed else '-suppressed'}"
    if fmt == "csv":
        return download(csv_bytes(header, kpi_rows), f"{name}.csv", CSV_TYPE)
    return download(xlsx_bytes({"KPIs": (header, kpi_rows), "Providers": (by_header, by_rows(providers)),
                                "Districts": (by_header, by_rows(districts))}), f"{name}.xlsx", XLSX_TYPE)
