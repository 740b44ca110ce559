"""Settings shared by every environment. Environment variables override, see README."""

from __future__ import annotations

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("DABOARD_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("DABOARD_VAR_DIR", BASE_DIR / "var"))

# The demo key: never valid in production (prod.py refuses it).
DEMO_SECRET_KEY = "demo-only-insecure-key-daboard-not-for-real-data"  # noqa: S105
SECRET_KEY = os.environ.get("DABOARD_SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DABOARD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "daboard.core",
    "daboard.board",
    "daboard.commissioning",
    "daboard.returns",
    "daboard.voice",
    "daboard.insights",
    "daboard.partnership",
    "daboard.strategy",
    "daboard.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "daboard.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "daboard.core.middleware.SessionTimeoutMiddleware",
    "daboard.core.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "daboard.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "daboard.urls"
WSGI_APPLICATION = "daboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "daboard.core.context_processors.daboard",
            ],
        },
    },
]


def database_from_env(default_sqlite: Path) -> dict:
    """DATABASE_URL if set (PostgreSQL in production), else SQLite in WAL mode."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        db = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if db["ENGINE"] == "django.db.backends.sqlite3":
            db.update(_sqlite_options())
        elif "postgresql" in db["ENGINE"]:
            # Every query of this workload is small (figures read the aggregates built at
            # import): PostgreSQL's JIT compiles for longer than it would save.
            options = db.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        return db
    default_sqlite.parent.mkdir(parents=True, exist_ok=True)
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite), **_sqlite_options()}


def _sqlite_options() -> dict:
    return {
        "OPTIONS": {
            # WAL lets readers carry on while a return is being imported; IMMEDIATE
            # transactions take the write lock up front so two writers queue, not fail.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    }


DATABASES = {"default": database_from_env(VAR_DIR / "daboard.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:sign-in"
LOGIN_REDIRECT_URL = "core:home"

# --- Sessions -----------------------------------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "daboard_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 60 * 60
# Idle and absolute limits, enforced by core.middleware.SessionTimeoutMiddleware.
DABOARD_SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("DABOARD_SESSION_IDLE_MINUTES", "30")))
DABOARD_SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)

# --- Two-factor and lock-out --------------------------------------------------------
DABOARD_TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "daboard"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Lock the account from that client address only, so an attacker cannot lock out a
# colleague at another address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "daboard.core.net.client_ip"
AXES_LOCKOUT_CALLABLE = "daboard.core.views.auth.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Number of reverse proxies in front of daboard whose X-Forwarded-For we trust.
DABOARD_TRUSTED_PROXY_COUNT = int(os.environ.get("DABOARD_TRUSTED_PROXY_COUNT", "0"))

# --- Security headers (see core.middleware.SecurityHeadersMiddleware for the CSP) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

# --- Static files and uploads -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [SRC_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(VAR_DIR / "files")}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
# Files are served from the package through the finders until `collectstatic` has filled
# STATIC_ROOT (production does that; the demo need not).
warnings.filterwarnings("ignore", message="No directory at")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DABOARD_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
DABOARD_MAX_RECORDING_BYTES = 500 * 1024 * 1024
DABOARD_MAX_RETURN_BYTES = 512 * 1024 * 1024  # the command line (`daboard returns import`), read from disk
# A return sent through the web page or the API: streamed to a temporary file, validated
# from there. A real quarter's return is a few MB.
DABOARD_MAX_RETURN_UPLOAD_BYTES = 50 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("DABOARD_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("DABOARD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DABOARD_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DABOARD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DABOARD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DABOARD_EMAIL_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DABOARD_FROM_EMAIL", "daboard <no-reply@localhost>")

# --- Service ----------------------------------------------------------------------------
DABOARD_SERVICE_NAME = "Domestic abuse partnership board"
DABOARD_DEMO_BANNER = False
# Pin the project clock (daboard.core.clock) to a day, e.g. a demo frozen on 2026-03-31.
DABOARD_TODAY = os.environ.get("DABOARD_TODAY", "")
CSRF_FAILURE_VIEW = "daboard.core.views.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Survivors' feedback (daboard.voice) -------------------------------------------------------
# Where "Exit this page" takes a person: a neutral site (GOV.UK's own example).
DABOARD_EXIT_PAGE_URL = os.environ.get("DABOARD_EXIT_PAGE_URL", "https://www.bbc.co.uk/weather")
# A form sent back sooner than this after it was shown is refused (a person takes longer).
DABOARD_FEEDBACK_MIN_SECONDS = 3
# Submissions one form takes in an hour, whoever sends them.
DABOARD_FEEDBACK_PER_HOUR = 60
# Free-text comments are deleted this many days after review (the answers are kept).
DABOARD_FEEDBACK_TEXT_DAYS = 730

# Links in e-mails sent outside a request (packs, minutes, notices) start with this address.
DABOARD_SITE_URL = os.environ.get("DABOARD_SITE_URL", "http://localhost:8000").rstrip("/")

# Background work (e-mailing packs and minutes) through the django-tasks backport of Django
# 6's tasks framework, queued in the database; `daboard db_worker` runs the queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
