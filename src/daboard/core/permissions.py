"""Every access decision in daboard goes through this module.

The role matrix of docs/architecture.md, as code:

| role          | scope        | may                                                            |
|---------------|--------------|----------------------------------------------------------------|
| secretariat   | board        | all board business of its boards, open and closed              |
| commissioner  | council      | everything for its council, incl. case-level returns           |
| provider      | organisation | its own contracts and returns; open business of boards it sits on|
| board_member  | board        | open business of its boards, its actions, suppressed aggregates |
| analyst       | council      | case-level data of its council, needs assessment, exports      |
| admin         | system       | users and organisations; no case-level data                    |

Views, API endpoints and exports call `require()` (object or page level) or use the
`visible_*()` querysets; anything they may not see is a 404, so nothing hints that it
exists. Refusals are written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from daboard.core import clock

from .audit import audit_refusal
from .models import Board, BoardMembership, Council, Organisation, Role, RoleAssignment

# Roles that can see case-level data or administer the system must sign in with a second factor.
TWO_FACTOR_ROLES = frozenset({Role.COMMISSIONER, Role.ANALYST, Role.PROVIDER, Role.ADMIN})
CASE_LEVEL_ROLES = frozenset({Role.COMMISSIONER, Role.ANALYST})


@dataclass
class Principal:
    """What one signed-in user holds, computed once per request."""

    user_id: int | None
    roles: set[str] = field(default_factory=set)
    secretariat_boards: set[int] = field(default_factory=set)
    member_boards: set[int] = field(default_factory=set)
    commissioner_councils: set[int] = field(default_factory=set)
    analyst_councils: set[int] = field(default_factory=set)
    provider_organisations: set[int] = field(default_factory=set)
    organisation_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def council_ids(self) -> set[int]:
        """Tier-1 councils whose business this user works on as an officer."""
        return self.commissioner_councils | self.analyst_councils

    @property
    def board_ids(self) -> set[int]:
        return self.secretariat_boards | self.member_boards


ANONYMOUS = Principal(user_id=None)


def principal(user: Any) -> Principal:
    """The user's roles and scopes, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_daboard_principal", None)
    if cached is not None:
        return cached
    p = Principal(user_id=user.pk, organisation_id=user.organisation_id)
    today = clock.today()
    # A role waiting for a second administrator, or past its last day, gives nothing.
    assignments = RoleAssignment.objects.filter(user_id=user.pk, pending=False).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)).only("role", "board_id", "council_id", "organisation_id")
    for ra in assignments:
        p.roles.add(ra.role)
        if ra.role == Role.SECRETARIAT:
            p.secretariat_boards.add(ra.board_id)
        elif ra.role == Role.BOARD_MEMBER:
            p.member_boards.add(ra.board_id)
        elif ra.role == Role.COMMISSIONER:
            p.commissioner_councils.add(ra.council_id)
        elif ra.role == Role.ANALYST:
            p.analyst_councils.add(ra.council_id)
        elif ra.role == Role.PROVIDER:
            p.provider_organisations.add(ra.organisation_id)
    person_id = getattr(user, "person_id", None)
    if person_id and p.member_boards:
        # A member whose seats on a board have all ended (or not begun) no longer sees it.
        held = BoardMembership.objects.filter(board_id__in=p.member_boards).filter(
            Q(person_id=person_id) | Q(substitute_id=person_id))
        seated = set(held.values_list("board_id", flat=True))
        current = set(held.filter(current_seats(today)).values_list("board_id", flat=True))
        p.member_boards -= seated - current
    user._daboard_principal = p
    return p


def current_seats(day) -> Q:
    """Seats (board memberships) whose term covers `day`: the one rule of seat dates, for
    access and for who is expected at a meeting."""
    return (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def forget(user: Any) -> None:
    """Drop the cached principal (after a role change)."""
    if hasattr(user, "_daboard_principal"):
        del user._daboard_principal


def needs_two_factor(user: Any) -> bool:
    return bool(principal(user).roles & TWO_FACTOR_ROLES)


# --- Scoped querysets -----------------------------------------------------------------


def visible_boards(user: Any) -> QuerySet[Board]:
    """Boards whose open business the user may see."""
    p = principal(user)
    if p.user_id is None:
        return Board.objects.none()
    q = Q(pk__in=p.board_ids) | Q(councils__in=p.council_ids)
    if p.provider_organisations:
        seats = BoardMembership.objects.filter(current_seats(clock.today()),
                                               organisation__in=p.provider_organisations)
        q |= Q(pk__in=seats.values("board_id"))
    if p.is_admin:
        q = Q()
    return Board.objects.filter(q).distinct()


def _none_or_all_for_admin(model):
    """For a `visible_...(user)` query: nothing for someone not signed in, everything for an
    administrator; for anyone else, what the query decides from their principal."""
    def wrap(decide: Callable[[Any, Principal], QuerySet]) -> Callable[[Any], QuerySet]:
        @wraps(decide)
        def visible(user: Any) -> QuerySet:
            p = principal(user)
            if p.user_id is None:
                return model.objects.none()
            if p.is_admin:
                return model.objects.all()
            return decide(user, p)
        return visible
    return wrap


@_none_or_all_for_admin(Council)
def visible_councils(user: Any, p: Principal) -> QuerySet[Council]:
    """Tier-1 councils (and their districts) whose records the user may see."""
    tier1 = set(p.council_ids)
    tier1 |= set(Board.councils.through.objects.filter(board_id__in=p.board_ids)
                 .values_list("council_id", flat=True))
    return Council.objects.filter(Q(pk__in=tier1) | Q(parent__in=tier1))


@_none_or_all_for_admin(Organisation)
def visible_organisations(user: Any, p: Principal) -> QuerySet[Organisation]:
    """Organisations the user may look up: their own, and those on their boards or councils."""
    boards = visible_boards(user).values("pk")
    councils = visible_councils(user).values("pk")
    q = Q(board_seats__board__in=boards) | Q(council__in=councils) | Q(pk__in=p.provider_organisations)
    if p.organisation_id:
        q |= Q(pk=p.organisation_id)
    return Organisation.objects.filter(q).distinct()


# --- Rules ----------------------------------------------------------------------------
# One rule per action; later apps add theirs here so the matrix stays in one place.

Rule = Callable[[Principal, Any, Any], bool]


def _as_board(obj: Any) -> Board:
    """A board, or the board a record of it belongs to (a membership, terms of reference):
    never compare another record's id with a board's."""
    if isinstance(obj, Board):
        return obj
    board = getattr(obj, "board", None)
    if isinstance(board, Board):
        return board
    raise TypeError(f"{obj!r} is not a board or a record of one")


def _board_view(p: Principal, user: Any, board: Board) -> bool:
    board = _as_board(board)
    return visible_boards(user).filter(pk=board.pk).exists()


def _board_view_closed(p: Principal, user: Any, board: Board) -> bool:
    board = _as_board(board)
    # Closed business: the secretariat of the board, and the officers of its councils.
    # Never providers, and not partner members (commissioning discussions).
    if board.pk in p.secretariat_boards:
        return True
    return board.councils.filter(pk__in=p.commissioner_councils | p.analyst_councils).exists()


def _board_manage(p: Principal, user: Any, board: Board) -> bool:
    return _as_board(board).pk in p.secretariat_boards


def _council_view(p: Principal, user: Any, council: Council) -> bool:
    return visible_councils(user).filter(pk=council.pk).exists()


def _council_case_data(p: Principal, user: Any, council: Council) -> bool:
    return council.duty_council.pk in p.council_ids


def _council_commission(p: Principal, user: Any, council: Council) -> bool:
    return council.duty_council.pk in p.commissioner_councils


def _organisation_view(p: Principal, user: Any, organisation: Organisation) -> bool:
    return visible_organisations(user).filter(pk=organisation.pk).exists()


def _admin_only(p: Principal, user: Any, obj: Any = None) -> bool:
    return p.is_admin


def _signed_in(p: Principal, user: Any, obj: Any = None) -> bool:
    return p.user_id is not None


# --- Board business (daboard.board) -------------------------------------------------


_MISSING = object()


def _first_reachable(obj: Any, paths: tuple[str, ...], accept: Callable[[Any], bool] = lambda target: True) -> Any:
    """What the first of the dotted `paths` that leads anywhere `accept`s leads to from `obj`
    (each kind of board business reaches its board and its closed flag by its own path),
    or _MISSING."""
    for path in paths:
        target = obj
        try:
            for attr in path.split("."):
                target = getattr(target, attr)
        except AttributeError:
            continue
        if accept(target):
            return target
    return _MISSING


def _meeting_board(obj: Any):
    """The board an item of board business belongs to."""
    board = _first_reachable(obj, ("board", "meeting.board", "item.meeting.board", "minute.meeting.board"),
                             accept=lambda target: isinstance(target, Board))
    if board is _MISSING:
        raise TypeError(f"{obj!r} is not board business")
    return board


def _is_closed(obj: Any) -> bool:
    closed = _first_reachable(obj, ("is_closed", "item.is_closed", "minute.is_closed"))
    return closed is not _MISSING and bool(closed)


def _business_view(p: Principal, user: Any, obj: Any) -> bool:
    """Open business of a board the user sees; closed business (and anything born in it:
    minutes, resolutions, actions, forward items, papers), papers of an agenda not yet
    published and papers withdrawn or replaced (history, which may hold what was sent in
    error) only for those who see closed business."""
    board = _meeting_board(obj)
    if not _board_view(p, user, board):
        return False
    if _board_view_closed(p, user, board):
        return True
    return (not _is_closed(obj) and getattr(obj, "is_published", True) is not False
            and getattr(obj, "withdrawn_at", None) is None)


def _business_manage(p: Principal, user: Any, obj: Any) -> bool:
    return _meeting_board(obj).pk in p.secretariat_boards


def _minutes_view(p: Principal, user: Any, meeting: Any) -> bool:
    """A meeting's minutes (the page and its PDF and Word copies): the board's clerk at every
    stage; anyone else who sees the meeting once they are out (`Meeting.minutes_out`:
    circulated in draft or confirmed, with something in them)."""
    if _business_manage(p, user, meeting):
        return True
    return bool(getattr(meeting, "minutes_out", False)) and _business_view(p, user, meeting)


def _action_update(p: Principal, user: Any, action: Any) -> bool:
    if _business_manage(p, user, action):
        return True
    return bool(action.owner_id) and getattr(user, "person_id", None) == action.owner_id and \
        _board_view(p, user, action.board)


# --- Commissioning (daboard.commissioning) --------------------------------------------


def contracts_visible(user: Any, contracts):
    """Of the contracts given (a queryset), those of the user's councils (officers), or of
    the user's own organisation (provider). `commissioning.queries.visible_contracts` calls it."""
    p = principal(user)
    if p.user_id is None:
        return contracts.none()
    return contracts.filter(Q(council__in=p.council_ids) | Q(council__parent__in=p.council_ids)
                            | Q(provider__in=p.provider_organisations))


def _contract_view(p: Principal, user: Any, contract: Any) -> bool:
    return contract.council.duty_council.pk in p.council_ids or contract.provider_id in p.provider_organisations


def _contract_manage(p: Principal, user: Any, contract: Any) -> bool:
    return contract.council.duty_council.pk in p.commissioner_councils


# --- Returns (daboard.returns) ----------------------------------------------------------


def _return_submit(p: Principal, user: Any, contract: Any) -> bool:
    """Providers send their own contracts' returns; commissioners may send on their behalf."""
    return contract.provider_id in p.provider_organisations or contract.council.duty_council.pk in p.commissioner_councils


def _return_view(p: Principal, user: Any, obj: Any) -> bool:
    contract = getattr(obj, "contract", obj)
    return contract.provider_id in p.provider_organisations or contract.council.duty_council.pk in p.council_ids


def _return_review(p: Principal, user: Any, obj: Any) -> bool:
    contract = getattr(obj, "contract", obj)
    return contract.council.duty_council.pk in p.commissioner_councils


# --- Insights (daboard.insights) -----------------------------------------------------


def _insights_view(p: Principal, user: Any, council: Any) -> bool:
    """Aggregates: the council's officers (unsuppressed) and members of boards covering it
    (suppressed)."""
    duty = council.duty_council
    return duty.pk in p.council_ids or duty.boards.filter(pk__in=p.board_ids).exists()


def insights_unsuppressed(user: Any, council: Any) -> bool:
    """Only the council's commissioners and analysts see figures before disclosure control."""
    return council.duty_council.pk in principal(user).council_ids


# --- The wider picture (daboard.partnership) ----------------------------------------------
# Partners' datasets and the registers belong to a board. Anyone the board's open business
# is for reads the registers (contacts are circulated to partners; the reciprocal ledger
# holds no names, and its counts pass disclosure control for all but the councils'
# officers). A partner's dataset is read like the dashboard (officers unsuppressed, the
# board after disclosure control) and by the partner who sends it.


def _board_officer(p: Principal, board: Board) -> bool:
    return board.councils.filter(pk__in=p.council_ids).exists()


def _board_supporter(p: Principal, user: Any, board: Any) -> bool:
    """The board's clerk, and the commissioners of its councils: they keep the partnership's
    registers and datasets, and support the Scrutiny and Reference Group (in Leicester the
    council's Contracts Quality & Engagement Officer)."""
    board = _as_board(board)
    return board.pk in p.secretariat_boards or board.councils.filter(pk__in=p.commissioner_councils).exists()


def _partnership_unsuppressed(p: Principal, user: Any, board: Board) -> bool:
    return _board_officer(p, _as_board(board))


def _dataset_view(p: Principal, user: Any, obj: Any) -> bool:
    """A board's datasets (obj: the board) or one dataset."""
    board = _as_board(obj)
    if board.pk in p.board_ids or _board_officer(p, board):
        return True
    partner_id = getattr(obj, "partner_id", None)
    return partner_id is not None and partner_id == p.organisation_id and bool(p.roles)


def _dataset_submit(p: Principal, user: Any, dataset: Any) -> bool:
    """The partner's own users send its figures; the board's clerk or a commissioner of its
    councils may send them on the partner's behalf."""
    return (dataset.partner_id == p.organisation_id and bool(p.roles)) or _board_supporter(p, user, dataset.board)


# --- Survivor voice (daboard.voice) ---------------------------------------------------


def _feedback_review(p: Principal, user: Any, obj: Any) -> bool:
    """Free text is read first by the reviewing officer alone: a commissioner of the council
    the form belongs to. `obj` is a council, a feedback form or one feedback."""
    council = getattr(getattr(obj, "form", None), "council", None) or getattr(obj, "council", None) or obj
    return council.duty_council.pk in p.commissioner_councils


def _feedback_service(p: Principal, user: Any, contract: Any) -> bool:
    """A service's feedback: its provider's staff and the council's officers."""
    return contract.provider_id in p.provider_organisations or contract.council.duty_council.pk in p.council_ids


RULES: dict[str, Rule] = {
    "home.view": _signed_in,
    "board.view": _board_view,
    "board.view_closed": _board_view_closed,
    "board.manage": _board_manage,
    "council.view": _council_view,
    "council.case_data": _council_case_data,
    "council.commission": _council_commission,
    "organisation.view": _organisation_view,
    "directory.view": _signed_in,
    "users.manage": _admin_only,
    "audit.view": _admin_only,
    "audit.export": _admin_only,
    # board business: meetings, agenda items, papers, minutes, actions, recordings
    "business.view": _business_view,
    "business.manage": _business_manage,
    "minutes.view": _minutes_view,
    "action.update": _action_update,
    # commissioning: money view, register, exports (officers); a provider's own contracts
    "commissioning.view": _council_case_data,
    "commissioning.manage": _council_commission,
    # funded posts and vacancies (no post holder is named): officers and the board's members
    "posts.view": _insights_view,
    "contract.view": _contract_view,
    "contract.manage": _contract_manage,
    # returns: case-level; every view and download is audit-logged by the caller
    "return.submit": _return_submit,
    "return.view": _return_view,
    "return.review": _return_review,
    # waiving an expected return: a commissioning decision of the contract's council
    "return.waive": _return_review,
    # API tokens: a provider's staff manage their organisation's tokens
    "api_tokens.manage": lambda p, user, org: org.pk in p.provider_organisations,
    "insights.view": _insights_view,
    # commentary on the board report, the accommodation register and needs assessments
    "insights.manage": _council_commission,
    # the annual return's working copy traces figures to case references: officers only
    "insights.annual": _council_case_data,
    # strategy and delivery plan: read by the council's officers and its boards' members
    "strategy.view": _insights_view,
    "strategy.manage": _council_commission,
    # the wider picture: comparison and targets per council; datasets and registers per board
    "compare.import": _council_case_data,
    "targets.manage": _council_commission,
    "dataset.view": _dataset_view,
    "dataset.define": _board_supporter,
    "dataset.submit": _dataset_submit,
    "registers.view": _board_view,
    "registers.manage": _board_supporter,
    "registers.unsuppressed": _partnership_unsuppressed,
    # survivor voice: the group is open business of its board; feedback is counted for the
    # board under disclosure control, reviewed by the council's commissioners, and seen by
    # providers for their own services only
    "reference_group.view": _board_view,
    "reference_group.manage": _board_supporter,
    "feedback.review": _feedback_review,
    "feedback.summary": _insights_view,
    "feedback.service": _feedback_service,
}


def can(user: Any, action: str, obj: Any = None) -> bool:
    """True if the user may do `action` (on `obj`). Unknown actions are refused."""
    rule = RULES.get(action)
    if rule is None:
        raise KeyError(f"No permission rule named {action!r}")
    p = principal(user)
    if p.user_id is None:
        return False
    return bool(rule(p, user, obj))


def require(user: Any, action: str, obj: Any = None, *, request: Any = None) -> None:
    """Raise Http404 unless the user may do `action`; the refusal is audit-logged."""
    if can(user, action, obj):
        return

    audit_refusal(user=user, action=action, obj=obj, request=request)
    raise Http404("Page not found")


def get_object_or_404_for(user: Any, action: str, queryset: QuerySet, *, request: Any = None, **lookup):
    """Fetch one object and check `action` on it; missing and forbidden look the same."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404("Page not found")
    require(user, action, obj, request=request)
    return obj


def roles_of(user: Any) -> set[str]:
    return set(principal(user).roles)


def has_role(user: Any, *roles: str) -> bool:
    return bool(principal(user).roles & set(roles))


def navigation_for(user: Any) -> list[dict[str, str]]:
    """The service navigation: only what the user's roles may use."""

    p = principal(user)
    if p.user_id is None:
        return []
    items = [{"label": "Home", "url": reverse("core:home"), "key": "home"}]
    if visible_boards(user).exists():
        items.append({"label": "Boards", "url": reverse("core:board-list"), "key": "boards"})
    items.append({"label": "Directory", "url": reverse("core:organisation-list"), "key": "directory"})
    if p.council_ids or p.provider_organisations:
        items.append({"label": "Contracts", "url": reverse("commissioning:contract-list"), "key": "contracts"})
    if p.council_ids or p.provider_organisations:
        items.append({"label": "Returns", "url": reverse("returns:index"), "key": "returns"})
    if p.council_ids:
        items.append({"label": "Money", "url": reverse("commissioning:money-index"), "key": "money"})
    if p.council_ids or p.member_boards:
        items.append({"label": "Dashboard", "url": reverse("insights:index"), "key": "insights"})
        items.append({"label": "Strategy", "url": reverse("strategy:index"), "key": "strategy"})
    if p.council_ids or p.board_ids:
        items.append({"label": "Partnership", "url": reverse("partnership:index"), "key": "partnership"})
        items.append({"label": "Survivor voice", "url": reverse("voice:index"), "key": "voice"})
    if p.is_admin:
        items.append({"label": "Users", "url": reverse("core:user-list"), "key": "users"})
        items.append({"label": "Audit log", "url": reverse("core:audit-list"), "key": "audit"})
    return items


__all__ = [
    "CASE_LEVEL_ROLES", "TWO_FACTOR_ROLES", "Principal", "RULES", "can", "forget",
    "get_object_or_404_for", "has_role", "navigation_for", "needs_two_factor", "principal",
    "require", "roles_of", "visible_boards", "visible_councils", "visible_organisations",
]
