from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from daboard.core.text import clean_text

from .charts import money_chart
from .queries import contract_alerts, money_view


def money_context(council, today: dt.date) -> dict:
    view = money_view(council)
    return {**view, "today": today, "alerts": contract_alerts(council, today),
            "chart": money_chart(view["rows"], title=f"Allocated and committed by financial year, {council.name}")}


def money_pdf(council, *, today: dt.date) -> bytes:
    from weasyprint import HTML

    html = render_to_string("commissioning/pdf/money.html", money_context(council, today))
    return HTML(string=clean_text(html)).write_pdf()
