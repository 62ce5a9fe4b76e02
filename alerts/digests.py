"""The digest of advisories: for each member who asked for one (daily or weekly, weekly for a
member who never said), one email listing the alerts other than urgent ones they were sent
since their last digest. Nothing new, no email.

A member who turned alert emails off gets no digest either: "no email" means none from us.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse

from accounts.selectors import users_by_id
from networks.closure import network_open_required
from networks.mail import mail_send
from networks.models import Membership
from networks.schemas import current_network
from networks.templatetags.portal import network_origin

from .inbox_selectors import digest_rows
from .models import Alert, AlertPreference, Digest

PERIOD = {Digest.DAILY: dt.timedelta(days=1), Digest.WEEKLY: dt.timedelta(days=7)}
# Beat runs the task every hour; a digest sent a few minutes late yesterday is still due today.
SLACK = dt.timedelta(hours=1)
# Digests go out once a day, at this hour of the network's own clock.
DIGEST_HOUR = 7


@dataclass(frozen=True)
class Due:
    user_id: int
    since: dt.datetime
    last: dt.datetime | None


def digests_due(*, now: dt.datetime) -> list[Due]:
    user_ids = set(Membership.objects.filter(is_active=True).values_list("user_id", flat=True))
    preferences = {p.user_id: p for p in AlertPreference.objects.filter(user_id__in=list(user_ids))}
    due: list[Due] = []
    for user_id in sorted(user_ids):
        preference = preferences.get(user_id)
        digest = preference.digest if preference is not None else Digest.WEEKLY
        if digest not in PERIOD:
            continue
        if preference is not None and not preference.email_on:
            continue
        period = PERIOD[Digest(digest)]
        last = preference.digest_sent_at if preference is not None else None
        if last is not None and last > now - period + SLACK:
            continue
        since = max(last, now - period) if last is not None else now - period
        due.append(Due(user_id=user_id, since=since, last=last))
    return due


def _claim(*, due: Due, now: dt.datetime) -> bool:
    """Mark the digest sent before sending it: two runs at once send it once."""
    AlertPreference.objects.get_or_create(user_id=due.user_id)
    claimed = AlertPreference.objects.filter(user_id=due.user_id, digest_sent_at=due.last)
    if due.last is None:
        claimed = AlertPreference.objects.filter(user_id=due.user_id, digest_sent_at__isnull=True)
    return claimed.update(digest_sent_at=now) == 1


def digests_send(*, now: dt.datetime) -> int:
    """Send every digest that is due and has something in it; returns how many were sent."""
    network_open_required()
    due = digests_due(now=now)
    if not due:
        return 0
    alerts: dict[int, list[Alert]] = defaultdict(list)
    since_of = {item.user_id: item.since for item in due}
    for row in digest_rows(user_ids=since_of, since=min(since_of.values())):
        sent_at, user_id = row.alert.sent_at, row.user_id
        if user_id is not None and sent_at is not None and sent_at > since_of[user_id]:
            alerts[user_id].append(row.alert)
    users = users_by_id(alerts)
    network = current_network()
    origin = network_origin(network)
    preferences_url = f"{origin}{reverse('alert_preferences')}"
    inbox_url = f"{origin}{reverse('alert_inbox')}"
    sent = 0
    for item in due:
        user = users.get(item.user_id)
        if user is None or not user.is_active or not alerts.get(item.user_id):
            continue
        if not _claim(due=item, now=now):
            continue
        entries = [
            {"alert": alert, "url": f"{origin}{reverse('alert_detail', args=[alert.pk])}"}
            for alert in alerts[item.user_id]
        ]
        mail_send(
            template="alert_digest",
            context={
                "network": network,
                "entries": entries,
                "since": item.since,
                "inbox_url": inbox_url,
                "preferences_url": preferences_url,
            },
            to=[user.email],
            language=network.language,
        )
        sent += 1
    return sent
