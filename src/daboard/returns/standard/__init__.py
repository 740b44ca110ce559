"""The monitoring-return standard, one module per version. v1 is in force; the follow-up
return (followup_v1) is an optional return of its own under v1's rules."""

from . import followup_v1, v1

CURRENT = v1
FOLLOW_UP = followup_v1
