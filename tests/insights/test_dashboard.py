"""The dashboard: officers see unsuppressed figures marked as such; board members never a
count from 1 to 4; the same figures as the CLI."""

import re

import pytest
from django.urls import reverse

from daboard.insights.kpis import Scope, report
from daboard.returns.standard import v1 as std

from .test_kpis import Q1, loaded  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)]


def test_a_board_member_never_sees_a_count_from_one_to_four(loaded, make_user, signed_in):  # noqa: F811
    client = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    html = client.get(reverse("insights:dashboard", args=["E10000018"]), {"period": "2024-25-Q1"}).content.decode()
    assert "[c]" in html and "Unsuppressed" not in html
    values = [c.replace(",", "") for c in cells(html)]
    assert not [v for v in values if v in {"1", "2", "3", "4"}], values
    big = re.findall(r'govuk-heading-xl[^>]*>([^<]+)<', html)
    assert all(v.strip() not in {"1", "2", "3", "4"} for v in big)


def test_an_analyst_sees_unsuppressed_figures_marked_and_the_same_as_the_cli(loaded, make_user, signed_in):  # noqa: F811
    client = signed_in(make_user("analyst", council="E10000018"))
    html = client.get(reverse("insights:dashboard", args=["E10000018"]), {"period": "2024-25-Q1"}).content.decode()
    assert "Unsuppressed figures, for council officers only" in html
    k = report(Q1, Scope(council="E10000018"))
    tiles = [v.strip() for v in re.findall(r'govuk-heading-xl[^>]*>([^<]+)<', html)]
    assert tiles[0] == str(k["cases_active"]) and tiles[1] == str(k["new_referrals"])
    assert tiles[2] == f"{k['engagement_rate'] * 100:.0f}%"


def test_providers_and_other_councils_have_no_dashboard(demo, make_user, signed_in):
    assert signed_in(make_user("provider", organisation="freeva")).get(
        reverse("insights:dashboard", args=["E10000018"])).status_code == 404
    assert signed_in(make_user("commissioner", council="E06000016")).get(
        reverse("insights:dashboard", args=["E10000018"])).status_code == 404


def test_a_bad_period_falls_back_with_a_message_not_an_error(loaded, make_user, signed_in):  # noqa: F811
    html = signed_in(make_user("analyst", council="E10000018")).get(
        reverse("insights:dashboard", args=["E10000018"]), {"period": "nonsense"}).content.decode()
    assert "There is a problem" in html and str(std.Period.parse("2024-25-Q1")) in html


def test_the_dashboard_compares_districts_and_exports_the_viewers_own_figures(loaded, make_user, signed_in):  # noqa: F811
    import csv
    import io

    from daboard.core.models import AuditEntry, Council

    analyst = signed_in(make_user("analyst", council="E10000018"))
    url = reverse("insights:dashboard", args=["E10000018"])
    html = analyst.get(url, {"period": "2024-25-Q1"}).content.decode()
    assert "By district (where people live)" in html and "Charnwood" in html
    rows = list(csv.DictReader(io.StringIO(analyst.get(url, {"period": "2024-25-Q1", "format": "csv"})
                                            .content.decode("utf-8-sig"))))
    assert {"kpi": "cases_active", "code": "", "value": "6", "label": "People supported"} in rows
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    rows = list(csv.DictReader(io.StringIO(member.get(url, {"period": "2024-25-Q1", "format": "csv"})
                                           .content.decode("utf-8-sig"))))
    assert {"kpi": "referrals_accepted", "code": "", "value": "[c]", "label": "Referrals accepted"} in rows
    assert not [r for r in rows if r["value"] in {"1", "2", "3", "4"}]
    assert AuditEntry.objects.filter(action="insights.exported").count() == 2
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(analyst.get(url, {"period": "2024-25-Q1", "format": "xlsx"}).content))
    # the insights' own tables, then those of the sections other apps register (partnership)
    assert wb.sheetnames[:5] == ["KPIs", "Trend", "Providers", "Districts", "Returns"]
    assert "Comparison" in wb.sheetnames
    # A district has no districts: no empty "Districts" sheet or CSV is offered for it.
    district = Council.objects.filter(parent__gss_code="E10000018").first()
    district_url = reverse("insights:dashboard", args=[district.gss_code])
    page = analyst.get(district_url, {"period": "2024-25-Q1"}).content.decode()
    assert "table=Districts" not in page
    wb = load_workbook(io.BytesIO(analyst.get(district_url, {"period": "2024-25-Q1", "format": "xlsx"}).content))
    assert "Districts" not in wb.sheetnames


def test_the_dashboard_shows_which_returns_have_arrived_in_a_bounded_number_of_queries(
        loaded, make_user, signed_in, django_assert_max_num_queries):  # noqa: F811
    client = signed_in(make_user("analyst", council="E10000018"))
    url = reverse("insights:dashboard", args=["E10000018"])
    with django_assert_max_num_queries(60):
        html = client.get(url, {"period": "2024-25-Q1"}).content.decode()
    assert "Returns for 2024-25-Q1" in html and "LCC-DA-08" in html
    assert re.search(r"1 of \d+ returns received", html)


def test_a_districts_providers_table_shows_rates_to_officers_only(loaded, make_user, signed_in):  # noqa: F811
    """For board members, a district's providers table has people and new referrals only:
    a provider's rates over one district's residents rest on too few people to publish."""
    import io

    from openpyxl import load_workbook

    url = reverse("insights:dashboard", args=["E07000130"])
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    html = member.get(url, {"period": "2024-25-Q1"}).content.decode()
    providers = html.split("By provider", 1)[1].split("</table>", 1)[0]
    assert "Engagement" not in providers and "Completion" not in providers
    assert "rest on too few people to publish" in html
    sheet = load_workbook(io.BytesIO(member.get(url, {"period": "2024-25-Q1", "format": "xlsx"}).content))["Providers"]
    assert [c.value for c in sheet[1]] == ["name", "cases_active", "new_referrals"]
    county = member.get(reverse("insights:dashboard", args=["E10000018"]), {"period": "2024-25-Q1"}).content.decode()
    assert "Engagement" in county.split("By provider", 1)[1].split("</table>", 1)[0]
    analyst = signed_in(make_user("analyst", council="E10000018"))
    html = analyst.get(url, {"period": "2024-25-Q1"}).content.decode()
    assert "Engagement" in html.split("By provider", 1)[1].split("</table>", 1)[0]


def test_the_county_dashboard_links_each_district_to_its_own_dashboard(loaded, make_user, signed_in):  # noqa: F811
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    html = member.get(reverse("insights:dashboard", args=["E10000018"]), {"period": "2024-25-Q1"}).content.decode()
    link = reverse("insights:dashboard", args=["E07000130"]) + "?period=2024-25-Q1"
    assert f'href="{link}"' in html
    assert member.get(link).status_code == 200


def test_a_districts_page_says_its_follow_up_figures_are_the_countys(loaded, make_user, signed_in):  # noqa: F811
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    html = member.get(reverse("insights:dashboard", args=["E07000130"]), {"period": "2024-25-Q1"}).content.decode()
    assert "a follow-up return does not say where people live, so they cannot be given for" in html
    county = member.get(reverse("insights:dashboard", args=["E10000018"]), {"period": "2024-25-Q1"}).content.decode()
    assert "cannot be given for" not in county
