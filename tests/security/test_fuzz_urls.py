"""A fuzz test over the whole URL configuration, built like the access matrix: the routes
are read from the URLconf, so a new route is fuzzed the day it is added.

1. Path parameters: every parameter of every route gets hostile values (long, empty,
   control characters, far dates and quarters, negative and huge numbers, unicode, path
   tricks), for the roles the route serves, anonymous, and a role it refuses.
2. Query strings: every route is read with hostile values for the query parameters views
   read (format, period, table, page, next, q, since, until).
3. Forms: every page is read as each role that may use it; every POST form found in it is
   sent with hostile values in every field (one value across all fields, then each field
   alone), through each of its buttons, and files get hostile files.

No answer may be a server error (5xx). Deterministic: the values and the order are fixed,
and each request runs in a transaction that is rolled back (as in the access matrix)."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tests.returns import hostile
from tests.security import test_access_matrix as matrix
from tests.security.test_access_matrix import EXPECTED, ROLES, client_for, routes

world = matrix.world  # the access matrix's objects and users: one of everything a route can point at

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Routes that end the session or belong to the middle of sign-in; the API has its own fuzzer.
NOT_FUZZED = {"core:sign-out", "core:sign-in-code", "core:two-factor-setup"}

PATH_VALUES = ["", "x" * 3000, "%00%0B", "..", "%2E%2E%2Fetc", "-1", "99999999999999999999", "9999-00-Q4",
               "0000-01-Q1", "0001-02-Q1", "LCC%2FDA", "%C3%A9%F0%9F%99%82%E2%80%AE", "%27%20OR%201%3D1%3Cscript%3E"]
FIELD_VALUES = ["", "x" * 20000, "\x00\x0b\x0c\x1f\x7f<script>alert(1)</script>' OR '1'='1", "-1",
                "99999999999999999999", "-99999999999999999999", "1e309", "9999-12-31", "0001-01-01",
                "9999-00-Q4", "ﷺ𝕏🙂\u202eé%s%n{0}../../etc/passwd"]
QUERY_KEYS = ["format", "period", "table", "page", "next", "q", "since", "until", "year"]
# Each value is sent in every key at once (format=xlsx and format=csv reach the exports).
QUERY_VALUES = ["\x00-1" + "x" * 3000, "99999999999999999999", "9999-00-Q4", "xlsx", "csv", "//evil.example/ﷺ"]
PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def _files():
    return [b"", b"%PDF-1.7 nothing", hostile.xlsx_bad_crc(), hostile.cp1252_ragged(), b"PK\x03\x04junk",
            b"\x00\xff" * 100]


def _url(pattern: str, args: list, hostile_index: int | None = None, value: str = "") -> str:
    values = iter(args)
    out, index = [], 0
    pos = 0
    for m in PARAM.finditer(pattern):
        out.append(pattern[pos:m.start()])
        real = next(values, "1")
        out.append(value if index == hostile_index else quote(str(real), safe=""))
        index += 1
        pos = m.end()
    out.append(pattern[pos:])
    return "/" + "".join(out).lstrip("^").rstrip("$")


def _roles(name: str) -> list[str]:
    read, _write = EXPECTED[name]
    allowed = sorted(read or ())
    refused = [r for r in ROLES if r not in (read or ()) and r != "anonymous"]
    return [*allowed, "anonymous", *refused[:1]]


class _Forms(HTMLParser):
    """The POST forms of a page: action, fields (name → default value, or a file), buttons."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                         "fields": {}, "files": [], "buttons": []}
            self.forms.append(self.form)
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self.form["files"].append(name)
            elif kind == "submit":
                self.form["buttons"].append((name, a.get("value") or "1"))
            elif kind in ("checkbox", "radio"):
                if "checked" in a or name not in self.form["fields"]:
                    self.form["fields"][name] = a.get("value") or "on"
            else:
                self.form["fields"][name] = a.get("value") or ""
        elif tag == "button" and (a.get("type") or "submit") == "submit" and name:
            self.form["buttons"].append((name, a.get("value") or "1"))
        elif tag == "textarea" and name:
            self.textarea = name
            self.form["fields"][name] = ""
        elif tag == "select" and name:
            self.select = name
            self.form["fields"][name] = None
        elif tag == "option" and self.select:
            if self.form["fields"][self.select] is None or "selected" in a:
                self.form["fields"][self.select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.form is not None:
            self.form["fields"][self.textarea] += data


def _request(client, method: str, url: str, data=None):
    with transaction.atomic():
        response = client.get(url) if method == "get" else client.post(url, data or {})
        transaction.set_rollback(True)
    return response


def _fuzzed():
    return {name: pattern for name, pattern in routes().items()
            if not name.startswith("api:") and name not in NOT_FUZZED}


def test_hostile_path_parameters_and_query_strings_never_give_a_server_error(world):
    users, args, *_variants = world
    clients = {role: client_for(role, users) for role in ROLES}
    errors = []
    for name, pattern in sorted(_fuzzed().items()):
        count = len(PARAM.findall(pattern))
        roles = itertools.cycle(_roles(name))
        for index in range(count):
            for value in PATH_VALUES:
                role = next(roles)
                url = _url(pattern, args.get(name, []), index, value)
                response = _request(clients[role], "get", url)
                if response.status_code >= 500:
                    errors.append(f"GET {url[:120]} as {role}: {response.status_code}")
        valid = _url(pattern, args.get(name, []))
        read = sorted(EXPECTED[name][0] or ["anonymous"])
        page = _request(clients[read[0]], "get", valid)
        # Pages: every query key at once, with each hostile value. Files (PDFs and the like,
        # slow to make): two tries.
        values = QUERY_VALUES if "html" in page.get("Content-Type", "") else QUERY_VALUES[:1]
        for value in values:
            role = next(roles)
            url = f"{valid}?{urlencode(dict.fromkeys(QUERY_KEYS, value))}"
            response = _request(clients[role], "get", url)
            if response.status_code >= 500:
                errors.append(f"GET {url[:120]} as {role}: {response.status_code}")
    assert not errors, f"{len(errors)} server errors:\n" + "\n".join(errors[:60])


def test_hostile_values_in_every_field_of_every_form_never_give_a_server_error(world):
    users, args, *_variants = world
    clients = {role: client_for(role, users) for role in ROLES}
    errors, forms_seen = [], 0
    for name, pattern in sorted(_fuzzed().items()):
        read, _write = EXPECTED[name]
        if not read:
            continue
        url = _url(pattern, args.get(name, []))
        role = sorted(read)[0]
        page = _request(clients[role], "get", url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(page.content.decode("utf-8", "replace"))
        for form in parser.forms:
            if form["method"] != "post":
                continue
            target = form["action"] or url
            if target.startswith(("http", "//")) or "sign-out" in target:
                continue
            forms_seen += 1
            buttons = form["buttons"] or [(None, None)]
            fields = list(form["fields"])
            files = _files()
            plans = [{f: value for f in fields} for value in FIELD_VALUES]  # one value everywhere
            plans += [{**{k: v or "" for k, v in form["fields"].items()}, f: value}  # each field alone
                      for f, value in zip(fields, itertools.cycle(FIELD_VALUES[3:]), strict=False)
                      if f != "csrfmiddlewaretoken"]
            for i, plan in enumerate(plans):
                data = dict(plan)
                button = buttons[i % len(buttons)]
                if button[0]:
                    data[button[0]] = button[1]
                for f in form["files"]:
                    data[f] = SimpleUploadedFile("hostile.pdf", files[i % len(files)])
                response = _request(clients[role], "post", target, data)
                if response.status_code >= 500:
                    errors.append(f"POST {target} ({name}) as {role}, {button[0] or 'submit'}: "
                                  f"{str({k: (v if isinstance(v, str) else 'FILE')[:30] for k, v in data.items()})[:300]}")
    assert forms_seen >= 30, forms_seen  # the fuzzer really found the forms
    assert not errors, f"{len(errors)} server errors:\n" + "\n".join(errors[:60])
