"""The follow-up return, version 1: outcomes some months after support ended, as code.

An optional return of its own, under the quarterly standard's rules: the same file formats,
the same yes/no answers, the same pseudonymous case_ref (the one the quarterly return used),
the same checks and messages for every kind of cell (`v1.RULES`), and a few rules of its own
below, each with its check. One row per follow-up a provider made (or tried to make) during the quarter; the
period is the quarter the follow-up fell in. This declaration drives the template files, the
validator (`returns.validate.validate_followup`), the API schema and the docs page.

The board asked how a service's success could be measured: by following people up six
months after they were involved with it (seed 000). Nothing here asks for anything the
quarterly return does not already hold pseudonymously: no name, no contact details, no
free text.
"""

from __future__ import annotations

import polars as pl

from daboard.core.periods import Period  # noqa: F401 (the standard's quarters, as v1.Period)

from . import v1
from .base import (  # noqa: F401 (the kinds, as v1 gives them)
    CASE_REF_PATTERN,
    CODE,
    DATE,
    INTEGER,
    LIST,
    TEXT,
    YES_NO,
    YESNO,
    Column,
    Context,
    Rule,
    parsed,
    rules,
    yes_no,
)

VERSION = "1"
NAME = "follow-up"
TITLE = "Follow-up return"

COLUMNS: tuple[Column, ...] = (
    Column("case_ref", TEXT, True, "The case reference the quarterly return used for this person (letters, digits, "
           "- _ /; 1 to 64 characters); unique within the return.", pattern=CASE_REF_PATTERN,
           unique=True),
    Column("closure_date", DATE, True, "The date support ended, as the quarterly return gave it."),
    Column("follow_up_date", DATE, True, "The date of the follow-up, or of the last try to reach the person: within "
           "the period, and after the closure date."),
    Column("months_after_closure", INTEGER, True, "The follow-up point the contract sets, in months after support "
           "ended (usually 6).", minimum=1, maximum=24),
    Column("reached", YESNO, True, "Was the person reached (and did they agree to answer).", YES_NO),
    Column("safe", YESNO, False, "Does the person feel safe now. Only if reached.", YES_NO, reached_only=True),
    Column("abuse_stopped", YESNO, False, "Has the abuse stopped, as the person reports it. Only if reached.", YES_NO,
           reached_only=True),
    Column("wellbeing", INTEGER, False, "Self-rated confidence, self-esteem and wellbeing now (1 to 10), the "
           "quarterly return's scale. Only if reached.", minimum=1, maximum=10, reached_only=True),
    Column("re_referred", YESNO, True, "Has the person been referred to a domestic abuse service again since support "
           "ended (from the provider's records, whether or not the person was reached).", YES_NO),
)

BY_NAME = {c.name: c for c in COLUMNS}
REQUIRED = tuple(c.name for c in COLUMNS if c.required is True)
# Answers only a person who was reached can give.
REACHED_ONLY = tuple(c.name for c in COLUMNS if c.reached_only)
PERSONAL_DATA_COLUMNS = v1.PERSONAL_DATA_COLUMNS
DERIVED: dict = {}

# The quarterly standard's rules that apply to this return, word for word, and this
# return's own. Nothing is restated: one rule, one message.
SHARED_RULES = ("file-unreadable", "file-empty", "file-too-large", "column-missing", "column-unknown",
                "column-personal-data", "column-duplicate", "required", "case-ref-format", "case-ref-duplicate",
                "date-format", "code-unknown", "yes-no-unknown", "integer-format", "integer-range")
_CLO, _FOL = parsed("closure_date"), parsed("follow_up_date")
_REACHED = (yes_no("reached") == "yes").fill_null(False)
_DAYS = (pl.col("follow_up_date") - pl.col("closure_date")).dt.total_days()

OWN_RULES: dict[str, Rule] = rules(
    Rule("follow-up-before-closure", "error", "{column} {value} is before the closure date. A follow-up comes after "
         "support ended.", "A follow-up is before support ended",
         column="follow_up_date", check=lambda ctx: _CLO.is_not_null() & _FOL.is_not_null() & (_FOL < _CLO)),
    Rule("follow-up-after-period", "error", "{column} {value} is after the end of the period ({valid}). Send it in "
         "the return for the quarter it falls in.", "A follow-up is after the end of the period",
         column="follow_up_date", check=lambda ctx: _FOL.is_not_null() & (_FOL > ctx.period.last_day),
         valid=lambda ctx: ctx.period.last_day.isoformat()),
    Rule("follow-up-before-period", "error", "{column} {value} is before the period began ({valid}). Send it in the "
         "return for the quarter it falls in.", "A follow-up is before the period began",
         column="follow_up_date", check=lambda ctx: _FOL.is_not_null() & (_FOL < ctx.period.first_day),
         valid=lambda ctx: ctx.period.first_day.isoformat()),
    Rule("answer-when-not-reached", "error", "{column} \"{value}\" is an answer only a person who was reached can give, "
         "but reached is not yes. Leave it blank, or set reached to yes.", "An answer from a person not reached",
         cells=lambda col: col.reached_only, check=lambda col, ctx: pl.col(col.name).is_not_null() & ~_REACHED),
    Rule("warn-follow-up-early", "warning", "The follow-up is {value} days after support ended, well before the "
         "months_after_closure it is recorded for. Check the dates.", "A follow-up is earlier than its point",
         # Half the follow-up point or less: a six-month follow-up made within three months.
         column="follow_up_date", check=lambda ctx: _DAYS < pl.col("months_after_closure").cast(pl.Int32) * 15,
         value=lambda ctx: _DAYS),
)
RULES: dict[str, Rule] = {**{code: v1.RULES[code] for code in SHARED_RULES}, **OWN_RULES}

GUIDANCE = (
    "One row per follow-up made, or tried, in the quarter: the person's case_ref from the quarterly return.",
    "Pseudonymous: no name, address, postcode, date of birth, phone, email, NHS number or free text.",
    "Dates as YYYY-MM-DD or DD/MM/YYYY. Yes/no columns take yes, no or not_known (y and n also work).",
    "If the person was not reached, leave safe, abuse_stopped and wellbeing blank.",
)
