"""Django settings for aicert, read from the environment (12-factor).

``AICERT_ENV`` is ``development`` (default: the demo and the test suite) or ``production``.
Production refuses to start without its secrets (SECRET_KEY, ALLOWED_HOSTS, FIELD_ENCRYPTION_KEY).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("AICERT_VAR_DIR", PROJECT_DIR / "var"))

AICERT_ENV = os.environ.get("AICERT_ENV", "development")
if AICERT_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("AICERT_ENV must be 'development' or 'production'.")
IS_PRODUCTION = AICERT_ENV == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _require(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when AICERT_ENV=production.")
    return value


DEBUG = _env_bool("DEBUG", default=not IS_PRODUCTION)
if IS_PRODUCTION:
    SECRET_KEY = _require("SECRET_KEY")
    ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS") or _require("ALLOWED_HOSTS").split(",")
    # Fernet key (urlsafe base64, 32 bytes) for personal data encrypted at rest.
    FIELD_ENCRYPTION_KEY = _require("FIELD_ENCRYPTION_KEY")
    # Where people reach the site: e-mails carry absolute links (a task has no request).
    AICERT_SITE_URL = _require("AICERT_SITE_URL")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HTTPS only: plain HTTP is redirected, and browsers are told to remember that for a year
    # (lower SECURE_HSTS_SECONDS while first trying a new domain; HSTS is hard to take back).
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # Joining the browsers' HSTS preload list is the operator's decision, made outside the app.
    SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", default=False)
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
else:
    # Development-only keys; production never falls back to them (see above).
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-insecure-aicert-key-not-for-production")
    ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    FIELD_ENCRYPTION_KEY = os.environ.get(
        "FIELD_ENCRYPTION_KEY", "ZGV2LW9ubHktYWljZXJ0LWZpZWxkLWtleS0zMmJ5dGU="
    )
    AICERT_SITE_URL = os.environ.get(
        "AICERT_SITE_URL", f"http://{os.environ.get('AICERT_DEMO_ADDR', '127.0.0.1:8000')}"
    )

CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")

# The Ed25519 key that signs verifiable credentials, as a Multikey secret ("z3u2..."): from the
# environment, or a file holding it. Production refuses to start without one; elsewhere a key is
# generated into var/ on first use. Rotate with `aicert signing_key_rotate`.
AICERT_SIGNING_KEY = os.environ.get("AICERT_SIGNING_KEY", "")
AICERT_SIGNING_KEY_FILE = os.environ.get(
    "AICERT_SIGNING_KEY_FILE", "" if IS_PRODUCTION else str(VAR_DIR / "signing-key.multikey")
)
if IS_PRODUCTION and not (AICERT_SIGNING_KEY or AICERT_SIGNING_KEY_FILE):
    raise ImproperlyConfigured(
        "AICERT_SIGNING_KEY or AICERT_SIGNING_KEY_FILE must be set when AICERT_ENV=production."
    )
# The issuer named in every credential (its profile is at /credentials/issuer).
AICERT_ISSUER_NAME = os.environ.get("AICERT_ISSUER_NAME", "aicert AI 專業能力認證")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "aicert.audit",
    "aicert.accounts",
    "aicert.catalog",
    "aicert.centers",
    "aicert.itembank",
    "aicert.portal",
    "aicert.scheduling",
    "aicert.registration",
    "aicert.payments",
    "aicert.delivery",
    "aicert.scoring",
    "aicert.results",
    "aicert.analysis",
    "aicert.ops",
    # Newer apps after the older ones: for a msgid in two apps' catalogues the earlier app's
    # translation wins, so a new app must not change words the exam screens already use (give
    # its own meaning a context with pgettext instead).
    "aicert.selfassess",
    "aicert.promotion",
    "aicert.reports",
    "aicert.credentials",
    "aicert.talent",
]
if not IS_PRODUCTION:
    # The demo (seed_demo, demo_totp, seed_marking_demo) exists only outside production: no
    # production module imports it, and its commands are not there to run by mistake.
    INSTALLED_APPS.append("aicert.demo")
    # The demo's data files (the item bank as a QTI 3.0 content package, a sample bank
    # statement): data, not code, kept in the repository's demo/ folder.
    AICERT_DEMO_DATA_DIR = Path(os.environ.get("AICERT_DEMO_DATA_DIR", PROJECT_DIR / "demo"))

MIDDLEWARE = [
    # First: every request (even a redirected one) gets its id and its timing.
    "aicert.ops.middleware.RequestObservabilityMiddleware",
    # Read-only pages (READ_REPLICA_URL_NAMES) read from the replica when there is one.
    "aicert.shared.replica.ReadReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The exam player's clock poll in one statement; anything but the plain case falls through.
    "aicert.delivery.clock_poll.ClockPollMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "aicert.portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "aicert.accounts.middleware.StaffMfaRequiredMiddleware",
]

# Django's database sessions, loaded on every request with one plain query (no ORM).
SESSION_ENGINE = "aicert.accounts.sessions"

ROOT_URLCONF = "aicert.urls"
WSGI_APPLICATION = "aicert.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aicert.portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'aicert.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the write lock instead of failing at once under concurrent requests.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20})
# A streaming replica for read-only pages (aicert.shared.replica): the public calendar,
# certificate verification and the reports dashboards read there (URL names by prefix);
# writes, exams and everything else stay on the primary. Tests mirror it onto the test database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["aicert.shared.replica.PrimaryReplicaRouter"]
READ_REPLICA_URL_NAMES = _env_list(
    "READ_REPLICA_URL_NAMES",
    "scheduling:session_calendar,scheduling:session_ical,scheduling:session_detail,"
    "credentials:verif,reports:",
)
# Always read on the primary, even on a read-only page: sessions (a new one may not have
# reached the replica yet, and the visitor would look signed out).
READ_REPLICA_PRIMARY_APPS = ["sessions"]
# PgBouncer in transaction mode (DATABASE_TRANSACTION_POOLING=1): a transaction may run on any
# server connection, so nothing may outlive one. Django then opens no server-side cursors
# (named cursors live across transactions); psycopg binds parameters client-side (Django's
# default, so no prepared statements); and the servers run in UTC, so Django issues no SET TIME
# ZONE (a session setting pgbouncer would not carry over). Connections from Django to PgBouncer
# itself may persist (DB_CONN_MAX_AGE): PgBouncer hands the server connection back after each
# transaction.
if _env_bool("DATABASE_TRANSACTION_POOLING", default=False):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
        _database["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Signs people in (email + password): allauth's backend, whose user load also says whether
    # the user holds a staff role (one query a request, not two; see the module). Its
    # model-permission half is unused (no per-user perms).
    "aicert.accounts.backends.AuthenticationBackend",
    # Answers every permission question (roles + organisation scope).
    "aicert.accounts.permissions.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: email is the login; verification is mandatory; rate limits on login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key", "signup": "20/h/ip"}
ACCOUNT_ADAPTER = "aicert.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[aicert] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "aicert"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGIN_URL = "account_login"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "aicert <no-reply@aicert.example>")

# Background work (e-mails, scheduled jobs). Production queues tasks in the database and runs
# them in `aicert db_worker`, so a registration rush never waits for a mail server; the demo and
# the tests run each task at once (after the transaction commits) so nothing needs a worker.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if AICERT_ENV == "production"
            else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# A task a worker claimed and has not finished after this long is taken for abandoned (the
# worker was killed) and queued again (aicert.ops.services.task_results_requeue_stale).
TASKS_RUNNING_STALE_SECONDS = int(os.environ.get("TASKS_RUNNING_STALE_SECONDS", "900"))

# Registration: how long a seat freed for the next person on a waiting list is kept for them.
REGISTRATION_WAITLIST_OFFER_HOURS = int(os.environ.get("REGISTRATION_WAITLIST_OFFER_HOURS", "48"))

# Promotion: subscribers' mails go in batches of this many per task, paced to this many a
# minute when the task backend can defer (the database queue in production).
PROMOTION_MAILING_BATCH = int(os.environ.get("PROMOTION_MAILING_BATCH", "200"))
PROMOTION_MAILS_PER_MINUTE = int(os.environ.get("PROMOTION_MAILS_PER_MINUTE", "600"))

# Credentials: public look-ups (verification page, QR link) one address may make per window
# before it is told to wait (stops enumerating certificate numbers).
CREDENTIALS_VERIFY_LIMIT = int(os.environ.get("CREDENTIALS_VERIFY_LIMIT", "30"))
CREDENTIALS_VERIFY_WINDOW_SECONDS = int(os.environ.get("CREDENTIALS_VERIFY_WINDOW_SECONDS", "600"))

# Payments (aicert.payments): the provider candidates pay through ("bank_transfer"), the
# collection bank and the 4-digit virtual-account prefix it assigned to the foundation, and how
# many days a registration may stay unpaid (never past the session's registration close).
PAYMENT_PROVIDER = os.environ.get("PAYMENT_PROVIDER", "bank_transfer")
PAYMENTS_BANK_CODE = os.environ.get("PAYMENTS_BANK_CODE", "812")
PAYMENTS_BANK_NAME = os.environ.get("PAYMENTS_BANK_NAME", "")
PAYMENTS_VIRTUAL_ACCOUNT_PREFIX = os.environ.get("PAYMENTS_VIRTUAL_ACCOUNT_PREFIX", "9527")
PAYMENTS_PAYEE_NAME = os.environ.get("PAYMENTS_PAYEE_NAME", "財團法人台灣人工智慧學校基金會")
PAYMENTS_DUE_DAYS = int(os.environ.get("PAYMENTS_DUE_DAYS", "3"))

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", _("Traditional Chinese")), ("en", _("English"))]
# The project catalogue first (makemessages writes to the first entry), then hand-kept
# corrections of Django's and allauth's own messages (see that catalogue's header).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "aicert_language"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Logs go to standard output, one line per record; ``AICERT_LOG_FORMAT=json`` (the default in
# production) makes each line a JSON object with the request id, for a log collector.
AICERT_LOG_FORMAT = os.environ.get("AICERT_LOG_FORMAT", "json" if IS_PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "aicert.ops.middleware.RequestIdLogFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": AICERT_LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per task state change; the test script quietens it so failures stay readable.
    "loggers": {"django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "INFO")}},
}
# /metrics: with a token, Prometheus sends it as a bearer token; without, only this machine.
AICERT_METRICS_TOKEN = os.environ.get("AICERT_METRICS_TOKEN", "")
