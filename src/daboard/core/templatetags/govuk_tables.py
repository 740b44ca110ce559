"""The GOV.UK table's head, written once: {% govuk_table_head "Contract" "Quarter" "Versions" numeric="Versions" %}
renders the <thead> with a column header for each heading, in order; the headings named in
`numeric` (comma-separated) are right-aligned, as GOV.UK sets numbers."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def govuk_table_head(*headings: str, numeric: str = ""):
    numbers = {name.strip() for name in numeric.split(",") if name.strip()}
    cells = format_html_join("", '<th scope="col" class="govuk-table__header{}">{}</th>', (
        (" govuk-table__header--numeric" if heading in numbers else "", heading) for heading in headings))
    return format_html('<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>', cells)
