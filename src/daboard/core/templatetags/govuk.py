"""GOV.UK Frontend form components for Django forms: one integration, used everywhere.

{% govuk_error_summary form %} and {% govuk_field form.field %} render the GOV.UK
error summary and the field with its label, hint and error message.
"""

from __future__ import annotations

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def govuk_error_summary(*forms_):
    items = []
    for form in forms_:
        if form is None or not form.errors:
            continue
        for name, errors in form.errors.items():
            if name == "__all__":
                for e in errors:
                    items.append(("#main-content", e))
                continue
            field = form[name]
            target = f"#{field.id_for_label or field.auto_id}"
            if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                target = f"#{field.auto_id}_0" if field.field.choices else target
            for e in errors:
                items.append((target, e))
    if not items:
        return ""
    links = format_html_join("", '<li><a href="{}">{}</a></li>', items)
    return format_html(
        '<div class="govuk-error-summary" data-module="govuk-error-summary">'
        '<div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>'
        '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">{}</ul>'
        "</div></div></div>",
        links,
    )


def _error_message(field):
    if not field.errors:
        return ""
    return format_html_join(
        "", '<p id="{}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</p>',
        ((field.auto_id, e) for e in field.errors),
    )


def _describedby(field, hint: bool) -> str:
    ids = []
    if hint:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def govuk_field(field, label_size: str = "", classes: str = "", autocomplete: str = "", heading: bool = False):
    """Render one bound field the GOV.UK way."""
    widget = field.field.widget
    hint = field.help_text
    err_cls = " govuk-form-group--error" if field.errors else ""
    describedby = _describedby(field, bool(hint))
    hint_html = format_html('<div id="{}-hint" class="govuk-hint">{}</div>', field.auto_id, hint) if hint else ""
    label_cls = f"govuk-label govuk-label--{label_size}" if label_size else "govuk-label"
    attrs = {}
    if describedby:
        attrs["aria-describedby"] = describedby
    if autocomplete:
        attrs["autocomplete"] = autocomplete

    if isinstance(widget, forms.CheckboxInput):
        attrs["class"] = "govuk-checkboxes__input"
        inner = format_html(
            '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
            '<div class="govuk-checkboxes__item">{}<label class="govuk-label govuk-checkboxes__label" for="{}">{}</label>'
            "</div></div>",
            field.as_widget(attrs=attrs), field.id_for_label, field.label,
        )
        return format_html('<div class="govuk-form-group{}">{}{}{}</div>', err_cls, hint_html, _error_message(field), inner)

    if getattr(widget, "govuk_date", False):
        return _date_input(field, label_size, hint_html, describedby, err_cls)

    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        multiple = isinstance(widget, forms.CheckboxSelectMultiple)
        kind = "checkboxes" if multiple else "radios"
        items = []
        for i, option in enumerate(field):
            opt_id = f"{field.auto_id}_{i}"
            checked = " checked" if option.data.get("selected") else ""
            items.append(format_html(
                '<div class="govuk-{k}__item"><input class="govuk-{k}__input" id="{}" name="{}" type="{}" value="{}"{}>'
                '<label class="govuk-label govuk-{k}__label" for="{}">{}</label></div>',
                opt_id, field.html_name, "checkbox" if multiple else "radio", option.data["value"],
                mark_safe(checked), opt_id, option.choice_label, k=kind,  # noqa: S308 (constant)
            ))
        legend_cls = f"govuk-fieldset__legend govuk-fieldset__legend--{label_size}" if label_size else "govuk-fieldset__legend"
        db = format_html(' aria-describedby="{}"', describedby) if describedby else ""
        return format_html(
            '<div class="govuk-form-group{}"><fieldset class="govuk-fieldset"{}>'
            '<legend class="{}">{}</legend>{}{}<div class="govuk-{}" data-module="govuk-{}">{}</div></fieldset></div>',
            err_cls, db, legend_cls, field.label, hint_html, _error_message(field), kind, kind, mark_safe("".join(items)),  # noqa: S308
        )

    if isinstance(widget, forms.Select):
        attrs["class"] = ("govuk-select " + classes).strip() + (" govuk-select--error" if field.errors else "")
    elif isinstance(widget, forms.Textarea):
        attrs["class"] = "govuk-textarea" + (" govuk-textarea--error" if field.errors else "")
    elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        attrs["class"] = "govuk-file-upload" + (" govuk-file-upload--error" if field.errors else "")
    else:
        attrs["class"] = ("govuk-input " + classes).strip() + (" govuk-input--error" if field.errors else "")
        if isinstance(widget, forms.PasswordInput):
            attrs["spellcheck"] = "false"
    label = format_html('<label class="{}" for="{}">{}</label>', label_cls, field.id_for_label, field.label)
    if heading:
        label = format_html('<h1 class="govuk-label-wrapper">{}</h1>', label)
    return format_html('<div class="govuk-form-group{}">{}{}{}{}</div>', err_cls, label, hint_html,
                       _error_message(field), field.as_widget(attrs=attrs))


def _date_input(field, label_size, hint_html, describedby, err_cls):
    """GOV.UK date input: a fieldset with Day, Month and Year boxes; the error summary
    links to the first (its id is the field's id_for_label)."""
    values = field.value()
    if not isinstance(values, list | tuple):
        values = field.field.widget.decompress(values)
    boxes = []
    for i, (label, width) in enumerate((("Day", 2), ("Month", 2), ("Year", 4))):
        value = values[i] if i < len(values) and values[i] is not None else ""
        error = " govuk-input--error" if field.errors else ""
        boxes.append(format_html(
            '<div class="govuk-date-input__item"><div class="govuk-form-group">'
            '<label class="govuk-label govuk-date-input__label" for="{}_{}">{}</label>'
            '<input class="govuk-input govuk-date-input__input govuk-input--width-{}{}" id="{}_{}" name="{}_{}" '
            'type="text" inputmode="numeric" value="{}"></div></div>',
            field.auto_id, i, label, width, error, field.auto_id, i, field.html_name, i, value))
    legend_cls = f"govuk-fieldset__legend govuk-fieldset__legend--{label_size}" if label_size else "govuk-fieldset__legend"
    db = format_html(' aria-describedby="{}"', describedby) if describedby else ""
    return format_html(
        '<div class="govuk-form-group{}"><fieldset class="govuk-fieldset" role="group"{}>'
        '<legend class="{}">{}</legend>{}{}<div class="govuk-date-input" id="{}">{}</div></fieldset></div>',
        err_cls, db, legend_cls, field.label, hint_html, _error_message(field), field.auto_id,
        mark_safe("".join(boxes)))  # noqa: S308 (each box escaped above)


@register.filter
def pounds(value):
    """£1,127,205 (no pence when whole)."""
    if value is None or value == "":
        return ""
    from decimal import Decimal

    v = Decimal(value)
    sign = "−" if v < 0 else ""
    v = abs(v)
    if v == v.to_integral_value():
        return f"{sign}£{v:,.0f}"
    return f"{sign}£{v:,.2f}"
