"""Apex Zone settings: one file, driven by the environment (django-environ).

Embedded default: no DATABASE_URL means SQLite under var/, no REDIS_URL means Celery runs
tasks eagerly in-process and the cache is local memory. See README "Production".
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (50+ random characters) in production, "
            "or DEBUG=true for local development (make run and make test do this)."
        )
    SECRET_KEY = "insecure-development-only-key-never-used-with-debug-off"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_celery_beat",
    "csp",
    "allauth",
    "allauth.account",
    "athletes",
    "training",
    "scheduling",
    "api",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.admin_in_viewer_zone",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "apexzone.urls"
WSGI_APPLICATION = "apexzone.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'apexzone.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif not env.bool("DATABASE_JIT", default=False):
    # PostgreSQL's JIT compiles any query the planner costs high, at 50-200 ms a time: the
    # nightly pass's per-chunk reads over a large population cross that line and spent more
    # time compiling than running (measured with bench_nightly). Short OLTP queries never
    # gain from it. DATABASE_JIT=true gives it back.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# Seconds any call to Redis (the broker or the cache) may wait to connect or for an answer: a
# frozen Redis must not hold a request until gunicorn kills the worker (see README "Production").
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=2.0)
# The cache keeps only rate limits; when Redis fails it acts as an empty cache (allows).
REDIS_CACHE = {
    "BACKEND": "apexzone.cache.FailSoftRedisCache",
    "OPTIONS": {"socket_timeout": REDIS_TIMEOUT, "socket_connect_timeout": REDIS_TIMEOUT},
}
if REDIS_URL:
    CACHES = {"default": {**REDIS_CACHE, "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: real broker with REDIS_URL, otherwise eager (tasks run in-process at once).
CELERY_BROKER_URL = REDIS_URL or "memory://"
# A publish gives up after one retry (a few seconds at worst): the task waits in the outbox
# (scheduling.services.queue) and the sweep sends it once the broker is back.
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": REDIS_TIMEOUT, "socket_connect_timeout": REDIS_TIMEOUT,
    # A task a worker took and did not acknowledge (tasks ack late, when they end) goes back
    # to the queue this long after: a killed worker's chunk is redone within minutes, not
    # Redis's default hour. Above the longest a live worker holds a task, its retry countdown
    # (at most scheduling.tasks.COUNTDOWN_MAX, 300 s) and then its run (the time limit,
    # CELERY_TASK_TIME_LIMIT), so no task is handed to two workers at once.
    "visibility_timeout": 600,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2,
}
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
# Webhook deliveries wait on other people's servers: their own queue, so they never delay the
# re-checks (run a worker for both queues, or one for each: README "Production").
CELERY_TASK_ROUTES = {"scheduling.tasks.webhook_deliver_task": {"queue": "webhooks"}}
# The nightly pass: athletes per chunk (one task, a fixed number of queries each).
NIGHTLY_CHUNK_SIZE = env.int("NIGHTLY_CHUNK_SIZE", default=500)
# Webhooks go only to global addresses unless this is on (tests only: loopback receivers).
WEBHOOKS_ALLOW_PRIVATE = env.bool("WEBHOOKS_ALLOW_PRIVATE", default=False)
# One delivery: connecting, sending and the answer, in seconds all told; the bytes of the
# answer read at most (only its status line matters); subscriptions per owner.
WEBHOOKS_DEADLINE_S = env.float("WEBHOOKS_DEADLINE_S", default=10.0)
WEBHOOKS_RESPONSE_MAX_BYTES = env.int("WEBHOOKS_RESPONSE_MAX_BYTES", default=64 * 1024)
WEBHOOKS_MAX_PER_OWNER = env.int("WEBHOOKS_MAX_PER_OWNER", default=10)

AUTH_USER_MODEL = "athletes.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Every password change, set and reset goes through athletes.services.user_password_set (it
# revokes the account's API tokens).
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
# Sign-up asks for a name; from an invitation's link its address is fixed (portal.accounts).
ACCOUNT_FORMS = {"signup": "portal.forms.onboarding.SignupForm"}

# The reverse proxies in front of gunicorn that append the address they saw to X-Forwarded-For
# (README "Production"). 0: the socket's address is the client's and X-Forwarded-For, which
# anyone can send, is ignored. n: the n-th entry from the right is the client's. The API's
# throttles (DRF's NUM_PROXIES) and allauth's login limits both read it.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Apex Zone <coach@apexzone.local>")

INVITATION_TTL = timedelta(days=env.int("INVITATION_TTL_DAYS", default=14))

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))  # collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.CappedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "auth-token": env.str("API_TOKEN_THROTTLE", default="10/min"),
        # Wrong passwords per account, from any address (api.throttles.TokenAccountThrottle).
        "auth-token-account": "10/15m",
    },
    "NUM_PROXIES": TRUSTED_PROXIES,
    "COERCE_DECIMAL_TO_STRING": False,
    "DEFAULT_METADATA_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Apex Zone API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "The whole product for integrations. Token auth (`Authorization: Token <token>` from "
        "`POST /api/v1/auth/token/`) or the portal's session with CSRF. Dates are the "
        "athlete's local dates (`YYYY-MM-DD`), times local wall-clock `HH:MM`. Creates honour "
        "an `Idempotency-Key` header. A versioned object answers its `ETag` (`W/\"<version>\"`"
        ", also its `version` field); a `PATCH`, `PUT` or `DELETE` with `If-Match` is applied "
        "only if the object is still at that version, else it is a 412 and nothing changes; "
        "without it a `PATCH` writes the fields it sends and only those. A 400 carries one "
        "list of messages per field path and, "
        "under `codes`, a machine-readable code for each message at the same index "
        "(`required`, `invalid_choice`, `does_not_exist`, ...); any other error carries "
        "`detail` and its `code` (`not_authenticated`, `not_found`, `throttled`, ...)."
    ),
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "EquipmentModeEnum": "athletes.models.EquipmentMode",
        "SessionKindEnum": "scheduling.models.Kind",
        "ExerciseEquipmentEnum": "api.serializers.exercises.EQUIPMENT_ITEMS",
        "PrKindEnum": ["e1rm", "load", "reps"],
    },
    # Swagger UI from our own static files (drf-spectacular-sidecar): the docs work offline
    # and under the Content-Security-Policy; no badge from the online validator either.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_error_responses",
        "api.schema.document_links",
    ],
}
# A request body above this is refused with a 400 (the API's JSON parser checks it too).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Uploaded files (imports' originals) live here; a deployment points it at a volume.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never served: the originals are read by the workers only
# Imports of history (README "Bring your history"): the caps of one upload, and how long
# the original files are kept so that an import can be redone.
IMPORT_KEEP_DAYS = env.int("IMPORT_KEEP_DAYS", default=30)
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=512 * 1024 * 1024)  # one upload, all files
IMPORT_MAX_FILES = env.int("IMPORT_MAX_FILES", default=20)  # files in one upload (an archive: 1)
IMPORT_MAX_MEMBERS = env.int("IMPORT_MAX_MEMBERS", default=10_000)  # files inside an archive
IMPORT_MAX_RATIO = env.int("IMPORT_MAX_RATIO", default=100)  # unpacked : packed, per member

# Production hardening: on unless DEBUG; each can be turned off by env behind a proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every page: the portal, the admin and the API docs.
# Scripts and styles come from our own static files only: no inline script, style element or
# attribute, event handler or eval (base.html's htmx-config keeps htmx from injecting its
# indicator style and from eval; tests/apexzone/test_csp.py reads the templates). Pico and
# Swagger UI draw icons from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
