"""The wider picture's pages on the demo: the comparison beside England in the board's
performance report, targets with RAG on the dashboard, a partner's dataset sent with one
mistake, refused with the row and column named, then accepted and charted; the registers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daboard.core.models import AuditEntry, Council
from daboard.core.periods import Period
from daboard.partnership import reference
from daboard.partnership.demo import RUTLAND_CS
from daboard.partnership.models import (
    Contact,
    DatasetSubmission,
    KpiTarget,
    PartnerDataset,
    PublishedFigure,
)

from .ods import ods_bytes

pytestmark = pytest.mark.django_db
BOARD = "leicestershire-and-rutland"
HEADER = "age_band,gender,ethnic_group,single_assessments,assessments_with_domestic_abuse"


@pytest.fixture
def commissioner(demo, make_user, signed_in):
    return signed_in(make_user("commissioner", council="E10000018"))


@pytest.fixture
def member(demo, make_user, client):
    user = make_user("board_member", board=BOARD)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_report_shows_leicestershire_per_10000_beside_england_for_every_year(demo, member):
    from tests.insights.test_kpis import Q1, csv_of  # noqa: F401

    html = member.get(reverse("insights:report", args=["E10000018", "2024-25-Q1"])).content.decode()
    assert "Beside England and other councils" in html
    for year in reference.YEARS:
        assert year in html
    # England per 10,000 in 2023-24: 63,950 / 56,490,048 * 10,000 = 11.32
    assert "11.32 per 10,000" in html and "63,950" in html
    assert "Leicestershire (its providers&#x27; returns)" in html
    assert reference.SOURCE_2024 in html


def test_the_council_own_figure_passes_disclosure_control_for_the_board(demo, member, commissioner, monkeypatch):
    from daboard.partnership import queries

    monkeypatch.setattr(queries, "own_supported", lambda council, years: dict.fromkeys(years, 3))
    council = Council.objects.get(gss_code="E10000018")
    from daboard.insights.queries import view_for

    board = queries.comparison(council, view_for(council, unsuppressed=False))
    line = next(line for line in board["lines"] if line.kind == "council")
    assert set(line.values.values()) == {"[c]"} and set(line.rates.values()) == {"[c]"}
    officer = queries.comparison(council, view_for(council, unsuppressed=True))
    line = next(line for line in officer["lines"] if line.kind == "council")
    assert set(line.values.values()) == {3}


def test_importing_the_ministrys_tables_adds_region_and_neighbours(commissioner):
    url = reverse("partnership:compare-import", args=["E10000018"])
    rows = [["E10000018", "Leicestershire", "East Midlands", 100, 712300],
            ["E06000016", "Leicester", "East Midlands", 60, 368600],
            ["E06000017", "Rutland", "East Midlands", 10, 41000]]
    bad = ods_bytes({"T1": [["ONS code", "Local authority", "Region", "Individuals supported", "Population"],
                            *rows, ["E06000099", "Nowhere", "East Midlands", "lots", 10]]})
    response = commissioner.post(url, {"year": "2023-24", "file": SimpleUploadedFile("t.ods", bad)})
    html = response.content.decode()
    assert "Nothing was stored" in html and "lots" in html and "D5" in html
    assert not PublishedFigure.objects.exists()
    good = ods_bytes({"T1": [["ONS code", "Local authority", "Region", "Individuals supported", "Population"], *rows]})
    response = commissioner.post(url, {"year": "2023-24", "file": SimpleUploadedFile("t.ods", good)})
    assert response.status_code == 302 and PublishedFigure.objects.count() == 3
    html = commissioner.get(reverse("partnership:compare", args=["E10000018"])).content.decode()
    assert "East Midlands (councils with the duty)" in html and "Leicester" in html
    # the region: 170 per 1,121,900 residents
    assert f"{170 * 10_000 / 1_121_900:.2f} per 10,000" in html
    picked = commissioner.get(reverse("partnership:compare", args=["E10000018"]) + "?picks=E06000017").content.decode()
    assert "Rutland" in picked
    assert AuditEntry.objects.filter(action="published.imported").exists()


def test_another_councils_officer_cannot_change_the_figures_leicestershire_compares_itself_with(
        demo, make_user, signed_in):
    # An analyst of Leicester imports a file of their own making: it feeds Leicester's
    # comparison only, never Leicestershire's page or its board's report.
    client = signed_in(make_user("analyst", council="E06000016"))
    forged = (b"ONS code,Local authority,Region,Population,Individuals supported\r\n"
              b"E10000018,Leicestershire,East Midlands,712300,999999\r\n"
              b"E06000016,Leicester,East Midlands,368600,60\r\n")
    response = client.post(reverse("partnership:compare-import", args=["E06000016"]),
                           {"year": "2023-24", "file": SimpleUploadedFile("t.csv", forged)})
    assert response.status_code == 302
    assert "999999" in client.get(reverse("partnership:compare", args=["E06000016"]) + "?format=csv").content.decode()
    client = signed_in(make_user("commissioner", council="E10000018"))
    page = client.get(reverse("partnership:compare", args=["E10000018"]) + "?format=csv").content.decode()
    assert "999999" not in page and "as published by the ministry" not in page
    # Leicestershire's own import does not replace Leicester's.
    own = (b"ONS code,Local authority,Region,Population,Individuals supported\r\n"
           b"E10000018,Leicestershire,East Midlands,712300,100\r\n")
    assert client.post(reverse("partnership:compare-import", args=["E10000018"]),
                       {"year": "2023-24", "file": SimpleUploadedFile("t.csv", own)}).status_code == 302
    assert PublishedFigure.objects.filter(source__is_current=True).count() == 3


def test_targets_show_with_rag_on_the_dashboard(commissioner):
    from daboard.partnership.queries import rag

    assert rag(80.0, 75, "higher", 10) == "green" and rag(70.0, 75, "higher", 10) == "amber"
    assert rag(60.0, 75, "higher", 10) == "red" and rag(25.0, 30, "lower", 10) == "green"
    assert rag(32.0, 30, "lower", 10) == "amber" and rag("[c]", 30, "lower", 10) is None
    response = commissioner.post(reverse("partnership:target-new", args=["E10000018"]),
                                 {"kpi": "cases_active", "year": "2024-25", "value": "1", "direction": "higher",
                                  "amber_margin": "10"})
    assert response.status_code == 302
    assert KpiTarget.objects.filter(kpi="cases_active", year="2024-25").exists()
    from daboard.commissioning.models import Contract
    from daboard.returns import services as returns
    from tests.returns.conftest import csv_of, row

    returns.return_accept(acting_user=None, contract=Contract.objects.get(reference="LCC-DA-08"),
                          period=Period.parse("2024-25-Q1"), data=csv_of([row()]), filename="q.csv", source="cli")
    html = commissioner.get(reverse("insights:dashboard", args=["E10000018"]) + "?period=2024-25-Q1").content.decode()
    # The target's KPI is named as the KPI registry names it everywhere else.
    assert "People supported" in html and "Green: met" in html
    again = commissioner.post(reverse("partnership:target-new", args=["E10000018"]),
                              {"kpi": "cases_active", "year": "2024-25", "value": "2", "direction": "higher",
                               "amber_margin": "10"})
    assert "already has a target" in again.content.decode()
    targets = KpiTarget.objects.count()
    over = commissioner.post(reverse("partnership:target-new", args=["E10000018"]),
                             {"kpi": "engagement_rate", "year": "2031-32", "value": "150", "direction": "higher",
                              "amber_margin": "10"})
    assert "enter 100 or less" in over.content.decode() and KpiTarget.objects.count() == targets


def test_a_partner_file_with_one_mistake_is_refused_then_accepted_and_charted(demo, make_user, signed_in):
    rutland = make_user("board_member", board=BOARD, username="rutland-cs-officer")
    from daboard.core.models import Organisation

    rutland.organisation = Organisation.objects.get(name="Rutland County Council")
    rutland.save()
    client = signed_in(rutland)
    ds = PartnerDataset.objects.get(slug=RUTLAND_CS)
    url = reverse("partnership:dataset-send", args=[BOARD, ds.slug])
    before = DatasetSubmission.objects.count()
    bad = f"{HEADER}\n0_5,female,white,12,4\n6_11,male,white,9,11\n".encode()
    html = client.post(url, {"period": "2025-26-Q1", "file": SimpleUploadedFile("q.csv", bad)}).content.decode()
    assert "Nothing was stored" in html and "assessments_with_domestic_abuse" in html and "E3" in html
    assert "11 is more than single_assessments" in html
    assert DatasetSubmission.objects.count() == before
    good = f"{HEADER}\n0_5,female,white,12,4\n6_11,male,white,9,3\n".encode()
    response = client.post(url, {"period": "2025-26-Q1", "file": SimpleUploadedFile("q.csv", good)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "[c]" in page  # 4 and 3 are small: suppressed for a board member
    # the same file again is the same version
    client.post(url, {"period": "2025-26-Q1", "file": SimpleUploadedFile("q.csv", good)})
    assert DatasetSubmission.objects.filter(dataset=ds, period="2025-26-Q1").count() == 1


def test_the_form_is_checked_by_the_same_engine(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council="E10000018"))
    ds = PartnerDataset.objects.get(slug=RUTLAND_CS)
    url = reverse("partnership:dataset-fill", args=[BOARD, ds.slug])
    data = {"period": "2025-26-Q2", "l1_age_band": "0_5", "l1_gender": "female", "l1_ethnic_group": "white",
            "l1_single_assessments": "x", "l1_assessments_with_domestic_abuse": "2"}
    html = client.post(url, data).content.decode()
    assert "single_assessments &quot;x&quot; is not a whole number" in html
    data["l1_single_assessments"] = "20"
    assert client.post(url, data).status_code == 302
    assert DatasetSubmission.objects.get(dataset=ds, period="2025-26-Q2").source == "form"


def test_the_form_sends_what_was_typed_not_a_spreadsheet_safe_copy(demo, make_user, signed_in):
    # The form's figures are turned into the file a partner would send, not a download: a
    # minus sign typed in the form reaches the checks as typed, and is named as out of range.
    client = signed_in(make_user("commissioner", council="E10000018"))
    ds = PartnerDataset.objects.get(slug=RUTLAND_CS)
    url = reverse("partnership:dataset-fill", args=[BOARD, ds.slug])
    data = {"period": "2025-26-Q2", "l1_age_band": "0_5", "l1_gender": "female", "l1_ethnic_group": "white",
            "l1_single_assessments": "-3", "l1_assessments_with_domestic_abuse": "0"}
    html = client.post(url, data).content.decode()
    assert "single_assessments -3 is out of range" in html and "&#x27;-3" not in html
    assert not DatasetSubmission.objects.filter(dataset=ds, period="2025-26-Q2").exists()


def test_a_code_must_begin_with_a_letter_or_digit_so_no_spreadsheet_reads_it_as_a_formula():
    from daboard.partnership import declared

    for codes in ("+65, under_65", "-1, 0_17", "a, =b"):
        with pytest.raises(declared.DeclarationError):
            declared.parse(f"age | code | {codes} | Age\nn | count | | N")
    assert declared.parse("age | code | 65+, 0-17 | Age\nn | count | | N").fields[0].codes == ("65+", "0-17")


def test_declaring_a_dataset(commissioner):
    url = reverse("partnership:dataset-new", args=[BOARD])
    from daboard.core.models import Organisation

    marac = Organisation.objects.get(name="Leicestershire Police")
    bad = commissioner.post(url, {"name": "MARAC", "partner": marac.pk, "fields": "cases | counts"})
    assert "must be code or count" in bad.content.decode()
    ok = commissioner.post(url, {"name": "MARAC cases", "partner": marac.pk,
                                 "fields": "cases_discussed | count\nrepeat_cases | count\nreferring_agency | code | "
                                           "police, idva, health, children_social_care, other",
                                 "checks": "repeat_cases <= cases_discussed"})
    assert ok.status_code == 302
    ds = PartnerDataset.objects.get(slug="marac-cases")
    assert [f.name for f in ds.declared.measures] == ["cases_discussed", "repeat_cases"]


def test_the_contacts_directory_exports_and_its_reviews_are_on_the_calendar(demo, make_user, signed_in):
    clerk = signed_in(make_user("secretariat", board=BOARD))
    response = clerk.get(reverse("partnership:contacts", args=[BOARD]) + "?format=csv")
    text = response.content.decode()
    assert text.lstrip("\ufeff").startswith("organisation,role,") and "MARAC manager" in text
    calendar = clerk.get(reverse("strategy:calendar", args=["E10000018"]))
    page = calendar.content.decode()
    due = Contact.objects.filter(role="MARAC manager").get()
    assert "Review the contact: MARAC manager, Leicestershire Police" in page
    from daboard.core import clock
    from daboard.strategy.calendar import user_items

    commissioner = make_user("commissioner", council="E10000018")
    keys = {i.key for i in user_items(commissioner, clock.today(), days=30)}
    assert f"contact-review:{due.pk}:{due.review_due.isoformat()}" in keys


def test_the_reciprocal_ledger_balances_without_names_and_suppresses_small_counts(demo, make_user, signed_in, client):
    officer = signed_in(make_user("commissioner", council="E10000018"))
    page = officer.get(reverse("partnership:housing", args=[BOARD])).content.decode()
    assert "DEMO-01" in page and "Balance per partner" in page
    member = make_user("board_member", board=BOARD)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("partnership:housing", args=[BOARD])).content.decode()
    assert "DEMO-01" not in page and "[c]" in page
    from daboard.partnership.models import ReciprocalMove

    assert not {f.name for f in ReciprocalMove._meta.fields} & {"name", "address", "notes", "household_name"}


def test_the_report_pdf_carries_the_comparison_and_the_partner_data(demo, member, tmp_path):
    import subprocess

    data = member.get(reverse("insights:report-pdf", args=["E10000018", "2024-25-Q1"])).content
    path = tmp_path / "report.pdf"
    path.write_bytes(b"".join(data) if not isinstance(data, bytes) else data)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "Beside England and other councils" in text and "11.32 per 10,000" in text
    assert "Rutland children's services: single assessments" in text


def test_the_partner_sends_its_own_dataset_and_no_other_member_does(demo, make_user):
    from daboard.core.models import Organisation
    from daboard.core.permissions import can

    ds = PartnerDataset.objects.get(slug=RUTLAND_CS)
    partner = make_user("board_member", board=BOARD)
    partner.organisation = Organisation.objects.get(name="Rutland County Council")
    partner.save()
    other = make_user("board_member", board=BOARD)
    other.organisation = Organisation.objects.get(name="Leicestershire Police")
    other.save()
    outsider = make_user()  # of Rutland County Council, but with no role at all
    outsider.organisation = partner.organisation
    outsider.save()
    assert can(partner, "dataset.submit", ds) and can(partner, "dataset.view", ds)
    assert not can(other, "dataset.submit", ds) and can(other, "dataset.view", ds)
    assert not can(outsider, "dataset.submit", ds) and not can(outsider, "dataset.view", ds)
    assert can(make_user("secretariat", board=BOARD), "dataset.submit", ds)
    assert not can(make_user("commissioner", council="E06000016"), "dataset.view", ds)


def test_a_quote_in_a_datasets_name_cannot_add_attributes_to_its_chart(demo):
    # A chart's title goes into an attribute of the inline SVG: a name like
    # Q" onload="alert(1) must stay text, on every chart of the money, dashboard and datasets.
    from decimal import Decimal

    from daboard.commissioning.charts import money_chart
    from daboard.commissioning.queries import YearRow
    from daboard.insights.charts import trend_chart
    from daboard.partnership.charts import bar_chart

    hostile = 'Q" onload="alert(1)" x="'
    for svg in (bar_chart(["a"], {hostile: [1]}, title=hostile, unit=hostile),
                trend_chart(["a"], {hostile: [1]}, title=hostile),
                money_chart([YearRow("2024-25", Decimal(2), Decimal(1))], title=hostile)):
        from defusedxml import ElementTree

        root = ElementTree.fromstring(svg)
        assert "onload" not in root.attrib and all("onload" not in e.attrib for e in root.iter())
        assert hostile in (root.get("aria-label") or root.findtext("{http://www.w3.org/2000/svg}title"))
