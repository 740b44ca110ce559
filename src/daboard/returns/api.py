"""The returns API (django-ninja): providers' systems send returns with a token of their
organisation. The row schema and the rules come from the standard's one declaration."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import File, NinjaAPI, Schema, Status
from ninja.files import UploadedFile
from ninja.security import HttpBearer
from pydantic import ConfigDict, Field, create_model

from daboard.commissioning import queries as contract_queries
from daboard.core.audit import audit_event
from daboard.core.audit_actions import CoreAudit
from daboard.core.periods import Period
from daboard.core.tokens import token_check

from . import services
from .audit_actions import ReturnsAudit
from .models import ReturnSubmission
from .standard import CURRENT as std
from .standard import FOLLOW_UP as fu


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = token_check(token)
        if found is None:
            audit_event(actor=None, action=ReturnsAudit.API_REFUSED, detail={"reason": "bad token"}, request=request)
        return found


api = NinjaAPI(title="daboard API", version="1", urls_namespace="api", docs_url=None, auth=TokenAuth(),
               description="Quarterly monitoring returns (standard version 1). Authenticate with "
                           "`Authorization: Bearer dab_…`, a token of your organisation.")


def _row_model(name: str, columns):
    """One field per column of a standard; every value is text, as in the file."""
    return create_model(
        name, __config__=ConfigDict(extra="forbid"),
        **{c.name: (str | int | None, Field(None if c.required is not True else ..., description=c.description))
           for c in columns})


ReturnRow = _row_model("ReturnRow", std.COLUMNS)
FollowUpRow = _row_model("FollowUpRow", fu.COLUMNS)


class RowsIn(Schema):
    rows: list[ReturnRow]  # type: ignore[valid-type]


class FollowUpRowsIn(Schema):
    rows: list[FollowUpRow]  # type: ignore[valid-type]


class IssueOut(Schema):
    row: int | None
    column: str | None
    cell: str
    value: str | None
    rule: str
    severity: str
    message: str


class AcceptedOut(Schema):
    contract: str
    period: str
    version: int
    rows: int
    duplicate: bool
    warnings: list[IssueOut]


class RejectedOut(Schema):
    errors: list[IssueOut]


class StatusOut(Schema):
    contract: str
    period: str
    versions: list[dict]


class ColumnOut(Schema):
    name: str
    required: str
    type: str
    codes: list[str]
    minimum: int | None
    maximum: int | None
    description: str


def _issues(items) -> list[dict]:
    return [{"row": i.row, "column": i.column, "cell": i.cell, "value": i.value, "rule": i.code,
             "severity": i.severity, "message": i.message} for i in items]


def _contract(request, reference: str):
    token = request.auth
    contract = contract_queries.contracts().filter(reference=reference).first()
    allowed = contract is not None and (
        contract.provider_id == token.organisation_id
        or (token.organisation.council_id and contract.council.duty_council.pk == token.organisation.council_id))
    if not allowed:
        audit_event(actor=None, action=CoreAudit.ACCESS_REFUSED, detail={"api_token": token.prefix, "contract": reference},
                     request=request)
        raise PermissionDenied
    return contract


def _send(request, reference: str, period: str, data, filename: str):
    try:
        period_obj = Period.parse(period)
    except ValueError as exc:
        return Status(400, {"errors": [{"row": None, "column": None, "cell": "", "value": period[:40], "rule": "period",
                                 "severity": "error", "message": str(exc)}]})
    contract = _contract(request, reference)
    try:
        outcome = services.return_accept(acting_user=None, contract=contract, period=period_obj, data=data,
                                         filename=filename, source="api", request=request)
    except PermissionDenied as exc:
        return Status(409, {"errors": [{"row": None, "column": None, "cell": "", "value": None, "rule": "locked",
                                 "severity": "error", "message": str(exc)}]})
    if not outcome.accepted:
        # At most 100 issues a rule are named; one more entry a rule says how many were left out.
        result = outcome.result
        more = [{"row": None, "column": None, "cell": "", "value": str(n), "rule": code, "severity": "error",
                 "message": line} for (code, n), line in zip(result.omitted(), result.omitted_lines(), strict=True)]
        return Status(422, {"errors": _issues(result.errors) + more})
    sub = outcome.submission
    return Status(201, {"contract": contract.reference, "period": sub.period, "version": sub.version, "rows": sub.row_count,
                 "duplicate": outcome.duplicate, "warnings": _issues(outcome.result.warnings)})


@api.exception_handler(PermissionDenied)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.get("/returns/standard", response=list[ColumnOut], auth=None, summary="The columns of the return")
def standard(request):
    return [{"name": c.name, "required": c.required_text, "type": c.kind, "codes": list(c.codes),
             "minimum": c.minimum, "maximum": c.maximum, "description": c.description} for c in std.COLUMNS]


@api.post("/returns/{reference}/{period}/file", response={201: AcceptedOut, 400: RejectedOut, 409: RejectedOut,
                                                          422: RejectedOut}, summary="Send a return as a file")
def send_file(request, reference: str, period: str, file: UploadedFile = File(...)):  # noqa: B008

    limit = settings.DABOARD_MAX_RETURN_UPLOAD_BYTES
    if not file.size or file.size > limit:
        message = (f"The file is larger than daboard takes ({limit // (1024 * 1024)} MB)." if file.size
                   else "The file is empty.")
        return Status(400, {"errors": [{"row": None, "column": None, "cell": "", "value": None,
                                        "rule": "file-too-large" if file.size else "file-empty",
                                        "severity": "error", "message": message}]})
    return _send(request, reference, period, services.upload_data(file), (file.name or "return")[:255])


@api.post("/returns/{reference}/{period}/rows", response={201: AcceptedOut, 400: RejectedOut, 409: RejectedOut,
                                                          422: RejectedOut}, summary="Send a return as JSON rows")
def send_rows(request, reference: str, period: str, body: RowsIn):
    return _send(request, reference, period, _rows_csv(std.COLUMNS, body.rows), "api-rows.csv")


@api.get("/returns/{reference}/{period}", response={200: StatusOut, 400: RejectedOut},
         summary="Versions received for a period")
def status(request, reference: str, period: str):
    try:
        period = str(Period.parse(period))
    except ValueError as exc:
        return Status(400, {"errors": [{"row": None, "column": None, "cell": "", "value": period[:40], "rule": "period",
                                        "severity": "error", "message": str(exc)}]})
    contract = _contract(request, reference)
    versions = [{"version": s.version, "current": s.is_current, "rows": s.row_count, "status": s.status,
                 "submitted_at": s.submitted_at.isoformat(), "comment": s.review_comment}
                for s in ReturnSubmission.objects.filter(contract=contract, period=period).order_by("version")]
    return {"contract": contract.reference, "period": period, "versions": versions}


# --- The follow-up return (optional; standard followup_v1) -------------------------------


# What a follow-up return accepted answers: the same as a quarterly return, under its own
# name in the API's schema (no docstring: it would become the schema's description).
class FollowUpAcceptedOut(AcceptedOut):
    pass


def _send_followup(request, reference: str, period: str, data: bytes, filename: str):
    try:
        period_obj = Period.parse(period)
    except ValueError as exc:
        return Status(400, {"errors": [{"row": None, "column": None, "cell": "", "value": period, "rule": "period",
                                        "severity": "error", "message": str(exc)}]})
    contract = _contract(request, reference)
    outcome = services.followup_accept(acting_user=None, contract=contract, period=period_obj, data=data,
                                       filename=filename, source="api", request=request)
    if not outcome.accepted:
        return Status(422, {"errors": _issues(outcome.result.errors)})
    sub = outcome.submission
    return Status(201, {"contract": contract.reference, "period": sub.period, "version": sub.version,
                        "rows": sub.row_count, "duplicate": outcome.duplicate,
                        "warnings": _issues(outcome.result.warnings)})


@api.get("/follow-ups/standard", response=list[ColumnOut], auth=None, summary="The columns of the follow-up return")
def followup_standard(request):
    return [{"name": c.name, "required": c.required_text, "type": c.kind, "codes": list(c.codes),
             "minimum": c.minimum, "maximum": c.maximum, "description": c.description} for c in fu.COLUMNS]


@api.post("/follow-ups/{reference}/{period}/file", response={201: FollowUpAcceptedOut, 400: RejectedOut,
                                                             422: RejectedOut}, summary="Send a follow-up return as a file")
def send_followup_file(request, reference: str, period: str, file: UploadedFile = File(...)):  # noqa: B008

    if file.size > settings.DABOARD_MAX_RETURN_BYTES:
        return Status(400, {"errors": [{"row": None, "column": None, "cell": "", "value": None, "rule": "file-too-large",
                                        "severity": "error", "message": "The file is larger than daboard takes."}]})
    return _send_followup(request, reference, period, file.read(), file.name or "follow-ups")


@api.post("/follow-ups/{reference}/{period}/rows", response={201: FollowUpAcceptedOut, 400: RejectedOut,
                                                             422: RejectedOut}, summary="Send a follow-up return as JSON rows")
def send_followup_rows(request, reference: str, period: str, body: FollowUpRowsIn):
    return _send_followup(request, reference, period, _rows_csv(fu.COLUMNS, body.rows), "api-follow-ups.csv")


def _rows_csv(columns, rows) -> bytes:
    """Rows sent as JSON, written as the CSV file the same return would be: the standard's
    columns in order, a missing answer blank. Both kinds of return are then checked and
    stored by the one path that takes files."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[c.name for c in columns], lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in r.model_dump().items()})
    return buf.getvalue().encode()
