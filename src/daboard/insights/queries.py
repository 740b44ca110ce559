"""The figures behind the dashboard, the board's performance report and the needs
assessment: built once here so that page, PDF and export can only show the same numbers.
Every count goes through the KPI engine (aggregated in the database) and, for anyone but
the council's officers, through disclosure control."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from daboard.core.disclosure import SUPPRESSED, Policy
from daboard.core.models import Council, Organisation
from daboard.core.periods import Period
from daboard.returns.models import ReturnSubmission
from daboard.returns.queries import approval_basis, completeness
from daboard.voice.queries import feedback_summary, forms_for_council

from . import release, sections
from .charts import trend_chart
from .kpis import Scope, compute_grouped, empty, flat_rows, followup_compute, suppress
from .models import AccommodationUnit
from .registry import SHOWN_TABLES, label

COE_UNITS_PER_10000 = 1  # Council of Europe: one family place per 10,000 head of population


@dataclass(frozen=True)
class View:
    """How figures are shown to one viewer: unsuppressed (officers) or after disclosure control."""
    unsuppressed: bool
    policy: Policy

    def __call__(self, result: dict) -> dict:
        return result["kpis"] if self.unsuppressed else suppress(result, self.policy)

    def count(self, n: int):
        return n if self.unsuppressed else self.policy.count(n)


def view_for(council: Council, *, unsuppressed: bool) -> View:
    return View(unsuppressed, Policy.for_council(council.duty_council))


def latest_period(council: Council) -> Period | None:
    latest = (ReturnSubmission.objects.filter(contract__council=council.duty_council, is_current=True)
              .order_by("-period").values_list("period", flat=True).first())
    return Period.parse(latest) if latest else None


def quarter_figures(council: Council, period: Period, view: View, *, today: dt.date, where: str = "dashboard") -> dict:
    """Everything the dashboard and the board report show for one council and quarter, in
    a fixed number of queries: one grouped KPI computation per dimension; then the sections
    other apps register (insights/sections.py)."""
    scope = Scope(council=council.gss_code)
    trend_periods = period.back(8)
    if view.unsuppressed:
        by_period = compute_grouped(trend_periods, scope, by="period", council=council)
        trend = [(q, view(by_period.get(str(q)) or empty())) for q in trend_periods]
        by_provider = compute_grouped([period], scope, by="provider", council=council)
        providers = [(org, view(by_provider[org.slug]))
                     for org in Organisation.objects.filter(slug__in=list(by_provider)).order_by("name")]
        districts = []
        if council.is_tier_one:
            by_residence = compute_grouped([period], scope, by="residence", council=council)
            districts = [(d, view(by_residence.get(d.gss_code) or empty())) for d in council.districts.order_by("name")]
    else:
        # One protected release per quarter (core.disclosure through insights.release): the
        # tiles, breakdowns, providers, districts and trend all read from it.
        releases = release.quarters(council, trend_periods)
        trend = [(q, releases[str(q)].for_scope(council.gss_code)) for q in trend_periods]
        rows = releases[str(period)].providers.get(council.gss_code, {})
        providers = [(org, rows[org.slug]) for org in Organisation.objects.filter(slug__in=list(rows)).order_by("name")]
        districts = []
        if council.is_tier_one:
            districts = [(d, releases[str(period)].for_scope(d.gss_code)) for d in council.districts.order_by("name")]
    places = {council.gss_code: council.name}  # residence codes in words, without a query per code
    places.update((d.gss_code, d.name) for d, _ in districts)
    kpis = trend[-1][1]
    chart = trend_chart([str(q)[2:] for q, _ in trend],
                        {"Cases supported": [k["cases_active"] for _, k in trend],
                         "New referrals": [k["new_referrals"] for _, k in trend]},
                        title=f"Cases supported and new referrals over eight quarters, {council.name}")
    contracts = council.duty_council.contracts.filter(returns_required=True).select_related("council", "provider")
    status = completeness(contracts.prefetch_related("options"), [period], today) if council.is_tier_one else []
    received = sum(1 for row in status if row.state in ("on_time", "late"))
    late = sum(1 for row in status if row.state == "late")
    waived = sum(1 for row in status if row.state == "waived")
    followup_periods = period.back(4)
    figures = {
        "k": kpis, "trend": trend, "chart": chart, "providers": providers, "districts": districts,
        # A district's protected providers table has no rates (insights.release).
        "provider_rates": all("engagement_rate" in row for _, row in providers),
        "followups": view(followup_compute(followup_periods, scope, council=council)),
        "followup_from": followup_periods[0], "place_names": places,
        "completeness": status,
        "completeness_summary": f"{received} of {len(status)} returns received; {late} late"
                                + (f"; {waived} waived." if waived else "."),
        "basis": approval_basis(ReturnSubmission.objects.filter(contract__council=council.duty_council,
                                                                period=str(period))),
        "breakdowns": [(label(key), kpis[key]) for key in SHOWN_TABLES],
    }
    figures["extra_sections"] = sections.build(council, period, view, today=today, where=where, figures=figures)
    return figures


def table_rows(figures: dict) -> dict[str, tuple[list[str], list[list]]]:
    """Every table of the figures as sheets of rows, for CSV and XLSX exports."""
    kpi_rows = flat_rows(figures["k"], labelled=True)
    by_header = ["name", "cases_active", "new_referrals", "engagement_rate", "completion_rate"]

    def by_rows(items, header=by_header):
        return [[x.name, *(v[h] for h in header[1:])] for x, v in items]

    provider_header = by_header if figures.get("provider_rates", True) else by_header[:3]

    trend = [[str(q), t["cases_active"], t["new_referrals"], t["cases_closed"], t["completion_rate"]]
             for q, t in figures["trend"]]
    returns = [[r.contract.reference, r.contract.provider.name, str(r.period), r.due.isoformat(), r.label,
                r.current.get_status_display() if r.current else ""] for r in figures["completeness"]]
    tables = {
        "KPIs": (["kpi", "code", "value", "label"], kpi_rows + flat_rows(figures["followups"], labelled=True)),
        "Trend": (["quarter", "cases_active", "new_referrals", "cases_closed", "completion_rate"], trend),
        "Providers": (provider_header, by_rows(figures["providers"], provider_header)),
        # A county's districts; a district or a unitary council has none, and no empty sheet of them.
        **({"Districts": (by_header, by_rows(figures["districts"]))} if figures["districts"] else {}),
        "Returns": (["contract", "provider", "quarter", "due", "status", "review"], returns),
    }
    for _section, data in figures.get("extra_sections", []):
        tables.update(data.get("tables", {}))
    return tables


# --- Needs assessment -------------------------------------------------------------------


def needs_figures(council: Council, view: View, *, today: dt.date, quarters: int = 8) -> dict:
    """Population, the safe-accommodation register against the Council of Europe minimum,
    unmet demand from the returns over the last quarters, and the review dates."""
    council = council.duty_council
    districts = list(council.districts.order_by("name"))
    population = council.population or sum(d.population or 0 for d in districts) or None
    units = list(AccommodationUnit.objects.filter(council=council).exclude(closed__lte=today)
                 .select_related("provider", "district").order_by("kind", "name"))
    total_units = sum(u.units for u in units)
    total_beds = sum(u.bed_spaces for u in units)

    def per_10000(n, pop):
        return None if not pop else n * 10_000 / pop

    minimum = None if not population else population * COE_UNITS_PER_10000 / 10_000
    by_district = []
    for d in districts:
        d_units = sum(u.units for u in units if u.district_id == d.pk)
        d_beds = sum(u.bed_spaces for u in units if u.district_id == d.pk)
        by_district.append({"district": d, "population": d.population, "units": d_units, "bed_spaces": d_beds,
                            "per_10000": per_10000(d_units, d.population),
                            "minimum": None if not d.population else d.population / 10_000})
    by_kind: dict[str, dict] = {}
    for u in units:
        row = by_kind.setdefault(u.kind, {"label": u.get_kind_display(), "units": 0, "bed_spaces": 0})
        row["units"] += u.units
        row["bed_spaces"] += u.bed_spaces
    latest = latest_period(council) or Period.of(today).previous()
    periods = latest.back(quarters)
    by_period = compute_grouped(periods, Scope(council=council.gss_code), by="period", council=council) if view.unsuppressed else {
        q: r.for_scope(council.gss_code) for q, r in release.quarters(council, periods).items()}
    demand = []
    for q in periods:
        k = (by_period.get(str(q)) or empty())
        k = k["kpis"] if view.unsuppressed else k
        declined = k["referrals_declined"]
        demand.append({
            "period": q,
            "new_referrals": k["new_referrals"],
            "declined_no_capacity": declined.get("declined_no_capacity", 0),
            "declined_needs_not_met": declined.get("declined_needs_not_met", 0),
            "declined_out_of_area": declined.get("declined_out_of_area", 0),
            "from_out_of_area": k["by_residence"].get("out_of_area", 0),
        })
    year = [d["declined_no_capacity"] for d in demand[-4:]]
    if all(isinstance(n, int) for n in year):
        year_no_capacity = sum(year) if view.unsuppressed else view.policy.count(sum(year))
    else:
        # A four-quarter sum beside quarters that are withheld would give them back.
        year_no_capacity = SUPPRESSED
    assessments = list(council.needs_assessments.all())
    feedback = feedback_summary(forms_for_council(council), policy=view.policy, unsuppressed=view.unsuppressed,
                                since=today - dt.timedelta(days=730))
    return {
        "survivor_feedback": feedback,
        "council": council, "population": population, "districts": by_district, "units": units,
        "total_units": total_units, "total_beds": total_beds, "per_10000": per_10000(total_units, population),
        "minimum": minimum, "shortfall": None if minimum is None else max(0.0, minimum - total_units),
        "by_kind": list(by_kind.values()), "demand": demand, "periods": periods,
        "year_no_capacity": year_no_capacity,
        "assessments": assessments, "latest_assessment": assessments[0] if assessments else None,
        "review_overdue": bool(assessments) and assessments[0].next_review_due is not None
                          and assessments[0].next_review_due < today,
        "chart": trend_chart([str(d["period"])[2:] for d in demand],
                             {"Declined: no capacity": [d["declined_no_capacity"] for d in demand],
                              "Declined: out of area": [d["declined_out_of_area"] for d in demand]},
                             title=f"Referrals declined for lack of capacity and as out of area, {council.name}"),
    }


def needs_table_rows(figures: dict) -> dict[str, tuple[list[str], list[list]]]:
    def r1(x):
        return None if x is None else round(x, 2)

    return {
        "Population": (["district", "gss_code", "population", "units", "bed_spaces", "units_per_10000",
                        "coe_minimum_units"],
                       [[d["district"].name, d["district"].gss_code, d["population"], d["units"], d["bed_spaces"],
                         r1(d["per_10000"]), r1(d["minimum"])] for d in figures["districts"]]
                       + [["Total", figures["council"].gss_code, figures["population"], figures["total_units"],
                           figures["total_beds"], r1(figures["per_10000"]), r1(figures["minimum"])]]),
        "Register": (["scheme", "type", "provider", "district", "units", "bed_spaces", "opened", "source"],
                     [[u.name, u.get_kind_display(), u.provider.name, u.district.name if u.district else "",
                       u.units, u.bed_spaces, u.opened.isoformat() if u.opened else "", u.source_note]
                      for u in figures["units"]]),
        "Survivors' feedback": (["question", "answer", "people"],
                                [[question.label, label, value] for question, cells in figures["survivor_feedback"].tables
                                 for label, value in cells]),
        "Unmet demand": (["quarter", "new_referrals", "declined_no_capacity", "declined_needs_not_met",
                          "declined_out_of_area", "new_referrals_from_out_of_area"],
                         [[str(d["period"]), d["new_referrals"], d["declined_no_capacity"], d["declined_needs_not_met"],
                           d["declined_out_of_area"], d["from_out_of_area"]] for d in figures["demand"]]),
    }
