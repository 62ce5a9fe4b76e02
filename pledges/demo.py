"""Demo pledges in every state, for `manage.py seed_demo`. Re-running changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from accounts.services import user_ensure
from networks.demo import DEMO_NETWORKS, DEMO_PASSWORD, DemoNetwork, demo_email
from networks.models import Network, Store

from .models import NetworkRequest, Pledge, PledgeEvent
from .network_requests import network_request_create
from .services import (
    StoreDetails,
    acknowledgement_record,
    current_version,
    listing_sync,
    pledge_take,
    pledge_transition,
)

# For each demo store, in order: the state its pledge ends in (None: no pledge yet),
# whether it shows on the public wall, and how many days ago it became a partner.
STORY: dict[str, list[tuple[str | None, bool, int]]] = {
    "socal": [
        ("active", True, 540),
        ("active", True, 410),
        ("active", False, 300),
        ("suspended", True, 200),
        ("pending", True, 0),
        ("withdrawn", True, 150),
    ],
    "gta": [
        ("active", True, 480),
        ("active", True, 260),
        ("pending", True, 0),
        ("revoked", True, 90),
        (None, False, 0),
    ],
}
OWNER_NAMES = [
    "James Okafor",
    "Elena Castellano",
    "Marcus Bell",
    "Thu Nguyen",
    "Ravi Patel",
    "Grace Kim",
    "Raj Malhotra",
    "Chantal Lavoie",
    "Kevin Wong",
    "Priya Sandhu",
    "Owen Fraser",
]


def seed() -> None:
    names = iter(OWNER_NAMES)
    for spec in DEMO_NETWORKS:
        network = Network.objects.get(slug=spec["slug"])
        with schema_context(network.schema_name):
            _seed_network(spec, names)
    _seed_network_request()


def _seed_network_request() -> None:
    """A jeweler in Arizona asks for a network: the platform admins' page has one to decide."""
    if NetworkRequest.objects.filter(slug="phoenix").exists():
        return
    network_request_create(
        organiser_name="Dolores Ramirez",
        organiser_email="dolores@phoenix-gold.example",
        organiser_phone="+1 602-555-0137",
        network_name="Greater Phoenix Jewelers Network",
        slug="phoenix",
        country="US",
        region="Arizona",
        cities="Phoenix, Scottsdale, Tempe, Mesa",
        expected_members=18,
        message="Three smash-and-grabs on Camelback Road since spring; the stores want to talk.",
    )


def _seed_network(spec: DemoNetwork, names: Iterator[str]) -> None:
    slug = spec["slug"]
    coordinator = User.objects.get(email=demo_email("coordinator", slug))
    commitments = [item["key"] for item in current_version().commitments]
    stores = [Store.objects.get(legal_name=s["legal_name"]) for s in spec["stores"]]
    for index, (store, (state, listed, days_ago)) in enumerate(
        zip(stores, STORY[slug], strict=True)
    ):
        owner_name = next(names)
        if state is None or Pledge.objects.filter(store=store).exists():
            continue
        owner = (
            User.objects.get(email=demo_email("owner", slug))
            if index == 0
            else user_ensure(
                email=f"store{index + 1}@{slug}.example",
                password=DEMO_PASSWORD,
                full_name=owner_name,
                # Where no approval is needed, only an unconfirmed email keeps a pledge pending;
                # where it is, the pending pledge is confirmed and waits for the coordinator.
                email_verified=state != "pending" or spec["requires_pledge_approval"],
            )
        )
        pledge = pledge_take(
            user=owner,
            store=StoreDetails(
                legal_name=store.legal_name,
                display_name=store.display_name,
                address_line1=store.address_line1,
                city=store.city,
                country=store.country,
                region=store.region,
                postal_code=store.postal_code,
                phone=store.phone,
            ),
            commitments=commitments,
            signature_name=owner.full_name,
            consented=True,
            listed_publicly=listed,
        )
        if pledge.status == Pledge.Status.PENDING and state != "pending":
            pledge = pledge_transition(pledge=pledge, action="approved", by=coordinator)
        if state == "suspended":
            pledge_transition(
                pledge=pledge,
                action="suspended",
                by=coordinator,
                reason="Logbook not kept for three months; reinstated once entries resume.",
            )
        elif state == "revoked":
            pledge_transition(
                pledge=pledge,
                action="revoked",
                by=coordinator,
                reason="The store closed and the premises were sold.",
            )
        elif state == "withdrawn":
            pledge_transition(
                pledge=pledge, action="withdrawn", by=owner, reason="Moving to a new location."
            )
        if days_ago:
            since = timezone.now() - timedelta(days=days_ago)
            Pledge.objects.filter(pk=pledge.pk).update(signed_at=since, activated_at=since)
            PledgeEvent.objects.filter(pledge_id=pledge.pk).update(at=since)
            listing_sync(pledge=Pledge.objects.select_related("store").get(pk=pledge.pk))
    staff = User.objects.get(email=demo_email("staff", slug))
    first = Pledge.objects.filter(store=stores[0], status=Pledge.Status.ACTIVE).first()
    if first is not None:
        acknowledgement_record(pledge=first, user=staff)
