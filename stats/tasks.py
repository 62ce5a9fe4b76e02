"""Celery tasks of the stats app: the platform rollup (stats.rollup)."""

from __future__ import annotations

import logging

from config.celery import network_task, platform_task
from networks.schemas import current_network

from .models import RollupRun
from .report_services import monthly_report_send
from .rollup import network_rollup, rollup_start, run_count

logger = logging.getLogger(__name__)


@platform_task(name="stats.rollup_all")
def rollup_all(*, trigger: str = RollupRun.Trigger.SCHEDULE) -> None:
    rollup_start(trigger=trigger)


@network_task(name="stats.rollup_network")
def rollup_network(*, run_id: int) -> None:
    network = current_network()
    try:
        network_rollup(network=network, run_id=run_id)
    except Exception as error:
        # Counted as failed on the run (shown to the admin) rather than retried forever: the
        # next scheduled run tries again.
        logger.exception("stats rollup failed for %s", network.slug)
        run_count(run_id=run_id, failed=True, error=f"{network.slug}: {error}")


@network_task(name="stats.monthly_reports")
def monthly_reports() -> None:
    monthly_report_send(network=current_network())
