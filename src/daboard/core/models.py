"""Councils, organisations, people, boards, users and what each user may do.

Roles and their scope live in RoleAssignment; every decision about what a user may see
is taken by daboard.core.permissions, never here.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify

from daboard.core import clock
from daboard.core.identifiers import gss_code_validator
from daboard.core.periods import FINANCIAL_YEAR_PATTERN, financial_year_well_formed

from .choices import (  # noqa: F401 (kept importable from models, where the rest of daboard reads them)
    BoardPosition,
    CouncilKind,
    DisclosureMethod,
    MembershipKind,
    OrganisationKind,
    Role,
)

GSS_CODE = gss_code_validator  # the same pattern the URLs accept

# The years a record of the partnership's money, posts and registers can be about. A date
# or financial year outside them is a typing slip (9999 for 2029) or an attack: the reads
# that spread money over years, draw charts and build calendars are only sound inside them.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


def natural_key(*ordering: str, name: str, message: str | None = None, **options) -> type:
    """The Meta of a record known by a key within its parent: version 3 of a board's terms
    of reference, lot 2 of an exercise, minute 4 of a meeting. The key is declared once and
    gives both the default order and the unique constraint, so the two cannot drift apart
    (a field written "-version" lists newest first and is unique as "version"). Other Meta
    options (indexes, verbose_name_plural) are passed as keywords; `message` is what a form says
    when the key is taken, instead of Django's "… with this … already exists"."""
    fields = [field.removeprefix("-") for field in ordering]
    return type("Meta", (), {
        "ordering": list(ordering),
        "constraints": [models.UniqueConstraint(fields=fields, name=name, violation_error_message=message)],
        **options,
    })


class Named(models.Model):
    """A record known by its name and listed by it: a council, an organisation, a board."""

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Titled(models.Model):
    """A record known by its title: a paper, a plan, a procurement exercise, a form."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


def plausible_date(value) -> None:
    """A date between 1 January 2000 and 31 December 2099."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(f"Enter a date between {EARLIEST_YEAR} and {LATEST_YEAR}.", code="date_range")


def plausible_financial_year(value: str) -> None:
    """A financial year starting between 2000 and 2098 (its end still in the century). A year
    not written like 2024-25 is the other validators' to refuse: one message for one mistake."""
    if value and financial_year_well_formed(value) and not EARLIEST_YEAR <= int(value[:4]) < LATEST_YEAR:
        raise ValidationError(f"Enter a financial year between {EARLIEST_YEAR} and {LATEST_YEAR}, like 2024-25.",
                              code="year_range")


# The pattern core.periods reads years with: ASCII digits only, nothing after.
FINANCIAL_YEAR_WRITTEN = RegexValidator(FINANCIAL_YEAR_PATTERN, "Write the financial year like 2024-25.")


def consecutive_financial_years(value: str) -> None:
    """2024-25, not 2024-26 (a value not written like that is the pattern's to refuse)."""
    if value and FINANCIAL_YEAR_PATTERN.match(value) and not financial_year_well_formed(value):
        raise ValidationError("The two years must follow each other, like 2024-25.", code="not_consecutive")


# Every financial-year field's checks, in order; each refuses only what the ones before let through.
FINANCIAL_YEAR_VALIDATORS = [FINANCIAL_YEAR_WRITTEN, consecutive_financial_years, plausible_financial_year]


class FinancialYearField(models.CharField):
    """A financial year written like 2024-25: its size, its checks and their messages in one
    place. "2024-2025" is told how to write the year, not that it has 9 characters."""

    default_validators = FINANCIAL_YEAR_VALIDATORS
    description = "A financial year, like 2024-25"

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 7
        super().__init__(*args, **kwargs)
        self.validators[:] = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"max_length": None, **kwargs})


def check_financial_year(year: str) -> None:
    """All of a financial year's checks, for a year that comes from an address, not a field."""
    for validator in FINANCIAL_YEAR_VALIDATORS:
        validator(year)


TIER_ONE_KINDS = {CouncilKind.COUNTY, CouncilKind.UNITARY, CouncilKind.METROPOLITAN, CouncilKind.LONDON_BOROUGH}


# The bounds of each council setting, checked by the model (validators and database
# constraints), so no form, command or API can set an absurd value: a retention of 0 years
# would mark every case row for deletion, 30000 would crash the retention job; a disclosure
# threshold below the standard's 5 would publish counts of 1 to 4.
SETTING_BOUNDS: dict[str, tuple[int, int]] = {
    "return_due_days": (1, 90),
    "disclosure_threshold": (5, 20),
    "retention_years": (2, 30),
    "contract_alert_days": (1, 730),
}


def _bounded(name: str) -> list:
    low, high = SETTING_BOUNDS[name]
    return [MinValueValidator(low), MaxValueValidator(high)]


class Council(Named):
    """A local authority: a tier-1 council with the Part 4 duty, or one of its districts."""

    gss_code = models.CharField("ONS GSS code", max_length=9, unique=True, validators=[GSS_CODE],
                                error_messages={"unique": "A council with this GSS code is already in daboard."})
    name = models.CharField(max_length=120)
    council_name = models.CharField("name of the council", max_length=160)
    kind = models.CharField(max_length=20, choices=CouncilKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="districts",
        help_text="For a district: the county council that holds the Part 4 duty.",
    )
    population = models.PositiveIntegerField("usual-resident population (Census 2021)", null=True, blank=True)
    # Per-council settings of the monitoring standard, each within SETTING_BOUNDS.
    return_due_days = models.PositiveSmallIntegerField(
        "days after quarter end a return is due", default=20, validators=_bounded("return_due_days"))
    disclosure_threshold = models.PositiveSmallIntegerField(
        "smallest count shown unsuppressed", default=5, validators=_bounded("disclosure_threshold"))
    disclosure_method = models.CharField(max_length=10, choices=DisclosureMethod.choices,
                                         default=DisclosureMethod.STANDARD)
    retention_years = models.PositiveSmallIntegerField("years case-level returns are kept", default=7,
                                                       validators=_bounded("retention_years"))
    contract_alert_days = models.PositiveSmallIntegerField(
        "days ahead to warn of contract end and extension decisions", default=90,
        validators=_bounded("contract_alert_days"))
    # The statutory calendar.
    annual_return_due_month = models.PositiveSmallIntegerField(
        "month the annual return to the ministry is due", default=6, validators=[MinValueValidator(1), MaxValueValidator(12)])
    annual_return_due_day = models.PositiveSmallIntegerField(
        "day of the month it is due", default=30, validators=[MinValueValidator(1), MaxValueValidator(31)])
    smt_reports_per_year = models.PositiveSmallIntegerField(
        "reports to the senior management team each year", default=0, validators=[MaxValueValidator(4)])
    scrutiny_reports_per_year = models.PositiveSmallIntegerField(
        "reports to scrutiny each year", default=0, validators=[MaxValueValidator(4)])

    class Meta(Named.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(**{f"{name}__gte": low, f"{name}__lte": high}),
                                   name=f"council_{name}_in_bounds")
            for name, (low, high) in SETTING_BOUNDS.items()
        ]

    @property
    def is_tier_one(self) -> bool:
        return self.kind in TIER_ONE_KINDS

    @property
    def duty_council(self) -> Council:
        """The tier-1 council that holds the duty for this area."""
        return self if self.is_tier_one else (self.parent or self)

    def clean(self) -> None:
        if self.kind == CouncilKind.DISTRICT and not self.parent_id:
            raise ValidationError({"parent": "A district council must name its county council."})
        if self.kind != CouncilKind.DISTRICT and self.parent_id:
            raise ValidationError({"parent": "Only a district council has a parent council."})


class Organisation(Named):
    """A council, partner agency, commissioned provider or other body."""

    name = models.CharField(max_length=160, unique=True,
                            error_messages={"unique": "An organisation of this name is already in daboard."})
    short_name = models.CharField(max_length=60, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    council = models.OneToOneField(
        Council, null=True, blank=True, on_delete=models.PROTECT, related_name="organisation",
        help_text="For a council: the local authority it is.",
    )
    also_known_as = models.CharField(
        max_length=300, blank=True, help_text="Other names the papers use, separated by semicolons.")
    website = models.URLField(blank=True)

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.short_name or self.name)[:80]
        super().save(*args, **kwargs)

    @property
    def is_provider(self) -> bool:
        return self.kind == OrganisationKind.PROVIDER

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Person(Named):
    """A named person as the papers name them (e.g. "Mrs D. Taylor CC")."""

    name = models.CharField(max_length=120, help_text="As the minutes write it.")
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="people")
    team = models.CharField(max_length=120, blank=True, help_text="e.g. Public Health")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta(Named.Meta):
        constraints = [
            models.UniqueConstraint(fields=["name", "organisation"], name="person_unique_name_in_organisation"),
        ]


class Board(Named):
    """A Domestic Abuse Local Partnership Board, covering one or more tier-1 councils."""

    name = models.CharField(max_length=200, unique=True,
                            error_messages={"unique": "A board of this name is already in daboard."})
    slug = models.SlugField(max_length=80, unique=True)
    short_name = models.CharField(max_length=80, blank=True)
    former_names = models.CharField(max_length=400, blank=True,
                                    help_text="Earlier names, separated by semicolons.")
    lead_council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="led_boards")
    councils = models.ManyToManyField(Council, related_name="boards")
    secretariat = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="boards_served",
                                    help_text="Who clerks the board (democratic services).")


class BoardMembership(models.Model):
    """A seat on a board: the agency and role, and who fills it (which may be unknown)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="board_seats")
    role = models.CharField("service or role", max_length=200)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="board_seats",
                               help_text="Blank where the published terms of reference withhold the name.")
    substitute = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="substitute_for")
    kind = models.CharField(max_length=20, choices=MembershipKind.choices, default=MembershipKind.MEMBER)
    position = models.CharField(max_length=20, choices=BoardPosition.choices, default=BoardPosition.MEMBER)
    voting = models.BooleanField(default=True, help_text="Voting member, or advisory only.")
    # The seat's term: the member is expected at the board's meetings from start_date to
    # end_date (either may be empty where it is not known).
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["board", "kind", "order", "id"]

    def __str__(self) -> str:
        who = self.person.name if self.person else "name withheld"
        return f"{self.organisation} — {self.role} ({who})"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    def covers(self, day) -> bool:
        """Whether the seat's term includes that day (an unknown start or end is open)."""
        return not ((self.start_date and day < self.start_date) or (self.end_date and day > self.end_date))


class User(AbstractUser):
    """A person who signs in. Their roles are RoleAssignments; `person` links to the papers."""

    person = models.OneToOneField(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="user")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="users")
    reminders_enabled = models.BooleanField(default=True)
    # Calendar feed links (calendar programs cannot sign in) carry this key, signed: a new key
    # kills every old link; FEEDS_OFF means the user has switched their links off.
    feed_key = models.CharField(max_length=40, blank=True, editable=False)

    FEEDS_OFF = "off"

    class Meta:
        ordering = ["username"]
        # One account a name, however it is capitalised: "CLERK" beside "clerk" is one person
        # signing in two ways, or two people one typing slip apart.
        constraints = [models.UniqueConstraint(Lower("username"), name="user_username_once_whatever_its_case",
                                               violation_error_message="Someone already signs in with that username.")]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


# Roles that reach case-level data: granting one needs a second administrator (four eyes).
APPROVAL_ROLES = frozenset({Role.COMMISSIONER, Role.ANALYST, Role.PROVIDER, Role.ADMIN})

# What each role is scoped to; RoleAssignment.clean() enforces it.
ROLE_SCOPE = {
    Role.SECRETARIAT: "board",
    Role.COMMISSIONER: "council",
    Role.PROVIDER: "organisation",
    Role.BOARD_MEMBER: "board",
    Role.ANALYST: "council",
    Role.ADMIN: None,
}


class RoleAssignment(models.Model):
    """One role of one user, scoped to a board, a council or an organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    board = models.ForeignKey(Board, null=True, blank=True, on_delete=models.CASCADE)
    council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE)
    # Four eyes: a role that reaches case-level data waits for a second administrator.
    pending = models.BooleanField(default=False, help_text="Waiting for a second administrator's approval.")
    requested_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ends_on = models.DateField("last day", null=True, blank=True,
                               help_text="The role gives no access after this day (blank: until removed).")

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "board", "council", "organisation"],
                                    name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.scope_label}"

    @property
    def scope_label(self) -> str:
        scope = self.board or self.council or self.organisation
        return str(scope) if scope else "whole system"

    def clean(self) -> None:
        if self.role not in Role.values:
            return  # the field's own check names the mistake
        wanted = ROLE_SCOPE[Role(self.role)]
        given = {"board": self.board_id, "council": self.council_id, "organisation": self.organisation_id}
        for field, value in given.items():
            a_field = f"{'an' if field[0] in 'aeiou' else 'a'} {field}"  # "an organisation"
            if field == wanted and not value:
                raise ValidationError({field: f"A {self.get_role_display().lower()} role needs {a_field}."})
            if field != wanted and value:
                raise ValidationError({field: f"A {self.get_role_display().lower()} role is not scoped to {a_field}."})
        if self.council_id and self.council and not self.council.is_tier_one:
            raise ValidationError({"council": "Council roles are for tier-1 councils, which hold the duty."})
        if self.role == Role.PROVIDER and self.organisation and not self.organisation.is_provider:
            raise ValidationError({"organisation": "A provider role must be scoped to a provider organisation."})


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Append-only record of sign-ins, case-level access, exports, refusals and changes.

    The application never updates or deletes a row; on PostgreSQL a trigger refuses it too
    (migration 0002). Times are UTC. No special-category values are ever written here:
    `detail` names what was touched, not what it contains.
    """

    at = models.DateTimeField(default=clock.now, editable=False, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.DO_NOTHING,
                              db_constraint=False, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True, help_text="Username at the time.")
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name or '-'} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")

    @property
    def detail_pairs(self) -> list[tuple[str, object]]:
        """The detail as (key, value) pairs: a template cannot say `detail.items` safely,
        because a detail with a key called "items" would shadow the method."""
        return list(self.detail.items()) if isinstance(self.detail, dict) else []


class ApiToken(models.Model):
    """A secret for one organisation's systems to call the API. Only a hash is stored; the
    token is shown once, when made. Revoked tokens stay listed, unusable."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name} ({self.prefix}…)"
