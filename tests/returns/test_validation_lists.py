"""The `;`-list check's fast path (one regular expression per column, items split only in
cells it fails) reports exactly what splitting every cell reports."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from daboard.returns import validate as v
from daboard.returns.standard import v1 as std
from daboard.returns.standard.base import Context

COL = std.BY_NAME["needs"]
ITEM = st.one_of(st.sampled_from(COL.codes), st.sampled_from(["", "Safety", "bogus", "safety_", "housing x", "legal."]))
SPACE = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u2003"])
CELL = st.one_of(st.none(), st.lists(st.tuples(SPACE, ITEM, SPACE).map("".join), max_size=4).map(";".join))


def split_every_cell(f: pl.DataFrame) -> list[tuple[int, str]]:
    items = (f.select("__row", pl.col(COL.name).str.split(";").alias("item")).explode("item")
             .with_columns(pl.col("item").str.strip_chars())
             .filter(pl.col("item").is_not_null() & (pl.col("item") != "")))
    bad = items.filter(~pl.col("item").is_in(list(COL.codes)))
    return list(bad.group_by("__row", maintain_order=True).first().iter_rows())  # a cell's first bad item


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(CELL, min_size=1, max_size=30))
def test_the_fast_path_reports_what_splitting_every_cell_reports(cells):
    f = pl.DataFrame({COL.name: cells}, schema={COL.name: pl.Utf8}).with_row_index("__row", offset=2)
    rule = std.RULES["list-code-unknown"]  # the rule as the standard declares it, run as the validator runs it
    checks = v._Checks({COL.name: 5}, {})
    for mask, column, valid, value, quote in rule.checks((COL,), Context()):
        checks.add(mask, rule.code, column, valid, value, quote=quote)
    found = [(i.row, i.value) for i in checks.run(f)]
    assert found == split_every_cell(f)
