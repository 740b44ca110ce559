"""Time is an input: one clock, which settings may pin and tests move."""

import datetime as dt
import re
from pathlib import Path

import time_machine
from django.test import override_settings

import daboard
from daboard.core import clock

SRC = Path(daboard.__file__).parent
WALL_CLOCK = re.compile(
    r"timezone\.now\(|localdate\(\)|\bdate\.today\(|datetime\.now\(|datetime\.today\(|datetime\.utcnow\("
    r"|\btime\.time\(|\bauto_now(_add)?\s*=\s*True"
)


def test_no_code_reads_the_wall_clock_except_the_one_clock():
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "clock.py" or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if WALL_CLOCK.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_clock_follows_time_machine_in_tests():
    with time_machine.travel(dt.datetime(2029, 3, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        assert clock.now() == dt.datetime(2029, 3, 31, 23, 30, tzinfo=dt.UTC)
        # 23:30 UTC is 00:30 on 1 April in London (summer time)
        assert clock.today() == dt.date(2029, 4, 1)


def test_a_pinned_day_starts_the_clock_on_that_day_and_lets_it_run():
    clock._offset_cache.clear()
    with time_machine.travel(dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC), tick=False), \
            override_settings(DABOARD_TODAY="2025-06-30"):
        assert clock.today() == dt.date(2025, 6, 30)
        assert clock.now().time() == dt.time(10, 0)
    clock._offset_cache.clear()
