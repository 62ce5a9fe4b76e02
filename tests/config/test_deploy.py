"""The production settings and the docker compose stack hold together."""

import importlib.util
import os
import secrets
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_production_settings_pass_check_deploy_without_warnings() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "PORTAL_DOMAIN": "partners.example.org",
        "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:587",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_compose_has_the_services_of_a_deployment() -> None:
    services = compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)


def test_compose_commands_name_things_that_exist() -> None:
    services = compose()["services"]
    web = services["web"]["command"]
    assert web[0] == "gunicorn"
    assert importlib.util.find_spec(web[1]) is not None
    assert services["migrate"]["command"][-1] in get_commands()
    for name in ("worker", "beat"):
        command = services[name]["command"]
        assert command[:3] == ["celery", "-A", "config"]
        assert importlib.util.find_spec("config.celery") is not None
    queues = set(
        services["worker"]["command"][services["worker"]["command"].index("--queues") + 1].split(
            ","
        )
    )
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= queues


def test_compose_runs_everything_on_production_settings() -> None:
    services = compose()["services"]
    for name in ("web", "worker", "beat", "migrate"):
        assert (
            services[name]["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        )


def test_procfile_runs_web_worker_and_beat() -> None:
    lines = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()
    )
    assert set(lines) == {"web", "worker", "beat"}
    assert "alerts" in lines["worker"]
