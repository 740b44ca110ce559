from django import template

register = template.Library()


@register.filter
def pct(value):
    """A rate as a percentage; [c] and no data as they are."""
    if value is None:
        return "no data"
    if isinstance(value, str):
        return value
    return f"{value * 100:.0f}%"


@register.filter
def num(value):
    if value is None:
        return "no data"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:+.1f}"
    return f"{value:,}"
