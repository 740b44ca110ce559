"""Quarterly monitoring return, version 1 (shared/spec/monitoring-return-v1.md), as code.

This one declaration drives the CSV and XLSX templates, the validator, the API schema and
the docs page. Nothing else in daboard lists the columns or the codes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

VERSION = "1"
NAME = "monitoring"
TITLE = "Quarterly monitoring return"
GUIDANCE = (
    "One row per case (a person supported) open at any time during the quarter, as it stood on the quarter's last day.",
    "Pseudonymous: no name, address, postcode, date of birth, phone, email, NHS number or free text.",
    "Dates as YYYY-MM-DD or DD/MM/YYYY. Yes/no columns take yes, no or not_known (y and n also work).",
    "List columns take codes separated by ; and may be empty. Codes are on the 'codes' sheet.",
)

TEXT, DATE, CODE, YESNO, INTEGER, LIST, RESIDENCE = "text", "date", "code", "yes/no", "integer", "list", "residence"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool | str  # True, False, or "if_closed"
    description: str
    codes: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    closed_only: bool = False
    open_case_rule: str = "exit-on-open-case"  # the rule a value breaks on an open case
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def required_text(self) -> str:
        return {True: "yes", False: "no", "if_closed": "if closed"}[self.required]


YES_NO = ("yes", "no", "not_known")
YES_NO_ALIASES = {"y": "yes", "n": "no"}
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

CASE_REF_PATTERN = re.compile(r"^[A-Za-z0-9_/-]{1,64}$")
EARLIEST_DATE = dt.date(2000, 1, 1)

COLUMNS: tuple[Column, ...] = (
    Column("case_ref", TEXT, True, "The provider's own pseudonymous reference (letters, digits, - _ /; 1 to 64 "
           "characters); unique within the return; the same person keeps it across quarters."),
    Column("referral_date", DATE, True, "Date of referral: not after the period's last day, not before 2000-01-01."),
    Column("referral_source", CODE, True, "Who referred the person.", REFERRAL_SOURCES),
    Column("referral_outcome", CODE, True, "What happened to the referral.", REFERRAL_OUTCOMES),
    Column("engaged", YESNO, True, "Did the person take up support.", YES_NO),
    Column("age_band", CODE, True, "Age band.", AGE_BANDS),
    Column("gender", CODE, True, "Gender.", GENDERS),
    Column("transgender", YESNO, False, "Is the person transgender.", YES_NO),
    Column("sexual_orientation", CODE, False, "Sexual orientation.", SEXUAL_ORIENTATIONS),
    Column("ethnicity", CODE, True, "2021 Census ethnic group.", tuple(ETHNICITY_GROUPS)),
    Column("disability", YESNO, True, "Does the person have a disability.", YES_NO),
    Column("residence", RESIDENCE, True, "ONS GSS code of a district in the commissioning council's area, "
           "out_of_area, or not_known.", RESIDENCE_CODES),
    Column("risk_level", CODE, True, "DASH risk at intake.", RISK_LEVELS),
    Column("repeat_victim", YESNO, True, "Is the person a repeat victim.", YES_NO),
    Column("child_victim", YESNO, True, "Is the person supported a child victim in their own right.", YES_NO),
    Column("children_in_household", INTEGER, True, "Number of children in the household.", minimum=0, maximum=20),
    Column("vulnerabilities", LIST, False, "Vulnerabilities, ;-separated.", VULNERABILITIES),
    Column("needs", LIST, False, "Self-identified needs and goals, ;-separated.", NEEDS),
    Column("support_setting", CODE, True, "Where support is given.", SUPPORT_SETTINGS),
    Column("sessions_in_period", INTEGER, True, "Sessions attended in this quarter.", minimum=0, maximum=500),
    Column("session_types", LIST, False, "Types of session, ;-separated.", SESSION_TYPES),
    Column("sanctuary_referrals_in_period", INTEGER, True, "Sanctuary-scheme referrals made this quarter.",
           minimum=0, maximum=20),
    Column("onward_referrals_in_period", LIST, False, "Onward referrals made this quarter, ;-separated.",
           ONWARD_REFERRALS),
    Column("closure_date", DATE, False, "Blank while open; not before referral_date; within the period."),
    Column("closure_reason", CODE, "if_closed", "Why the case closed; only on closed cases (a reason with a blank "
           "closure_date is an error).", CLOSURE_REASONS, closed_only=True, open_case_rule="closure-reason-without-date"),
    Column("safety_intake", INTEGER, False, "Self-rated feeling of safety at intake (1 to 10).", minimum=1, maximum=10),
    Column("safety_exit", INTEGER, False, "Self-rated feeling of safety at closure (1 to 10).", minimum=1, maximum=10,
           closed_only=True),
    Column("wellbeing_intake", INTEGER, False, "Self-rated confidence, self-esteem and wellbeing at intake (1 to 10).",
           minimum=1, maximum=10),
    Column("wellbeing_exit", INTEGER, False, "The same at closure (1 to 10).", minimum=1, maximum=10, closed_only=True),
    Column("risk_level_exit", CODE, False, "Risk at closure.", RISK_LEVELS, closed_only=True),
    Column("abuse_stopped_exit", YESNO, False, "At closure, has the abuse stopped (as the person reports it).", YES_NO,
           closed_only=True),
    Column("move_on", CODE, False, "Where the person went when support in safe accommodation ended.", MOVE_ON,
           closed_only=True),
)

BY_NAME = {c.name: c for c in COLUMNS}


def codes_of(codes: tuple[str, ...], bits: int | None) -> str:
    """A stored list (bit i set for the i-th code) written back as the file writes it."""
    return ";".join(code for i, code in enumerate(codes) if bits and bits & (1 << i))
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


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str  # "error" or "warning"
    message: str  # shown to the user; {column}, {value} and {valid} are filled in
    title: str  # the rule in a few words, for a summary of a file's problems


RULES: dict[str, Rule] = {r.code: r for r in (
    # File-level
    Rule("file-unreadable", "error", "The file cannot be read: {value}. Save it as CSV (UTF-8) or Excel (.xlsx) and try again.",
         "The file cannot be read"),
    Rule("file-empty", "error", "The file has no rows. The first row must be the column headings and each row after it one case.",
         "The file has no rows"),
    Rule("file-too-large", "error", "The file is {value}; the largest return daboard takes is {valid}.",
         "The file is too large"),
    Rule("period-outside-contract", "error", "The contract has no return for {value}: it can have one for {valid}, "
         "the quarters it has run in up to the current one.",
         "The quarter is outside the contract"),
    Rule("column-missing", "error", "The required column {column} is missing. Add a column headed {column}.",
         "A required column is missing"),
    Rule("column-unknown", "error", "The column {column} is not part of the return. Remove it, or check the heading against the standard.",
         "A column is not part of the return"),
    Rule("column-personal-data", "error", "The column {column} looks like personal data (a name, address, postcode, date of birth, phone, email, NHS number or free text). The return is pseudonymous: remove the column.",
         "A column looks like personal data"),
    Rule("column-duplicate", "error", "The column {column} appears more than once. Keep one.",
         "A column appears more than once"),
    # Cells
    Rule("required", "error", "{column} is required. Enter {valid}.",
         "A required answer is blank"),
    Rule("case-ref-format", "error", "{column} \"{value}\" is not a valid reference. Use 1 to 64 letters, digits, - _ or /.",
         "A case reference is not valid"),
    Rule("case-ref-duplicate", "error", "{column} \"{value}\" appears more than once in the return; each case must appear once.",
         "A case reference appears more than once"),
    Rule("date-format", "error", "{column} \"{value}\" is not a date. Write it as YYYY-MM-DD or DD/MM/YYYY, like 2024-04-30.",
         "A date is not a date"),
    Rule("referral-date-after-period", "error", "{column} {value} is after the end of the period. It must be on or before {valid}.",
         "A referral date is after the end of the period"),
    Rule("referral-date-too-early", "error", "{column} {value} is before 2000-01-01.",
         "A referral date is before 2000"),
    Rule("code-unknown", "error", "{column} \"{value}\" is not an allowed value. Use one of: {valid}.",
         "An answer is not an allowed value"),
    Rule("yes-no-unknown", "error", "{column} \"{value}\" is not an allowed answer. Use yes, no or not_known (y and n also work).",
         "A yes/no answer is not allowed"),
    Rule("residence-unknown", "error", "{column} \"{value}\" is not a district of this council. Use one of: {valid}.",
         "A residence is not a district of this council"),
    Rule("integer-format", "error", "{column} \"{value}\" is not a whole number. Enter a whole number from {valid}.",
         "A number is not a whole number"),
    Rule("integer-range", "error", "{column} {value} is out of range. Enter a whole number from {valid}.",
         "A number is out of range"),
    Rule("list-code-unknown", "error", "{column} contains \"{value}\", which is not an allowed value. Separate values with ; and use: {valid}.",
         "A list contains a value that is not allowed"),
    Rule("closure-before-referral", "error", "{column} {value} is before the referral date. A case cannot close before it was referred.",
         "A case closes before it was referred"),
    Rule("closure-after-period", "error", "{column} {value} is after the end of the period ({valid}). Leave it blank if the case is still open.",
         "A closure date is after the end of the period"),
    Rule("closure-before-period", "error", "{column} {value} is before the period began ({valid}). A case closed in an earlier quarter does not belong in this return.",
         "A closure date is before the period began"),
    Rule("closure-reason-required", "error", "{column} is required because the case has a closure_date. Use one of: {valid}.",
         "A closed case has no closure reason"),
    Rule("closure-reason-without-date", "error", "{column} \"{value}\" is given but the case has no closure_date. "
         "Enter the date the case closed, or leave {column} blank if the case is still open.",
         "A closure reason on a case with no closure date"),
    Rule("exit-on-open-case", "error", "{column} \"{value}\" is only for closed cases, but this case has no closure_date. Leave it blank, or enter the closure date.",
         "An exit answer is on an open case"),
    # Warnings (reported, not blocking)
    Rule("warn-not-engaged-with-sessions", "warning", "engaged is no but sessions_in_period is {value}. Check whether the person took up support.",
         "Not engaged, but sessions recorded"),
    Rule("warn-young-not-child-victim", "warning", "age_band is {value} but child_victim is no. Check whether the person is a child victim in their own right.",
         "Under 18, but not a child victim"),
    Rule("warn-not-accepted-with-sessions", "warning", "referral_outcome is {value} but sessions_in_period is more than 0. Check the referral outcome.",
         "Referral not accepted, but sessions recorded"),
    Rule("warn-closed-engaged-no-exit-scores", "warning", "The case is closed and engaged but has no exit scores (safety_exit, wellbeing_exit). Add them if the person gave them.",
         "Closed and engaged, but no exit scores"),
)}


# The rules that concern the file as a whole: when one fires, no cell was checked.
FILE_LEVEL_RULES = frozenset({"file-unreadable", "file-empty", "file-too-large"})


# --- Periods ------------------------------------------------------------------------------

PERIOD_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})-Q([1-4])\Z")
# The financial years a period may be written for: the one parser below refuses the rest,
# and URLs, forms, the API and the command line all use it.
FIRST_YEAR, LAST_YEAR = 2000, 2099


@dataclass(frozen=True)
class Period:
    """A financial quarter, written 2024-25-Q1 (1 April to 30 June 2024)."""

    start_year: int
    quarter: int

    def __post_init__(self):
        # Wide enough for arithmetic around any period parse() accepts; never a date Python
        # cannot represent.
        if not (1 <= self.start_year <= 9000 and 1 <= self.quarter <= 4):
            raise ValueError(f"There is no quarter {self.quarter} of {self.start_year}.")

    @classmethod
    def parse(cls, text: str) -> Period:
        text = text if isinstance(text, str) else ""
        m = PERIOD_PATTERN.match(text.strip()[:20])
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            raise ValueError(f"{text[:40]!r} is not a period. Write it like 2024-25-Q1 (Q1 April-June, Q2 July-September, "
                             "Q3 October-December, Q4 January-March).")
        if not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
            raise ValueError(f"{text[:40]!r} is outside the years daboard serves: write a period from "
                             f"{FIRST_YEAR}-{(FIRST_YEAR + 1) % 100:02d}-Q1 to {LAST_YEAR}-{(LAST_YEAR + 1) % 100:02d}-Q4.")
        return cls(int(m.group(1)), int(m.group(3)))

    @classmethod
    def of(cls, day: dt.date) -> Period:
        start_year = day.year if day.month >= 4 else day.year - 1
        quarter = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3, 1: 4, 2: 4, 3: 4}[day.month]
        return cls(start_year, quarter)

    def __str__(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}-Q{self.quarter}"

    @property
    def first_day(self) -> dt.date:
        month = 3 * self.quarter + 1
        return dt.date(self.start_year + (1 if month > 12 else 0), (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> Period:
        return Period(self.start_year + (self.quarter == 4), self.quarter % 4 + 1)

    def previous(self) -> Period:
        return Period(self.start_year - (self.quarter == 1), (self.quarter - 2) % 4 + 1)

    def back(self, n: int) -> list[Period]:
        """This quarter and the n-1 before it, oldest first."""
        out = [self]
        for _ in range(n - 1):
            out.append(out[-1].previous())
        return out[::-1]

    def due_date(self, days: int = 20) -> dt.date:
        return self.last_day + dt.timedelta(days=days)

    @property
    def label(self) -> str:
        return f"{self.first_day:%-d %B %Y} to {self.last_day:%-d %B %Y}"
