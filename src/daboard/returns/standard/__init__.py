"""The monitoring-return standard, one module per version. v1 is in force."""

from . import v1

CURRENT = v1
