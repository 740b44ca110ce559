"""Tests: two-factor on (as in production), fast hashing, in-memory e-mail."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, database_from_env

DABOARD_TWO_FACTOR_REQUIRED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; argon2 is tested explicitly
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES = {"default": database_from_env(VAR_DIR / "test.sqlite3")}
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": os.environ.get("DABOARD_TEST_FILES", str(VAR_DIR / "test-files"))}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# In-process tests move time with time-machine; only `daboard` subprocesses use the pin.
DABOARD_TODAY = ""
DABOARD_FEEDBACK_MIN_SECONDS = 0  # tests of the minimum set it themselves

# Tests run queued tasks at once (still only after the commit that queues them).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
