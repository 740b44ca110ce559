"""The board's performance report and the needs assessment: what a board member reads, the
commissioner's commentary, one-step attachment to an agenda, and PDFs with the same figures
as the CLI."""

import datetime as dt
import io
import json
import re
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from daboard.board.models import Board, Meeting
from daboard.core.models import AuditEntry

from .test_kpis import Q1, loaded  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
REPORT = reverse("insights:report", args=["E10000018", "2024-25-Q1"])
NEEDS = reverse("insights:needs", args=["E10000018"])


def cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip().replace(",", "") for c in re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)]


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_renders(data: bytes, tmp_path) -> int:
    """Pages pdftoppm rendered to images."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    return len(list(tmp_path.glob("page*.png")))


def suppressed_cli() -> dict:
    out = io.StringIO()
    call_command("report", "kpis", "--period", "2024-25-Q1", "--council", "E10000018", "--suppress", "--format",
                 "json", stdout=out)
    return json.loads(out.getvalue())


def test_a_board_member_reads_the_report_with_no_count_from_one_to_four(loaded, make_user, signed_in):  # noqa: F811
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    html = member.get(REPORT).content.decode()
    assert "Domestic abuse performance report: Leicestershire" in html and "[c]" in html
    assert not [v for v in cells(html) if v in {"1", "2", "3", "4"}]
    assert "Your commentary" not in html  # members read; the commissioner writes


def test_officers_see_the_report_suppressed_too_because_it_is_the_boards_paper(loaded, make_user, signed_in):  # noqa: F811
    html = signed_in(make_user("analyst", council="E10000018")).get(REPORT).content.decode()
    assert "Unsuppressed" not in html and not [v for v in cells(html) if v in {"1", "2", "3", "4"}]


def test_commentary_appears_in_the_report_and_its_pdf_with_the_same_figures_as_the_cli(
        loaded, make_user, signed_in, tmp_path):  # noqa: F811
    client = signed_in(make_user("commissioner", council="E10000018"))
    response = client.post(REPORT, {"action": "commentary", "summary": "Demand rose after the helpline launch.",
                                    "outcomes": "Completion is lower than planned; see the provider's note."})
    assert response.status_code == 302
    html = client.get(REPORT).content.decode()
    assert "Demand rose after the helpline launch." in html and "Commissioner's commentary" in html
    data = client.get(reverse("insights:report-pdf", args=["E10000018", "2024-25-Q1"])).content
    assert data.startswith(b"%PDF") and pdf_renders(data, tmp_path) >= 2
    text = pdf_text(data, tmp_path)
    assert "Demand rose after the helpline launch." in text
    k = suppressed_cli()
    # The trend table's row for the quarter: people supported, new referrals, cases closed, completion.
    line = next(x for x in text.splitlines() if x.strip().startswith("2024-25-Q1"))
    assert line.split()[1:4] == [str(k["cases_active"]), str(k["new_referrals"]), str(k["cases_closed"])]
    assert not re.search(r"(?<![\d.,-])[1-4](?![\d.,%])\s*$", "\n".join(
        x for x in text.splitlines() if x.strip().startswith("20")), re.M)
    assert AuditEntry.objects.filter(action="report.commentary_saved").exists()


def test_the_commissioner_puts_the_report_on_an_agenda_in_one_step(loaded, make_user, signed_in):  # noqa: F811
    board = Board.objects.get(slug="leicestershire-and-rutland")
    meeting = Meeting.objects.create(board=board, title=board.name, date=dt.date(2031, 3, 21))
    client = signed_in(make_user("commissioner", council="E10000018"))
    response = client.post(REPORT, {"action": "attach", "meeting": meeting.pk})
    assert response.status_code == 302 and response.url == reverse("board:meeting-detail", args=[meeting.pk])
    item = meeting.items.get(title="Performance report 2024-25-Q1: Leicestershire")
    paper = item.papers.get()
    assert paper.title.startswith("Domestic abuse performance report, Leicestershire")
    # A meeting whose agenda is out is refused with the reason.
    meeting.agenda_published_at = dt.datetime(2031, 3, 1, tzinfo=dt.UTC)
    meeting.save()
    html = client.post(REPORT, {"action": "attach", "meeting": meeting.pk}).content.decode()
    assert "There is a problem" in html


def test_only_the_commissioner_writes_commentary(loaded, make_user, signed_in):  # noqa: F811
    for user in (make_user("analyst", council="E10000018"), make_user("board_member", board="leicestershire-and-rutland")):
        assert signed_in(user).post(REPORT, {"action": "commentary", "summary": "x"}).status_code == 404
    assert signed_in(make_user("provider", organisation="freeva")).get(REPORT).status_code == 404


def test_every_report_table_downloads_as_csv_and_excel(loaded, make_user, signed_in):  # noqa: F811
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    csv_text = member.get(REPORT, {"format": "csv", "table": "Providers"}).content.decode("utf-8-sig")
    assert csv_text.startswith("name,cases_active") and "Freeva" in csv_text
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(member.get(REPORT, {"format": "xlsx"}).content))
    # the insights' own tables, then those of the sections other apps register (partnership)
    assert wb.sheetnames[:5] == ["KPIs", "Trend", "Providers", "Districts", "Returns"]
    assert "Comparison" in wb.sheetnames
    assert member.get(REPORT, {"format": "csv", "table": "Nope"}).status_code == 404


# --- Needs assessment -----------------------------------------------------------------------------


def test_the_needs_assessment_compares_units_with_the_council_of_europe_minimum(demo, make_user, signed_in):
    from daboard.core.models import Council
    from daboard.insights.queries import needs_figures, view_for

    leics = Council.objects.get(gss_code="E10000018")
    f = needs_figures(leics, view_for(leics, unsuppressed=True), today=dt.date(2026, 11, 23))
    units = 12 + 8 + 6 + 10 + 6 + 4  # the demo register
    assert f["total_units"] == units and f["population"] == 712_300
    assert f["per_10000"] == pytest.approx(units * 10_000 / 712_300)
    assert f["minimum"] == pytest.approx(71.23) and f["shortfall"] == pytest.approx(71.23 - units)
    blaby = next(d for d in f["districts"] if d["district"].name == "Blaby")
    assert blaby["units"] == 4 and blaby["population"] == 102_900
    # The papers give no next review date for Leicestershire's assessment: none, so never overdue.
    assert f["latest_assessment"].carried_out_by == "SafeLives" and not f["review_overdue"]
    html = signed_in(make_user("board_member", board="leicestershire-and-rutland")).get(NEEDS).content.decode()
    assert "25 family places short of the minimum (71)" in html and "Not in the published papers" in html


def test_unmet_demand_counts_declined_referrals_and_a_member_sees_them_suppressed(loaded, make_user, signed_in):  # noqa: F811
    officer = signed_in(make_user("commissioner", council="E10000018")).get(NEEDS).content.decode()
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland")).get(NEEDS).content.decode()
    row = re.search(r"2024-25-Q1</th>(.*?)</tr>", officer, re.S).group(1)
    assert cells(row) == ["5", "1", "0", "1", "0"]  # new; no capacity (C); needs not met; out of area (D); from out of area
    row = re.search(r"2024-25-Q1</th>(.*?)</tr>", member, re.S).group(1)
    # The quarter has six people: its 5 new referrals go with the rest (see the CLI's test).
    assert cells(row) == ["[c]", "[c]", "0", "[c]", "0"]


def test_the_needs_assessment_pdf_renders(demo, make_user, signed_in, tmp_path):
    data = signed_in(make_user("board_member", board="leicestershire-and-rutland")).get(
        reverse("insights:needs-pdf", args=["E10000018"])).content
    assert pdf_renders(data, tmp_path) >= 1
    text = pdf_text(data, tmp_path)
    assert "Council of Europe minimum" in text and "Refuge 1" in text


def test_the_register_refuses_impossible_schemes_with_clear_messages(demo, make_user, signed_in):
    from daboard.core.models import Council, Organisation
    from daboard.insights.models import AccommodationUnit

    client = signed_in(make_user("commissioner", council="E10000018"))
    url = reverse("insights:unit-new", args=["E10000018"])
    before = AccommodationUnit.objects.count()
    html = client.post(url, {"name": "Refuge 9", "kind": "refuge", "provider": Organisation.objects.get(slug="freeva").pk,
                             "district": Council.objects.get(gss_code="E07000129").pk, "units": "6",
                             "bed_spaces": "3"}).content.decode()
    assert "Bed spaces cannot be fewer than units" in html and AccommodationUnit.objects.count() == before
    html = client.post(url, {"name": "", "kind": "castle", "units": "x"}).content.decode()
    assert "Enter a label for the scheme" in html and "Choose the type from the list" in html
    assert "Select a valid choice" not in html
    response = client.post(url, {"name": "Refuge 9", "kind": "refuge",
                                 "provider": Organisation.objects.get(slug="freeva").pk,
                                 "district": Council.objects.get(gss_code="E07000129").pk, "units": "6",
                                 "bed_spaces": "14"})
    assert response.status_code == 302 and AccommodationUnit.objects.count() == before + 1
    assert signed_in(make_user("board_member", board="leicestershire-and-rutland")).get(url).status_code == 404
    # A Rutland commissioner cannot pick a Leicestershire district (not in the list).
    rutland = signed_in(make_user("commissioner", council="E06000017"))
    html = rutland.post(reverse("insights:unit-new", args=["E06000017"]), {
        "name": "X", "kind": "refuge", "provider": Organisation.objects.get(slug="freeva").pk,
        "district": Council.objects.get(gss_code="E07000129").pk, "units": "1", "bed_spaces": "1"}).content.decode()
    assert "Choose the district from the list" in html


def test_a_needs_assessment_is_recorded_with_its_review_date(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council="E06000017"))
    url = reverse("insights:assessment-new", args=["E06000017"])
    html = client.post(url, {"title": "Rutland needs assessment refresh", "completed_year": "2025",
                             "completed_on": "2024-03-01", "next_review_due": "2028-03-31"}).content.decode()
    assert "The date completed must be in 2025" in html
    assert client.post(url, {"title": "Rutland needs assessment refresh", "completed_year": "2025",
                             "next_review_due": "2028-03-31"}).status_code == 302
    html = client.get(reverse("insights:needs", args=["E06000017"])).content.decode()
    assert "Rutland needs assessment refresh" in html and "31 March 2028" in html and "Overdue" not in html


@pytest.mark.parametrize("quarter", ["running", "ahead"])
def test_there_is_no_report_of_a_quarter_that_has_not_ended(demo, make_user, signed_in, quarter):
    from daboard.core import clock
    from daboard.core.periods import Period

    period = Period.of(clock.today()) if quarter == "running" else Period.of(clock.today()).next().next()
    client = signed_in(make_user("commissioner", council="E10000018"))
    for name in ("insights:report", "insights:report-pdf"):
        assert client.get(reverse(name, args=["E10000018", str(period)])).status_code == 404, name
    finished = Period.of(clock.today()).previous()
    assert client.get(reverse("insights:report", args=["E10000018", str(finished)])).status_code == 200
