"""Load the demo: the seed boards' public facts and one login per role. Idempotent:
every record is found by its natural key and updated, so a reload changes nothing that
is already right and duplicates nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.text import slugify

from daboard.core.appconfig import DaboardAppConfig
from daboard.core.models import (
    Board,
    BoardMembership,
    Council,
    MembershipKind,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    User,
)

from . import seed

Step = tuple[str, Callable[[], None]]


def load_councils() -> None:
    by_code: dict[str, Council] = {}
    for code, name, council_name, kind, parent, population in seed.COUNCILS:
        council, _ = Council.objects.update_or_create(
            gss_code=code,
            defaults={"name": name, "council_name": council_name, "kind": kind,
                      "parent": by_code.get(parent) if parent else None, "population": population},
        )
        by_code[code] = council
        Organisation.objects.update_or_create(
            name=council_name, defaults={"kind": "council", "council": council, "slug": _slug(council_name)})


def _slug(name: str) -> str:
    return slugify(name)[:80]


def load_organisations() -> None:
    for name, short, kind, aka in seed.ORGANISATIONS:
        Organisation.objects.update_or_create(
            name=name, defaults={"short_name": short, "kind": kind, "also_known_as": aka,
                                 "slug": _slug(short or name) if short and kind == "provider" else _slug(name)})


def load_people() -> None:
    orgs = {o.name: o for o in Organisation.objects.all()}
    for name, org, title, team, email, _source in seed.PEOPLE:
        Person.objects.update_or_create(
            name=name, organisation=orgs[org], defaults={"job_title": title, "team": team, "email": email})


def _person(name: str) -> Person:
    return Person.objects.get(name=name)


def load_boards() -> None:
    orgs = {o.name: o for o in Organisation.objects.all()}
    councils = {c.gss_code: c for c in Council.objects.all()}
    for spec in seed.BOARDS:
        board, _ = Board.objects.update_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "short_name": spec["short_name"], "former_names": spec["former_names"],
                      "lead_council": councils[spec["lead"]], "secretariat": orgs[spec["secretariat"]]},
        )
        board.councils.set([councils[c] for c in spec["councils"]])
    lr = Board.objects.get(slug="leicestershire-and-rutland")
    seats = []
    for i, (person, org, role, position, start, _source) in enumerate(seed.LR_MEMBERS):
        seats.append(dict(board=lr, organisation=orgs[org], role=role, person=_person(person), position=position,
                          kind=MembershipKind.MEMBER, order=i, start_date=start, end_date=None))
    for i, (person, org, _source) in enumerate(seed.LR_OFFICERS):
        p = _person(person)
        seats.append(dict(board=lr, organisation=orgs[org], role=p.job_title or "Officer", person=p,
                          kind=MembershipKind.SUPPORTING_OFFICER, voting=False, order=i))
    leicester = Board.objects.get(slug="leicester")
    for i, (org, role, person, position, _source) in enumerate(seed.LEICESTER_MEMBERS):
        seats.append(dict(board=leicester, organisation=orgs[org], role=role,
                          person=_person(person) if person else None, position=position,
                          kind=MembershipKind.MEMBER, order=i))
    for i, (org, role, _source) in enumerate(seed.LEICESTER_OFFICERS):
        seats.append(dict(board=leicester, organisation=orgs[org], role=role, person=None,
                          kind=MembershipKind.SUPPORTING_OFFICER, voting=False, order=i))
    for seat in seats:
        BoardMembership.objects.update_or_create(
            board=seat.pop("board"), kind=seat.pop("kind"), order=seat.pop("order"), defaults=seat)
    # Seats that the seed lists no longer hold (e.g. after a correction) are removed.
    for board, members, officers in ((lr, seed.LR_MEMBERS, seed.LR_OFFICERS),
                                     (leicester, seed.LEICESTER_MEMBERS, seed.LEICESTER_OFFICERS)):
        board.memberships.filter(kind=MembershipKind.MEMBER, order__gte=len(members)).delete()
        board.memberships.filter(kind=MembershipKind.SUPPORTING_OFFICER, order__gte=len(officers)).delete()


def load_users() -> None:
    orgs = {o.name: o for o in Organisation.objects.all()}
    for username, first, last, role, scope_kind, scope_key, org, person in seed.DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.daboard.invalid"
        user.organisation = orgs.get(org) if org else None
        user.person = Person.objects.get(name=person) if person else None
        user.is_active = True
        user.set_password(seed.DEMO_PASSWORD)
        user.save()
        scope = {}
        if scope_kind == "board":
            scope["board"] = Board.objects.get(slug=scope_key)
        elif scope_kind == "council":
            scope["council"] = Council.objects.get(gss_code=scope_key)
        elif scope_kind == "organisation":
            scope["organisation"] = orgs[scope_key]
        RoleAssignment.objects.filter(user=user).exclude(role=role).delete()
        ra, _ = RoleAssignment.objects.get_or_create(user=user, role=Role(role), **scope)
        ra.full_clean()


STEPS: list[Step] = [
    ("Councils and districts", load_councils),
    ("Organisations", load_organisations),
    ("People", load_people),
    ("Boards and members", load_boards),
    ("Demo logins", load_users),
]


# Steps that lay synthetic activity relative to the project clock's today (successor
# contracts, returns of the last eight complete quarters, a meeting ahead, a strategy
# review coming up). Everything else is the seeds' public facts.
LIVE_STEPS: set[str] = set()


def register(name: str, func: Callable[[], None], *, live: bool = False) -> None:
    """Add a demo step after the steps above: the apps declare theirs (meetings, contracts,
    returns) in their demo module, named by `demo_steps` on their AppConfig (core.appconfig); `live` marks a step that is
    synthetic and laid relative to today."""
    if name not in {n for n, _ in STEPS}:
        STEPS.append((name, func))
    if live:
        LIVE_STEPS.add(name)


RETURNS_STEP = "Eight quarters of synthetic returns"


def load_all(progress: Callable[[str], None] | None = None, *, skip: tuple[str, ...] = (),
             live: bool = True) -> None:
    """Every demo step in order; `live=False` loads the seeds' facts only."""
    for config in apps.get_app_configs():
        for step in config.declared_demo_steps() if isinstance(config, DaboardAppConfig) else ():
            register(step.title, import_string(step.loader), live=step.live)
    for name, func in STEPS:
        if name in skip or (not live and name in LIVE_STEPS):
            continue
        if progress:
            progress(name)
        with transaction.atomic():
            func()
