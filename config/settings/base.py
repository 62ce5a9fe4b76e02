"""Settings shared by every environment; each value comes from the environment or a default.

Sections: paths and environment, core, tenancy, apps, middleware, templates, database,
cache, accounts, internationalisation, static and media, mail, Celery, security, logging.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

# --- Paths and environment -------------------------------------------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
# `make run` writes the URLs of the embedded services here, so that a plain
# `manage.py shell` finds the same database; real environment variables win.
env.read_env(BASE_DIR / ".data" / "services.env", overwrite=False)

# --- Core ------------------------------------------------------------------------------------
# SECRET_KEY is set by each environment module: production requires it.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Networks are served on <slug>.<PORTAL_DOMAIN>; the public site on PORTAL_DOMAIN itself.
PORTAL_DOMAIN = env("PORTAL_DOMAIN", default="localhost")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[PORTAL_DOMAIN, f".{PORTAL_DOMAIN}"])
PORTAL_NAME = "Partner for Protection"
# Scheme and port used when a URL is built outside a request (emails sent by Celery).
PORTAL_SCHEME = env("PORTAL_SCHEME", default="https")
PORTAL_PORT = env.int("PORTAL_PORT", default=0)

# --- Tenancy ---------------------------------------------------------------------------------
TENANT_MODEL = "networks.Network"
TENANT_DOMAIN_MODEL = "networks.Domain"
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
ROOT_URLCONF = "config.urls_tenant"
# New networks are cloned from this schema (kept migrated by `manage.py migrate_portal`)
# instead of replaying every migration.
TENANT_BASE_SCHEMA = "network_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_SYNC_ROUTER = "networks.routers.NetworkSyncRouter"
DATABASE_ROUTERS = [TENANT_SYNC_ROUTER]
# `SET search_path` once per schema switch instead of before every query (half of a page's
# round trips). Safe here: the installed django-tenants forgets the cached path on close,
# rollback and savepoint rollback, and every switch (middleware, schema_context, Celery's
# per-task tenant) goes through set_tenant(), which forgets it too. Nothing in the project
# issues its own SET search_path.
TENANT_LIMIT_SET_CALLS = True

SHARED_APPS = [
    "django_tenants",
    # Apps in both lists have each model placed in one schema by networks.routers.
    "networks",
    "pledges",
    "accounts",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "accounts.admin_apps.PortalAdminConfig",  # django.contrib.admin, with MFA for platform admins
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django.contrib.postgres",
    "django_countries",  # country names in every language (no models)
    # The platform's rolled-up figures of every network (public schema only; a network's own
    # dashboard reads that network's tables directly).
    "stats",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "networks",
    "pledges",
    "toolkit",
    "incidents",
    "alerts",
    "police",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

# --- Middleware ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django_tenants.middleware.main.TenantMainMiddleware",
    "networks.middleware.ClosedNetworkMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "networks.middleware.NetworkLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
]

# --- Templates -------------------------------------------------------------------------------
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
                "networks.context_processors.portal",
            ],
        },
    },
]
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# --- Database --------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ENGINE"] = "django_tenants.postgresql_backend"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "networks.cache.RedisCache",  # Django's, with one client per pool
        "LOCATION": REDIS_URL,
        # Keys carry the schema name, so one network can never read another's entries;
        # accounts are global, so allauth's rate limits are too (networks.cache).
        "KEY_FUNCTION": "networks.cache.make_key",
        "REVERSE_KEY_FUNCTION": "networks.cache.reverse_key",
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="portal"),
    },
    # The page header and footer as rendered (templates/base.html): each entry is a pure
    # function of its key, so every process keeps its own, in memory, without a round trip.
    "chrome": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "chrome",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, reading the session's user with SQL written once per
# process (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# A member lands on their network's dashboard, a platform admin on the platform overview.
LOGIN_REDIRECT_URL = "after_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# A field people cannot see and bots fill in: such sign-ups are silently dropped.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "company_website"
# The sender's name says who writes (accounts.adapter, networks.mail); subjects stay plain.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "set_password": "accounts.forms.SetPasswordForm",
}
# Tell people when their password, email addresses or authenticator change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's default rate limits (login, signup, password reset, confirmation mails) stay on;
# they count in the Redis cache above, so they hold across processes, and their keys carry no
# schema, so they hold across networks (networks.cache).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Coordinators, police and platform admins cannot remove their authenticator.
MFA_ADAPTER = "accounts.mfa_adapter.MFAAdapter"
MFA_TOTP_ISSUER = "Partner for Protection"
# Roles that must have an authenticator app before they reach their pages.
PORTAL_MFA_REQUIRED_ROLES = ["coordinator", "law_enforcement"]
PORTAL_MFA_REQUIRED_FOR_PLATFORM_ADMINS = True
# Accounts spared that rule; only `local` settings fill it (the demo logins).
PORTAL_MFA_EXEMPT_EMAILS: list[str] = []

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media")
# Each network's uploads land under MEDIA_ROOT/<schema>/.
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Mail ------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Partner for Protection <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people can write when no network contact applies (the public site, a network without
# a contact address): shown in every email and on the "check your email" page.
PORTAL_SUPPORT_EMAIL = env("PORTAL_SUPPORT_EMAIL", default=f"support@{PORTAL_DOMAIN}")
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)

# --- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
# Results are kept only for tasks that ask (ignore_result=False), and only for an hour.
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Alerts never wait behind a PDF: each urgency has its own queue.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "alerts.*": {"queue": "alerts"},
    "toolkit.*": {"queue": "render"},
    "incidents.evidence_*": {"queue": "render"},
    "incidents.incident_export_*": {"queue": "render"},
}
# Sent once per open network (config/beat.py NetworkScheduler), in its schema.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Past each network's retention period, suspects' descriptions, plates and evidence go.
    "incidents-retention": {
        "task": "incidents.retention_apply",
        "schedule": crontab(hour=3, minute=17),
    },
    # Alerts: re-enqueue held, retried and stranded deliveries; close finished alerts.
    "alerts-sweep": {"task": "alerts.sweep", "schedule": 30.0},
    # Urgent alerts: the SMS again to members who have not acknowledged.
    "alerts-escalate": {"task": "alerts.escalate", "schedule": 60.0},
    # The members' digest of advisories: hourly, each network sends at its own morning hour.
    "alerts-digest": {"task": "alerts.digest_send", "schedule": crontab(minute=5)},
    # The platform's figures of every network (stats.rollup), once an hour, in public.
    "stats-rollup": {
        "task": "stats.rollup_all",
        "schedule": crontab(minute=45),
        "tenant_schemas": ["public"],
    },
    # Last month's report to each network's coordinators: daily, sent by the first run of a
    # month (stats.report_services).
    "stats-monthly-report": {
        "task": "stats.monthly_reports",
        "schedule": crontab(hour=6, minute=30),
    },
    # Police partnership: the day's due follow-ups, one reminder each, in every open network
    # (13:25 UTC: the morning across the Americas).
    "police-follow-ups": {
        "task": "police.follow_ups_remind",
        "schedule": crontab(hour=13, minute=25),
    },
}

# --- Alerts ----------------------------------------------------------------------------------
# Messages per second each channel's sender may send (an SMS long code about 1, a toll-free
# number a few, a short code or sender pool far more; an SMTP relay its own). The fan-out keeps
# to these with one limiter in Redis shared by every worker.
ALERTS_CHANNEL_RATES = {
    "email": env.float("ALERTS_EMAIL_RATE", default=200.0),
    "sms": env.float("ALERTS_SMS_RATE", default=1.0),
    "webhook": env.float("ALERTS_WEBHOOK_RATE", default=20.0),
}
# Where text messages go: "alerts.channels.sms.TwilioSms" (the provider) or
# "alerts.channels.sms.OutboxSms" (an outbox coordinators can read; local development).
ALERTS_SMS_BACKEND = env("ALERTS_SMS_BACKEND", default="alerts.channels.sms.TwilioSms")
ALERTS_SMS_FROM = env("ALERTS_SMS_FROM", default="")
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default="")
# Another base for Twilio's REST API (tests and the benchmark run a local one); empty: Twilio's.
TWILIO_API_BASE = env("TWILIO_API_BASE", default="")
# Webhooks to loopback addresses (a local test receiver); never in production.
ALERTS_WEBHOOK_ALLOW_PRIVATE = env.bool("ALERTS_WEBHOOK_ALLOW_PRIVATE", default=False)
# Deliveries per batch task; an email batch shares one SMTP connection.
ALERTS_BATCH_SIZE = env.int("ALERTS_BATCH_SIZE", default=100)
# Messages of one batch a worker keeps in flight at once at fast rates (one lane per 50
# messages a second of the channel's rate, at most this many): greenlets on the worker's one
# thread, each with its own provider connection, whose messages are recorded sent together
# (alerts/lanes.py).
ALERTS_SEND_LANES = env.int("ALERTS_SEND_LANES", default=4)
# A delivery claimed this long ago and still "sending" belongs to a worker that died.
ALERTS_CLAIM_STALE_SECONDS = env.int("ALERTS_CLAIM_STALE_SECONDS", default=300)
# Retries of a transient failure: exponential from the base, capped well under the broker's
# visibility timeout; after ALERTS_MAX_ATTEMPTS the delivery is marked failed.
ALERTS_RETRY_BASE_SECONDS = env.float("ALERTS_RETRY_BASE_SECONDS", default=15.0)
ALERTS_RETRY_MAX_SECONDS = env.float("ALERTS_RETRY_MAX_SECONDS", default=600.0)
ALERTS_MAX_ATTEMPTS = env.int("ALERTS_MAX_ATTEMPTS", default=8)
# Seconds a webhook receiver or the SMS provider may take to answer.
ALERTS_HTTP_TIMEOUT = env.float("ALERTS_HTTP_TIMEOUT", default=10.0)

# --- Security --------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Sessions are read on every page: from Redis, written through to the database (so a Redis
# flush only costs a query). Logging out everywhere still works: it changes the session auth
# hash (accounts.User.sessions_epoch), which Django checks against the user row each request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
