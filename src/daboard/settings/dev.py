"""The demo: SQLite, console e-mail, and two-factor switched off (a red banner says so)."""

from .base import *  # noqa: F403

DABOARD_TWO_FACTOR_REQUIRED = False
DABOARD_DEMO_BANNER = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The demo runs queued tasks at once: no worker to start.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
