"""Celery tasks of the alerts app (all on the `alerts` queue, see CELERY_TASK_ROUTES).

Placeholder: the engine (fan-out, sweeper, escalation) is written here. Keep the import of
the other task modules at the end: Celery's autodiscovery imports only `alerts.tasks`.
"""

from . import digest_tasks  # noqa: F401
