"""Nothing falls back to the local settings (debug on, a published secret key, demo logins
spared MFA) when no settings module is named: a server must say which it runs."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(extra)
    return subprocess.run(
        list(command), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_manage_py_without_a_settings_module_stops_with_one_line_naming_it() -> None:
    result = run(sys.executable, "manage.py", "check")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DJANGO_SETTINGS_MODULE" in lines[0]


def test_the_celery_app_without_a_settings_module_stops_with_one_line_naming_it() -> None:
    result = run(sys.executable, "-c", "from config.celery import app; print(app.conf.broker_url)")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DJANGO_SETTINGS_MODULE" in lines[0]


def test_the_web_server_without_a_settings_module_runs_production() -> None:
    result = run(
        sys.executable,
        "-c",
        "import config.wsgi, config.asgi; from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, settings.DEBUG)",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        EMAIL_URL="smtp+tls://mailer:secret@mail.example.org:587",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["config.settings.production", "False"]


def test_the_web_server_keeps_the_settings_module_it_is_given() -> None:
    result = run(
        sys.executable,
        "-c",
        "import config.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE)",
        DJANGO_SETTINGS_MODULE="config.settings.test",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "config.settings.test"
