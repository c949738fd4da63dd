"""CreditDesk settings: one module, every value read from the environment.

Defaults serve a first look on a laptop (SQLite under var/, Celery eager, DEBUG on).
Production sets DEBUG=false and must then provide SECRET_KEY and ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Reverse proxies in front of the app: the client address is then the n-th from the right of
# X-Forwarded-For (lockout, throttling and the security log use it). 0: REMOTE_ADDR.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, found by FORM_RENDERER below
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "sequences",
    # CreditDesk, ground floor first: apps import only from apps listed above them.
    "creditdesk",
    "customers",
    "guarantees",
    "loans",
    "postloan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "creditdesk.middleware.SessionLifetimeMiddleware",
    "creditdesk.middleware.RefusalLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the login view's answer and turns a lockout into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "creditdesk.urls"
WSGI_APPLICATION = "creditdesk.wsgi.application"

# Widgets render through TEMPLATES, so templates/django/forms/ may override one in one place
# (the empty choice of every select reads 请选择 / "Choose…", not "---------").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "creditdesk.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'creditdesk.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must survive a small office's concurrent writes: readers do not
    # block the writer (WAL), a writer waits for the lock instead of failing at once (busy
    # timeout), and a transaction takes the write lock when it begins (IMMEDIATE), so two
    # transactions never deadlock upgrading a read lock ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if env.str("TEST_DATABASE_NAME", default=""):
    # Lets two test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "creditdesk.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# django-axes counts failed logins (site and admin) before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the bank's staff work in Chinese; English for head-office IT and auditors.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages come from the npm registry at install time (package-lock.json).
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]

MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploads and generated files: local disk by default; S3-compatible object storage when
# AWS_STORAGE_BUCKET_NAME is set, so several web and worker machines share them.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _media_backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _media_backend = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_backend,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Lists count their rows exactly up to this many; above it they show the planner's estimate
# (creditdesk.paging): a COUNT(*) of a whole bank's loans per request costs seconds.
LIST_EXACT_COUNT_UP_TO = env.int("LIST_EXACT_COUNT_UP_TO", default=10_000)
# Customer exports of more rows than this are written by a Celery task, not in the request.
EXPORT_IN_REQUEST_UP_TO = env.int("EXPORT_IN_REQUEST_UP_TO", default=5_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CreditDesk <creditdesk@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run eagerly in the calling process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With acks_late, Redis hands an unacknowledged task to another worker after the visibility
# timeout: every task's hard time limit stays below it, or a long run would be run twice
# (creditdesk/tests/test_celery_limits.py checks it).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 4 * 3600}
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# The nightly job (postloan.nightly): hard and soft limits of its task, in seconds.
NIGHTLY_TIME_LIMIT = env.int("NIGHTLY_TIME_LIMIT", default=2 * 3600)
NIGHTLY_SOFT_TIME_LIMIT = NIGHTLY_TIME_LIMIT - 300
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Nightly jobs (Asia/Shanghai), after the branches close and before staff arrive. Each task
# is thin: it calls one service, which writes a history row for every record it changes.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "expire-credit-lines": {
        "task": "customers.tasks.expire_credit_lines",
        "schedule": crontab(hour=1, minute=0),
    },
    # Overdue state, large loans, classification floor and alerts (supersedes mark-overdue).
    "postloan-nightly": {
        "task": "postloan.tasks.nightly",
        "schedule": crontab(hour=1, minute=30),
    },
    # The morning mail of what landed on each manager and branch head (after the job).
    "postloan-daily-digest": {
        "task": "postloan.tasks.send_daily_digest",
        "schedule": crontab(hour=7, minute=0),
    },
}

# The post-loan inspection plan (贷后检查), in days: the first inspection after disbursement
# (the use of funds), then the cadence of large loans, of the others, and of risky ones
# (overdue or classified below normal); an overdue loan is due at once.
INSPECTION_FIRST_DAYS = env.int("INSPECTION_FIRST_DAYS", default=15)
INSPECTION_LARGE_DAYS = env.int("INSPECTION_LARGE_DAYS", default=90)
INSPECTION_SMALL_DAYS = env.int("INSPECTION_SMALL_DAYS", default=180)
INSPECTION_RISK_DAYS = env.int("INSPECTION_RISK_DAYS", default=30)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "creditdesk.auth.ExpiringTokenAuthentication",
    ],
    # Rates are read per request (creditdesk.api.throttling), so tests can change them.
    "DEFAULT_THROTTLE_CLASSES": [
        "creditdesk.api.throttling.AnonThrottle",
        "creditdesk.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="30/min"),
        "user": env.str("API_THROTTLE_USER", default="1000/min"),
    },
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_PERMISSION_CLASSES": ["creditdesk.api.permissions.ScopedAccess"],
    # JSON nested too deeply is a 400 (creditdesk.api.parsers), not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "creditdesk.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "creditdesk.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        # Related-record filters offer only records in the caller's scope (issue 8).
        "creditdesk.api.filters.ScopedFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "creditdesk.api.schema.AutoSchema",  # refusals documented too
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "creditdesk.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CreditDesk API",
    "DESCRIPTION": "Customers, loan applications, approvals and loans, scoped to the caller.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema maps every endpoint and field: staff only, like the API itself.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per choice set: several models share a field name ("status", "kind").
    "ENUM_NAME_OVERRIDES": {
        "GuaranteeKindEnum": "loans.models.GuaranteeKind",
        "DocumentKindEnum": "loans.models.DocumentKind",
        "ApplicationStatusEnum": "loans.models.ApplicationStatus",
        "QualityEnum": "loans.models.Quality",
        "AnswerEnum": "loans.models.Answer",
        "DecisionKindEnum": "loans.models.DecisionKind",
        "VoteEnum": "loans.models.Vote",
        "LoanStatusEnum": "postloan.models.LoanStatus",
        "CustomerTypeEnum": "customers.models.CustomerType",
        "CustomerStatusEnum": "customers.models.CustomerStatus",
        "AcquisitionChannelEnum": "customers.models.AcquisitionChannel",
        "SegmentEnum": "customers.models.Segment",
        "PipelineStageEnum": "customers.models.PipelineStage",
        "RatingGradeEnum": "customers.models.RatingGrade",
        "CreditLineStatusEnum": "customers.models.CreditLineStatus",
        "RelationEnum": "customers.models.Relation",
        "ContactKindEnum": "customers.models.ContactKind",
        "ProductEnum": "customers.models.Product",
        "RatingCriterionEnum": "customers.models.RatingCriterion",
        "VillageBatchStatusEnum": "customers.models.VillageBatchStatus",
        "BatchEntryStatusEnum": "customers.models.BatchEntryStatus",
        "CustodyEnum": "guarantees.models.collateral.Custody",
        "BranchKindEnum": "creditdesk.models.BranchKind",
        "RoleEnum": "creditdesk.models.Role",
        "RepaymentMethodEnum": "loans.schedules.RepaymentMethod",
        "LoanClassEnum": "postloan.models.categories.LoanClass",
        "ConditionEnum": "postloan.models.inspection.Condition",
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {"class": "logging.StreamHandler", "formatter": "security"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "formatters": {
        "security": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per login, failure, lockout, logout and refusal (creditdesk.security).
        "creditdesk.security": {
            "handlers": ["security"],
            "level": "INFO",
            "propagate": False,
        },
        # django-axes' own lines repeat the security log's with the user name masked.
        "axes": {"level": "ERROR"},
        # WeasyPrint and fontTools log every rendering step at INFO: noise for every PDF.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Production hardening: on whenever DEBUG is off (manage.py check --deploy stays quiet).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Login and sessions (docs/security.md; OWASP ASVS 5.0 V6 and V7).
# Idle timeout: a session lives SESSION_COOKIE_AGE seconds after its last request (renewed
# at most once a minute by creditdesk.middleware rather than SESSION_SAVE_EVERY_REQUEST, so
# that a busy client does not write its session row on every request).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# Absolute limit from login, whatever the activity (creditdesk.middleware).
SESSION_ABSOLUTE_AGE = env.int("SESSION_ABSOLUTE_AGE", default=10 * 3600)
# API tokens die after this many seconds, with a password change, or with deactivation.
API_TOKEN_TTL = env.int("API_TOKEN_TTL", default=7 * 24 * 3600)
# Lockout after repeated failures, per user name and per address (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "creditdesk.security.lockout_response"  # registration/locked_out.html
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "creditdesk.security.client_ip"
AXES_VERBOSE = False  # no start-up banner; creditdesk.security logs the events
CSRF_FAILURE_VIEW = "creditdesk.security.csrf_failure"
# Throttling counts live in the cache: set CACHE_URL (redis://…) when several processes serve.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Content-Security-Policy (django-csp): no inline script anywhere; our pages' inline styles
# moved to static/css. A nonce admits the printable pages' own <style> block.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
