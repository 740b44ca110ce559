"""Reads used by the core views."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import AuditEntry, Board, BoardMembership, Council, RoleAssignment, User
from .permissions import principal, visible_boards, visible_organisations


def home_summary(user) -> dict:
    """What the home page shows a user today: roles, boards, councils and organisation."""
    p = principal(user)
    assignments = list(RoleAssignment.objects.filter(user=user).select_related("board", "council", "organisation"))
    boards = list(visible_boards(user).select_related("lead_council").prefetch_related("councils"))
    councils = list(Council.objects.filter(pk__in=p.council_ids).prefetch_related("districts"))
    return {
        "assignments": assignments,
        "boards": boards,
        "councils": councils,
        "organisation": user.organisation,
        "provider_organisations": list(visible_organisations(user).filter(pk__in=p.provider_organisations)),
    }


def board_members(board: Board) -> dict[str, list[BoardMembership]]:
    memberships = (board.memberships.select_related("organisation", "person", "substitute")
                   .order_by("kind", "order", "id"))
    grouped: dict[str, list[BoardMembership]] = {"member": [], "supporting_officer": []}
    for m in memberships:
        grouped[m.kind].append(m)
    return grouped


def users_with_roles() -> QuerySet[User]:
    return User.objects.select_related("organisation").prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("board", "council", "organisation"))
    )


def audit_entries(*, action: str = "", actor: str = "", since=None, until=None) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.all()
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_name__iexact=actor)
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    return qs
