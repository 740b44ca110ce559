"""How a return's rows reach the database: in bulk, inside the import's own transaction, so
a failure while they move in leaves nothing behind (no version, no row, no aggregate, no
staging file), and the same file then imports whole."""

import tempfile

import pytest
from django.db import DatabaseError, connection, transaction

from daboard.commissioning.models import Contract
from daboard.insights.models import SubmissionAggregate
from daboard.returns import partitions, services
from daboard.returns.models import CaseRecord, ReturnSubmission

from .conftest import PERIOD, csv_of, row


def _accept(contract, data):
    return services.return_accept(acting_user=None, contract=contract, period=PERIOD, data=data, filename="r.csv",
                                  source="cli")


def _state():
    return (ReturnSubmission.objects.count(), CaseRecord.objects.count(), SubmissionAggregate.objects.count())


def _refuse_case_ref(value: str) -> None:
    """A trigger that refuses one row's insert: the rows before it are already in."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("CREATE FUNCTION test_refuse_row() RETURNS trigger AS $$ BEGIN "
                        f"IF NEW.case_ref = '{value}' THEN RAISE EXCEPTION 'refused mid-way'; END IF; "
                        "RETURN NEW; END $$ LANGUAGE plpgsql")
            cur.execute("CREATE TRIGGER test_refuse_row BEFORE INSERT ON returns_caserecord FOR EACH ROW "
                        "EXECUTE FUNCTION test_refuse_row()")
        else:
            cur.execute("CREATE TRIGGER test_refuse_row BEFORE INSERT ON returns_caserecord "
                        f"WHEN NEW.case_ref = '{value}' BEGIN SELECT RAISE(ABORT, 'refused mid-way'); END")


def _drop_refusal() -> None:
    with connection.cursor() as cur:
        cur.execute("DROP TRIGGER test_refuse_row" + (" ON returns_caserecord" if connection.vendor == "postgresql" else ""))
        if connection.vendor == "postgresql":
            cur.execute("DROP FUNCTION test_refuse_row()")


@pytest.fixture
def committed(transactional_audit, demo):
    """A test whose imports commit (the import is then the outermost transaction, as in
    the web page and the CLI). The flush after it empties the tables; a partition the
    imports made (PostgreSQL) is dropped too, so later tests meet the database as before."""
    made = partitions.partitioned() and not partitions.exists(PERIOD)
    yield
    if made and partitions.exists(PERIOD):
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE {partitions.partition_name(PERIOD)}")


def _staged_here(monkeypatch, tmp_path):
    """The import's TMPDIR, named with characters a file URI must quote."""
    stage = tmp_path / "stage dir?#%"
    stage.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(stage))
    return stage


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_the_rows_move_in_stores_nothing_and_the_same_file_then_imports_whole(
        committed, monkeypatch, tmp_path):
    stage = _staged_here(monkeypatch, tmp_path)
    contract = Contract.objects.get(reference="LCC-DA-08")
    data = csv_of([row(case_ref=f"M-{i:05}") for i in range(3000)] + [row(case_ref="LAST")])
    before = _state()
    _refuse_case_ref("LAST")
    try:
        with pytest.raises(DatabaseError, match="refused mid-way"):
            _accept(contract, data)
    finally:
        _drop_refusal()
    assert _state() == before
    assert list(stage.iterdir()) == []  # the staging file went with it
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA database_list")
            assert not [name for _seq, name, _file in cur.fetchall() if name.startswith("daboard_stage")]  # detached
    outcome = _accept(contract, data)
    assert outcome.accepted and outcome.submission.cases.count() == 3001
    assert list(stage.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_a_return_stored_in_bulk_reads_back_value_for_value(committed):
    contract = Contract.objects.get(reference="LCC-DA-08")
    rows = [row(case_ref="V-1"),
            row(case_ref="V-2", gender="male", transgender="", sexual_orientation="", needs="", closure_date="2024-06-20",
                closure_reason="support_completed", safety_exit="5", wellbeing_exit="6", risk_level_exit="medium",
                abuse_stopped_exit="yes", move_on="private_rented", children_in_household="0", referral_date="2023-01-31")]
    outcome = _accept(contract, csv_of(rows))
    assert outcome.accepted, [i.line() for i in outcome.result.errors]
    stored = {r["case_ref"]: r for r in outcome.submission.cases.values()}
    expected = {r["case_ref"]: r for r in outcome.result.rows.to_dicts()}
    assert set(stored) == {"V-1", "V-2"}
    for ref, values in expected.items():
        got = stored[ref]
        assert {k: got[k] for k in values} == values
        assert (got["submission_id"], got["council_id"], got["provider_id"], got["period"]) == (
            outcome.submission.pk, contract.council_id, contract.provider_id, str(PERIOD))


@pytest.mark.django_db
def test_many_returns_imported_inside_one_transaction_are_all_stored(demo):
    """Inside a caller's transaction (the demo loaded in one) SQLite cannot let go of a
    staging file it has read until that transaction ends; more imports than it can hold
    at once are still stored whole."""
    contract = Contract.objects.get(reference="LCC-DA-08")
    with transaction.atomic():
        for n in range(14):
            outcome = _accept(contract, csv_of([row(case_ref=f"T{n}-{i}") for i in range(n + 1)]))
            assert outcome.accepted and outcome.submission.version == n + 1
            assert outcome.submission.cases.count() == n + 1
    assert CaseRecord.objects.filter(submission__contract=contract, period=str(PERIOD)).count() == sum(range(1, 15))
