"""Production-like settings for a benchmark's gunicorn: debug off, kept database connections,
cached templates, no static-file autorefresh; the tests' databases and fast password hasher."""

from config.settings.test import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.serving.urls"
WHITENOISE_AUTOREFRESH = False
