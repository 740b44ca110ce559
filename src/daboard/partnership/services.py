"""Every write of the wider picture: keyword-only, in one transaction, audited there. A file
with any error stores nothing; the same file sent twice is one version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction

from daboard.core.audit import audit_event, audit_record, snapshot
from daboard.core.models import Board, Council, Organisation
from daboard.core.periods import Period
from daboard.returns.services import Outcome, audit_rejected, next_version
from daboard.returns.validate import Result

from . import declared, published
from .audit_actions import PartnershipAudit
from .models import DatasetSubmission, PartnerDataset, PublishedFigure, PublishedImport

MAX_DATASET_BYTES = 5 * 1024 * 1024
MAX_TABLES_BYTES = 20 * 1024 * 1024


def _user(acting_user):
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


# --- Compare -------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    result: published.Imported
    source: PublishedImport | None = None


def published_import(*, acting_user, council: Council, year: str, data: bytes, filename: str,
                     request=None) -> ImportOutcome:
    """Store the ministry's local-authority figures for one year from its downloaded file for
    the council's comparison, replacing that council's earlier import of the year (never
    another council's); a file with any problem stores nothing."""
    council = council.duty_council
    result = published.read(data, max_bytes=MAX_TABLES_BYTES)
    digest = hashlib.sha256(data).hexdigest()
    if not result.ok:
        audit_event(actor=acting_user, action=PartnershipAudit.PUBLISHED_REJECTED, obj=council,
                     detail={"year": year, "sha256": digest, "problems": len(result.issues)}, request=request)
        return ImportOutcome(result)
    with transaction.atomic():
        PublishedImport.objects.filter(council=council, year=year, is_current=True).update(is_current=False)
        source = PublishedImport.objects.create(council=council, year=year, filename=filename[:255], sha256=digest,
                                                row_count=len(result.rows), imported_by=_user(acting_user))
        PublishedFigure.objects.bulk_create([
            PublishedFigure(source=source, year=year, measure=r.measure, area_code=r.area_code,
                            area_name=r.area_name[:160], region=r.region[:80], population=r.population, value=r.value)
            for r in result.rows], batch_size=2000)
        audit_record(actor=acting_user, action=PartnershipAudit.PUBLISHED_IMPORTED, obj=source,
                     detail={"council": council.gss_code, "year": year, "figures": len(result.rows),
                             "sheets": result.sheets, "sha256": digest},
                     request=request)
    return ImportOutcome(result, source)


# --- Records of the registers and targets -----------------------------------------------


@transaction.atomic
def record_save(*, acting_user, record: models.Model, action: str, request=None) -> models.Model:
    """Validate and save a target, contact, DAHA status or reciprocal move, with its audit
    entry (before and after)."""
    before = None
    if record.pk:
        old = type(record).objects.filter(pk=record.pk).first()
        before = snapshot(old) if old else None
    record.full_clean()
    record.save()
    audit_record(actor=acting_user, action=PartnershipAudit(action), obj=record, before=before, after=snapshot(record), request=request)
    return record


@transaction.atomic
def record_delete(*, acting_user, record: models.Model, action: str, request=None) -> None:
    audit_record(actor=acting_user, action=PartnershipAudit(action), obj=record, before=snapshot(record), request=request)
    record.delete()


# --- Partner datasets ----------------------------------------------------------------------


@transaction.atomic
def dataset_define(*, acting_user, board: Board, partner: Organisation, name: str, slug: str, description: str,
                   declaration: declared.Declaration, source_note: str = "", request=None) -> PartnerDataset:
    """Declare (or re-declare) a board's dataset for a partner. A declaration that would
    change fields once figures have been sent must be a new dataset."""
    dataset = PartnerDataset.objects.filter(board=board, slug=slug).first()
    if dataset and dataset.submissions.exists() and dataset.declaration != declaration.as_json():
        raise ValidationError({"fields": "This dataset already has figures, so its fields cannot change. "
                                         "Declare a new dataset instead."})
    dataset = dataset or PartnerDataset(board=board, slug=slug, created_by=_user(acting_user))
    before = snapshot(dataset) if dataset.pk else None
    dataset.partner, dataset.name, dataset.description = partner, name, description
    dataset.declaration, dataset.source_note = declaration.as_json(), source_note
    dataset.full_clean()
    dataset.save()
    audit_record(actor=acting_user, action=PartnershipAudit.DATASET_DECLARED, obj=dataset, before=before, after=snapshot(dataset),
                 request=request)
    return dataset


def dataset_check(*, dataset: PartnerDataset, data: bytes) -> Result:
    """Validate a partner's file against the dataset's declaration, storing nothing."""
    return declared.validate(data, dataset.declared, max_bytes=MAX_DATASET_BYTES)


def dataset_submit(*, acting_user, dataset: PartnerDataset, period: Period, data: bytes, filename: str = "",
                   source: str = "file", request=None) -> Outcome:
    """Store a valid quarter as the next version; a file with any error stores nothing; the
    same figures sent again are the same version."""
    result = dataset_check(dataset=dataset, data=data)
    digest = hashlib.sha256(data).hexdigest()
    if not result.ok:
        audit_rejected(actor=acting_user, action=PartnershipAudit.DATASET_REJECTED, obj=dataset, period=period,
                       result=result, digest=digest, source=source, request=request)
        return Outcome(result)
    rows = result.rows.to_dicts()
    with transaction.atomic():
        resent, version = next_version(
            dataset, DatasetSubmission.objects.filter(dataset=dataset, period=str(period)), digest)
        if resent is not None:
            return Outcome(result, resent, duplicate=True)
        sub = DatasetSubmission.objects.create(dataset=dataset, period=str(period), version=version, is_current=True,
                                               rows=rows, row_count=len(rows), sha256=digest, filename=filename[:255],
                                               source=source, submitted_by=_user(acting_user))
        audit_record(actor=acting_user, action=PartnershipAudit.DATASET_ACCEPTED, obj=sub,
                     detail={"period": str(period), "version": version, "rows": len(rows), "source": source,
                             "sha256": digest}, request=request)
    return Outcome(result, sub)
