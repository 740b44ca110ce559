"""The identifiers that go into URLs, declared once: each is a pattern, the model validator
that holds every stored value to it, and the URL converter that accepts exactly what the
validator allows. A value the validator refuses can never be saved, so every saved object
has a URL; a path the converter refuses is "Page not found", never a server error."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import register_converter

# A contract reference: letters, digits, - _ and . (no "/", which would split the URL).
CONTRACT_REFERENCE = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}"
GSS_CODE = r"[EWSN][0-9]{8}"
PERIOD = r"[0-9]{4}-[0-9]{2}-Q[1-4]"
REPORT_TOKEN = r"[A-Za-z0-9_-]{1,64}"  # noqa: S105 (a pattern, not a secret)

contract_reference_validator = RegexValidator(
    rf"^{CONTRACT_REFERENCE}\Z", "Use 1 to 40 letters, digits, -, _ and . only, starting with a letter or digit.")
gss_code_validator = RegexValidator(rf"^{GSS_CODE}\Z", "Enter an ONS GSS code such as E07000129.")


class _Pattern:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class ContractReferenceConverter(_Pattern):
    regex = CONTRACT_REFERENCE


class GssCodeConverter(_Pattern):
    regex = GSS_CODE


class ReportTokenConverter(_Pattern):
    regex = REPORT_TOKEN


class PeriodConverter(_Pattern):
    """A quarter the period parser accepts (2024-25-Q1, within the years daboard serves);
    the view receives it as text, as written."""

    regex = PERIOD

    def to_python(self, value: str) -> str:
        from daboard.core.periods import Period

        Period.parse(value)  # ValueError: no match, so "Page not found"
        return value


register_converter(ContractReferenceConverter, "ref")
register_converter(GssCodeConverter, "gss")
register_converter(PeriodConverter, "period")
register_converter(ReportTokenConverter, "token")


# --- Dates --------------------------------------------------------------------------------

# Every date a person types into any form lies in these years: far enough back for a refuge
# opened decades ago, far enough ahead for any plan, and never so far that adding a day, a
# term or a quarter leaves the calendar Python (and the iCalendar, PDF and Word files) can
# hold. Applied to every form's date field at start-up (CoreConfig.ready).
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2099, 12, 31)


def bounded_date(value) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(day, dt.date) and not FIRST_DATE <= day <= LAST_DATE:
        raise ValidationError(f"Enter a date from {FIRST_DATE:%-d %B %Y} to {LAST_DATE:%-d %B %Y}",
                              code="date_out_of_range")


# Every whole number a form takes fits in 64 bits: the database's (PostgreSQL's narrower
# columns add their own limits), and SQLite's driver fails on anything larger.
LARGEST_INTEGER = 2**63 - 1


def bounded_integer(value) -> None:
    if isinstance(value, int) and not -LARGEST_INTEGER <= value <= LARGEST_INTEGER:
        raise ValidationError("Enter a smaller number", code="number_out_of_range")


def bound_form_dates() -> None:
    """Every form's date fields (and, while here, whole-number fields) bounded, once."""
    from django import forms

    for field, check in ((forms.DateField, bounded_date), (forms.DateTimeField, bounded_date),
                         (forms.IntegerField, bounded_integer)):
        if check not in field.default_validators:
            field.default_validators = [*field.default_validators, check]


# --- Whole numbers ------------------------------------------------------------------------


def _integer_in_lookup():
    from django.db.models.lookups import In

    class IntegerInWithinRange(In):
        """`pk__in=[...]` (a multiple choice field, for one) with a number the database's
        column cannot hold: that number matches nothing, as Django already does for `pk=`,
        instead of the database driver failing (SQLite: "Python int too large")."""

        def process_rhs(self, compiler, connection):
            if self.rhs_is_direct_value():
                low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
                self.rhs = [v for v in self.rhs if not isinstance(v, int)
                            or ((low is None or v >= low) and (high is None or v <= high))]
            return super().process_rhs(compiler, connection)

    return IntegerInWithinRange


def bound_integer_lookups() -> None:
    from django.db import models

    models.IntegerField.register_lookup(_integer_in_lookup())
