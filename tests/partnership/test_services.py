"""Writes of the wider picture: a rejected file changes nothing and is audited; the same
figures twice are one version; a corrected quarter is a new version with the old kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daboard.core.models import AuditEntry
from daboard.core.periods import Period
from daboard.partnership import declared, services
from daboard.partnership.demo import RUTLAND_CS
from daboard.partnership.models import DatasetSubmission, PartnerDataset

HEADER = "age_band,gender,ethnic_group,single_assessments,assessments_with_domestic_abuse"
Q = Period.parse("2025-26-Q1")


@pytest.mark.django_db
def test_versions_of_a_partners_quarter(demo):
    ds = PartnerDataset.objects.get(slug=RUTLAND_CS)
    bad = services.dataset_submit(acting_user=None, dataset=ds, period=Q, data=f"{HEADER}\n0_5,female,white,1,2\n".encode())
    assert not bad.accepted and not DatasetSubmission.objects.filter(dataset=ds, period=str(Q)).exists()
    assert AuditEntry.objects.filter(action="dataset.rejected").count() == 1
    first = services.dataset_submit(acting_user=None, dataset=ds, period=Q, data=f"{HEADER}\n0_5,female,white,9,2\n".encode())
    again = services.dataset_submit(acting_user=None, dataset=ds, period=Q, data=f"{HEADER}\n0_5,female,white,9,2\n".encode())
    assert again.duplicate and again.submission.pk == first.submission.pk
    second = services.dataset_submit(acting_user=None, dataset=ds, period=Q, data=f"{HEADER}\n0_5,female,white,9,3\n".encode())
    versions = DatasetSubmission.objects.filter(dataset=ds, period=str(Q)).order_by("version")
    assert [(v.version, v.is_current) for v in versions] == [(1, False), (2, True)]
    assert second.submission.rows == [{"age_band": "0_5", "gender": "female", "ethnic_group": "white",
                                       "single_assessments": 9, "assessments_with_domestic_abuse": 3}]


@pytest.mark.django_db
def test_a_dataset_with_figures_keeps_its_fields(demo):
    from django.core.exceptions import ValidationError

    ds = PartnerDataset.objects.get(slug=RUTLAND_CS)
    with pytest.raises(ValidationError):
        services.dataset_define(acting_user=None, board=ds.board, partner=ds.partner, name=ds.name, slug=ds.slug,
                                description="", declaration=declared.parse("contacts | count"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=80))
def test_any_declaration_text_is_a_declaration_or_named_problems(fields, checks):
    try:
        d = declared.parse(fields, checks)
    except declared.DeclarationError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
    else:
        assert d.measures and declared.parse(*d.as_lines()) == d
