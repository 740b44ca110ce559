"""No view writes to the database: every write is a service (`<app>/services.py`,
keyword-only, in a transaction, with its audit entry). This walks the source of every
module that serves requests and fails on any ORM write in it, naming file, line and call."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import daboard

SRC = Path(daboard.__file__).parent

# Modules whose functions answer requests: each app's views, the public site, the API.
VIEW_MODULES = sorted({*SRC.glob("*/views.py"), *SRC.glob("*/views/*.py"), SRC / "board" / "public.py",
                       SRC / "returns" / "api.py"})

# Methods that write through the ORM whatever they are called on.
ORM_WRITES = {"delete", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create",
              "save_m2m", "refresh_from_db_and_save"}
# Methods of related managers that write (obj.members.add(x)); on a plain name (a set) they do not.
RELATED_WRITES = {"add", "remove", "set", "clear"}
# Writes the views must leave to services.
FORBIDDEN_NAMES = {"audit_record", "atomic"}


def writes(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        keywords = {k.arg for k in node.keywords}
        commit_false = any(k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
                           for k in node.keywords)
        bad = (
            name in FORBIDDEN_NAMES
            or (isinstance(func, ast.Attribute) and name in ORM_WRITES)
            # a model's or a form's save; a form's save(commit=False) only builds the instance
            or (isinstance(func, ast.Attribute) and name == "save" and not commit_false)
            # a queryset's update takes field=value keywords; a dict's update takes a mapping
            or (isinstance(func, ast.Attribute) and name == "update" and keywords and not node.args)
            or (isinstance(func, ast.Attribute) and name in RELATED_WRITES and isinstance(func.value, ast.Attribute))
        )
        if bad:
            found.append((node.lineno, ast.unparse(node)[:100]))
    return found


def test_the_walk_finds_every_kind_of_write():
    """The check itself: each way a view could write is caught, and reads are not."""
    source = """
Interest.objects.create(board=b)
form.save()
obj.save(update_fields=["x"])
Meeting.objects.filter(pk=1).update(end_time=t)
meeting.attendance.all().delete()
StandingItem.objects.bulk_create(items)
BoardReport.objects.get_or_create(council=c)
group.members.add(person)
audit_record(actor=u, action=a)
with transaction.atomic():
    pass
"""
    assert len(writes(ast.parse(source))) == 10
    reads = """
form.save(commit=False)
ctx.update({"a": 1})
seen.add(1)
Meeting.objects.filter(pk=1).first()
services.interest_register(acting_user=u)
audit_event(actor=u, action=a)
"""
    assert writes(ast.parse(reads)) == []


@pytest.mark.parametrize("module", VIEW_MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_view_writes_to_the_database(module):
    found = writes(ast.parse(module.read_text(), filename=str(module)))
    assert not found, f"{module.relative_to(SRC)} writes outside a service: " + "; ".join(
        f"line {line}: {code}" for line, code in found)
