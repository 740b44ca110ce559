"""Quarterly monitoring return, version 1 (shared/spec/monitoring-return-v1.md), as code.

This one declaration drives the CSV and XLSX templates, the validator, the API schema and
the docs page. Nothing else in daboard lists the columns or the codes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from daboard.core.periods import Period  # noqa: F401 (the standard's quarters: std.Period, for callers outside daboard)

from .base import (  # noqa: F401 (the kinds and building blocks, read through the standard)
    CASE_REF_PATTERN,
    CODE,
    DATE,
    FILE_LEVEL_RULES,
    INTEGER,
    LIST,
    RESIDENCE,
    TEXT,
    YES_NO,
    YES_NO_ALIASES,
    YESNO,
    Column,
    Context,
    Rule,
    codes_of,
    first_bad_item,
    ints,
    list_pattern,
    parsed,
    present,
    required_hint,
    residence_allowed,
    rules,
    worded_rules,
    yes_no,
)

VERSION = "1"
NAME = "monitoring"
TITLE = "Quarterly monitoring return"
GUIDANCE = (
    "One row per case (a person supported) open at any time during the quarter, as it stood on the quarter's last day.",
    "Pseudonymous: no name, address, postcode, date of birth, phone, email, NHS number or free text.",
    "Dates as YYYY-MM-DD or DD/MM/YYYY. Yes/no columns take yes, no or not_known (y and n also work).",
    "List columns take codes separated by ; and may be empty. Codes are on the 'codes' sheet.",
)

REFERRAL_SOURCES = ("self", "family_friend", "police", "marac", "idva", "children_social_care", "adult_social_care",
                    "health", "mental_health", "housing", "education", "probation", "other_da_service", "helpline",
                    "other", "not_known")
REFERRAL_OUTCOMES = ("accepted", "declined_no_capacity", "declined_needs_not_met", "declined_out_of_area",
                     "declined_other", "client_declined")
AGE_BANDS = ("under_16", "16_17", "18_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", "not_known")
GENDERS = ("female", "male", "non_binary", "other", "not_known")
SEXUAL_ORIENTATIONS = ("heterosexual", "gay_lesbian", "bisexual", "other", "not_known")
ETHNICITY_GROUPS = {
    "white_british": "white", "white_irish": "white", "white_gypsy_irish_traveller": "white", "white_roma": "white",
    "white_other": "white", "mixed_white_black_caribbean": "mixed", "mixed_white_black_african": "mixed",
    "mixed_white_asian": "mixed", "mixed_other": "mixed", "asian_indian": "asian", "asian_pakistani": "asian",
    "asian_bangladeshi": "asian", "asian_chinese": "asian", "asian_other": "asian", "black_african": "black",
    "black_caribbean": "black", "black_other": "black", "other_arab": "other", "other_any": "other",
    "not_known": "not_known",
}
ETHNIC_GROUPS = ("white", "mixed", "asian", "black", "other", "not_known")
RISK_LEVELS = ("standard", "medium", "high", "not_assessed")
RISK_ORDER = {"standard": 1, "medium": 2, "high": 3}
VULNERABILITIES = ("mental_health", "substance_misuse", "learning_disability", "physical_disability",
                   "no_recourse_public_funds", "pregnancy", "care_leaver", "homelessness", "language_barrier",
                   "armed_forces")
NEEDS = ("safety", "housing", "finance", "mental_health", "physical_health", "substance_misuse", "legal", "children",
         "immigration", "employment_education", "social_isolation", "other")
SUPPORT_SETTINGS = ("refuge", "specialist_refuge", "dispersed", "second_stage", "sanctuary_scheme",
                    "other_safe_accommodation", "community")
SESSION_TYPES = ("one_to_one", "group", "advocacy", "counselling", "helpline", "outreach", "family", "other")
ONWARD_REFERRALS = ("housing", "police", "marac", "idva", "mental_health", "substance_misuse", "children_social_care",
                    "adult_social_care", "financial_advice", "legal", "health", "counselling", "perpetrator_programme",
                    "other")
CLOSURE_REASONS = ("support_completed", "disengaged", "moved_out_of_area", "transferred", "client_ended", "other")
MOVE_ON = ("social_housing", "private_rented", "own_home_sanctuary", "returned_to_previous_home", "family_friends",
           "another_safe_accommodation", "temporary_accommodation", "other", "not_known")
RESIDENCE_CODES = ("out_of_area", "not_known")

EARLIEST_DATE = dt.date(2000, 1, 1)

COLUMNS: tuple[Column, ...] = (
    Column("case_ref", TEXT, True, "The provider's own pseudonymous reference (letters, digits, - _ /; 1 to 64 "
           "characters); unique within the return; the same person keeps it across quarters.", pattern=CASE_REF_PATTERN,
           unique=True, carried_over=True),
    Column("referral_date", DATE, True, "Date of referral: not after the period's last day, not before 2000-01-01.", carried_over=True),
    Column("referral_source", CODE, True, "Who referred the person.", REFERRAL_SOURCES, carried_over=True),
    Column("referral_outcome", CODE, True, "What happened to the referral.", REFERRAL_OUTCOMES, carried_over=True),
    Column("engaged", YESNO, True, "Did the person take up support.", YES_NO, carried_over=True),
    Column("age_band", CODE, True, "Age band.", AGE_BANDS, carried_over=True),
    Column("gender", CODE, True, "Gender.", GENDERS, carried_over=True),
    Column("transgender", YESNO, False, "Is the person transgender.", YES_NO, carried_over=True),
    Column("sexual_orientation", CODE, False, "Sexual orientation.", SEXUAL_ORIENTATIONS, carried_over=True),
    Column("ethnicity", CODE, True, "2021 Census ethnic group.", tuple(ETHNICITY_GROUPS), carried_over=True),
    Column("disability", YESNO, True, "Does the person have a disability.", YES_NO, carried_over=True),
    Column("residence", RESIDENCE, True, "ONS GSS code of a district in the commissioning council's area, "
           "out_of_area, or not_known.", RESIDENCE_CODES, carried_over=True),
    Column("risk_level", CODE, True, "DASH risk at intake.", RISK_LEVELS, carried_over=True),
    Column("repeat_victim", YESNO, True, "Is the person a repeat victim.", YES_NO, carried_over=True),
    Column("child_victim", YESNO, True, "Is the person supported a child victim in their own right.", YES_NO, carried_over=True),
    Column("children_in_household", INTEGER, True, "Number of children in the household.", minimum=0, maximum=20, carried_over=True),
    Column("vulnerabilities", LIST, False, "Vulnerabilities, ;-separated.", VULNERABILITIES, carried_over=True),
    Column("needs", LIST, False, "Self-identified needs and goals, ;-separated.", NEEDS, carried_over=True),
    Column("support_setting", CODE, True, "Where support is given.", SUPPORT_SETTINGS, carried_over=True),
    Column("sessions_in_period", INTEGER, True, "Sessions attended in this quarter.", minimum=0, maximum=500),
    Column("session_types", LIST, False, "Types of session, ;-separated.", SESSION_TYPES),
    Column("sanctuary_referrals_in_period", INTEGER, True, "Sanctuary-scheme referrals made this quarter.",
           minimum=0, maximum=20),
    Column("onward_referrals_in_period", LIST, False, "Onward referrals made this quarter, ;-separated.",
           ONWARD_REFERRALS),
    Column("closure_date", DATE, False, "Blank while open; not before referral_date; within the period."),
    Column("closure_reason", CODE, "if_closed", "Why the case closed; only on closed cases (a reason with a blank "
           "closure_date is an error).", CLOSURE_REASONS, closed_only=True, open_case_rule="closure-reason-without-date"),
    Column("safety_intake", INTEGER, False, "Self-rated feeling of safety at intake (1 to 10).", minimum=1, maximum=10, carried_over=True),
    Column("safety_exit", INTEGER, False, "Self-rated feeling of safety at closure (1 to 10).", minimum=1, maximum=10,
           closed_only=True),
    Column("wellbeing_intake", INTEGER, False, "Self-rated confidence, self-esteem and wellbeing at intake (1 to 10).",
           minimum=1, maximum=10, carried_over=True),
    Column("wellbeing_exit", INTEGER, False, "The same at closure (1 to 10).", minimum=1, maximum=10, closed_only=True),
    Column("risk_level_exit", CODE, False, "Risk at closure.", RISK_LEVELS, closed_only=True),
    Column("abuse_stopped_exit", YESNO, False, "At closure, has the abuse stopped (as the person reports it).", YES_NO,
           closed_only=True),
    Column("move_on", CODE, False, "Where the person went when support in safe accommodation ended.", MOVE_ON,
           closed_only=True),
)

BY_NAME = {c.name: c for c in COLUMNS}

REQUIRED = tuple(c.name for c in COLUMNS if c.required is True)
LIST_COLUMNS = tuple(c.name for c in COLUMNS if c.kind == LIST)

# Column names that are personal data: refused with their own message.
PERSONAL_DATA_COLUMNS = {
    "name", "first_name", "firstname", "forename", "surname", "last_name", "lastname", "full_name", "address",
    "address1", "address_1", "address_line_1", "street", "postcode", "post_code", "zip", "dob", "date_of_birth",
    "birth_date", "birthdate", "phone", "telephone", "mobile", "phone_number", "email", "e_mail", "email_address",
    "nhs_number", "nhs_no", "nhs", "notes", "comments", "comment", "free_text", "description", "ni_number",
    "national_insurance_number",
}


# The checks below read these: a case is closed when it has a closure date.
_REF, _CLO = parsed("referral_date"), parsed("closure_date")
_CLOSED = pl.col("closure_date").is_not_null()
_SESSIONS = pl.col("sessions_in_period")


def _last_day(ctx: Context) -> str:
    return ctx.period.last_day.isoformat()


def _first_day(ctx: Context) -> str:
    return ctx.period.first_day.isoformat()


def _codes(col: Column, ctx: Context) -> str:
    return ", ".join(col.codes)


def _range(col: Column, ctx: Context) -> str:
    return f"{col.minimum} to {col.maximum}"


def _open_case(code: str):
    """The columns whose value breaks `code` on a case with no closure date."""
    return lambda col: col.closed_only and col.open_case_rule == code


RULES: dict[str, Rule] = rules(
    # The file as a whole
    *worded_rules(Path(__file__).with_name("v1_file_rules.toml")),
    # Cells
    Rule("required", "error", "{column} is required. Enter {valid}.",
         "A required answer is blank",
         cells=lambda col: col.required is True, check=lambda col, ctx: pl.col(col.name).is_null(), valid=required_hint),
    Rule("case-ref-format", "error", "{column} \"{value}\" is not a valid reference. Use 1 to 64 letters, digits, - _ or /.",
         "A case reference is not valid",
         cells=lambda col: col.pattern is not None, check=lambda col, ctx: present(col) & ~pl.col(col.name).str.contains(col.pattern.pattern)),
    Rule("case-ref-duplicate", "error", "{column} \"{value}\" appears more than once in the return; each case must appear once.",
         "A case reference appears more than once",
         column="case_ref", check=lambda ctx: pl.col("case_ref").is_not_null() & pl.col("case_ref").is_duplicated()),
    Rule("date-format", "error", "{column} \"{value}\" is not a date. Write it as YYYY-MM-DD or DD/MM/YYYY, like 2024-04-30.",
         "A date is not a date",
         cells=lambda col: col.kind == DATE, check=lambda col, ctx: present(col) & parsed(col.name).is_null()),
    Rule("referral-date-after-period", "error", "{column} {value} is after the end of the period. It must be on or before {valid}.",
         "A referral date is after the end of the period",
         column="referral_date", check=lambda ctx: _REF.is_not_null() & (_REF > ctx.period.last_day), valid=_last_day),
    Rule("referral-date-too-early", "error", "{column} {value} is before 2000-01-01.",
         "A referral date is before 2000",
         column="referral_date", check=lambda ctx: _REF.is_not_null() & (_REF < EARLIEST_DATE)),
    Rule("code-unknown", "error", "{column} \"{value}\" is not an allowed value. Use one of: {valid}.",
         "An answer is not an allowed value",
         cells=lambda col: col.kind == CODE, check=lambda col, ctx: present(col) & ~pl.col(col.name).is_in(list(col.codes)), valid=_codes),
    Rule("yes-no-unknown", "error", "{column} \"{value}\" is not an allowed answer. Use yes, no or not_known (y and n also work).",
         "A yes/no answer is not allowed",
         cells=lambda col: col.kind == YESNO, check=lambda col, ctx: present(col) & ~yes_no(col.name).is_in(list(YES_NO))),
    Rule("residence-unknown", "error", "{column} \"{value}\" is not a district of this council. Use one of: {valid}.",
         "A residence is not a district of this council",
         cells=lambda col: col.kind == RESIDENCE, check=lambda col, ctx: present(col) & ~pl.col(col.name).is_in(residence_allowed(col, ctx)), valid=lambda col, ctx: ", ".join(residence_allowed(col, ctx))),
    Rule("integer-format", "error", "{column} \"{value}\" is not a whole number. Enter a whole number from {valid}.",
         "A number is not a whole number",
         cells=lambda col: col.kind == INTEGER, check=lambda col, ctx: present(col) & ints(col.name).is_null(), valid=_range),
    Rule("integer-range", "error", "{column} {value} is out of range. Enter a whole number from {valid}.",
         "A number is out of range",
         cells=lambda col: col.kind == INTEGER, check=lambda col, ctx: present(col) & ints(col.name).is_not_null() & ((ints(col.name) < col.minimum) | (ints(col.name) > col.maximum)), valid=_range),
    Rule("list-code-unknown", "error", "{column} contains \"{value}\", which is not an allowed value. Separate values with ; and use: {valid}.",
         "A list contains a value that is not allowed",
         cells=lambda col: col.is_list, check=lambda col, ctx: present(col) & ~pl.col(col.name).str.contains(list_pattern(col)), valid=_codes, quote=first_bad_item),
    Rule("closure-before-referral", "error", "{column} {value} is before the referral date. A case cannot close before it was referred.",
         "A case closes before it was referred",
         column="closure_date", check=lambda ctx: _CLO.is_not_null() & _REF.is_not_null() & (_CLO < _REF)),
    Rule("closure-after-period", "error", "{column} {value} is after the end of the period ({valid}). Leave it blank if the case is still open.",
         "A closure date is after the end of the period",
         column="closure_date", check=lambda ctx: _CLO.is_not_null() & (_CLO > ctx.period.last_day), valid=_last_day),
    Rule("closure-before-period", "error", "{column} {value} is before the period began ({valid}). A case closed in an earlier quarter does not belong in this return.",
         "A closure date is before the period began",
         column="closure_date", check=lambda ctx: _CLO.is_not_null() & (_CLO < ctx.period.first_day), valid=_first_day),
    Rule("closure-reason-required", "error", "{column} is required because the case has a closure_date. Use one of: {valid}.",
         "A closed case has no closure reason",
         column="closure_reason", check=lambda ctx: _CLOSED & pl.col("closure_reason").is_null(), valid=lambda ctx: ", ".join(CLOSURE_REASONS)),
    Rule("closure-reason-without-date", "error", "{column} \"{value}\" is given but the case has no closure_date. "
         "Enter the date the case closed, or leave {column} blank if the case is still open.",
         "A closure reason on a case with no closure date",
         cells=_open_case("closure-reason-without-date"), check=lambda col, ctx: present(col) & ~_CLOSED),
    Rule("exit-on-open-case", "error", "{column} \"{value}\" is only for closed cases, but this case has no closure_date. Leave it blank, or enter the closure date.",
         "An exit answer is on an open case",
         cells=_open_case("exit-on-open-case"), check=lambda col, ctx: present(col) & ~_CLOSED),
    # Warnings (reported, not blocking)
    Rule("warn-not-engaged-with-sessions", "warning", "engaged is no but sessions_in_period is {value}. Check whether the person took up support.",
         "Not engaged, but sessions recorded",
         column="sessions_in_period", check=lambda ctx: (pl.col("engaged") == "no") & (_SESSIONS > 0), value=lambda ctx: _SESSIONS),
    Rule("warn-young-not-child-victim", "warning", "age_band is {value} but child_victim is no. Check whether the person is a child victim in their own right.",
         "Under 18, but not a child victim",
         column="child_victim", check=lambda ctx: pl.col("age_band").is_in(["under_16", "16_17"]) & (pl.col("child_victim") == "no"), value=lambda ctx: pl.col("age_band")),
    Rule("warn-not-accepted-with-sessions", "warning", "referral_outcome is {value} but sessions_in_period is more than 0. Check the referral outcome.",
         "Referral not accepted, but sessions recorded",
         column="referral_outcome", check=lambda ctx: (pl.col("referral_outcome") != "accepted") & (_SESSIONS > 0), value=lambda ctx: pl.col("referral_outcome")),
    Rule("warn-closed-engaged-no-exit-scores", "warning", "The case is closed and engaged but has no exit scores (safety_exit, wellbeing_exit). Add them if the person gave them.",
         "Closed and engaged, but no exit scores",
         column="safety_exit", check=lambda ctx: _CLOSED & (pl.col("engaged") == "yes") & pl.col("safety_exit").is_null() & pl.col("wellbeing_exit").is_null(), value=lambda ctx: pl.col("case_ref")),
)

# Stored beside the columns, derived from them once the file has no error.
DERIVED = {"ethnic_group": pl.col("ethnicity").replace_strict(ETHNICITY_GROUPS, default=None)}


