"""Backup and restore round-trip a loaded demo: every table's rows come back identical."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from daboard.core.backup import table_fingerprints

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_a_backup_restored_after_damage_gives_back_every_table_exactly(transactional_audit, tmp_path):
    from daboard.commissioning.models import Contract
    from daboard.demo.loader import RETURNS_STEP, load_all
    from daboard.insights.models import AccommodationUnit
    from daboard.returns import services
    from daboard.returns.standard import v1 as std
    from tests.returns.conftest import csv_of, row

    load_all(skip=(RETURNS_STEP,))
    services.return_accept(acting_user=None, contract=Contract.objects.get(reference="LCC-DA-08"),
                           period=std.Period.parse("2024-25-Q1"), data=csv_of([row(), row(case_ref="B")]),
                           filename="q1.csv", source="cli")
    before = table_fingerprints()
    assert before["returns_caserecord"][0] == 2 and before["board_meeting"][0] > 0
    path = tmp_path / "daboard.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    assert path.stat().st_size > 0
    # Damage: lose a register line, change a contract.
    AccommodationUnit.objects.all().delete()
    Contract.objects.filter(reference="LCC-DA-08").update(service="changed")
    assert table_fingerprints() != before
    call_command("restore", str(path), stdout=io.StringIO())
    after = table_fingerprints()
    differ = {t for t in before if before[t] != after.get(t)} - {"core_auditentry"}
    assert not differ, differ
    # The audit log got one line for the backup after the fingerprint; nothing else.
    assert after["core_auditentry"][0] == before["core_auditentry"][0] + 1


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "x.backup"
    bogus.write_bytes(b"not a backup at all")
    with pytest.raises(CommandError):
        call_command("restore", str(bogus))
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "missing.backup"))
