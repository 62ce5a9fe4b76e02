"""The daily reminder of follow-ups that fall due. Celery beat sends the task once a day to
every open network (config/settings/base.py CELERY_BEAT_SCHEDULE); "today" is the network's
own date, and each follow-up is reminded once (FollowUp.reminded_on)."""

from __future__ import annotations

from config.celery import network_task

from .contact_services import follow_ups_remind, network_today


@network_task(name="police.follow_ups_remind")
def follow_ups_remind_due() -> int:
    return follow_ups_remind(today=network_today())
