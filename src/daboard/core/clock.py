"""The one clock. Nothing else in daboard reads the wall clock.

``now()`` and ``today()`` are what every view, service, report, reminder, retention run
and the demo use for "the present". By default they follow the real clock. Settings may
pin the date (``DABOARD_TODAY``, an ISO date, or the environment variable of the same
name): the clock then starts on that day at the real time of day and runs on from there,
so a demo frozen on a date still has sessions that age and timestamps that move. Tests
pin time with ``time-machine``, which moves this clock with everything else.
"""

from __future__ import annotations

import datetime as dt
import time as _time

from django.conf import settings
from django.utils import timezone

__all__ = ["now", "today", "timestamp", "pinned_offset"]

_offset_cache: dict[str, dt.timedelta] = {}


def pinned_offset() -> dt.timedelta:
    """How far the project's clock is from the real one (zero unless DABOARD_TODAY is set)."""
    pinned = getattr(settings, "DABOARD_TODAY", "") or ""
    if not pinned:
        return dt.timedelta(0)
    if pinned not in _offset_cache:
        day = dt.date.fromisoformat(str(pinned))
        real_today = timezone.localdate(timezone.now())
        _offset_cache[pinned] = dt.timedelta(days=(day - real_today).days)
    return _offset_cache[pinned]


def now() -> dt.datetime:
    """The present moment, timezone-aware (UTC)."""
    return timezone.now() + pinned_offset()


def today() -> dt.date:
    """Today's date in the service's time zone (Europe/London)."""
    return timezone.localdate(now())


def timestamp() -> float:
    """Seconds since the epoch, for session ages and rate limits."""
    return _time.time() + pinned_offset().total_seconds()
