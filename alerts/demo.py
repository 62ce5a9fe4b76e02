"""Demo alerts for `manage.py seed_demo`, so that the desk, the inbox, the progress pages and the
calling tree show a network that has been using them. Re-running changes nothing.

Each demo network gets: alert preferences with (fictional, 555-01xx) mobile numbers for its
members, two law-enforcement contacts who gave their consent, two alerts sent in the past from
its shared demo incidents (an urgent one and an advisory) with an update threaded under the
urgent one, a member's report waiting for the coordinator and a draft. The wording is the
network's own (US or Canadian English).

Nothing is sent: the past alerts' recipients and deliveries are written as the send
transaction would have left them once the messages were out (alerts.audience chooses who and
on which channels, as for a real send), mostly sent, one email bounced, and about half of the
members having acknowledged. The alerts are seeded once per network, into a network that has
no alert yet; preferences and contacts are each added only when missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from incidents.models import Incident, IncidentType
from networks.demo import DEMO_NETWORKS, DemoNetwork, demo_email
from networks.models import Membership, Network, Store

from . import texts
from .audience import plan_recipients
from .drafts import details_from_incidents
from .models import (
    Alert,
    AlertPreference,
    AlertReport,
    Channel,
    Delivery,
    LawEnforcementContact,
    Recipient,
)

URGENT_KINDS = (IncidentType.SMASH, IncidentType.GRAB, IncidentType.ROBBERY)
ADVISORY_KINDS = (IncidentType.DISTRACTION, IncidentType.SWITCH, IncidentType.FRAUD)
# acknowledged_via as alerts.member_services writes it.
VIA_LINK, VIA_PORTAL = "link", "portal"


@dataclass(frozen=True)
class Contact:
    name: str
    agency: str
    email: str
    phone: str
    consent_note: str
    consent_days_ago: int


@dataclass(frozen=True)
class AlertWords:
    """How one network writes its alerts. `{store}`, `{city}` and `{kind}` are filled from the
    incident an alert was made of."""

    area_code: str  # the members' fictional mobiles: +1 <area> 555-01xx
    contacts: tuple[Contact, Contact]
    urgent_headline: str
    urgent_intro: str
    advisory_headline: str
    advisory_intro: str
    update_headline: str
    update_message: str
    update_sms: str
    report: str
    draft_headline: str
    draft_message: str
    draft_sms: str
    bounce: str  # the email server's answer for the one address that bounced


SOCAL = AlertWords(
    area_code="213",
    contacts=(
        Contact(
            name="Det. Ana Ruiz",
            agency="Long Beach Police Department, Burglary/Robbery Detail",
            email="ana.ruiz@lbpd.example",
            phone="+15625550180",
            consent_note="Asked at the March network meeting; confirmed by email the next day.",
            consent_days_ago=120,
        ),
        Contact(
            name="Sgt. Tom Becker",
            agency="Pasadena Police Department, Community Services",
            email="tbecker@pasadena-pd.example",
            phone="+16265550144",
            consent_note="Signed the contact form at the Colorado Boulevard merchants' walk.",
            consent_days_ago=75,
        ),
    ),
    urgent_headline="{kind} at {store}, {city}: crew may hit again",
    urgent_intro=(
        "Heads up, everyone. {store} in {city} was hit this afternoon. Keep the door on the "
        "buzzer and put trays away between customers until we hear more."
    ),
    advisory_headline="{kind} at {store}: watch the counter",
    advisory_intro=(
        "A reminder from {store} in {city}: this team works the counter in pairs. "
        "Show one tray at a time."
    ),
    update_headline="Update: LBPD has the getaway car on a traffic camera",
    update_message=(
        "Update: Long Beach PD pulled the getaway car from a traffic camera on the 405 "
        "on-ramp. They believe the same crew hit a store in Orange County last month.\n\n"
        "Keep the buzzer on through the weekend. Det. Ana Ruiz asks anyone with footage "
        "from that afternoon to email her."
    ),
    update_sms=(
        "LBPD has the getaway car on camera; same crew as an OC hit last month. "
        "Keep the buzzer on through the weekend."
    ),
    report=(
        "Two guys in a white Tahoe have been parked across from the store since 10, engine "
        "running. One came in, asked if we buy gold, and looked at the cameras. Plate starts "
        "8RJ. They are still there."
    ),
    draft_headline="Fake cashier's checks for bridal sets around Irvine",
    draft_message=(
        "Advisory: three stores in Irvine and Costa Mesa were offered cashier's checks for "
        "bridal sets this month, each time by a young man in a hurry to propose. The checks "
        "were counterfeit.\n\n"
        "Call the issuing bank on a number you look up yourself before releasing anything."
    ),
    draft_sms=(
        "Fake cashier's checks offered for bridal sets in Irvine. Call the bank "
        "yourself before releasing anything."
    ),
    bounce="550 5.1.1 The email account that you tried to reach does not exist",
)

GTA = AlertWords(
    area_code="416",
    contacts=(
        Contact(
            name="DC Priya Sharma",
            agency="Toronto Police Service, 32 Division Major Crime Unit",
            email="priya.sharma@tps.example",
            phone="+14165550188",
            consent_note="Agreed in writing after the January jewellers' safety evening.",
            consent_days_ago=140,
        ),
        Contact(
            name="Sgt. Luc Bouchard",
            agency="Peel Regional Police, Robbery Bureau",
            email="luc.bouchard@peelpolice.example",
            phone="+19055550166",
            consent_note="Gave consent by phone to the coordinator; confirmed by email.",
            consent_days_ago=60,
        ),
    ),
    urgent_headline="{kind} at {store} ({city}): lock the doors",
    urgent_intro=(
        "Everyone, please read: {store} in {city} was targeted today. Lock the doors, buzz "
        "customers in one at a time and keep the showcases closed until further notice."
    ),
    advisory_headline="{kind} reported by {store}: keep an eye on the counter",
    advisory_intro=(
        "{store} in {city} asked us to pass this on: the group works in twos and threes and "
        "keeps staff busy at the till. One tray out at a time, please."
    ),
    update_headline="Update: police have the plaza's camera footage",
    update_message=(
        "Update: the police collected the plaza's camera footage this morning and have a "
        "clear picture of the vehicle. Nobody was hurt.\n\n"
        "Please keep the doors locked through Saturday and send any footage of your own "
        "entrance from that afternoon to the coordinator."
    ),
    update_sms=(
        "Police have the plaza footage and the vehicle. Keep doors locked through "
        "Saturday; send your own footage to the coordinator."
    ),
    report=(
        "A silver RAV4 has circled the plaza three times since opening. The passenger "
        "filmed our entrance with his phone. Licence plate starts CK. I have the footage."
    ),
    draft_headline="Fake e-Transfer confirmations for watches in Mississauga",
    draft_message=(
        "Advisory: two stores in Mississauga were shown e-Transfer confirmation screens for "
        "watches this week. The money never arrived.\n\n"
        "Check that the deposit is in your account before the piece leaves the store."
    ),
    draft_sms=(
        "Fake e-Transfer confirmations shown for watches in Mississauga. Check "
        "your account before releasing anything."
    ),
    bounce="550 5.1.1 Recipient address rejected: user unknown",
)

WORDS = {"socal": SOCAL, "gta": GTA}


def seed() -> None:
    for spec in DEMO_NETWORKS:
        network = Network.objects.get(slug=spec["slug"])
        with schema_context(network.schema_name):
            _seed_network(spec, network)


@transaction.atomic
def _seed_network(spec: DemoNetwork, network: Network) -> None:
    words = WORDS.get(spec["slug"], SOCAL)
    coordinator = User.objects.get(email=demo_email("coordinator", spec["slug"]))
    _preferences(words)
    _contacts(words, created_by=coordinator)
    if Alert.objects.exists():
        return
    now = timezone.now()
    urgent_from = _latest_shared(URGENT_KINDS)
    advisory_from = _latest_shared(ADVISORY_KINDS, before=urgent_from)
    if urgent_from is not None:
        sent_at = _sent_at(urgent_from, now=now, days=6)
        urgent = _past_alert(
            network,
            incident=urgent_from,
            headline=words.urgent_headline,
            intro=words.urgent_intro,
            severity=Alert.Severity.URGENT,
            by=coordinator,
            sent_at=sent_at,
            words=words,
        )
        # The next morning, once the police had been in touch.
        update_at = min(sent_at + dt.timedelta(hours=20), now - dt.timedelta(days=5))
        _update(network, parent=urgent, words=words, by=coordinator, sent_at=update_at)
    if advisory_from is not None:
        _past_alert(
            network,
            incident=advisory_from,
            headline=words.advisory_headline,
            intro=words.advisory_intro,
            severity=Alert.Severity.ADVISORY,
            by=coordinator,
            sent_at=_sent_at(advisory_from, now=now, days=20),
            words=words,
        )
    _report(spec, words)
    Alert.objects.create(
        severity=Alert.Severity.ADVISORY,
        headline=words.draft_headline,
        crime_type=IncidentType.FRAUD,
        message=words.draft_message,
        sms_text=words.draft_sms,
        created_by_id=coordinator.pk,
    )


# --- Preferences and contacts ----------------------------------------------------------------


def _preferences(words: AlertWords) -> None:
    """A mobile number for every member but the last, who is left to the store's phone; one
    takes no text messages, one has quiet hours."""
    user_ids = list(
        Membership.objects.filter(is_active=True).order_by("id").values_list("user_id", flat=True)
    )
    known = set(AlertPreference.objects.values_list("user_id", flat=True))
    preferences = []
    for index, user_id in enumerate(user_ids):
        if user_id in known:
            continue
        last = index == len(user_ids) - 1
        preferences.append(
            AlertPreference(
                user_id=user_id,
                phone="" if last else f"+1{words.area_code}55501{10 + index:02d}",
                sms_on=index != 2,
                quiet_start=dt.time(22, 0) if index == 3 else None,
                quiet_end=dt.time(7, 0) if index == 3 else None,
            )
        )
    AlertPreference.objects.bulk_create(preferences)


def _contacts(words: AlertWords, *, created_by: User) -> None:
    now = timezone.now()
    for contact in words.contacts:
        if LawEnforcementContact.objects.filter(email=contact.email).exists():
            continue
        LawEnforcementContact.objects.create(
            name=contact.name,
            agency=contact.agency,
            email=contact.email,
            phone=contact.phone,
            consent_at=now - dt.timedelta(days=contact.consent_days_ago),
            consent_note=contact.consent_note,
            created_by_id=created_by.pk,
        )


# --- Past alerts -----------------------------------------------------------------------------


def _latest_shared(kinds: tuple[str, ...], *, before: Incident | None = None) -> Incident | None:
    incidents = Incident.objects.filter(
        kind__in=kinds, is_shared=True, is_complete=True, voided_at__isnull=True
    )
    if before is not None:
        incidents = incidents.filter(started_at__lt=before.started_at - dt.timedelta(days=7))
    return (
        incidents.select_related("store")
        .prefetch_related("suspects", "vehicles", "items")
        .order_by("-started_at", "-id")
        .first()
    )


def _sent_at(incident: Incident, *, now: dt.datetime, days: int) -> dt.datetime:
    """About forty minutes after the incident, and in the past even for a recent one."""
    return min(incident.started_at + dt.timedelta(minutes=40), now - dt.timedelta(days=days))


def _fill(template: str, incident: Incident) -> str:
    store: Store = incident.store
    return template.format(
        store=store.display_name, city=store.city, kind=incident.get_kind_display()
    )


def _past_alert(
    network: Network,
    *,
    incident: Incident,
    headline: str,
    intro: str,
    severity: str,
    by: User,
    sent_at: dt.datetime,
    words: AlertWords,
) -> Alert:
    details = details_from_incidents([incident])
    details.pop("severity", None)
    details["headline"] = _fill(headline, incident)[:140]
    alert = Alert(
        severity=severity,
        status=Alert.Status.SENT,
        origin=Alert.Origin.INCIDENT,
        created_by_id=by.pk,
        sent_by_id=by.pk,
        sent_at=sent_at,
        **details,
    )
    message, sms_text = texts.fill(alert, ZoneInfo(network.timezone))
    alert.message = f"{_fill(intro, incident)}\n\n{message}"
    alert.sms_text = sms_text
    alert.save()
    alert.incidents.add(incident)
    _recipients(network, alert=alert, words=words)
    return alert


def _update(
    network: Network, *, parent: Alert, words: AlertWords, by: User, sent_at: dt.datetime
) -> Alert:
    alert = Alert.objects.create(
        severity=Alert.Severity.UPDATE,
        status=Alert.Status.SENT,
        parent=parent,
        headline=words.update_headline,
        occurred_at=parent.occurred_at,
        place=parent.place,
        crime_type=parent.crime_type,
        message=words.update_message,
        sms_text=words.update_sms,
        created_by_id=by.pk,
        sent_by_id=by.pk,
        sent_at=sent_at,
    )
    _recipients(network, alert=alert, words=words)
    return alert


def _recipients(network: Network, *, alert: Alert, words: AlertWords) -> None:
    """The recipients and deliveries a real send would have left once everything was out."""
    sent_at = alert.sent_at or timezone.now()
    planned = plan_recipients(alert=alert, network=network, at=sent_at)
    recipients = Recipient.objects.bulk_create([item.recipient for item in planned])
    # A member without text messages whose email bounced: the calling tree rings them first.
    bounced_id = next(
        (
            recipient.pk
            for recipient, item in zip(recipients, planned, strict=True)
            if recipient.kind == Recipient.Kind.MEMBER
            and all(channel != Channel.SMS for channel, _a, _h in item.channels)
        ),
        None,
    )
    deliveries = []
    for position, (recipient, item) in enumerate(zip(recipients, planned, strict=True)):
        member = recipient.kind == Recipient.Kind.MEMBER
        bounced = recipient.pk == bounced_id
        for channel, address, _held in item.channels:
            failed = bounced and channel == Channel.EMAIL
            at = sent_at + dt.timedelta(seconds=5 + 3 * position)
            deliveries.append(
                Delivery(
                    alert=alert,
                    recipient=recipient,
                    channel=channel,
                    address=address,
                    status=Delivery.Status.FAILED if failed else Delivery.Status.SENT,
                    attempts=0 if channel == Channel.INBOX else (3 if failed else 1),
                    sent_at=None if failed else at,
                    failed_at=at if failed else None,
                    error=words.bounce if failed else "",
                    provider_ref=""
                    if channel == Channel.INBOX or failed
                    else f"demo-{alert.pk}-{recipient.pk}-{channel}",
                )
            )
        # About half acknowledge within the hour, the first ones from the link in the text.
        if member and not bounced and position % 2 == 0:
            Recipient.objects.filter(pk=recipient.pk).update(
                read_at=sent_at + dt.timedelta(minutes=4 + position),
                acknowledged_at=sent_at + dt.timedelta(minutes=5 + position),
                acknowledged_via=VIA_LINK if position < 4 else VIA_PORTAL,
            )
    Delivery.objects.bulk_create(deliveries)
    finished = (
        max((d.sent_at or d.failed_at or sent_at) for d in deliveries) if deliveries else sent_at
    )
    Alert.objects.filter(pk=alert.pk).update(
        recipient_count=len(recipients),
        finished_at=finished,
        expected_finish_at=finished,
        created_at=sent_at - dt.timedelta(minutes=12),
        updated_at=finished,
    )
    Delivery.objects.filter(alert=alert).update(created_at=sent_at)


# --- A member's report -----------------------------------------------------------------------


def _report(spec: DemoNetwork, words: AlertWords) -> None:
    staff = User.objects.get(email=demo_email("staff", spec["slug"]))
    membership = Membership.objects.filter(user_id=staff.pk, is_active=True).first()
    report = AlertReport.objects.create(
        store=membership.store if membership is not None else None,
        reported_by_id=staff.pk,
        text=words.report,
    )
    AlertReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=25)
    )
