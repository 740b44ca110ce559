"""Production: PostgreSQL, HTTPS, and a refusal to start with any demo shortcut left on."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEMO_SECRET_KEY

DEBUG = os.environ.get("DABOARD_DEBUG", "0") == "1"
DABOARD_TWO_FACTOR_REQUIRED = os.environ.get("DABOARD_TWO_FACTOR_REQUIRED", "1") != "0"
SECRET_KEY = os.environ.get("DABOARD_SECRET_KEY", "")

if DEBUG:
    raise ImproperlyConfigured("Production settings refuse to start with DEBUG on.")
if not DABOARD_TWO_FACTOR_REQUIRED:
    raise ImproperlyConfigured("Production settings refuse to start with two-factor sign-in switched off.")
if os.environ.get("DABOARD_TODAY"):
    raise ImproperlyConfigured("Production settings refuse to start with the clock pinned (DABOARD_TODAY): "
                               "deadlines, retention and the audit log must follow the real date.")
if not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set DABOARD_SECRET_KEY to a random secret of at least 50 characters (not the demo key)."
    )

SECURE_SSL_REDIRECT = os.environ.get("DABOARD_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-daboard_session"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DABOARD_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
