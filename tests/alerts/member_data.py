"""Sent alerts for the tests of a member's side (inbox, links, digest), written straight into
a network's schema: these tests are about reading and acknowledging, not about sending."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from alerts.models import Alert, LawEnforcementContact, Recipient
from networks.models import Membership, Network


def sent_alert(
    network: Network,
    *,
    to: list[User],
    by: User,
    severity: str = Alert.Severity.ADVISORY,
    headline: str = "Two men casing showcases on Main Street",
    sent_at: dt.datetime | None = None,
    parent: Alert | None = None,
    contacts: list[LawEnforcementContact] | None = None,
    **fields: Any,
) -> Alert:
    with schema_context(network.schema_name):
        alert = Alert.objects.create(
            severity=severity,
            status=Alert.Status.SENT,
            headline=headline,
            parent=parent,
            created_by_id=by.pk,
            sent_by_id=by.pk,
            sent_at=sent_at or timezone.now(),
            **fields,
        )
        for user in to:
            membership = Membership.objects.get(user_id=user.pk)
            Recipient.objects.create(
                alert=alert,
                kind=Recipient.Kind.MEMBER,
                user_id=user.pk,
                store_id=membership.store_id,
                role=membership.role,
                name=user.get_full_name(),
                email=user.email,
            )
        for contact in contacts or []:
            Recipient.objects.create(
                alert=alert,
                kind=Recipient.Kind.CONTACT,
                contact=contact,
                name=contact.name,
                email=contact.email,
            )
    return alert


def contact(network: Network, *, by: User, email: str = "detective@metro-pd.test") -> Any:
    with schema_context(network.schema_name):
        return LawEnforcementContact.objects.create(
            name="Det. Rivera",
            agency="Metro PD",
            email=email,
            phone="+15105550142",
            consent_at=timezone.now(),
            consent_note="Agreed at the March meeting",
            created_by_id=by.pk,
        )


def recipient_of(network: Network, alert: Alert, user: User) -> Recipient:
    with schema_context(network.schema_name):
        return Recipient.objects.get(alert=alert, user_id=user.pk)
