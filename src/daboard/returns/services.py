"""Accepting a return: checked first with no database, then stored whole in one
transaction as a new version, or not at all."""

from __future__ import annotations

import concurrent.futures
import hashlib
import shutil
import tempfile
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, QuerySet

from daboard.commissioning.models import Contract
from daboard.core import clock
from daboard.core.audit import audit_event, audit_record
from daboard.core.audit_actions import AuditAction
from daboard.core.periods import Period

from . import partitions
from . import standard as standards
from .audit_actions import ReturnsAudit
from .models import STORED_COLUMNS, CaseRecord, ReturnSubmission, ReviewStatus
from .queries import period_allowed, period_bounds
from .validate import Result, issue, validate


def residence_codes(contract: Contract) -> set[str]:
    """The districts of the commissioning council (its own code if it has none)."""
    council = contract.council.duty_council
    codes = set(council.districts.values_list("gss_code", flat=True))
    return codes or {council.gss_code}


@dataclass
class Outcome:
    """What became of a file sent in: its check's result, and the version it is stored as
    (None when refused). The quarterly return, the follow-up return and the partners'
    datasets (daboard.partnership) all answer with one."""

    result: Result
    submission: Any = None
    duplicate: bool = False  # the same file as the current version: nothing new stored

    @property
    def accepted(self) -> bool:
        return self.submission is not None


def audit_rejected(*, actor, action: AuditAction, obj, period: Period, result: Result, digest: str,
                   source: str, request=None) -> None:
    """A file refused for its errors stores nothing; the log says so, and which file it was."""
    audit_event(actor=actor, action=action, obj=obj,
                detail={"period": str(period), "errors": len(result.errors), "sha256": digest, "source": source},
                request=request)


def next_version(parent, versions: QuerySet, digest: str, *,
                 check: Callable[[Any], None] | None = None) -> tuple[Any, int]:
    """Make way for a new version of `versions` (one thing's versions for one quarter), in the
    caller's transaction. `parent` is locked first, which serialises the files sent for it:
    the row lock on PostgreSQL, the write lock taken at BEGIN IMMEDIATE on SQLite. Returns
    the current version and 0 when it has the same digest (the same file sent again: nothing
    new is stored); else, once `check(current)` has not refused, None and the next version's
    number, with the current one no longer current."""
    type(parent).objects.select_for_update().filter(pk=parent.pk).first()
    current = versions.filter(is_current=True).first()
    if current is not None and current.sha256 == digest:
        return current, 0
    if check is not None:
        check(current)
    number = (versions.aggregate(n=Max("version"))["n"] or 0) + 1
    versions.filter(is_current=True).update(is_current=False)
    return None, number


def _audit_accepted(*, actor, action: AuditAction, submission, result: Result, digest: str, source: str,
                    request) -> None:
    audit_record(actor=actor, action=action, obj=submission,
                 detail={"rows": result.rows.height, "warnings": len(result.warnings), "source": source,
                         "sha256": digest}, request=request)


def return_check(*, contract: Contract, period: Period, data: bytes | Path, max_bytes: int | None = None) -> Result:
    """Validate without storing anything (a dry run). A quarter the contract cannot have a
    return for (queries.period_allowed) is refused before the file is read."""
    from django.conf import settings

    if not period_allowed(contract, period, clock.today()):
        first, last = period_bounds(contract, clock.today())
        valid = f"{first} to {last}" if first else f"up to {last}"
        return Result(rows=None, issues=[issue("period-outside-contract", value=str(period), valid=valid)])
    return validate(data, period=period, residence_codes=residence_codes(contract),
                    max_bytes=max_bytes or settings.DABOARD_MAX_RETURN_BYTES)


MAX_REPORT_BYTES = 2 * 1024 * 1024


def error_report_store(*, user, result: Result) -> str:
    """Keep the error report of a rejected file for the user who sent it (a file, not a row
    in the database; retention deletes it); returns the token that names it."""
    import secrets

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    token = secrets.token_urlsafe(16)
    default_storage.save(f"reports/{user.pk}/{token}.csv", ContentFile(error_report_bytes(result)))
    return token


def error_report_bytes(result: Result) -> bytes:
    """The error report as CSV: every issue named (at most ISSUES_PER_RULE a rule, each value
    cut short), then a line per rule for how many more there are. Bounded in size whatever
    the file held."""
    from daboard.core.exports import csv_bytes

    rows = [(i.row, i.column, i.cell, i.value, i.code, i.severity, i.message) for i in result.issues]
    rows += [(None, None, "", n, code, result._severity(code), line)
             for (code, n), line in zip(result.omitted("error") + result.omitted("warning"),
                                        result.omitted_lines("error") + result.omitted_lines("warning"), strict=True)]
    data = csv_bytes(["row", "column", "cell", "value", "rule", "severity", "message"], rows)
    return data[:MAX_REPORT_BYTES]


def upload_data(upload) -> bytes | Path:
    """A return as the validator reads it: a large upload is read from the temporary file
    Django streamed it to (never copied whole into memory), a small one from memory."""
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        return Path(path())
    upload.seek(0)
    return upload.read()


# Work a higher app does in the accepting transaction, given (submission, rows): insights
# builds the version's aggregates (registered from InsightsConfig.ready), so returns never
# imports insights.
_ON_ACCEPT: dict[str, Callable] = {}


def register_on_accept(name: str, step: Callable) -> None:
    _ON_ACCEPT[name] = step


def _sha256(data: bytes | Path) -> tuple[str, int]:
    if isinstance(data, Path):
        h = hashlib.sha256()
        with data.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest(), data.stat().st_size
    return hashlib.sha256(data).hexdigest(), len(data)


def return_accept(*, acting_user, contract: Contract, period: Period, data: bytes | Path, filename: str,
                  source: str, request=None) -> Outcome:
    """Store a valid return as the next version for the contract and period. A file with
    any error stores nothing. The same file sent again is the same version (idempotent)."""
    # The file's hash is worked out in a thread (hashlib lets go of Python's lock) while it
    # is checked, so the two reads of the file overlap.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="daboard-hash") as pool:
        hashing = pool.submit(_sha256, data)
        result = return_check(contract=contract, period=period, data=data)
        digest, size = hashing.result()
    if not result.ok:
        audit_rejected(actor=acting_user, action=ReturnsAudit.RETURN_REJECTED, obj=contract, period=period,
                       result=result, digest=digest, source=source, request=request)
        return Outcome(result)
    # SQLite: the rows start on their way to a staging file (a thread of C, no lock on the
    # database) while the version and its aggregates are made.
    staged = Staged(result.rows.select(STORED_COLUMNS)) if connection.vendor == "sqlite" else None
    try:
        partitions.ensure(period)  # PostgreSQL: the quarter's partition, in its own short transaction
        return _accept_in_transaction(acting_user=acting_user, contract=contract, period=period, result=result,
                                      digest=digest, size=size, filename=filename, source=source, request=request,
                                      staged=staged)
    finally:
        if staged is not None:
            staged.close()
        release_staging()  # SQLite: detach the staging file, once the transaction has ended


def _refuse_if_locked(current: ReturnSubmission | None) -> None:
    if current is not None and current.locked:
        raise PermissionDenied("This return has been approved and is locked. Ask the commissioner to unlock it "
                               "before sending a new version.")


def _accept_in_transaction(*, acting_user, contract, period, result, digest, size, filename, source,
                           request, staged: Staged | None) -> Outcome:
    with transaction.atomic():
        resent, version = next_version(contract, ReturnSubmission.objects.filter(contract=contract, period=str(period)),
                                       digest, check=_refuse_if_locked)
        if resent is not None:
            return Outcome(result, resent, duplicate=True)
        submission = ReturnSubmission.objects.create(
            contract=contract, period=str(period), version=version, is_current=True, source=source,
            submitted_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
            filename=filename[:255], sha256=digest, size=size, row_count=result.rows.height,
            warning_count=len(result.warnings))
        # Every KPI's counts for this version (insights registers the builder), in the same
        # transaction; superseding the previous version (is_current above) swaps which
        # aggregates are in use. A step works from the validated rows, never the case
        # table: it runs before the rows go in (on SQLite, while they are being staged).
        for step in _ON_ACCEPT.values():
            step(submission, result.rows)
        store_rows(submission, result.rows, staged=staged)
        _audit_accepted(actor=acting_user, action=ReturnsAudit.RETURN_ACCEPTED, submission=submission, result=result,
                        digest=digest, source=source, request=request)
    return Outcome(result, submission)


def store_rows(submission: ReturnSubmission, rows: pl.DataFrame, *, staged: Staged | None = None) -> None:
    """The version's rows, in bulk, on the import's own connection and in its transaction
    (so a failure anywhere stores nothing): binary COPY on PostgreSQL, a staged
    `INSERT … SELECT` on SQLite. Never a row at a time in Python. The four columns every
    row shares (the submission, its council, provider and period) are constants of the
    statement, not columns of the frame. `staged`: on SQLite, the rows already on their way
    to a staging file (return_accept starts that before its transaction)."""
    constants = {"submission_id": submission.pk, "council_id": submission.contract.council_id,
                 "provider_id": submission.contract.provider_id, "period": submission.period}
    frame = rows.select(STORED_COLUMNS)
    if connection.vendor == "postgresql":
        # Straight into the quarter's partition when it has one (no routing row by row;
        # PostgreSQL still checks each row belongs there), else into the parent.
        table = partitions.partition_name(submission.period) if partitions.partitioned() and \
            partitions.exists(submission.period) else CaseRecord._meta.db_table
        _store_rows_postgresql(table, frame.with_columns(pl.lit(v).alias(k) for k, v in constants.items()))
        return
    if staged is not None:
        _store_rows_sqlite(staged, constants)
        return
    with Staged(frame) as own:
        _store_rows_sqlite(own, constants)


# --- PostgreSQL: binary COPY from Arrow -------------------------------------------------------
#
# The frame's Arrow columns are encoded in PostgreSQL's binary COPY format by pgpq (in Rust,
# a batch at a time), and sent by psycopg's COPY on the import's own connection: inside its
# transaction, with nothing for the server to parse as text. Binary COPY needs each
# column's exact type, so the frame is first cast to the table's own column types.

COPY_BATCH_ROWS = 25_000  # about 9 MB encoded: memory stays flat


def _arrow_types() -> dict[str, pl.DataType]:
    """Each stored column's polars type, from the model: what binary COPY must send."""
    kinds = {"SmallIntegerField": pl.Int16, "IntegerField": pl.Int32, "BigIntegerField": pl.Int64,
             "DateField": pl.Date, "CharField": pl.String}
    types = {}
    for field in CaseRecord._meta.concrete_fields:
        if field.primary_key:
            continue
        target = field.target_field if field.is_relation else field
        kind = "BigIntegerField" if target.get_internal_type() in ("BigAutoField", "AutoField") else \
            target.get_internal_type()
        types[field.column] = kinds[kind]
    return types


def _store_rows_postgresql(table: str, frame: pl.DataFrame) -> None:
    from pgpq import ArrowToPostgresBinaryEncoder

    types = _arrow_types()
    frame = frame.select(pl.col(c).cast(types[c]) for c in frame.columns)
    quoted = ", ".join(connection.ops.quote_name(c) for c in frame.columns)
    # The newest Arrow layout (string views) is polars' own: handed over without a copy.
    arrow = frame.to_arrow(compat_level=pl.CompatLevel.newest())
    encoder = ArrowToPostgresBinaryEncoder(arrow.schema)
    # psycopg's own cursor, wrapped so a refusal is Django's DatabaseError like any other.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
        sql = f"COPY {table} ({quoted}) FROM STDIN WITH (FORMAT binary)"  # noqa: S608 (names are ours)
        with raw.copy(sql) as copy:
            copy.write(encoder.write_header())
            for batch in arrow.to_batches(max_chunksize=COPY_BATCH_ROWS):
                copy.write(encoder.write_batch(batch))
            copy.write(encoder.finish())


# --- SQLite: rows staged by ADBC, moved by one INSERT … SELECT ---------------------------------
#
# Python's sqlite3 binds one row at a time (a million rows of 37 values: 10-50 s). ADBC's
# SQLite driver writes an Arrow frame from C, but on its own connection, so it cannot write
# into the import's transaction. It writes the rows into a staging file of their own (no
# journal, no sync: the file is thrown away), the import's connection attaches that file
# and moves the rows with one INSERT … SELECT inside the transaction, and the file is
# detached and deleted afterwards. A failure at any step rolls back the transaction, and
# the staging file is removed whatever happens.

STAGE_ALIAS = "daboard_stage"


def _stage_sqlite(path: Path, frame: pl.DataFrame) -> None:
    """Write `frame` into table `rows` of a new SQLite file at `path`, by ADBC from Arrow."""
    import adbc_driver_manager
    import adbc_driver_sqlite

    database = adbc_driver_sqlite.connect(str(path))
    try:
        conn = adbc_driver_manager.AdbcConnection(database)
        try:
            for pragma in ("PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF"):
                stmt = adbc_driver_manager.AdbcStatement(conn)
                try:
                    stmt.set_sql_query(pragma)
                    stmt.execute_update()
                finally:
                    stmt.close()
            stmt = adbc_driver_manager.AdbcStatement(conn)
            try:
                stmt.set_options(**{adbc_driver_manager.StatementOptions.INGEST_TARGET_TABLE.value: "rows",
                                    adbc_driver_manager.StatementOptions.INGEST_MODE.value:
                                        adbc_driver_manager.INGEST_OPTION_MODE_CREATE})
                stmt.bind_stream(frame.__arrow_c_stream__())
                stmt.execute_update()
            finally:
                stmt.close()
        finally:
            conn.close()
    finally:
        database.close()


def _attach_stage(cursor, path: Path) -> str | None:
    """Attach the staging file under a free alias, or None when none is free. An alias is
    left attached when the import ran inside a caller's transaction (SQLite cannot detach a
    file read by an open transaction); such aliases are detached here once they can be."""
    attached = _detach_stages(cursor)
    for n in range(_attach_limit()):
        alias = f"{STAGE_ALIAS}_{n}"
        if alias not in attached:
            try:
                # A URI (read-only), its path quoted: TMPDIR may hold any character.
                cursor.execute(f"ATTACH DATABASE %s AS {alias}", [f"file:{urllib.parse.quote(str(path))}?mode=ro"])
            except DatabaseError as exc:
                if "too many attached" in str(exc):
                    return None
                raise
            return alias
    return None


def _attach_limit() -> int:
    import sqlite3

    return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)


def _detach_stages(cursor) -> set[str]:
    """Detach the staging files attached to this connection; returns those still held."""
    cursor.execute("PRAGMA database_list")
    held = set()
    for _seq, name, _file in cursor.fetchall():
        if name.startswith(STAGE_ALIAS):
            try:
                cursor.execute(f"DETACH DATABASE {name}")
            except DatabaseError:  # "database … is locked": read by a transaction still open
                held.add(name)
    return held


def release_staging() -> None:
    """Detach the staging files of this connection's imports once their transaction has
    ended (their files are already deleted; detaching frees the space)."""
    if connection.vendor != "sqlite" or connection.connection is None:
        return
    try:
        with connection.cursor() as cursor:
            _detach_stages(cursor)
    except DatabaseError:  # a broken connection holds nothing to release
        pass


class Staged:
    """A return's rows on their way into a staging file: written by ADBC in a thread of its
    own (C, which lets go of Python's lock; no lock on the database either) from the moment
    this is made. `path()` waits for the file (and raises what the writing raised);
    `close()` waits too, then deletes the file whatever happened."""

    def __init__(self, frame: pl.DataFrame):
        self.frame = frame
        self.directory = Path(tempfile.mkdtemp(prefix="daboard-stage-"))
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="daboard-stage")
        self._writing = self._pool.submit(_stage_sqlite, self.directory / "rows.sqlite3", frame)

    def path(self) -> Path:
        self._writing.result()
        return self.directory / "rows.sqlite3"

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _store_rows_sqlite(staged: Staged, constants: dict) -> None:
    table = CaseRecord._meta.db_table
    columns = staged.frame.columns
    names = columns + list(constants)
    quoted = ", ".join(connection.ops.quote_name(c) for c in names)
    selected = ", ".join([connection.ops.quote_name(c) for c in columns] + ["%s"] * len(constants))
    path = staged.path()
    with connection.cursor() as cursor:
        alias = _attach_stage(cursor, path)
        if alias is None:
            # Every alias is held by earlier imports inside one caller's transaction (a test,
            # or a demo loaded in one transaction): insert from the frame on this connection.
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(names))})"  # noqa: S608 (names are ours)
            values = tuple(constants.values())
            frame = staged.frame.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))  # stored as ISO text
            for chunk in frame.iter_slices(10_000):
                cursor.executemany(sql, (row + values for row in chunk.iter_rows()))
            return
        # Detached by release_staging() when the transaction has ended (SQLite cannot detach a
        # file the open transaction has read); the file itself is deleted by Staged.close().
        cursor.execute(f"INSERT INTO {table} ({quoted}) SELECT {selected} FROM {alias}.rows",  # noqa: S608 (names are ours)
                       list(constants.values()))


@transaction.atomic
def return_review(*, acting_user, submission: ReturnSubmission, decision: str, comment: str = "", request=None) -> None:
    """Approve (which locks it), send back with a comment the provider sees, or unlock."""

    if decision == "approve":
        submission.status, submission.unlocked = ReviewStatus.APPROVED, False
    elif decision == "return":
        if not comment.strip():
            raise ValidationError({"comment": "Say what the provider should change."})
        submission.status = ReviewStatus.RETURNED
    elif decision == "unlock":
        submission.unlocked = True
    else:
        raise ValidationError("Unknown decision.")
    submission.review_comment = comment
    submission.reviewed_by, submission.reviewed_at = acting_user, clock.now()
    submission.save()
    audit_record(actor=acting_user, action=ReturnsAudit(f"return.{decision}"), obj=submission, detail={"comment": comment[:200]},
                 request=request)


@transaction.atomic
def reminder_send(*, acting_user, contract: Contract, period: Period, request=None) -> int:
    """E-mail the provider's users that a return is overdue (once this commits). Returns how
    many it goes to."""
    from daboard.core.mail import email_after_commit
    from daboard.core.models import Role, User

    recipients = list(User.objects.filter(is_active=True, role_assignments__role=Role.PROVIDER,
                                          role_assignments__organisation=contract.provider)
                      .exclude(email="").values_list("email", flat=True).distinct())
    due = period.due_date(contract.council.duty_council.return_due_days)
    if recipients:
        email_after_commit(
            subject=f"Quarterly return overdue: {contract.reference}, {period}",
            body=(f"The quarterly monitoring return for {contract.service} ({contract.reference}) for {period} "
                     f"({period.label}) was due on {due:%-d %B %Y} and has not been received.\n\n"
                     f"Please send it through daboard.\n\n{contract.council.council_name}"),
            recipients=recipients)
    audit_record(actor=acting_user, action=ReturnsAudit.RETURN_REMINDER_SENT, obj=contract,
                 detail={"period": str(period), "recipients": len(recipients)}, request=request)
    return len(recipients)


def return_waive(*, acting_user, contract: Contract, period: Period, reason: str, request=None):
    """Waive a quarter's return that has not arrived: it stops being due or overdue on the
    calendar, the home page, the returns pages and the dashboard's completeness. Only a
    commissioner of the contract's council may; the reason is required and audit-logged.
    Refused, changing nothing, for a quarter the contract has no return for, one not over
    yet, one already received or already waived."""
    from daboard.core.permissions import can
    from daboard.core.text import clean_text

    from .models import ReturnWaiver
    from .queries import completeness

    if not can(acting_user, "return.waive", contract):
        raise PermissionDenied("Only a commissioner of the contract's council may waive its returns.")
    reason = (clean_text(reason) or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this return need not arrive"})
    if len(reason) > WAIVER_REASON_MAX:
        raise ValidationError({"reason": f"The reason must be {WAIVER_REASON_MAX:,} characters or fewer "
                                         f"(it has {len(reason):,})"})
    today = clock.today()
    if not period_allowed(contract, period, today):
        first, last = period_bounds(contract, today)
        raise ValidationError({"period": f"{contract.reference} has no return for {period}: its quarters run "
                                         f"{f'from {first} ' if first else ''}to {last}"})
    with transaction.atomic():
        Contract.objects.select_for_update().filter(pk=contract.pk).first()
        rows = completeness([contract], [period], today)
        state = rows[0].state if rows else None
        if state is None:
            raise ValidationError({"period": f"{contract.reference} did not run in {period}: no return is expected"})
        if state in ("on_time", "late"):
            raise ValidationError({"period": f"The return for {period} has arrived ({rows[0].label.lower()}): "
                                             "there is nothing to waive"})
        if state == "waived":
            raise ValidationError({"period": f"The return for {period} was already waived"})
        if state == "not_yet_due":
            raise ValidationError({"period": f"{period} is not over until {period.last_day:%-d %B %Y}: a return "
                                             "can be waived once its quarter has ended"})
        waiver = ReturnWaiver.objects.create(
            contract=contract, period=str(period), reason=reason,
            waived_by=acting_user if getattr(acting_user, "is_authenticated", False) else None)
        audit_record(actor=acting_user, action=ReturnsAudit.RETURN_WAIVED, obj=contract,
                     detail={"period": str(period), "reason": reason[:200], "was": state}, request=request)
    return waiver


WAIVER_REASON_MAX = 2000


# --- The follow-up return (optional; standard followup_v1) --------------------------------


def followup_check(*, period: Period, data: bytes | Path, max_bytes: int | None = None) -> Result:
    """Validate a follow-up return without storing anything."""
    from django.conf import settings

    from .validate import validate_followup

    return validate_followup(data, period=period, max_bytes=max_bytes or settings.DABOARD_MAX_RETURN_BYTES)


def followup_accept(*, acting_user, contract: Contract, period: Period, data: bytes | Path, filename: str,
                    source: str, request=None) -> Outcome:
    """Store a valid follow-up return as the next version for the contract and quarter, as
    `return_accept` does for the quarterly return: all or nothing, idempotent by hash."""
    from .models import FollowUpRecord, FollowUpSubmission
    fu = standards.followup_for_period(period)

    result = followup_check(period=period, data=data)
    digest, size = _sha256(data)
    if not result.ok:
        audit_rejected(actor=acting_user, action=ReturnsAudit.FOLLOWUP_REJECTED, obj=contract, period=period,
                       result=result, digest=digest, source=source, request=request)
        return Outcome(result)
    with transaction.atomic():
        resent, version = next_version(
            contract, FollowUpSubmission.objects.filter(contract=contract, period=str(period)), digest)
        if resent is not None:
            return Outcome(result, resent, duplicate=True)
        submission = FollowUpSubmission.objects.create(
            contract=contract, period=str(period), version=version, is_current=True, source=source,
            standard_version=fu.VERSION,
            submitted_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
            filename=filename[:255], sha256=digest, size=size, row_count=result.rows.height,
            warning_count=len(result.warnings))
        names = [c.name for c in fu.COLUMNS]
        FollowUpRecord.objects.bulk_create(
            [FollowUpRecord(submission=submission, council_id=contract.council_id, provider_id=contract.provider_id,
                            period=str(period), **dict(zip(names, values, strict=True)))
             for values in result.rows.select(names).iter_rows()], batch_size=2000)
        _audit_accepted(actor=acting_user, action=ReturnsAudit.FOLLOWUP_ACCEPTED, submission=submission, result=result,
                        digest=digest, source=source, request=request)
    return Outcome(result, submission)
