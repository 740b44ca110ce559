"""Two uploads of the same contract and quarter at the same moment: both end as complete
versions, numbered in the order they committed, and the higher number is the one in use."""

import threading

import pytest
from django.db import connection

from daboard.commissioning.models import Contract
from daboard.returns import services
from daboard.returns.models import CaseRecord, ReturnSubmission
from daboard.returns.standard import v1 as std
from tests.returns.conftest import csv_of, row

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only, pytest.mark.slow]


def test_two_simultaneous_uploads_both_become_complete_versions_with_one_latest(transactional_audit):
    from daboard.demo.loader import RETURNS_STEP, load_all

    load_all(skip=(RETURNS_STEP,))
    contract = Contract.objects.get(reference="LCC-DA-08")
    period = std.Period.parse("2024-25-Q1")
    files = {"A": csv_of([row(case_ref=f"A{i}") for i in range(300)]),
             "B": csv_of([row(case_ref=f"B{i}") for i in range(500)])}
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def upload(name: str) -> None:
        try:
            start.wait()
            outcome = services.return_accept(acting_user=None, contract=contract, period=period, data=files[name],
                                             filename=f"{name}.csv", source="cli")
            assert outcome.accepted
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(name,)) for name in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    subs = list(ReturnSubmission.objects.filter(contract=contract, period=str(period)).order_by("version"))
    assert [s.version for s in subs] == [1, 2]
    assert [s.is_current for s in subs] == [False, True]
    for s in subs:  # each version complete: every row of its own file, none of the other's
        refs = set(CaseRecord.objects.filter(submission=s).values_list("case_ref", flat=True))
        assert len(refs) == s.row_count and len({r[0] for r in refs}) == 1
    assert subs[1].submitted_at >= subs[0].submitted_at
