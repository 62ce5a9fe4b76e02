"""The fan-out: turns a sending alert's queued deliveries into batch tasks on the `alerts`
queue, paced per channel by one Redis limiter shared by every worker.

CONTRACT (the engine fills this in):
- dispatch_alert(*, alert_id) is called on commit of alerts.services.alert_send.
- channel_rate(channel) -> messages per second the channel's sender is configured for.
"""

from __future__ import annotations

from django.conf import settings


def channel_rate(channel: str) -> float:
    return float(settings.ALERTS_CHANNEL_RATES[channel])


def dispatch_alert(*, alert_id: int) -> None:
    raise NotImplementedError
