"""Reads about the board's people: whom a clerk may choose, grouped by organisation."""

from __future__ import annotations

from django.db.models import Q

from daboard.core.models import Board, Person

from ..models import (
    Attendance,
)


def board_people(board: Board):
    """The people a clerk may choose for this board (presenters, officers, guests, owners
    of actions): those of the agencies with a seat on it, of its councils and of its
    secretariat, and anyone already in its attendance records; never another board's
    councillor."""

    orgs = set(board.memberships.values_list("organisation_id", flat=True))
    orgs |= set(board.councils.exclude(organisation__isnull=True).values_list("organisation__id", flat=True))
    if board.secretariat_id:
        orgs.add(board.secretariat_id)
    seen = set(Attendance.objects.filter(meeting__board=board).values_list("person_id", flat=True))
    seen |= set(board.memberships.exclude(person__isnull=True).values_list("person_id", flat=True))
    seen |= set(board.memberships.exclude(substitute__isnull=True).values_list("substitute_id", flat=True))
    return (Person.objects.filter(Q(organisation_id__in=orgs) | Q(pk__in=seen))
            .select_related("organisation").order_by("name"))


def people_choices(people, blank: str | None = "Choose a person") -> list:
    """The people grouped by organisation (<optgroup>), so a long list is read and typed
    through organisation by organisation; works without JavaScript."""
    groups: dict[str, list] = {}
    for person in people:
        org = person.organisation.name if person.organisation else "Other"
        groups.setdefault(org, []).append((person.pk, person.name))
    out = [("", blank)] if blank is not None else []
    return out + [(org, groups[org]) for org in sorted(groups)]
