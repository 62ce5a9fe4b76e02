"""The Celery app. Tasks carry their network's schema (tenant-schemas-celery) in a header.

Two kinds of task: `network_task` runs inside one network and refuses to run without one,
so a task that lost its schema fails loudly instead of touching the public schema;
`platform_task` runs in the public schema on purpose (creating networks, housekeeping).
"""

import os
from collections.abc import Callable
from typing import Any

from tenant_schemas_celery.app import CeleryApp
from tenant_schemas_celery.task import TenantTask

SETTINGS_MISSING = (
    "celery: set DJANGO_SETTINGS_MODULE (config.settings.local to develop, "
    "config.settings.production to serve)."
)

app = CeleryApp("portal")


@app.on_configure.connect
def _require_settings_module(**kwargs: Any) -> None:
    # Checked when the app first reads its configuration, not on import: a web process
    # imports this module (config/__init__.py) before wsgi.py names the production settings.
    # No fallback to the local settings (debug on, a published secret key, MFA exemptions).
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        raise SystemExit(SETTINGS_MISSING)


app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class MissingNetworkError(RuntimeError):
    """A network task arrived without a network schema."""


class NetworkTask(TenantTask):
    abstract = True

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from networks.schemas import in_public_schema

        if in_public_schema():
            raise MissingNetworkError(f"{self.name} must run inside a network, not in public.")
        return super().__call__(*args, **kwargs)


def network_task(**options: Any) -> Callable[[Callable[..., Any]], Any]:
    return app.task(base=NetworkTask, **options)


def platform_task(**options: Any) -> Callable[[Callable[..., Any]], Any]:
    return app.task(**options)
