"""Retention rules, applied by `daboard retention run [--dry-run]`:

1. Meeting recordings are deleted once the minutes are confirmed (the minutes are the record).
2. Confirmed minutes older than the terms of reference's retention period (7 years by
   default) are flagged for a disposal review: listed and logged, never deleted by a machine.
3. Case-level return rows older than the council's retention period (7 years by default)
   are deleted. The KPIs stay answerable for every scope because they are read from the
   aggregates built at import (`insights.SubmissionAggregate`), which stay with the
   submissions; the council's and contracts' KPIs are also archived (`insights.ArchivedKpis`,
   read only for quarters purged before aggregates existed). Submissions stay as the record
   that a return was sent.
4. Error reports of rejected returns (they quote values from the file) are deleted after
   30 days.
5. Follow-up return rows older than the council's retention period are deleted after their
   counts are archived (`insights.ArchivedKpis`, contract_reference "*follow-ups"), as in 3.
6. Survivors' free-text comments are deleted DABOARD_FEEDBACK_TEXT_DAYS (two years) after
   they were reviewed (the answers to the questions are kept); used form tokens and hourly
   submission counts of the public form go once they are a day old.

Every action is printed and written to the audit log; a dry run writes only one audit
entry saying what it would have done.

Core runs the rules and knows none of them: each app registers its own from its
`AppConfig.ready()` with `register_rule` (board: 1 and 2; insights: 3 and 5, which archive
KPIs; returns: 4; voice: 6), so core imports no app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from daboard.core.audit_actions import CoreAudit

from .audit import audit_event


@dataclass(frozen=True)
class Rule:
    """One retention rule: `find(today)` lists what it would act on (changing nothing),
    `describe(finding)` says each in a line, `apply(findings, today)` acts (each change in
    its own transaction with its audit entry). `order` places it in the report."""

    name: str
    order: int
    find: Callable[[dt.date], list]
    describe: Callable[[Any], str]
    apply: Callable[[list, dt.date], None]


_RULES: dict[str, Rule] = {}


def register_rule(rule: Rule) -> None:
    _RULES[rule.name] = rule


@dataclass
class Plan:
    found: list[tuple[Rule, list]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [rule.describe(finding) for rule, findings in self.found for finding in findings]


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def plan(today: dt.date) -> Plan:
    """What every registered rule would do on the day; changes nothing."""
    return Plan([(rule, rule.find(today)) for rule in sorted(_RULES.values(), key=lambda r: r.order)])


def run(*, today: dt.date, dry_run: bool) -> Plan:
    p = plan(today)
    if dry_run:
        audit_event(actor=None, action=CoreAudit.RETENTION_DRY_RUN, detail={"would": p.lines()[:200]})
        return p
    for rule, findings in p.found:
        rule.apply(findings, today)
    return p
