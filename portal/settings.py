"""Settings for the portal, read from the environment.

One module for every environment: development defaults are safe only because DEBUG must be switched on
explicitly, and with DEBUG off the process refuses to start without a real secret key.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Development only: a fixed, obviously unsafe key so sessions survive restarts of `make run`.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, so translated fields show side by side in it (<app>/translation.py).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Ours, bottom layer first: kernel and background work, the domain apps, partners, then the site layer.
    "kernel",
    "background",
    "members",
    "events",
    "publications",
    "partners",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.RejectNullBytesMiddleware",
    "portal.middleware.ApiParametersOnceMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and Last-Modified answers with 304 for If-None-Match / If-Modified-Since on every GET.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL's prefix (/fr/…), or for the API and admin from the request (portal/middleware.py).
    "portal.middleware.LanguageMiddleware",
    # CommonMiddleware, with a 308 (method kept) for a write to a path missing its slash.
    "portal.middleware.SlashRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.ViewerMiddleware",
    # Deprecation, Sunset and Link headers on deprecated API endpoints (partners/api/versioning.py).
    "partners.api.versioning.DeprecationHeaderMiddleware",
    # RateLimit-Limit, -Remaining and -Reset on API answers a rate limit counted (partners/api/throttling.py).
    "partners.api.throttling.RateLimitHeaderMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Innermost, so a cached page still passes every other middleware on its way out.
    "portal.cache.PageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

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
                "portal.context_processors.viewer",
                "portal.context_processors.site",
            ],
        },
    },
]

# SQLite when DATABASE_URL is unset, so `make run` needs no server; PostgreSQL in tests and production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Search finds names and titles through trigram indexes with `<%`, which reads this threshold (pg_trgm's
    # default is 0.6); names match from 0.5 (portal/search.py NAME_SIMILARITY), titles are held to more there.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(
        part for part in (_options.get("options", ""), "-c pg_trgm.word_similarity_threshold=0.5") if part
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing for an embedded file database.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content (titles, summaries, topic and house names) is written in English and may be translated; a missing
# translation reads as the English text. A new row's text fills the English field whatever language is active.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = "default"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Publication files: served only through a view that checks who may see them (members-only documents).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
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

# Whole pages, for anonymous visitors and per signed-in person (portal/cache.py); 0 turns the page cache off.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "60"))
# The default per-process memory cache is right for `make run`. With several worker processes or app servers,
# point them all at one shared cache so throttles count across them and a page rendered by one is a hit on the
# others: DJANGO_CACHE_BACKEND=django.core.cache.backends.redis.RedisCache, DJANGO_CACHE_LOCATION=redis://host:
# 6379/1 (the redis client is a dependency). Page entries are correct either way: their key carries the content
# version kept in the database.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "portal"),
    }
}
# Sessions read through the cache and written through to the database: a signed-in request costs no session
# query while its entry is cached, and a session survives the cache being emptied or unreachable.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Accounts (django-allauth): sign-in by email, a verified address before the account is used, no answer that
# tells whether an address has an account, rate limits counted in the default cache, optional TOTP, recovery
# codes and security keys (required for staff before the admin opens, see members/middleware.py).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "members.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_DISPLAY = "members.adapters.user_display"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# "strict": sign-up, reset and email change answer alike for known and unknown addresses, and the owner of a
# known address is told by email that someone tried.
ACCOUNT_PREVENT_ENUMERATION = "strict"
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_UNIQUE_EMAIL = True
# One address per account; a new one replaces it only once confirmed.
ACCOUNT_CHANGE_EMAIL = True
# Email the person when their password, address or second factors change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Before a sensitive step (erasure, second factors) a person proves it is them again with their password or
# their second factor; a code sent by email is weaker than the second factor staff are required to have.
ACCOUNT_REAUTHENTICATION_METHODS = ["password", "mfa"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Counted in the default cache (CACHES below): point it at Redis when several app servers run.
ACCOUNT_RATE_LIMITS = {
    # Wrong passwords and wrong second-factor codes: 10 a minute from one address, 5 per account in 5 minutes.
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    # One confirmation email per address every three minutes.
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Behind nginx (docs/deployment.md) the client address is the last hop in X-Forwarded-For: set to 1 there.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Responsible mining portal"
# A code from the 30-second window before or after the current one is accepted too: phone clocks drift, and a code
# typed at the end of its window arrives in the next. allauth still refuses a code used once.
MFA_TOTP_TOLERANCE = 1
# Security keys need https, except on the development server.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Sessions are recorded at sign-in (address, browser, time) for the list on the profile; not tracked on every
# request, which would cost a database write per page.
USERSESSIONS_TRACK_ACTIVITY = False
# Staff need a second factor before the admin opens; with DEBUG on (make run) they may skip it, with a banner.
PORTAL_STAFF_MFA_REQUIRED = not DEBUG

# Every email is stored as a task and delivered by the worker through PORTAL_EMAIL_DELIVERY_BACKEND, with retries:
# a mail server that is down delays mail, never loses it (background/mail.py).
EMAIL_BACKEND = "background.mail.QueuedEmailBackend"
PORTAL_EMAIL_DELIVERY_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Seconds before an unanswering mail server counts as a failed attempt (and the task is retried).
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "portal@localhost")
# SMTP in production: DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and these.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
# The organisation's name in page titles, the header and the footer until staff set one in the admin (Site
# settings, portal/models.py). Empty: a neutral "Responsible mining portal", translated.
PORTAL_ORGANISATION_NAME = os.environ.get("PORTAL_ORGANISATION_NAME", "")
# Links in emails (cancel a registration, reset a password from a command) point here.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Membership renewals: remind this many days before expiry, lapse this many days after it.
MEMBERSHIP_REMINDER_DAYS = int(os.environ.get("PORTAL_MEMBERSHIP_REMINDER_DAYS", "30"))
MEMBERSHIP_GRACE_DAYS = int(os.environ.get("PORTAL_MEMBERSHIP_GRACE_DAYS", "30"))

# Background work on Django's Tasks framework. The database backend needs nothing but the database; run
# `manage.py run_worker` beside the web servers (README: "Background work"). PORTAL_TASKS_BACKEND switches to
# another backend, e.g. django_tasks_rq.RQBackend on Redis.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("PORTAL_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        # Email has its own queue so that a long run of other work never holds mail back (a worker can be
        # dedicated to it with --queue-name email).
        "QUEUES": ["default", "email", "webhooks"],
    }
}
# One database not enough: PORTAL_TASKS_BACKEND=django_tasks_rq.RQBackend moves the queues to Redis (pip install
# django-tasks-rq; run `manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job default email` and
# `manage.py run_worker --scheduler-only`).
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {
        queue: {"URL": os.environ.get("PORTAL_TASKS_REDIS_URL", "redis://localhost:6379/0")}
        for queue in TASKS["default"]["QUEUES"]
    }
# Periodic tasks, enqueued by the worker's scheduler (background/schedules.py); staff see them in the admin.
PORTAL_SCHEDULES = {
    "membership-renewals": {"task": "members.tasks.membership_renewals", "every": datetime.timedelta(days=1)},
    "prune-task-results": {"task": "background.tasks.prune_task_results", "every": datetime.timedelta(days=1)},
    # Publications under embargo go public when their time comes (their visibility follows the clock already;
    # this records the release, empties the page caches and tells partners' webhooks).
    "prune-webhook-deliveries": {
        "task": "partners.webhook_tasks.prune_webhook_deliveries",
        "every": datetime.timedelta(days=1),
    },
    "publication-releases": {
        "task": "publications.tasks.release_embargoed_publications",
        "every": datetime.timedelta(minutes=1),
    },
}
# Partners' webhooks (partners/webhook_transport.py): receivers must be public https addresses unless this is on,
# as it is for development (a receiver on your own machine); never in production.
PORTAL_WEBHOOKS_ALLOW_PRIVATE = env_bool("PORTAL_WEBHOOKS_ALLOW_PRIVATE", default=DEBUG)
# Seconds a receiver has to answer a delivery.
PORTAL_WEBHOOK_TIMEOUT = float(os.environ.get("PORTAL_WEBHOOK_TIMEOUT", "5"))
# After a secret is rotated, deliveries are signed with the old one too for this long.
PORTAL_WEBHOOK_SECRET_OVERLAP = datetime.timedelta(
    hours=int(os.environ.get("PORTAL_WEBHOOK_SECRET_OVERLAP_HOURS", "24"))
)
# Deliveries (and their payloads) are forgotten after this many days.
PORTAL_WEBHOOK_DELIVERIES_KEEP_DAYS = int(os.environ.get("PORTAL_WEBHOOK_DELIVERIES_KEEP_DAYS", "30"))
# How often the scheduler looks for due schedules, in seconds.
PORTAL_SCHEDULER_INTERVAL = float(os.environ.get("PORTAL_SCHEDULER_INTERVAL", "10"))
# Finished task results (and with them the text of delivered emails) are deleted after this many days;
# failed ones are kept longer so staff can see what went wrong.
PORTAL_TASK_RESULTS_KEEP_DAYS = int(os.environ.get("PORTAL_TASK_RESULTS_KEEP_DAYS", "14"))
PORTAL_FAILED_TASK_RESULTS_KEEP_DAYS = int(os.environ.get("PORTAL_FAILED_TASK_RESULTS_KEEP_DAYS", "90"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.api.authentication.PartnerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["partners.api.permissions.CatalogueAccess"],
    "DEFAULT_THROTTLE_CLASSES": [
        "partners.api.throttling.PartnerTokenThrottle",
        "partners.api.throttling.AnonymousThrottle",
    ],
    "EXCEPTION_HANDLER": "kernel.api.errors.exception_handler",
    # The API speaks JSON only: partners send no files, and one format keeps validation in one place.
    "DEFAULT_PARSER_CLASSES": ["kernel.api.parsers.StrictJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        # ?search= documented only on lists that search (kernel/api/filters.py).
        "kernel.api.filters.ListSearchFilter",
        # Unknown fields in ?ordering= are a 400, as the schema says, not ignored.
        "kernel.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "kernel.api.pagination.CappedLimitOffsetPagination",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "kernel.api.negotiation.FilterFriendlyContentNegotiation",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "partners.api.schema.PortalAutoSchema",
}

# Requests per token and per anonymous client address. Counted in the cache: use a shared cache (Redis,
# memcached) when several app servers run, or each counts on its own.
PORTAL_API_RATES = {
    "partner": os.environ.get("PORTAL_API_RATE_PARTNER", "2000/hour"),
    "anonymous": os.environ.get("PORTAL_API_RATE_ANONYMOUS", "200/hour"),
}

# The changes feed (/api/v1/changes/) serves journal rows older than this: a write still committing when a
# partner reads cannot be skipped by its cursor.
PORTAL_API_CHANGES_SETTLE_SECONDS = int(os.environ.get("PORTAL_API_CHANGES_SETTLE_SECONDS", "5"))

SPECTACULAR_SETTINGS = {
    "TITLE": "Portal partner API",
    "VERSION": "1.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "DESCRIPTION": "The portal's catalogue of organisations, events, sessions, speakers and publications, and "
    "the writes a partner organisation may make: propose and edit its sessions, register delegates, submit "
    "publications. Errors are JSON: {detail, code, errors}. Send the token as `Authorization: Bearer <token>`; any "
    "other Authorization header is a 401. A 201 answers `Location`; every answer a rate limit counted answers "
    "`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.\n\n"
    "What changed, and what is deprecated: [the changelog](/api/v1/changelog/). A deprecated endpoint or field "
    "answers a `Deprecation` header with a `Link` to it.",
    "COMPONENT_SPLIT_REQUEST": True,
    # Enum components as drf-spectacular makes them, then links from each create to its object's operations.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "partners.api.schema.add_links"],
    "ENUM_NAME_OVERRIDES": {
        "OrganizationTypeEnum": "members.models.Organization.Type",
        "MembershipStatusEnum": "members.models.Membership.Status",
        "EventTypeEnum": "events.models.Event.Type",
        "EventStatusEnum": "events.models.Event.Status",
        "SessionTypeEnum": "events.models.Session.Type",
        "SessionStatusEnum": "events.models.Session.Status",
        "EventOrganizationRoleEnum": "events.models.EventOrganization.Role",
        "SessionOrganizationRoleEnum": "events.models.SessionOrganization.Role",
        "ParticipationRoleEnum": "events.models.Participation.Role",
        "RegistrationStatusEnum": "events.models.Registration.Status",
        "PublicationTypeEnum": "publications.models.Publication.Type",
        "PublicationStatusEnum": "publications.models.Publication.Status",
        "PublicationOrganizationRoleEnum": "publications.models.PublicationOrganization.Role",
        "PublicationPersonRoleEnum": "publications.models.PublicationPerson.Role",
        "WebhookDeliveryStatusEnum": "partners.webhook_models.WebhookDelivery.Status",
    },
}

# Production hardening applies whenever DEBUG is off, so `check --deploy` judges the real settings.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# No inline scripts anywhere (the API docs use drf-spectacular's split Swagger view), so scripts are 'self'
# only. Inline styles stay allowed for the admin and Swagger UI.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Uploads: a request body larger than this is refused before it reaches a view; per-field limits are
# enforced by validators on the model fields (kernel/validators.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # non-file form data
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # larger files stream to a temporary file

# JSON lines to stdout: one object per record, ready for a log shipper. DJANGO_LOG_FORMAT=plain for humans.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
