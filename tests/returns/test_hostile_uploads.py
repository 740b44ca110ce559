"""Issue 15: a file daboard cannot read gets one clear answer on every way in (web page,
API, command line), the rejection is audited, and nothing is stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from daboard.commissioning.models import Contract
from daboard.core.models import AuditEntry, Organisation
from daboard.returns.models import ReturnSubmission

from . import hostile
from .conftest import PERIOD, csv_of, row

pytestmark = pytest.mark.django_db
NAMES = sorted(hostile.ALL)


@pytest.fixture
def contract(demo):
    return Contract.objects.get(reference="LCC-DA-08")


def rejections() -> int:
    return AuditEntry.objects.filter(action="return.rejected").count()


@pytest.mark.parametrize("name", NAMES)
def test_the_upload_page_answers_a_hostile_file_with_a_clear_error_and_audits_it(contract, make_user, signed_in, name):
    client = signed_in(make_user("provider", organisation="freeva"))
    before = rejections()
    response = client.post(reverse("returns:contract", args=[contract.reference]),
                           {"period": str(PERIOD), "file": SimpleUploadedFile("q1.xlsx", hostile.ALL[name]())})
    page = response.content.decode()
    assert response.status_code == 200 and "The file cannot be read: it " in page and "Nothing was stored" in page
    assert rejections() == before + 1 and not ReturnSubmission.objects.exists()


@pytest.mark.parametrize("name", NAMES)
def test_the_api_answers_a_hostile_file_with_422_and_a_sentence(contract, name):
    from daboard.core.tokens import token_create

    _token, raw = token_create(acting_user=None, organisation=Organisation.objects.get(name="Freeva"), name="CMS")
    before = rejections()
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").post(
        "/api/v1/returns/LCC-DA-08/2024-25-Q1/file", {"file": SimpleUploadedFile("r.xlsx", hostile.ALL[name]())})
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["rule"] == "file-unreadable"
    assert rejections() == before + 1


@pytest.mark.parametrize("name", NAMES)
def test_the_command_line_exits_2_with_a_sentence_for_a_file_it_cannot_read(contract, tmp_path, name):
    path = tmp_path / "r.xlsx"
    path.write_bytes(hostile.ALL[name]())
    before = rejections()
    with pytest.raises(CommandError) as info:
        call_command("returns", "import", str(path), "--contract", contract.reference, "--period", str(PERIOD))
    assert info.value.returncode == 2 and str(info.value).startswith("The file cannot be read: it ")
    assert rejections() == before + 1
    with pytest.raises(CommandError) as info:  # a dry run says the same, and stores and audits nothing
        call_command("returns", "import", str(path), "--contract", contract.reference, "--period", str(PERIOD),
                     "--dry-run")
    assert info.value.returncode == 2 and rejections() == before + 1


def test_a_large_upload_is_validated_from_its_temporary_file_not_read_into_memory(contract, make_user, signed_in,
                                                                                  settings, monkeypatch):
    from daboard.returns import services

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000  # anything larger is streamed to a temporary file
    seen = []
    real = services.return_accept

    def spy(**kwargs):
        seen.append(type(kwargs["data"]).__name__)
        return real(**kwargs)

    monkeypatch.setattr(services, "return_accept", spy)
    client = signed_in(make_user("provider", organisation="freeva"))
    data = csv_of([row(case_ref=f"C{i}") for i in range(20)])
    response = client.post(reverse("returns:contract", args=[contract.reference]),
                           {"period": str(PERIOD), "file": SimpleUploadedFile("q1.csv", data)})
    assert response.status_code == 302 and seen == ["PosixPath"]


def test_the_upload_limit_is_far_below_the_command_lines_and_refused_before_reading(contract, make_user, signed_in,
                                                                                    settings):
    settings.DABOARD_MAX_RETURN_UPLOAD_BYTES = 1000
    assert settings.DABOARD_MAX_RETURN_BYTES > 1000
    client = signed_in(make_user("provider", organisation="freeva"))
    big = csv_of([row(case_ref=f"C{i}") for i in range(20)])
    page = client.post(reverse("returns:contract", args=[contract.reference]),
                       {"period": str(PERIOD), "file": SimpleUploadedFile("q1.csv", big)}).content.decode()
    assert "must be smaller than" in page and not ReturnSubmission.objects.exists()


def test_the_error_report_of_a_file_with_a_million_problems_is_small(contract, make_user, signed_in):
    client = signed_in(make_user("provider", organisation="freeva"))
    rows = [row(case_ref=f"C{i}", gender="x", needs="a;b") for i in range(3000)]
    page = client.post(reverse("returns:contract", args=[contract.reference]),
                       {"period": str(PERIOD), "file": SimpleUploadedFile("q1.csv", csv_of(rows))}).content.decode()
    assert "6,000 problems to fix" in page and "And 5800 more" in page  # 100 named of each of the two rules
    token = page.split("/returns/errors/")[1].split(".csv")[0]
    report = client.get(reverse("returns:error-report", args=[token])).content.decode("utf-8-sig")
    assert report.count(",code-unknown,") == 101 and "and 2,900 more" in report
    assert len(report) < 100_000


def test_the_api_names_the_first_issues_of_each_rule_and_counts_the_rest(contract):
    from daboard.core.tokens import token_create

    _token, raw = token_create(acting_user=None, organisation=Organisation.objects.get(name="Freeva"), name="CMS")
    rows = [row(case_ref=f"C{i}", gender="x") for i in range(250)]
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").post(
        "/api/v1/returns/LCC-DA-08/2024-25-Q1/file", {"file": SimpleUploadedFile("r.csv", csv_of(rows))})
    errors = response.json()["errors"]
    assert response.status_code == 422 and len(errors) == 101
    assert errors[-1]["row"] is None and errors[-1]["value"] == "150" and "and 150 more" in errors[-1]["message"]
