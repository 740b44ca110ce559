from functools import wraps

from django import template

register = template.Library()


def _figure(show_number):
    """A filter showing a figure: no data (None) and a suppressed "[c]" as they are, a
    number by `show_number`."""
    @wraps(show_number)
    def show(value):
        if value is None:
            return "no data"
        if isinstance(value, str):
            return value
        return show_number(value)
    return show


@register.filter
@_figure
def pct(value):
    """A rate as a percentage."""
    return f"{value * 100:.0f}%"


@register.filter
@_figure
def num(value):
    """A count with thousands separated; a float (a change) with its sign and one decimal."""
    if isinstance(value, float):
        return f"{value:+.1f}"
    return f"{value:,}"


SPECIAL = {"not_known": "Not known", "out_of_area": "Out of area", "75_plus": "75 and over", "under_16": "Under 16",
           "16_17": "16 to 17", "non_binary": "Non-binary", "gay_lesbian": "Gay or lesbian"}


@register.filter
def code_label(code, names=None):
    """A code of the standard in words; a district's GSS code as its name (from `names`, GSS
    code to name, when the page holds them: no query per code)."""
    if not isinstance(code, str):
        return code
    if code in SPECIAL:
        return SPECIAL[code]
    if names and code in names:
        return names[code]
    if len(code) == 9 and code[0] in "EWSN" and code[1:].isdigit():
        from daboard.core.models import Council

        name = Council.objects.filter(gss_code=code).values_list("name", flat=True).first()
        return name or code
    if code[:2].isdigit() and "_" in code:  # age bands such as 25_34
        return code.replace("_", " to ")
    return code.replace("declined_", "").replace("_", " ").capitalize()


@register.filter
def dec(value, places=1):
    """A plain number to a fixed number of places; no data as such."""
    if value is None:
        return "no data"
    if isinstance(value, str):
        return value
    return f"{value:,.{int(places)}f}"
