"""Every link a page shows its user leads somewhere that user may go.

A page that shows a link the same user is then refused ("Page not found", "Forbidden") tells
them something exists that they may not see, and leaves them at a dead end; one that fails
(a server error) is a bug. For each demo login's role (made as the demo makes it, on the
seeds' database), the test starts at the home page and follows every internal link
(`<a href>` to the same site, GET) breadth first, and fails on any that answers 404, 403,
405 or a server error for that user, naming the role, the page that showed the link and the
link.

To stay fast it reads each address pattern (the route and the view's name) at most twice
per user, a file (PDF, Word, CSV, spreadsheet, calendar, ZIP…) once per pattern without
reading it, and at most MAX_PAGES pages per user. Sign-out is not followed (it is a button,
and a POST); nothing else needs skipping, as no view changes anything on GET
(tests/architecture/test_views_write_nothing.py) but the calendar links' key a page makes
the first time it shows them, which the links then need.
"""

from __future__ import annotations

import os
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from tests.conftest import verified_login

pytestmark = pytest.mark.django_db

LR = "leicestershire-and-rutland"

# The demo's logins (daboard.demo.seed.DEMO_USERS), one per role and scope:
# role name → (role, scope, the user's organisation, the user's person).
DEMO_ROLES: dict[str, tuple[str, dict[str, str], str | None, str | None]] = {
    "clerk": ("secretariat", {"board": LR}, "Leicestershire County Council", "Euan Walters"),
    "commissioner": ("commissioner", {"council": "E10000018"}, "Leicestershire County Council", "Gurjit Samra-Rai"),
    "rutland": ("commissioner", {"council": "E06000017"}, "Rutland County Council", "Sarah Gill"),
    "analyst": ("analyst", {"council": "E10000018"}, "Leicestershire County Council", None),
    "provider": ("provider", {"organisation": "freeva"}, "Freeva", "Claire Weddle"),
    "member": ("board_member", {"board": LR}, "Probation Service", "Bob Bearne"),
    "admin": ("admin", {}, None, None),
}

# Pages read per address pattern and requests per user, at most. A deeper search, to look
# for more than the suite has time for: LINKS_PER_PATTERN=50 LINKS_MAX_PAGES=5000 pytest …
VISITS_PER_PATTERN = int(os.environ.get("LINKS_PER_PATTERN", "2"))
MAX_PAGES = int(os.environ.get("LINKS_MAX_PAGES", "150"))
BROKEN = (403, 404, 405)

# Views that answer with a file rather than a page: fetched once per pattern, never read.
FILE_ENDINGS = (".pdf", ".docx", ".doc", ".csv", ".xlsx", ".xls", ".ics", ".zip", ".json", ".rss", ".pptx", ".odt")
FILE_VIEWS = frozenset({"board:paper", "board:public-paper", "strategy:document", "returns:template",
                        "returns:followup-template", "core:audit-export"})
NEVER_FOLLOW = frozenset({"core:sign-out"})


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_on(page_url: str, html: str) -> list[str]:
    """The same-site addresses (path and query, no fragment) a page links to, in order."""
    parser = _Links()
    parser.feed(html)
    found: list[str] = []
    for href in parser.hrefs:
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        parts = urlsplit(urljoin("http://testserver" + page_url, href))
        if parts.scheme not in ("http", "https") or parts.hostname not in ("testserver", "localhost", "127.0.0.1"):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url not in found:
            found.append(url)
    return found


def is_file(view_name: str, path: str) -> bool:
    return view_name in FILE_VIEWS or path.lower().endswith(FILE_ENDINGS)


def client_for(user) -> Client:
    return verified_login(Client(raise_request_exception=False), user, device="links")


def demo_login(make_user, name: str):
    from daboard.core.models import Organisation, Person, User

    role, scope, organisation, person = DEMO_ROLES[name]
    user = make_user(role, username=f"links-{name}", **scope)
    user.organisation = Organisation.objects.get(name=organisation) if organisation else None
    if person:  # a person has one login: the demo's own gives it up
        user.person = Person.objects.get(name=person)
        User.objects.filter(person=user.person).update(person=None)
    user.save()
    return user


def crawl(client: Client, *, start: str = "/", per_pattern: int = VISITS_PER_PATTERN,
          max_pages: int = MAX_PAGES) -> tuple[list[tuple[str, str, str]], int]:
    """Breadth first from `start`: (page, link, what it answered) for every link that leads
    nowhere, and how many requests were made."""
    static = "/" + settings.STATIC_URL.strip("/") + "/"
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    seen: set[str] = {start}
    per: dict[tuple[str, str], int] = {}
    broken: list[tuple[str, str, str]] = []
    requests = 0
    while queue and requests < max_pages:
        url, shown_on = queue.popleft()
        path = url.split("?", 1)[0]
        if path.startswith(static):
            continue
        try:
            match = resolve(path)
        except Resolver404:
            broken.append((shown_on, url, "no such address (404)"))
            continue
        if match.view_name in NEVER_FOLLOW:
            continue
        file = is_file(match.view_name, path)
        key = (match.route, match.view_name)
        if per.get(key, 0) >= (1 if file else per_pattern):
            continue
        per[key] = per.get(key, 0) + 1
        response = client.get(url)
        requests += 1
        status = response.status_code
        if status in BROKEN or status >= 500:
            broken.append((shown_on, url, f"{status} ({match.view_name})"))
            continue
        if status in (301, 302, 303, 307, 308):
            target = urlsplit(urljoin("http://testserver" + url, response["Location"]))
            if target.path.startswith("/sign-in/"):
                broken.append((shown_on, url, f"sent to sign in ({match.view_name})"))
            elif target.hostname in (None, "testserver"):
                nxt = target.path + (f"?{target.query}" if target.query else "")
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append((nxt, shown_on))
            continue
        if file or response.streaming or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links_on(url, response.content.decode("utf-8", "replace")):
            if link not in seen:
                seen.add(link)
                queue.append((link, url))
    return broken, requests


@pytest.mark.parametrize("role", sorted(DEMO_ROLES))
def test_every_link_a_page_shows_leads_somewhere_its_user_may_go(demo, make_user, role):
    client = client_for(demo_login(make_user, role))
    broken, requests = crawl(client)
    assert requests > 5, f"{role}: the crawl read only {requests} pages"
    assert not broken, f"As the demo's {role}, {len(broken)} links lead nowhere:\n" + "\n".join(
        f"  on {page}: {link} → {answer}" for page, link, answer in broken)
