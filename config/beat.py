"""Celery beat for a portal of many networks.

Each entry of CELERY_BEAT_SCHEDULE is sent once per open network, inside that network's schema
(tenant-schemas-celery's scheduler), so a network task on the schedule runs like one a page
enqueued. A platform job names the public schema instead:
`"tenant_schemas": ["public"]`. Closed networks get nothing.
"""

from __future__ import annotations

from typing import Any

from tenant_schemas_celery.scheduler import TenantAwarePersistentScheduler


class NetworkScheduler(TenantAwarePersistentScheduler):
    @classmethod
    def get_queryset(cls) -> Any:
        from networks.models import Network

        return Network.objects.filter(is_active=True)
