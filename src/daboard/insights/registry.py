"""The KPIs as a registry: one declaration per KPI, from which everything else is derived.

A KPI is declared once, in `KPIS` (the quarterly return's, standard v1) or `FOLLOWUP_KPIS`
(the follow-up return's), with

- its key (the standard's JSON key) and the label pages and exports show;
- its disclosure class (`kind`): a `count`; a `table` of codes (a breakdown), which may be
  `totalled` to another KPI (its cells add up to it) or counted `at_most` once per person
  under another KPI (each person counted at most once per code, a person may have several);
  a `rate` (numerator ÷ denominator); or a `mean` (a sum ÷ its count);
- the measures it is made of: each a count of rows meeting a condition, or a sum of a
  value over them (`Measure`).

Conditions and values are small declarative objects that compile both to polars
expressions (the aggregates built at import, `insights.aggregates.from_frame`) and to
Django expressions (the rebuild from the stored case rows, `from_case_rows`, and the
follow-up counts), so the two implementations are generated from one text and the tests
that hold them equal test the compilers, not two hand-written copies. From the same
declarations `insights.kpis` derives the assembly of the KPI dict, the basis of every rate
(for disclosure control), the disclosure classes (COUNT_KEYS, TOTALLED, AT_MOST, RATES,
MEANS, BREAKDOWNS) and the labels of the exports and pages.

Adding a KPI: declare it here (with its measures), rebuild the aggregates
(`daboard report rebuild-aggregates`); nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import polars as pl
from django.db.models import Case, Count, F, IntegerField, Q, Sum, When
from django.db.models.lookups import GreaterThan, LessThan

from daboard.returns.standard import v1 as std

ASSESSED = ("standard", "medium", "high")
RANK = {"standard": 1, "medium": 2, "high": 3}


# --- Conditions: compiled to polars and to Django ------------------------------------------

class Cond:
    """A condition on one row. `pl()` may be null where a value is missing: a measure treats
    null as false, as SQL's FILTER does."""

    def pl(self, period: std.Period) -> pl.Expr:
        raise NotImplementedError

    def q(self, period: std.Period) -> Q:
        raise NotImplementedError

    def __and__(self, other: Cond) -> Cond:
        return All((self, other))


@dataclass(frozen=True)
class Always(Cond):
    def pl(self, period):
        return pl.lit(True)

    def q(self, period):
        return Q()


@dataclass(frozen=True)
class All(Cond):
    parts: tuple[Cond, ...]

    def pl(self, period):
        return reduce(lambda a, b: a & b, (p.pl(period) for p in self.parts))

    def q(self, period):
        return reduce(lambda a, b: a & b, (p.q(period) for p in self.parts))


@dataclass(frozen=True)
class InPeriod(Cond):
    """A date in the period (blank: not)."""
    field: str

    def pl(self, period):
        return pl.col(self.field).is_not_null() & pl.col(self.field).is_between(period.first_day, period.last_day)

    def q(self, period):
        return Q(**{f"{self.field}__isnull": False, f"{self.field}__gte": period.first_day,
                    f"{self.field}__lte": period.last_day})


@dataclass(frozen=True)
class Is(Cond):
    """field = value; the code not_known also matches a blank optional answer."""
    field: str
    value: str

    def pl(self, period):
        match = pl.col(self.field) == self.value
        return match | pl.col(self.field).is_null() if self.value == "not_known" else match

    def q(self, period):
        match = Q(**{self.field: self.value})
        return match | Q(**{f"{self.field}__isnull": True}) if self.value == "not_known" else match


@dataclass(frozen=True)
class IsNot(Cond):
    field: str
    value: str

    def pl(self, period):
        return pl.col(self.field) != self.value

    def q(self, period):
        return ~Q(**{self.field: self.value})


@dataclass(frozen=True)
class OneOf(Cond):
    field: str
    values: tuple[str, ...]

    def pl(self, period):
        return pl.col(self.field).is_in(self.values)

    def q(self, period):
        return Q(**{f"{self.field}__in": self.values})


@dataclass(frozen=True)
class Given(Cond):
    """An optional field answered."""
    field: str

    def pl(self, period):
        return pl.col(self.field).is_not_null()

    def q(self, period):
        return Q(**{f"{self.field}__isnull": False})


@dataclass(frozen=True)
class Above(Cond):
    """field > other field (both numbers)."""
    field: str
    other: str

    def pl(self, period):
        return pl.col(self.field) > pl.col(self.other)

    def q(self, period):
        return Q(**{f"{self.field}__gt": F(self.other)})


@dataclass(frozen=True)
class RankedBelow(Cond):
    """A risk level lower than another (standard < medium < high)."""
    field: str
    other: str

    def pl(self, period):
        def rank(f):
            return pl.col(f).replace_strict(RANK, default=None, return_dtype=pl.Int8)
        return rank(self.field) < rank(self.other)

    def q(self, period):
        def rank(f):
            return Case(*(When(**{f: code}, then=n) for code, n in RANK.items()), default=None,
                        output_field=IntegerField())
        return Q(LessThan(rank(self.field), rank(self.other)))


@dataclass(frozen=True)
class Has(Cond):
    """A list column (a bit set, bit i for the i-th code) includes a code."""
    field: str
    bit: int

    def pl(self, period):
        return (pl.col(self.field).cast(pl.Int64) & (1 << self.bit)) > 0

    def q(self, period):
        return Q(GreaterThan(F(self.field).bitand(1 << self.bit), 0))


# --- Values summed -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    field: str

    def pl(self):
        return pl.col(self.field)

    def orm(self):
        return F(self.field)


@dataclass(frozen=True)
class Change:
    """exit minus intake."""
    exit: str
    intake: str

    def pl(self):
        return pl.col(self.exit).cast(pl.Int64) - pl.col(self.intake)

    def orm(self):
        return F(self.exit) - F(self.intake)


@dataclass(frozen=True)
class Measure:
    """A count of the rows meeting `where`, or (`value`) a sum over them. Measures add across
    return versions and residence codes exactly."""
    name: str
    where: Cond
    value: Field | Change | None = None

    def pl(self, period: std.Period) -> pl.Expr:
        mask = self.where.pl(period).fill_null(False)
        if self.value is None:
            out = pl.len() if isinstance(self.where, Always) else mask.sum()
        else:
            out = self.value.pl().sum() if isinstance(self.where, Always) else \
                pl.when(mask).then(self.value.pl()).otherwise(0).sum()
        return out.cast(pl.Int64).alias(self.name)

    def orm(self, period: std.Period):
        where = None if isinstance(self.where, Always) else self.where.q(period)
        if self.value is None:
            return Count("id", filter=where)
        return Sum(self.value.orm(), filter=where, output_field=IntegerField())


# --- KPI declarations ------------------------------------------------------------------------

@dataclass(frozen=True)
class Kpi:
    """One KPI: everything about it the code needs (see the module's docstring)."""
    key: str
    label: str
    kind: str  # "count", "table", "rate" or "mean"
    numerator: Measure | None = None  # count: the count; rate: the numerator; mean: the sum
    denominator: Measure | None = None  # rate: the denominator; mean: the count of values summed
    field: str = ""  # table: the column whose codes are counted
    codes: tuple[str, ...] = ()  # table: the codes (empty: open-ended, see by_residence)
    among: Cond | None = None  # table: the rows counted
    bits: bool = False  # table: the column is a list (a bit set): a row counts once per code it holds
    totalled: str | None = None  # table: its cells add up to this KPI
    at_most: str | None = None  # table: a person counts at most once per code, among this KPI's people

    def __post_init__(self):
        assert self.kind in ("count", "table", "rate", "mean"), self.kind  # noqa: S101 (a declaration error)

    def cell(self, code: str) -> str:
        """The measure name of one code of a table."""
        return f"{self.key}.{code}"

    def cell_measures(self) -> list[Measure]:
        if self.kind != "table" or not self.codes:
            return []
        return [Measure(self.cell(code), self.among & (Has(self.field, i) if self.bits else Is(self.field, code)))
                for i, code in enumerate(self.codes)]


ALL = Always()
NEW = InPeriod("referral_date")  # N: referred in the period
CLOSED = InPeriod("closure_date")
BOTH_SAFETY = CLOSED & Given("safety_intake") & Given("safety_exit")
BOTH_WELLBEING = CLOSED & Given("wellbeing_intake") & Given("wellbeing_exit")
RISK_BOTH = CLOSED & OneOf("risk_level", ASSESSED) & OneOf("risk_level_exit", ASSESSED)

cases_active = Measure("cases_active", ALL)
new_referrals = Measure("new_referrals", NEW)
referrals_accepted = Measure("referrals_accepted", NEW & Is("referral_outcome", "accepted"))
cases_closed = Measure("cases_closed", CLOSED)
safety_n = Measure("safety_n", BOTH_SAFETY)
wellbeing_n = Measure("wellbeing_n", BOTH_WELLBEING)


def _table(key, label, field, codes, among, **kw) -> Kpi:
    return Kpi(key, label, "table", field=field, codes=tuple(codes), among=among, **kw)


KPIS: tuple[Kpi, ...] = (
    Kpi("cases_active", "People supported", "count", cases_active),
    Kpi("new_referrals", "New referrals", "count", new_referrals),
    Kpi("referrals_accepted", "Referrals accepted", "count", referrals_accepted),
    _table("referrals_declined", "Why referrals were declined", "referral_outcome",
           [c for c in std.REFERRAL_OUTCOMES if c.startswith("declined_")], NEW),
    Kpi("engagement_rate", "Engagement rate", "rate", Measure("engaged_new", NEW & Is("engaged", "yes")),
        referrals_accepted),
    Kpi("cases_closed", "Cases closed", "count", cases_closed),
    _table("cases_closed_by_reason", "Why cases closed", "closure_reason", (*std.CLOSURE_REASONS, "not_known"), CLOSED,
           totalled="cases_closed"),
    Kpi("completion_rate", "Completion rate", "rate", Measure("completed", CLOSED & Is("closure_reason",
                                                                                       "support_completed")),
        cases_closed),
    Kpi("high_risk_share", "High risk", "rate", Measure("high_risk", NEW & Is("risk_level", "high")),
        Measure("risk_assessed", NEW & IsNot("risk_level", "not_assessed"))),
    Kpi("repeat_victim_share", "Repeat victims", "rate", Measure("repeat_yes", NEW & Is("repeat_victim", "yes")),
        Measure("repeat_known", NEW & IsNot("repeat_victim", "not_known"))),
    _table("by_gender", "Gender", "gender", std.GENDERS, NEW, totalled="new_referrals"),
    _table("by_age_band", "Age band", "age_band", std.AGE_BANDS, NEW, totalled="new_referrals"),
    _table("by_ethnic_group", "Ethnic group", "ethnic_group", std.ETHNIC_GROUPS, NEW, totalled="new_referrals"),
    _table("by_disability", "Disability", "disability", std.YES_NO, NEW, totalled="new_referrals"),
    _table("by_sexual_orientation", "Sexual orientation", "sexual_orientation", std.SEXUAL_ORIENTATIONS, NEW,
           totalled="new_referrals"),
    # Residence codes are open-ended (GSS codes): the aggregates are stored per residence code,
    # and this table is new_referrals of those rows, by their code (blank: not_known).
    Kpi("by_residence", "Where they live", "table", new_referrals, field="residence", among=NEW,
        totalled="new_referrals"),
    _table("needs", "Needs", "needs", std.NEEDS, NEW, bits=True, at_most="new_referrals"),
    Kpi("sessions", "Support sessions", "count", Measure("sessions", ALL, Field("sessions_in_period"))),
    Kpi("sanctuary_referrals", "Sanctuary scheme referrals", "count",
        Measure("sanctuary", ALL, Field("sanctuary_referrals_in_period"))),
    _table("onward_referrals", "Onward referrals", "onward_referrals_in_period", std.ONWARD_REFERRALS, ALL, bits=True,
           at_most="cases_active"),
    Kpi("safety_improved_rate", "Felt safer at exit", "rate",
        Measure("safety_up", BOTH_SAFETY & Above("safety_exit", "safety_intake")), safety_n),
    Kpi("safety_mean_change", "Mean change in safety", "mean",
        Measure("safety_sum", BOTH_SAFETY, Change("safety_exit", "safety_intake")), safety_n),
    Kpi("wellbeing_improved_rate", "Wellbeing improved at exit", "rate",
        Measure("wellbeing_up", BOTH_WELLBEING & Above("wellbeing_exit", "wellbeing_intake")), wellbeing_n),
    Kpi("wellbeing_mean_change", "Mean change in wellbeing", "mean",
        Measure("wellbeing_sum", BOTH_WELLBEING, Change("wellbeing_exit", "wellbeing_intake")), wellbeing_n),
    Kpi("abuse_stopped_rate", "Abuse stopped at exit", "rate",
        Measure("abuse_yes", CLOSED & Is("abuse_stopped_exit", "yes")),
        Measure("abuse_n", CLOSED & OneOf("abuse_stopped_exit", ("yes", "no")))),
    Kpi("risk_reduced_rate", "Risk reduced at exit", "rate",
        Measure("risk_down", RISK_BOTH & RankedBelow("risk_level_exit", "risk_level")), Measure("risk_n", RISK_BOTH)),
)

# The order the dashboard and the report show the breakdowns in: people first, then what
# happened to them.
SHOWN_TABLES = ("by_gender", "by_age_band", "by_ethnic_group", "by_disability", "by_sexual_orientation",
                "by_residence", "needs", "referrals_declined", "cases_closed_by_reason", "onward_referrals")


# --- Sustained outcomes: the follow-up return (standard followup_v1) ----------------------------
# F is the rows of the current version of every follow-up return in scope for the periods
# (the quarters the follow-ups were made in).

REACHED = Is("reached", "yes")
followups = Measure("followups", ALL)
reached = Measure("reached", REACHED)
wellbeing_given = Measure("wellbeing_n", REACHED & Given("wellbeing"))

FOLLOWUP_KPIS: tuple[Kpi, ...] = (
    Kpi("followups", "Follow-ups made", "count", followups),
    Kpi("followups_reached", "People reached", "count", reached),
    Kpi("followup_reached_rate", "Reached at follow-up", "rate", reached, followups),
    Kpi("sustained_safe_rate", "Safe at follow-up", "rate", Measure("safe_yes", REACHED & Is("safe", "yes")),
        Measure("safe_known", REACHED & OneOf("safe", ("yes", "no")))),
    Kpi("sustained_abuse_stopped_rate", "Abuse stopped at follow-up", "rate",
        Measure("stopped_yes", REACHED & Is("abuse_stopped", "yes")),
        Measure("stopped_known", REACHED & OneOf("abuse_stopped", ("yes", "no")))),
    Kpi("re_referral_rate", "Referred again", "rate", Measure("rereferred_yes", Is("re_referred", "yes")),
        Measure("rereferred_known", OneOf("re_referred", ("yes", "no")))),
    Kpi("followup_wellbeing_mean", "Mean wellbeing at follow-up (1 to 10)", "mean",
        Measure("wellbeing_sum", REACHED & Given("wellbeing"), Field("wellbeing")), wellbeing_given),
)


def measures_of(kpis: tuple[Kpi, ...]) -> tuple[Measure, ...]:
    """Every measure the KPIs are made of, once each, in declaration order."""
    out: dict[str, Measure] = {}
    for k in kpis:
        for m in (k.numerator, k.denominator, *k.cell_measures()):
            if m is not None and m.name not in out:
                out[m.name] = m
    return tuple(out.values())


def by_key(kpis: tuple[Kpi, ...]) -> dict[str, Kpi]:
    return {k.key: k for k in kpis}


def label(key: str) -> str:
    """The label of a KPI (either registry), or the key itself for anything else."""
    k = _LABELS.get(key)
    return k if k is not None else key


_LABELS = {k.key: k.label for k in (*KPIS, *FOLLOWUP_KPIS)}


def _check(kpis: tuple[Kpi, ...]) -> None:
    """Declarations that cannot be right fail at import, not in a figure."""
    keys = by_key(kpis)
    names: dict[str, Measure] = {}
    for k in kpis:
        if k.kind in ("count", "rate", "mean") and k.numerator is None:
            raise ValueError(f"KPI {k.key}: a {k.kind} needs a numerator")
        if k.kind in ("rate", "mean") and k.denominator is None:
            raise ValueError(f"KPI {k.key}: a {k.kind} needs a denominator")
        for ref in (k.totalled, k.at_most):
            if ref is not None and (ref not in keys or keys[ref].kind != "count"):
                raise ValueError(f"KPI {k.key}: {ref} is not a count KPI of the same registry")
        for m in (k.numerator, k.denominator, *k.cell_measures()):
            if m is not None and names.setdefault(m.name, m) != m:
                raise ValueError(f"Measure {m.name} is declared twice with different definitions")


_check(KPIS)
_check(FOLLOWUP_KPIS)
