"""Who an alert goes to, and on which channels: read when it is sent, written down as its
recipients and deliveries (alerts.services.alert_send)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Protocol
from zoneinfo import ZoneInfo

from django.db.models.expressions import RawSQL

from accounts.models import User
from networks.models import Membership, Network, Store

from .models import Alert, AlertPreference, Channel, LawEnforcementContact, Recipient, Webhook

Role = Membership.Role
EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: Decimal, lon1: Decimal, lat2: Decimal, lon2: Decimal) -> float:
    """Great-circle distance (haversine): plenty for "stores within 10 km"."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def stores_near(*, latitude: Decimal, longitude: Decimal, km: Decimal) -> list[int]:
    """Ids of the stores (with coordinates) within `km` of a point."""
    stores = Store.objects.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "pk", "latitude", "longitude"
    )
    return [
        pk
        for pk, lat, lon in stores
        if lat is not None
        and lon is not None
        and distance_km(latitude, longitude, lat, lon) <= float(km)
    ]


def audience_store_ids(*, alert: Alert) -> set[int] | None:
    """The stores whose people an alert reaches; None means every member of the network."""
    if alert.to_all_members:
        return None
    chosen = set(alert.to_stores.values_list("pk", flat=True))
    if (
        alert.near_km is not None
        and alert.near_latitude is not None
        and alert.near_longitude is not None
    ):
        chosen.update(
            stores_near(
                latitude=alert.near_latitude, longitude=alert.near_longitude, km=alert.near_km
            )
        )
    return chosen


def audience_memberships(*, alert: Alert) -> list[Membership]:
    """The members an alert reaches: everyone, or the chosen and nearby stores' people, with
    the network's law-enforcement members when the alert is for law enforcement too."""
    # Only what a recipient row needs: a 5,000-member alert reads them while its sender waits.
    members = Membership.objects.filter(is_active=True).only("pk", "user_id", "store_id", "role")
    store_ids = audience_store_ids(alert=alert)
    chosen: list[Membership] = []
    for membership in members.order_by("store__display_name", "role", "id"):
        if membership.role == Role.LAW_ENFORCEMENT:
            if alert.to_all_members or alert.to_law_enforcement:
                chosen.append(membership)
        elif membership.role == Role.COORDINATOR:
            # The coordinators see every alert on their desk; as recipients only of "all".
            if alert.to_all_members:
                chosen.append(membership)
        elif store_ids is None or membership.store_id in store_ids:
            chosen.append(membership)
    return chosen


def _audience_rows(*, alert: Alert) -> list[tuple[int, int | None, str]]:
    """audience_memberships as (user_id, store_id, role) tuples: the same people in the same
    order, without building 5,000 model instances while the sender waits."""
    rows = Membership.objects.filter(is_active=True).order_by("store__display_name", "role", "id")
    store_ids = audience_store_ids(alert=alert)
    chosen: list[tuple[int, int | None, str]] = []
    for user_id, store_id, role in rows.values_list("user_id", "store_id", "role"):
        if role == Role.LAW_ENFORCEMENT:
            if alert.to_all_members or alert.to_law_enforcement:
                chosen.append((user_id, store_id, role))
        elif role == Role.COORDINATOR:
            if alert.to_all_members:
                chosen.append((user_id, store_id, role))
        elif store_ids is None or store_id in store_ids:
            chosen.append((user_id, store_id, role))
    return chosen


class _Quiet(Protocol):
    @property
    def quiet_start(self) -> dt.time | None: ...

    @property
    def quiet_end(self) -> dt.time | None: ...


def in_quiet_hours(*, preference: _Quiet | None, at: dt.datetime, tz: ZoneInfo) -> bool:
    if preference is None or preference.quiet_start is None or preference.quiet_end is None:
        return False
    local = at.astimezone(tz).time()
    start, end = preference.quiet_start, preference.quiet_end
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # the window spans midnight (22:00 to 07:00)


def quiet_until(*, preference: _Quiet, at: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """When a held message may go: the end of the quiet window that `at` falls in."""
    local = at.astimezone(tz)
    quiet_end = preference.quiet_end or dt.time(0, 0)
    end = local.replace(
        hour=quiet_end.hour,
        minute=quiet_end.minute,
        second=0,
        microsecond=0,
    )
    if end <= local:
        end += dt.timedelta(days=1)
    return end


@dataclass
class Planned:
    """A recipient about to be written, and the channels (with addresses) it gets.

    Plain values, not a Recipient: a 5,000-member alert builds 5,000 of these while its
    sender waits, and alert_send writes them as column arrays. `recipient` builds the model
    for the callers that want one (the preview, the demo)."""

    alert: Alert
    kind: str
    name: str
    language: str = ""
    user_id: int | None = None
    store_id: int | None = None
    role: str = ""
    email: str = ""
    phone: str = ""
    contact: LawEnforcementContact | None = None
    webhook: Webhook | None = None
    call_order: int = 0
    channels: list[tuple[str, str, dt.datetime | None]] = field(default_factory=list)

    @property
    def contact_id(self) -> int | None:
        return self.contact.pk if self.contact is not None else None

    @property
    def webhook_id(self) -> int | None:
        return self.webhook.pk if self.webhook is not None else None

    @cached_property
    def recipient(self) -> Recipient:
        return Recipient(
            alert=self.alert,
            kind=self.kind,
            user_id=self.user_id,
            contact=self.contact,
            webhook=self.webhook,
            store_id=self.store_id,
            role=self.role,
            name=self.name,
            email=self.email,
            phone=self.phone,
            language=self.language,
            call_order=self.call_order,
        )


@dataclass(frozen=True)
class _Preference:
    """What planning reads of an AlertPreference (a tuple's worth, not a model instance)."""

    phone: str
    email_on: bool
    sms_on: bool
    quiet_start: dt.time | None
    quiet_end: dt.time | None


def _any_of(ids: Iterable[int]) -> RawSQL:
    """`IN` thousands of ids as one array parameter, not thousands of placeholders."""
    return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])


def preferences_of(user_ids: Iterable[int]) -> dict[int, _Preference]:
    rows = AlertPreference.objects.filter(user_id__in=_any_of(user_ids)).values_list(
        "user_id", "phone", "email_on", "sms_on", "quiet_start", "quiet_end"
    )
    return {
        user_id: _Preference(phone, email_on, sms_on, quiet_start, quiet_end)
        for user_id, phone, email_on, sms_on, quiet_start, quiet_end in rows
    }


def _users(ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """The members' active users (public schema): {id: (email, full name or email)}."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return {}
    rows = User.objects.filter(pk__in=_any_of(wanted), is_active=True).values_list(
        "pk", "email", "full_name"
    )
    return {pk: (email, full_name or email) for pk, email, full_name in rows}


def plan_recipients(*, alert: Alert, network: Network, at: dt.datetime) -> list[Planned]:
    """Every recipient of `alert` with its channels, in calling order. Urgent alerts break
    quiet hours; anything else to someone in their quiet hours is held until they end."""
    tz = ZoneInfo(network.timezone)
    urgent = alert.severity == Alert.Severity.URGENT
    language = network.language
    members = _audience_rows(alert=alert)
    users = _users(user_id for user_id, _store, _role in members)
    preferences = preferences_of(user_id for user_id, _store, _role in members)
    planned: list[Planned] = []
    for user_id, store_id, role in members:
        user = users.get(user_id)
        if user is None:
            continue
        email, name = user
        preference = preferences.get(user_id)
        held = None
        if (
            preference is not None
            and not urgent
            and in_quiet_hours(preference=preference, at=at, tz=tz)
        ):
            held = quiet_until(preference=preference, at=at, tz=tz)
        phone = preference.phone if preference is not None else ""
        channels: list[tuple[str, str, dt.datetime | None]] = [(Channel.INBOX, "", None)]
        if preference is None or preference.email_on:
            channels.append((Channel.EMAIL, email, held))
        if phone and (preference is None or preference.sms_on):
            channels.append((Channel.SMS, phone, held))
        planned.append(
            Planned(
                alert=alert,
                kind=Recipient.Kind.MEMBER,
                user_id=user_id,
                store_id=store_id,
                role=role,
                name=name,
                email=email,
                phone=phone,
                language=language,
                channels=channels,
            )
        )
    if alert.to_law_enforcement:
        for contact in LawEnforcementContact.objects.filter(is_active=True):
            item = Planned(
                alert=alert,
                kind=Recipient.Kind.CONTACT,
                contact=contact,
                role=Role.LAW_ENFORCEMENT,
                name=f"{contact.name} ({contact.agency})",
                email=contact.email,
                phone=contact.phone,
                language=language,
            )
            if contact.email and contact.email_on:
                item.channels.append((Channel.EMAIL, contact.email, None))
            if contact.phone and contact.sms_on:
                item.channels.append((Channel.SMS, contact.phone, None))
            if item.channels:
                planned.append(item)
    if alert.to_webhooks:
        for webhook in Webhook.objects.filter(is_active=True):
            item = Planned(
                alert=alert, kind=Recipient.Kind.WEBHOOK, webhook=webhook, name=webhook.name
            )
            item.channels.append((Channel.WEBHOOK, webhook.url, None))
            planned.append(item)
    # The calling tree rings first whoever no digital channel reaches.
    planned.sort(key=lambda p: _has_digital_channel(p))
    for order, item in enumerate(planned, start=1):
        item.call_order = order
    return planned


def _has_digital_channel(item: Planned) -> bool:
    return any(channel in (Channel.EMAIL, Channel.SMS) for channel, _a, _h in item.channels)
