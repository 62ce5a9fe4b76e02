"""Celery tasks of the police app. They receive ids, run in their network's schema
(config.celery.network_task) and call a service.

Celery's autodiscovery imports only `police.tasks`: each part's task module is imported at the
end of this one.
"""

from __future__ import annotations

from . import follow_up_tasks, patrol_tasks, plan_tasks  # noqa: F401
