"""The money view and the vacancy report as documents: one context for the page and the PDF."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from daboard.core.pdf import html_to_pdf

from .charts import money_chart
from .models import PostStatus
from .queries import contract_alerts, district_plans, money_view, posts_for


def money_context(council, today: dt.date) -> dict:
    view = money_view(council)
    return {**view, "today": today, "alerts": contract_alerts(council, today),
            "district_plans": district_plans(council),
            "chart": money_chart(view["rows"], title=f"Allocated and committed by financial year, {council.name}")}


def money_pdf(council, *, today: dt.date) -> bytes:
    html = render_to_string("commissioning/pdf/money.html", money_context(council, today))
    return html_to_pdf(html)


def vacancies_context(council, *, today: dt.date) -> dict:
    """Every funded post: open ones first (vacant, recruiting, interviews, offered), then
    planned, in post and ended; each with its history. No post holder is named."""
    posts = list(posts_for(council))
    groups = [(label, [p for p in posts if p.status in statuses]) for label, statuses in (
        ("Vacant or being filled", ("vacant", "recruiting", "interview", "offered")),
        ("Planned, not yet advertised", ("planned",)), ("In post", ("in_post",)), ("Ended", ("ended",)))]
    counts = {s.label: sum(1 for p in posts if p.status == s.value) for s in PostStatus}
    return {"council": council, "today": today, "groups": [(label, ps) for label, ps in groups if ps],
            "posts": posts, "counts": counts, "open": groups[0][1]}


def vacancies_pdf(council, *, today: dt.date) -> bytes:
    html = render_to_string("commissioning/pdf/vacancies.html", vacancies_context(council, today=today))
    return html_to_pdf(html)
