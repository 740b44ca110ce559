"""What the wider picture adds to the dashboard and the board's performance report
(registered with daboard.insights.sections from PartnershipConfig.ready)."""

from __future__ import annotations

from daboard.insights.sections import Section

from . import queries


def _comparison(council, period, view, *, today, figures):
    if not council.is_tier_one:
        return None
    return queries.comparison(council, view)


def _targets(council, period, view, *, today, figures):
    if not council.is_tier_one:
        return None  # targets are the duty council's; a district's figures are a part of them
    rows = queries.target_rows(council, period, figures["k"])
    if not rows:
        return None
    year = queries.year_of(period)
    return {"rows": rows, "year": year, "tables": {"Targets": (
        ["kpi", "year", "target", "actual", "rag"],
        [[r["target"].kpi, year, r["target"].value, r["actual"], r["rag"] or ""] for r in rows])}}


def _datasets(council, period, view, *, today, figures):
    datasets = [queries.dataset_figures(ds, period, unsuppressed=view.unsuppressed)
                for ds in queries.datasets_for(council)]
    if not datasets:
        return None
    tables = {}
    for d in datasets:
        tables.update(d["tables"])
    return {"datasets": datasets, "tables": tables}


SECTIONS = (
    Section("comparison", "Beside England and other councils", "partnership/_comparison.html", _comparison),
    Section("targets", "Targets", "partnership/_targets.html", _targets),
    Section("partner-data", "Partners' own data", "partnership/_datasets.html", _datasets),
)
