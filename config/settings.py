"""Django settings, read only from the environment (see .env.example)."""

import re
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Only for local development: a fixed, clearly unsafe key.
    SECRET_KEY = "dev-insecure-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "django_countries",
    "core",
    "criteria",
    "procurement",
    "suppliers",
    "battery_chain",
    "reporting",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.ActiveOrganizationMiddleware",
    "core.middleware.ReadOnlyRoleMiddleware",
    # Axes must come last so it sees the final authentication result.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.organization",
            ],
            # Dates and numbers in one style on every page, without a {% load %} in each template.
            "builtins": ["core.templatetags.formatting"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failed logins, per user name and address together, so
# one attacker cannot lock every officer out of the building's shared address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# One address failing across many user names (core/auth_views.py): a higher bar than the
# per-name limit, because a town hall's officers share one address.
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 50)
# The client address behind the TLS proxy, read as django-axes documents (django-ipware):
# with TRUSTED_PROXY_COUNT proxies in front (1 for one nginx), the address comes from
# CLIENT_IP_HEADER, else from the connection. Never set it without a proxy in front: the
# header is the client's to write. ipware counts the proxies listed in the header, which
# is one fewer than the proxies in front (the last one is the connecting address); a header
# with more entries than that (a client's own prefix) falls back to the connecting address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1 if TRUSTED_PROXY_COUNT else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (CLIENT_IP_HEADER, "REMOTE_ADDR") if TRUSTED_PROXY_COUNT else ("REMOTE_ADDR",)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60

# Rate-limit counters: Redis when CACHE_URL is set (shared by every web worker).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("CACHE_URL")}
    if env_str("CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Oslo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STORAGES = {
    # Uploads and generated documents are private: they are never served from
    # MEDIA_URL, only through permission-checked download views.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Largest file a supplier's answer may carry (PDF, XLSX, DOCX, PNG, JPG).
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 20) * 1024 * 1024
# Largest logo file an organisation admin may upload (PNG or JPEG), in KB.
LOGO_MAX_BYTES = env_int("LOGO_MAX_KB", 2048) * 1024
# Largest request body the WSGI app reads (config/request_limits.py): above every upload
# limit (attachments, 10 MB workbooks and library files) with room for the form fields.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_MB", max(ATTACHMENT_MAX_BYTES // (1024 * 1024), 10) + 2) * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Grønne anskaffelser <noreply@localhost>")
# Where the accessibility statement tells users to report a barrier (the regulation requires a
# way to give feedback); empty: the statement points to the organisation's own administrator.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "")
# Letters e-mailed to suppliers: retries after an SMTP error (waiting RETRY_SECONDS, doubling), then failed.
LETTER_MAIL_MAX_RETRIES = env_int("LETTER_MAIL_MAX_RETRIES", 5)
LETTER_MAIL_RETRY_SECONDS = env_int("LETTER_MAIL_RETRY_SECONDS", 60)
# The address of this service as users reach it, for links in e-mails sent without a web request (reminders).
SITE_URL = env_str("SITE_URL", "http://localhost:8000")
# The supplier answer page: requests per minute per address before it answers 429.
ANSWER_PAGE_RATE_PER_MINUTE = env_int("ANSWER_PAGE_RATE_PER_MINUTE", 30)

# --- Celery -----------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or None
# Without a broker, tasks run in-process so `make run` needs no Redis.
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True  # the database row is the source of truth
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
if not 0 < CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT:
    # The soft limit lets a job record its failure; at or past the hard limit it never fires.
    raise ImproperlyConfigured(
        "CELERY_TASK_SOFT_TIME_LIMIT must be positive and below CELERY_TASK_TIME_LIMIT, "
        f"got {CELERY_TASK_SOFT_TIME_LIMIT} and {CELERY_TASK_TIME_LIMIT}"
    )
# Tender document versions one procurement may order per hour (procurement.tender_document.jobs).
TENDER_VERSIONS_PER_HOUR = env_int("TENDER_VERSIONS_PER_HOUR", 20)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs; later capabilities add theirs here.
CELERY_BEAT_SCHEDULE = {
    "purge-expired-sessions": {
        "task": "core.tasks.purge_expired_sessions",
        "schedule": 24 * 60 * 60,
    },
    "fail-stuck-documents": {
        "task": "core.tasks.fail_stuck_documents",
        "schedule": 5 * 60,
    },
    # Workbooks uploaded for a minerals import and never confirmed or cancelled.
    "sweep-pending-minerals-uploads": {
        "task": "battery_chain.tasks.sweep_pending_minerals_uploads",
        "schedule": 15 * 60,
    },
    # Due-diligence requests: overdue ones become forfalt, reminders go out (once each).
    "due-diligence-daily": {
        "task": "suppliers.tasks.daily_due_diligence",
        "schedule": crontab(hour=6, minute=30),
    },
}

# --- Security -----------------------------------------------------------------
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The app runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# OCDS: the ocid prefix the publisher registered with the Open Contracting Partnership
# (https://standard.open-contracting.org/latest/en/guidance/map/#register-an-ocid-prefix).
OCDS_OCID_PREFIX = env_str("OCDS_OCID_PREFIX", "ocds-xxxxxx")
if not re.fullmatch(r"ocds-[a-z0-9]{6}", OCDS_OCID_PREFIX):
    raise ImproperlyConfigured(f"OCDS_OCID_PREFIX must look like ocds-a1b2c3, not {OCDS_OCID_PREFIX!r}")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"quiet_forbidden": {"()": "core.log_filters.QuietForbidden"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each rendering step (and fontTools each font subset) at INFO, which
        # buried every command's output; their warnings (a missing font, a bad CSS rule) still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # A refused request (403) is one line with the reason, not a traceback per refusal.
        "django.request": {"filters": ["quiet_forbidden"]},
    },
}

# The cache holds the API's rate-limit counters: Redis when CACHE_URL is set (shared by all
# workers, as production needs), else process memory.
CACHE_URL = env_str("CACHE_URL") or None
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The REST API (api/): token per organisation, read-only, paginated, rate-limited in the cache.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/hour")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.OrganizationTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.HasOrganizationToken"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Grønne anskaffelser API",
    "DESCRIPTION": (
        "Read-only access to one organisation's procurements (with requirements, award criteria, "
        "CPV codes and OCDS release packages), the published criteria library and the yearly KPIs. "
        "Authenticate with `Authorization: Bearer <token>`; tokens are made by the organisation's administrator."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
