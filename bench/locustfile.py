"""The load test's users (run by bench/load.py): board members reading dashboards and
meeting pages, officers reading dashboards and the performance report, providers sending
a small return. Each signs in once with a password (the demo settings, two-factor off)."""

from __future__ import annotations

import os
import re
from itertools import count

from locust import HttpUser, between, task

PASSWORD = os.environ["LOAD_PASSWORD"]
MEETING = os.environ["LOAD_MEETING_URL"]
RETURN_FILE = open(os.environ["LOAD_RETURN_FILE"], "rb").read()  # noqa: SIM115 (read once, at import)
_numbers = count()


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class Signed(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    prefix = ""

    def on_start(self):
        n = next(_numbers) % 10
        page = self.client.get("/sign-in/", name="sign in")
        with self.client.post("/sign-in/", {"csrfmiddlewaretoken": _csrf(page.text),
                                             "username": f"{self.prefix}{n}", "password": PASSWORD},
                              name="sign in", catch_response=True) as response:
            if "Sign out" not in response.text:
                response.failure("sign-in did not work")


class Member(Signed):
    weight = 10
    prefix = "load-member-"

    @task(3)
    def dashboard(self):
        self.client.get("/dashboard/E10000018/", name="dashboard (member)")

    @task(2)
    def meeting(self):
        self.client.get(MEETING, name="meeting page")

    @task(1)
    def report(self):
        self.client.get("/dashboard/E10000018/report/2024-25-Q1/", name="performance report")


class Officer(Signed):
    weight = 10
    prefix = "load-analyst-"

    @task(3)
    def dashboard(self):
        self.client.get("/dashboard/E10000018/?period=2024-25-Q1", name="dashboard (analyst)")

    @task(1)
    def needs(self):
        self.client.get("/dashboard/E10000018/needs/", name="needs assessment")

    @task(1)
    def home(self):
        self.client.get("/", name="home")


class Provider(Signed):
    weight = 5
    prefix = "load-provider-"

    @task(3)
    def returns_page(self):
        self.client.get("/returns/LCC-DA-08/", name="returns page")

    @task(1)
    def upload(self):
        page = self.client.get("/returns/LCC-DA-08/", name="returns page")
        with self.client.post("/returns/LCC-DA-08/", data={"csrfmiddlewaretoken": _csrf(page.text),
                                                           "period": "2024-25-Q1"},
                              files={"file": ("return.csv", RETURN_FILE, "text/csv")}, name="upload a return",
                              catch_response=True) as response:
            if "There is a problem" in response.text or response.status_code >= 400:
                response.failure(f"upload refused ({response.status_code})")
