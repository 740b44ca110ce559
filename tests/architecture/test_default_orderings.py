"""Records read through their parent (a post's history, an action's updates, a board's register
of interests) are sorted by their own columns. A default ordering that names the parent makes
Django sort by the parent's own ordering, which joins the parent, and its parent, to every read
of one parent's records, to sort rows that all share it. (Sorting by another record on
purpose, a register by the person's name, is a join worth its cost.)"""

import pytest

from daboard.board.models import Action, Meeting
from daboard.commissioning.models import Post
from daboard.core.models import Board

READ_THROUGH = [
    (Post, "history", "commissioning_postevent"),
    (Action, "updates", "board_actionupdate"),
    (Board, "interests", "board_interest"),
    (Board, "forward_items", "board_forwarditem"),
    (Meeting, "circulations", "board_circulation"),
    (Meeting, "recordings", "board_recording"),
]


@pytest.mark.parametrize(("parent", "relation", "table"), READ_THROUGH,
                         ids=[f"{p.__name__}.{r}" for p, r, _ in READ_THROUGH])
def test_one_parents_records_are_read_without_joining_the_parent_to_sort_them(parent, relation, table):
    sql = str(getattr(parent(pk=1), relation).all().query)
    assert f'"{table}"' in sql
    assert f'JOIN "{parent._meta.db_table}"' not in sql, f"{parent.__name__}.{relation} joins its parent to sort: {sql}"
