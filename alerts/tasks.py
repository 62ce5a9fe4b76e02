"""Celery tasks of the alerts app (all on the `alerts` queue, see CELERY_TASK_ROUTES). They
receive ids, run in their network's schema (network_task) and call alerts.engine/dispatch.

Keep the import of the other task modules at the end: Celery's autodiscovery imports only
`alerts.tasks`.
"""

from __future__ import annotations

import logging
from typing import Any

from config.celery import network_task

from . import dispatch, engine

logger = logging.getLogger(__name__)


@network_task(name="alerts.deliver_batch", bind=True)
def deliver_batch(self: Any, *, delivery_ids: list[int], channel: str, priority: int = 5) -> None:
    """Send one batch. When an urgent alert takes the channel, the rest of this (less urgent)
    batch goes back on the queue behind it instead of holding a worker."""
    result = engine.deliver_batch(
        delivery_ids=delivery_ids,
        channel=channel,
        # In-process (eager) runs have no queue to go back to.
        may_yield=not self.request.is_eager,
    )
    if result.yielded:
        dispatch.lease_take(delivery_ids=result.yielded, seconds=result.retry_after + 60)
        dispatch.enqueue_batch(
            delivery_ids=result.yielded,
            channel=channel,
            priority=priority,
            countdown=max(1.0, result.retry_after),
        )
    for alert_id in result.alert_ids:
        dispatch.alert_progress_update(alert_id=alert_id)


@network_task(name="alerts.sweep")
def sweep() -> None:
    counts = dispatch.sweep()
    if any(counts.values()):
        logger.info("alerts sweep: %s", counts)


@network_task(name="alerts.escalate")
def escalate() -> None:
    dispatch.escalate()


from . import digest_tasks  # noqa: E402, F401
