"""Many members at once, each with an email address and a phone, for the fault tests and the
alerts benchmark (bulk inserts: a fan-out of thousands is set up in a second or two)."""

from __future__ import annotations

from dataclasses import dataclass

from django_tenants.utils import schema_context

from accounts.models import User
from alerts.models import Alert, AlertPreference
from networks.models import Membership, Network, Store


@dataclass(frozen=True)
class Crowd:
    emails: frozenset[str]
    phones: frozenset[str]


def crowd_make(*, network: Network, store: Store, count: int, tag: str, first: int = 0) -> Crowd:
    """`count` store staff of `store` with email and SMS on. Phones are +1 555 numbers
    numbered from `first`: give each network its own range."""
    users = User.objects.bulk_create(
        User(email=f"{tag}{n}@{network.slug}.test", full_name=f"Member {n}", password="!")
        for n in range(first, first + count)
    )
    phones = [f"+1555{n:07d}" for n in range(first, first + count)]
    with schema_context(network.schema_name):
        Membership.objects.bulk_create(
            Membership(user=user, role=Membership.Role.STORE_STAFF, store=store) for user in users
        )
        AlertPreference.objects.bulk_create(
            AlertPreference(user_id=user.pk, phone=phone, email_on=True, sms_on=True)
            for user, phone in zip(users, phones, strict=True)
        )
    return Crowd(emails=frozenset(u.email for u in users), phones=frozenset(phones))


def urgent_draft(
    *, network: Network, by: User, headline: str = "Smash and grab on Main St"
) -> Alert:
    """An urgent alert to every member (no police contacts, no webhooks), not yet sent."""
    with schema_context(network.schema_name):
        return Alert.objects.create(
            severity=Alert.Severity.URGENT,
            headline=headline,
            message="Two men smashed the front case at 14:05 and left in a grey sedan.",
            sms_text="URGENT: smash and grab on Main St, grey sedan. Lock your doors.",
            to_all_members=True,
            to_law_enforcement=False,
            to_webhooks=False,
            created_by_id=by.pk,
        )
