"""Settings of Revier: one file, everything that differs between machines comes from the environment.

Development needs no variable but those `make` sets (SQLite in var/, mails on the console). With DEBUG
off (the default) the site refuses to start without SECRET_KEY and SITE_URL; a production configuration
also sets ALLOWED_HOSTS, DATABASE_URL and the mail server (docs/deployment.md).
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env") if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DEBUG", default=False)
# Without DEBUG these two have no default: a site on a known key, or one whose mails link to an address
# where nothing is served, must not start. `make` sets both (var/secret_key, SITE_URL from PORT).
_missing = [name for name in ("SECRET_KEY", "SITE_URL") if not env.str(name, default="").strip()]
if _missing and not DEBUG:
    raise ImproperlyConfigured(
        f"Revier does not start: {' and '.join(_missing)} not set. With DEBUG off, set SECRET_KEY to a long "
        "random value and SITE_URL to the address where the site is served (e.g. https://revier.example); "
        "links in mails point there (docs/deployment.md). In development, run it through make (it sets both) "
        "or set DEBUG=true."
    )
SECRET_KEY = env.str("SECRET_KEY", default="") or "django-insecure-development-only-key-never-use-in-production-7f3a9c2e41b8d6"
# Earlier keys after a rotation: still accepted for signatures, the second factor's hashed recovery
# codes and encrypted app secrets (core.keys; docs/security.md, "Tokens and secrets in the database").
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="").strip() or "http://127.0.0.1:8000"
SITE_NAME = env.str("SITE_NAME", default="Revier")

# Our apps come first: their German catalogues take precedence over Django's for the same text.
INSTALLED_APPS = [
    "revier.core",
    "revier.pages",
    "revier.news",
    "revier.events",
    "revier.contingents",
    "revier.network",
    "revier.monitor",
    "revier.portal",
    "revier.accounts",  # staff accounts and roles: above the apps whose permissions its roles grant
    "revier.demo",  # the demo content and `load_demo`, at the top: it uses every app
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "csp",
    # The second factor of staff logins (revier/core/mfa.py): authenticator apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # First (outside everything): no answer of the API carries a cookie, whatever the middleware below set.
    "revier.core.middleware.NoCookieOnApiMiddleware",
    # Then: a view whose database is away answers the outage's 503 (core.outage).
    "revier.core.outage.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware: its redirect to the address with a slash resolves in the page's language.
    "revier.core.middleware.LanguageFromPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "revier.core.middleware.SessionIdleTimeoutMiddleware",
    # After the idle timeout: a staff session without its second factor reaches only the login's pages.
    "revier.core.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "revier.core.middleware.ContentSecurityPolicyMiddleware",
    "revier.core.middleware.SecurityHeadersMiddleware",
    # Last: its 400 still gets every header the middleware above adds.
    "revier.core.middleware.InputRuleMiddleware",
]

# Request bodies (core.params.body_too_large): a form without files sends at most 2.5 MB (the staff
# code import's 500,000 characters fit); a page that takes files (the admin, the code import) at most
# UPLOAD_MAX_BYTES in all. The reverse proxy should refuse larger bodies first (docs/deployment.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

ROOT_URLCONF = "revier.urls"
WSGI_APPLICATION = "revier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "revier.core.context_processors.portal",
            ],
        },
    },
    {
        # Plain-text mails: the same templates without HTML escaping (core.mail renders *.txt with it).
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]
# Django's form renderer with plain inputs and textareas written in Python (the same HTML, a
# fraction of the CPU: docs/performance.md).
FORM_RENDERER = "revier.core.form_renderer.FastInputRenderer"

# SQLite is the embedded default. IMMEDIATE transactions make SQLite take its write lock at the
# start of every transaction, which is what select_for_update() does on PostgreSQL (CONVENTIONS 4).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'revier.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Django's PostgreSQL backend with a health check that looks at the socket instead of sending
    # SELECT 1 before every request's first query (revier/core/db/postgresql/base.py).
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["ENGINE"] = "revier.core.db.postgresql"
# Test databases carry the process id, so that several test runs on one machine never share one.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# `manage.py backup`: Django's JSON with times to the microsecond (core.backup).
SERIALIZATION_MODULES = {"revier-backup": "revier.core.backup"}

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# /metrics for Prometheus (portal.metrics, docs/deployment.md "Metrics"): readable from these addresses
# or with "Authorization: Bearer <METRICS_TOKEN>"; with neither set it answers 404 to everyone.
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# Rate limits of public POSTs (core.ratelimit). Switched off only for load benchmarks, where every
# request comes from 127.0.0.1 (bench/registrations.sh sets RATELIMIT_ENABLED=false for its server).
RATELIMIT_ENABLED = env.bool("RATELIMIT_ENABLED", default=True)
# Requests to the public JSON API (/api/v1/, core.api) per client and minute.
API_LIMIT_PER_CLIENT = env.int("API_LIMIT_PER_CLIENT", default=300)

# Against seat squatting: an unconfirmed registration holds its seat only this long (a ticket shop's
# cart); after that it can still be confirmed while seats are free, or it joins the waiting list.
SIGNUP_HOLD_MINUTES = env.int("SIGNUP_HOLD_MINUTES", default=30)
# Registrations and ticket requests per client address within SIGNUP_HOLD_MINUTES …
SIGNUP_LIMIT_PER_CLIENT = env.int("SIGNUP_LIMIT_PER_CLIENT", default=5)
# … and unconfirmed ones per e-mail domain and event (or contingent) within SIGNUP_HOLD_MINUTES.
SIGNUP_LIMIT_PER_DOMAIN = env.int("SIGNUP_LIMIT_PER_DOMAIN", default=10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Organisers (and staff) log in here for the organiser area of events; the admin's login leads here too.
LOGIN_URL = "/anmelden/"
LOGIN_REDIRECT_URL = "/veranstaltungen/verwalten/"
# The login's throttle (core.auth, docs/security.md): failed attempts per account (user name) and per
# client (address, IPv6 by /64) within LOGIN_WINDOW_MINUTES; beyond either the password is not checked.
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_FAILURES_PER_CLIENT = env.int("LOGIN_FAILURES_PER_CLIENT", default=20)
LOGIN_WINDOW_MINUTES = env.int("LOGIN_WINDOW_MINUTES", default=15)
# The second factor (revier/core/mfa.py): the name authenticator apps show, and how many recovery
# codes a person gets. Wrong codes count in the login throttle above; django-otp's own growing
# delay after a wrong code is off, so that a mistyped code followed by the right one just works.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default=SITE_NAME)
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
RECOVERY_CODE_COUNT = 10
# "Passwort vergessen?": the mailed link works this many seconds (and once); requests per client and hour.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60)
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("PASSWORD_RESET_LIMIT_PER_CLIENT", default=5)

LANGUAGE_CODE = "de"
# German without a prefix, English below /en/ (revier/urls.py): the address alone decides the language
# (core.middleware.LanguageFromPathMiddleware), no cookie and no Accept-Language.
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "Europe/Berlin"
# Dates per language (revier/formats/<language>/formats.py, written by core.dates): German
# "27. November 2026, 10:00 Uhr", English "27 November 2026, 10:00".
FORMAT_MODULE_PATH = ["revier.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/jsqr", BASE_DIR / "node_modules" / "jsqr" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Serve uploaded images from Django itself (development and small installations); a production
# web server usually serves MEDIA_ROOT directly and sets this to False.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str("STATICFILES_BACKEND", default="whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
WHITENOISE_MAX_AGE = 3600

# Mail
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Revier <noreply@revier.example>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Where reports from the "Barriere melden" form and the contact form go (besides the admin).
# Addresses of these domains never get a mail (core.mail.withheld): the demo's invented people
# (revier/demo/network_profiles.yaml) live at beispiel.example, a reserved name that never resolves.
MAIL_WITHHELD_DOMAINS = env.list("MAIL_WITHHELD_DOMAINS", default=["beispiel.example"])
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=["redaktion@revier.example"])

# Security. Anonymous readers get no cookie: the session and CSRF cookies are only set for
# staff (admin login). Public forms are protected by an Origin check instead (core.forms).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A logged-in session ends after this many minutes without a request (core.middleware.SessionIdleTimeoutMiddleware).
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=60)
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4): nothing from another host, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Errors are logged to the console. Django's own `mail_admins` (a synchronous SMTP send inside the
# failing request, once per error) is replaced: error mails go through the outbox, at most
# ERROR_MAILS_PER_HOUR an hour for the whole site, and only to ADMIN_EMAILS if any are set.
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        # A database outage is one log line now and then, not a traceback per request (core.outage).
        "database_unavailable": {"()": "revier.core.outage.DatabaseUnavailableFilter"},
    },
    # LOG_FORMAT=json: one JSON object a line for a log collector (core.log.JsonLinesFormatter).
    "formatters": {"json": {"()": "revier.core.log.JsonLinesFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler",
                    **({"formatter": "json"} if env.str("LOG_FORMAT", default="text") == "json" else {})},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "revier.core.log.OutboxAdminEmailHandler",
        },
    },
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": LOG_LEVEL, "propagate": True},
        "django.request": {"filters": ["database_unavailable"], "level": LOG_LEVEL, "propagate": True},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Errors to Sentry or a self-hosted GlitchTip when a DSN is set, without personal data (core.log.sentry_init).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from revier.core.log import sentry_init

    sentry_init(dsn=SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"),
                release=env.str("SENTRY_RELEASE", default=""))

ADMINS = [("Revier", a) for a in env.list("ADMIN_EMAILS", default=[])]
ERROR_MAILS_PER_HOUR = env.int("ERROR_MAILS_PER_HOUR", default=10)
NEWS_PAGE_SIZE = 10

# What the background worker (`manage.py run_worker`, started by `make run`) does every round.
WORKER_TASKS = ["revier.core.mail.outbox_send_due", "revier.core.mail.outbox_purge",
                "revier.core.tokens.personal_links_purge_expired", "revier.events.services.registrations_expire_due",
                "revier.contingents.services.claims_expire_due", "revier.network.services.profiles_purge_unconfirmed",
                "revier.network.meetings.services.meeting_requests_remind_due",
                "revier.network.meetings.services.meeting_requests_lapse_due",
                "revier.network.meetings.services.meeting_schedule_runs_due"]
# The partner suggestions and the contact requests outside events (network/suggestions/, network/contact/).
WORKER_TASKS += ["revier.network.suggestions.services.suggestions_worker",
                 "revier.network.contact.services.contact_requests_remind_due",
                 "revier.network.contact.services.contact_requests_lapse_due"]
# The follow-up after a Gesprächsbörse (network/followup/).
WORKER_TASKS += ["revier.network.followup.services.followup_invitations_send_due"]
# Monitor: waves uploaded in the staff area are checked and imported here, never in the request.
WORKER_TASKS += ["revier.monitor.import_runs.import_runs_due"]
# Retention: registrations and claims past their event's retention period are anonymised.
WORKER_TASKS += ["revier.events.retention.registrations_anonymise_due",
                 "revier.contingents.retention.claims_anonymise_due",
                 "revier.network.retention.profiles_warn_due",
                 "revier.network.retention.network_anonymise_due",
                 "revier.pages.services.staff_messages_purge_due"]

# Personal links (registrations, claims) stop working this many days after the event they are for
# has ended; links sent again add to the earlier ones. Mails that anyone can have sent to an address
# again (a link sent again, a second registration or claim) go out at most this often an hour.
PERSONAL_LINK_DAYS_AFTER_END = env.int("PERSONAL_LINK_DAYS_AFTER_END", default=90)
SELF_SERVICE_MAILS_PER_HOUR = env.int("SELF_SERVICE_MAILS_PER_HOUR", default=3)
# Network profiles: a new profile must be confirmed within this many hours (then it is deleted); a
# profile's personal link works this many days after it was sent (sending it again adds a link).
NETWORK_CONFIRM_HOURS = env.int("NETWORK_CONFIRM_HOURS", default=48)
NETWORK_LINK_DAYS = env.int("NETWORK_LINK_DAYS", default=365)
# Partner suggestions: how many are stored per profile (the page shows those the person may see),
# and the local hour after which the worker computes every list anew once a day.
NETWORK_SUGGESTIONS_TOP = env.int("NETWORK_SUGGESTIONS_TOP", default=20)
NETWORK_SUGGESTIONS_NIGHT_HOUR = env.int("NETWORK_SUGGESTIONS_NIGHT_HOUR", default=3)
# Contact requests outside events: at most this many per sender and day; unanswered ones get one
# reminder after NETWORK_CONTACT_REMIND_DAYS and lapse after NETWORK_CONTACT_LAPSE_DAYS.
NETWORK_CONTACT_REQUESTS_PER_DAY = env.int("NETWORK_CONTACT_REQUESTS_PER_DAY", default=5)
NETWORK_CONTACT_REMIND_DAYS = env.int("NETWORK_CONTACT_REMIND_DAYS", default=7)
NETWORK_CONTACT_LAPSE_DAYS = env.int("NETWORK_CONTACT_LAPSE_DAYS", default=14)
# Follow-up after a Gesprächsbörse: answers can be given and changed this many days after the event.
NETWORK_FOLLOWUP_ANSWER_DAYS = env.int("NETWORK_FOLLOWUP_ANSWER_DAYS", default=60)
# Monitor uploads (monitor.import_runs): the largest microdata file and the largest codebook or
# margins file the staff upload takes; a checked upload not confirmed within MONITOR_IMPORT_KEEP_DAYS
# is cancelled and its files deleted; a run without a sign of life from its worker for
# MONITOR_IMPORT_STALE_SECONDS counts as abandoned (its worker died) and is tried again, at most
# three times in all.
MONITOR_MICRODATA_MAX_BYTES = env.int("MONITOR_MICRODATA_MAX_BYTES", default=50 * 1024 * 1024)
MONITOR_SMALL_FILE_MAX_BYTES = env.int("MONITOR_SMALL_FILE_MAX_BYTES", default=2 * 1024 * 1024)
MONITOR_IMPORT_KEEP_DAYS = env.int("MONITOR_IMPORT_KEEP_DAYS", default=7)
MONITOR_IMPORT_STALE_SECONDS = env.int("MONITOR_IMPORT_STALE_SECONDS", default=900)

# Retention (issue 12 §3, docs/security.md): registrations and free-ticket claims are anonymised this
# many days after their event's end, unless staff set another period on the event or contingent.
RETENTION_DAYS_DEFAULT = env.int("RETENTION_DAYS_DEFAULT", default=180)
# A network profile is anonymised this many days after its last sign of life: a change, a link sent
# again, the end of the last event it is linked to, a meeting or contact request sent or answered.
NETWORK_PROFILE_RETENTION_DAYS = env.int("NETWORK_PROFILE_RETENTION_DAYS", default=730)
# This many days before that, the person gets one mail with the personal link to keep the profile
# (or delete it now); a profile is never anonymised before its warning had these days.
NETWORK_PROFILE_WARNING_DAYS = env.int("NETWORK_PROFILE_WARNING_DAYS", default=30)
# A contact request's message is deleted this many days after it was answered or lapsed (meeting
# requests' messages: their event's retention period after its end).
NETWORK_CONTACT_RETENTION_DAYS = env.int("NETWORK_CONTACT_RETENTION_DAYS", default=180)

# Sent mails (their bodies are blanked when sent) and mails that failed for good are deleted after this.
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=30)

# Whole-page cache for anonymous readers (core.cache); 0 switches it off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Rendered parts of pages for every reader, kept per content generation (core.fragments); 0 switches it off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=300)
# How old the seats a registration form shows and checks may be (events.selectors.seats_taken_recently),
# and the free tickets the contingent pages show (contingents.selectors._figure_rows); a registration or
# a claim itself always counts under the lock; 0 counts for every request.
SEAT_COUNT_SECONDS = env.float("SEAT_COUNT_SECONDS", default=1.0)
