"""Tests: real PostgreSQL and Redis, fast hashing, mail kept in memory unless a test needs SMTP."""

from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import REDIS_URL, env


def _redis_db(url: str, db: int) -> str:
    """The same Redis server on another database number, away from a running `make run`."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{db}"))


REDIS_URL = _redis_db(REDIS_URL, env.int("TEST_REDIS_DB", default=15))
CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL

SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-key-not-secret")
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_SCHEME = "http"
# URLs built outside a request carry no port, whatever `make run` serves on
# (.data/services.env); a test that needs one sets it.
PORTAL_PORT = 0
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Static files straight from static/ (no collectstatic step outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run in-process where a test only needs their effect (use pytest-django's
# django_capture_on_commit_callbacks to fire on_commit); tests/config/test_celery.py and
# other `worker` tests switch this off and run a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
