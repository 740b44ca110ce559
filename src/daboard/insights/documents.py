"""The board's quarterly performance report and the needs assessment as documents: one
context for the page and the PDF, always after disclosure control (a paper leaves the
commissioner)."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from daboard.core.models import Council
from daboard.core.pdf import html_to_pdf
from daboard.core.periods import Period

from . import queries
from .forms import REPORT_SECTIONS
from .models import BoardReport


def report_context(council: Council, period: Period, *, today: dt.date) -> dict:
    figures = queries.quarter_figures(council, period, queries.view_for(council, unsuppressed=False), today=today,
                                      where="report")
    saved = BoardReport.objects.filter(council=council, period=str(period)).first()
    commentary = saved.commentary if saved else {}
    return {**figures, "council": council, "period": period, "today": today, "unsuppressed": False,
            "sections": [(key, title, commentary.get(key, "")) for key, title in REPORT_SECTIONS],
            "commentary": commentary, "saved": saved}


def report_pdf(council: Council, period: Period, *, today: dt.date) -> bytes:
    return html_to_pdf(render_to_string("insights/pdf/report.html", report_context(council, period, today=today)))


def needs_context(council: Council, *, today: dt.date) -> dict:
    return {**queries.needs_figures(council, queries.view_for(council, unsuppressed=False), today=today),
            "today": today, "unsuppressed": False}


def needs_pdf(council: Council, *, today: dt.date) -> bytes:

    return html_to_pdf(render_to_string("insights/pdf/needs.html", needs_context(council, today=today)))
