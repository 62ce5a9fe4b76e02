"""Writes for what the senders keep: law-enforcement contacts, webhooks, deputies, and the
members' reports they dismiss.

Every write runs in the network's schema and starts with `network_open_required()`. Contacts
and webhooks are deactivated, never deleted: the recipients of alerts already sent refer to
them, and the record of who was told what must stay whole.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.closure import network_open_required
from networks.models import Membership

from .channels.webhook import (
    DELIVERY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    PrivateAddressError,
    public_pool_manager,
    sign,
)
from .models import AlertReport, Deputy, LawEnforcementContact, Webhook
from .net import public_url_error

if TYPE_CHECKING:
    from accounts.models import User

CONTACT_FIELDS = ("name", "agency", "email", "phone", "email_on", "sms_on", "consent_note")
# How long the test ping waits for the receiver: a person is looking at the page.
PING_TIMEOUT_SECONDS = 5.0


class ManageError(ValidationError):
    """A change the senders' pages refuse; the message is meant for the person making it."""


# --- Law-enforcement contacts ----------------------------------------------------------------


def _check_contact(contact: LawEnforcementContact) -> None:
    problems: dict[str, list[str]] = {}
    if not contact.consent_note.strip():
        problems["consent_note"] = [
            _("Say how and when they agreed to receive alerts (for example “by email, 3 May”).")
        ]
    if contact.email_on and not contact.email:
        problems["email"] = [_("Give an email address, or untick email.")]
    if contact.sms_on and not contact.phone:
        problems["phone"] = [_("Give a mobile phone number, or untick text message.")]
    if not (contact.email_on and contact.email) and not (contact.sms_on and contact.phone):
        problems.setdefault(
            "__all__", [_("Choose at least one way to reach them: email or text message.")]
        )
    if problems:
        raise ManageError(problems)


@transaction.atomic
def contact_create(*, by: User, fields: dict[str, object]) -> LawEnforcementContact:
    """Add a contact; their consent is recorded as given now, with the note of how."""
    network_open_required()
    contact = LawEnforcementContact(
        **{name: fields[name] for name in CONTACT_FIELDS if name in fields},
        consent_at=timezone.now(),
        created_by_id=by.pk,
    )
    _check_contact(contact)
    contact.save()
    return contact


@transaction.atomic
def contact_update(
    *, contact: LawEnforcementContact, by: User, fields: dict[str, object]
) -> LawEnforcementContact:
    """Change a contact. A new consent note means consent was given again: its time moves."""
    network_open_required()
    contact = LawEnforcementContact.objects.select_for_update().get(pk=contact.pk)
    old_note = contact.consent_note
    changed = ["updated_at"]
    for name in CONTACT_FIELDS:
        if name in fields and getattr(contact, name) != fields[name]:
            setattr(contact, name, fields[name])
            changed.append(name)
    _check_contact(contact)
    if contact.consent_note != old_note:
        contact.consent_at = timezone.now()
        changed.append("consent_at")
    contact.save(update_fields=changed)
    return contact


@transaction.atomic
def contact_set_active(
    *, contact: LawEnforcementContact, by: User, active: bool
) -> LawEnforcementContact:
    """Stop (or resume) sending alerts to a contact; alerts already sent keep naming them."""
    network_open_required()
    LawEnforcementContact.objects.filter(pk=contact.pk).update(
        is_active=active, updated_at=timezone.now()
    )
    contact.refresh_from_db()
    return contact


def contact_deactivate(*, contact: LawEnforcementContact, by: User) -> LawEnforcementContact:
    return contact_set_active(contact=contact, by=by, active=False)


# --- Webhooks --------------------------------------------------------------------------------


def webhook_url_error(url: str) -> str | None:
    """Why alerts cannot be posted to `url`, or None. Plain http only where the receivers are
    local (development, the tests); everywhere else the alert crosses the internet encrypted."""
    allow_http = settings.DEBUG or getattr(settings, "ALERTS_WEBHOOK_ALLOW_PRIVATE", False)
    if not url.lower().startswith("https://") and not (
        allow_http and url.lower().startswith("http://")
    ):
        return _("The address must start with https://.")
    return public_url_error(url)


def _check_webhook(webhook: Webhook) -> None:
    problems: dict[str, list[str]] = {}
    if not webhook.name.strip():
        problems["name"] = [_("Give the webhook a name.")]
    error = webhook_url_error(webhook.url)
    if error is not None:
        problems["url"] = [error]
    if problems:
        raise ManageError(problems)


@transaction.atomic
def webhook_create(*, by: User, name: str, url: str) -> Webhook:
    """Register a webhook; its signing secret is made here and shown to the coordinator."""
    network_open_required()
    webhook = Webhook(name=name, url=url, created_by_id=by.pk)
    _check_webhook(webhook)
    webhook.save()
    return webhook


@transaction.atomic
def webhook_update(*, webhook: Webhook, by: User, name: str, url: str) -> Webhook:
    network_open_required()
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    webhook.name = name
    webhook.url = url
    _check_webhook(webhook)
    webhook.save(update_fields=["name", "url"])
    return webhook


@transaction.atomic
def webhook_set_active(*, webhook: Webhook, by: User, active: bool) -> Webhook:
    network_open_required()
    Webhook.objects.filter(pk=webhook.pk).update(is_active=active)
    webhook.refresh_from_db()
    return webhook


def webhook_deactivate(*, webhook: Webhook, by: User) -> Webhook:
    return webhook_set_active(webhook=webhook, by=by, active=False)


@dataclass(frozen=True)
class PingResult:
    ok: bool
    status: int | None  # the receiver's HTTP status, when it answered
    error: str  # why it failed, for the person who pressed the button


def ping_payload(*, webhook: Webhook, network_name: str) -> dict[str, object]:
    return {
        "type": "ping",
        "network": network_name,
        "webhook": webhook.name,
        "sent_at": timezone.now().isoformat(),
        "message": "Test from the Partner for Protection portal: this webhook works.",
    }


def webhook_test_ping(*, webhook: Webhook, by: User, network_name: str) -> PingResult:
    """POST a signed test message to the webhook now, and say how the receiver answered.

    Signed and guarded as the alerts themselves are (alerts.channels.webhook): the address is
    checked again (DNS may have changed since it was saved), the connection refuses a private
    peer, and redirects are not followed."""
    error = webhook_url_error(webhook.url)
    if error is not None:
        return PingResult(ok=False, status=None, error=error)
    body = json.dumps(
        ping_payload(webhook=webhook, network_name=network_name), ensure_ascii=False
    ).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"{settings.PORTAL_NAME} alerts",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret=webhook.secret, timestamp=timestamp, body=body),
        DELIVERY_HEADER: f"ping-{uuid.uuid4().hex}",
    }
    http = public_pool_manager()
    try:
        response = http.request(
            "POST",
            webhook.url,
            body=body,
            headers=headers,
            redirect=False,
            retries=False,
            timeout=urllib3.Timeout(total=PING_TIMEOUT_SECONDS),
        )
    except PrivateAddressError as refused:
        return PingResult(ok=False, status=None, error=str(refused))
    except urllib3.exceptions.HTTPError as failure:
        return PingResult(
            ok=False,
            status=None,
            error=_("The receiver could not be reached (%(reason)s).")
            % {"reason": type(failure).__name__},
        )
    finally:
        http.clear()
    if 200 <= response.status < 300:
        return PingResult(ok=True, status=response.status, error="")
    if 300 <= response.status < 400:
        problem = _(
            "The receiver answered with a redirect (HTTP %(status)s), which is not followed."
        )
    else:
        problem = _("The receiver answered with HTTP status %(status)s.")
    return PingResult(ok=False, status=response.status, error=problem % {"status": response.status})


# --- Deputies --------------------------------------------------------------------------------


def deputy_candidates() -> list[Membership]:
    """Members the coordinator may appoint: active store owners and staff not yet deputies."""
    appointed = Deputy.objects.values("user_id")
    return list(
        Membership.objects.filter(is_active=True, role__in=Membership.STORE_ROLES)
        .exclude(user_id__in=appointed)
        .select_related("user", "store")
        .order_by("store__display_name", "user__full_name", "user__email")
    )


@transaction.atomic
def deputy_appoint(*, user_id: int, by: User) -> Deputy:
    """Let a store owner or staff member compose and send alerts. Police and other
    coordinators are not deputies (police receive; coordinators already send)."""
    network_open_required()
    member = Membership.objects.filter(
        user_id=user_id, is_active=True, role__in=Membership.STORE_ROLES
    ).first()
    if member is None:
        raise ManageError({"user_id": [_("Choose a store owner or staff member of this network.")]})
    try:
        with transaction.atomic():
            return Deputy.objects.create(user_id=user_id, appointed_by_id=by.pk)
    except IntegrityError:
        raise ManageError({"user_id": [_("They are already a deputy.")]}) from None


@transaction.atomic
def deputy_remove(*, deputy: Deputy, by: User) -> None:
    network_open_required()
    Deputy.objects.filter(pk=deputy.pk).delete()


# --- Members' reports ------------------------------------------------------------------------


@transaction.atomic
def report_dismiss(*, report: AlertReport, by: User) -> bool:
    """Set a waiting report aside without an alert. False when it was no longer waiting
    (another sender dismissed it or made an alert of it meanwhile)."""
    network_open_required()
    now: dt.datetime = timezone.now()
    claimed = AlertReport.objects.filter(pk=report.pk, status=AlertReport.Status.NEW).update(
        status=AlertReport.Status.DISMISSED, handled_by_id=by.pk, handled_at=now
    )
    report.refresh_from_db()
    return claimed == 1
