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

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = CeleryApp("portal")
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
