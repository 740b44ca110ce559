"""The delivery plan's progress report per priority (like Rutland's table): one context for
page and PDF."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from daboard.core.pdf import html_to_pdf

from .models import Strategy


def plan_by_priority(strategy: Strategy) -> list[dict]:
    """Each priority with its activities and its actions; then the actions serving the plan
    as a whole."""
    actions = list(strategy.actions.select_related("owner_person", "owner_organisation").prefetch_related("updates"))
    rows = []
    for priority in strategy.priorities.prefetch_related("activities"):
        rows.append({"priority": priority, "activities": list(priority.activities.all()),
                     "actions": [a for a in actions if a.priority_id == priority.pk]})
    general = [a for a in actions if a.priority_id is None]
    if general:
        rows.append({"priority": None, "activities": [], "actions": general})
    return rows


def progress_context(strategy: Strategy, *, today: dt.date) -> dict:
    plan = plan_by_priority(strategy)
    actions = [a for row in plan for a in row["actions"]]
    counts = {rag: sum(1 for a in actions if a.rag == rag) for rag in ("red", "amber", "green", "done")}
    overdue = [a for a in actions if a.due and a.due < today and a.rag != "done"]
    return {"strategy": strategy, "council": strategy.council, "plan": plan, "counts": counts, "overdue": overdue,
            "today": today}


def progress_pdf(strategy: Strategy, *, today: dt.date) -> bytes:
    return html_to_pdf(render_to_string("strategy/pdf/progress.html", progress_context(strategy, today=today)))
