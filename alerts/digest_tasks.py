"""The members' digest of advisories, daily or weekly (alerts.digests). Celery beat sends the
task every hour to every open network (config/settings/base.py CELERY_BEAT_SCHEDULE); it
sends only at the network's digest hour, so every member gets theirs in the morning."""

from __future__ import annotations

from django.utils import timezone

from config.celery import network_task
from networks.schemas import current_network

from .digests import DIGEST_HOUR, digests_send


@network_task(name="alerts.digest_send")
def digest_send(*, any_hour: bool = False) -> int:
    now = timezone.now()
    if not any_hour and timezone.localtime(now, current_network().zone).hour != DIGEST_HOUR:
        return 0
    return digests_send(now=now)


# Celery's autodiscovery imports alerts.tasks, which imports this module: the members' other
# task comes along.
from . import member_tasks  # noqa: E402, F401
