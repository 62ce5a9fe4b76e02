"""The production settings and the docker compose stack hold together."""

import importlib.util
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def production_env() -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "PORTAL_DOMAIN": "partners.example.org",
        "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:587",
    }


def production_settings(*names: str) -> dict[str, Any]:
    """Settings as production has them, read in a process of their own."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def caddyfile() -> str:
    return (ROOT / "Caddyfile").read_text()


def test_production_settings_pass_check_deploy_without_warnings() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
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
    assert {"postgres", "redis", "web", "worker", "alerts", "beat"} <= set(services)


def test_compose_commands_name_things_that_exist() -> None:
    services = compose()["services"]
    web = services["web"]["command"]
    assert web[0] == "gunicorn"
    assert importlib.util.find_spec(web[1]) is not None
    assert services["migrate"]["command"][-1] in get_commands()
    for name in ("worker", "alerts", "beat"):
        command = services[name]["command"]
        assert command[:3] == ["celery", "-A", "config"]
        assert importlib.util.find_spec("config.celery") is not None

    def queues_of(name: str) -> set[str]:
        command = services[name]["command"]
        return set(command[command.index("--queues") + 1].split(","))

    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= queues_of("worker") | queues_of(
        "alerts"
    )
    # Alerts never wait behind a render: their workers take nothing else, and no other does.
    assert queues_of("alerts") == {"alerts"}
    assert "alerts" not in queues_of("worker")


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
    assert set(lines) == {"web", "worker", "alerts", "beat"}
    assert "--queues alerts " in lines["alerts"]
    assert "alerts" not in lines["worker"].split("--queues")[1].split()[0]


def test_only_the_tls_proxy_is_reachable_from_outside() -> None:
    services = compose()["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert {"80:80", "443:443"} <= set(services["proxy"]["ports"])
    assert "8000" in services["web"]["expose"]


def test_the_proxy_serves_the_public_site_and_every_network_from_gunicorn() -> None:
    services = compose()["services"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("caddy:")
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert "PORTAL_DOMAIN" in proxy["environment"]
    sites = re.search(r"^(\S.*)\{$", caddyfile(), re.MULTILINE)
    assert sites is not None
    assert [site.strip() for site in sites.group(1).split(",")] == [
        "{$PORTAL_DOMAIN}",
        "*.{$PORTAL_DOMAIN}",
    ]
    web = services["web"]["command"]
    bind_port = web[web.index("--bind") + 1].rsplit(":", 1)[1]
    assert re.search(rf"^\s*reverse_proxy web:{bind_port} \{{$", caddyfile(), re.MULTILINE)


def test_the_proxy_overwrites_the_client_ip_header_production_reads() -> None:
    header = production_settings("ALLAUTH_TRUSTED_CLIENT_IP_HEADER")[
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER"
    ]
    assert header
    # `header_up Name value` sets the header; `+Name` would append to the client's own.
    assert re.search(
        rf"^\s*header_up {re.escape(header)} \{{remote_host\}}$", caddyfile(), re.MULTILINE
    )
