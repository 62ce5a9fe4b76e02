"""Demo networks, stores and people for `manage.py seed_demo`. Re-running changes nothing."""

from __future__ import annotations

from typing import TypedDict

from django_tenants.utils import schema_context

from accounts.services import user_ensure

from .models import Membership, Network, Store
from .services import membership_grant, network_create, store_create

DEMO_PASSWORD = "partner-demo-2026"  # noqa: S105 - published in the README on purpose
PLATFORM_ADMIN_EMAIL = "admin@partners.example"


class DemoStore(TypedDict):
    legal_name: str
    display_name: str
    address_line1: str
    city: str
    region: str
    postal_code: str
    phone: str
    latitude: float
    longitude: float


class DemoNetwork(TypedDict):
    slug: str
    name: str
    country: str
    region: str
    timezone: str
    language: str
    currency: str
    requires_pledge_approval: bool
    cities: list[str]
    postal_prefixes: list[str]
    contact_email: str
    people: dict[str, str]
    stores: list[DemoStore]


DEMO_NETWORKS: list[DemoNetwork] = [
    {
        "slug": "socal",
        "name": "Southern California Jewelers Network",
        "country": "US",
        "region": "California",
        "timezone": "America/Los_Angeles",
        "language": "en",
        "currency": "USD",
        "requires_pledge_approval": True,
        "cities": [
            "Los Angeles",
            "Long Beach",
            "Pasadena",
            "San Diego",
            "Westminster",
            "Riverside",
            "Santa Monica",
            "Irvine",
        ],
        "postal_prefixes": [
            "900",
            "902",
            "904",
            "906",
            "908",
            "910",
            "911",
            "917",
            "921",
            "925",
            "926",
        ],
        "contact_email": "coordinator@socal.example",
        "people": {
            "coordinator": "Maria Delgado",
            "owner": "James Okafor",
            "staff": "Lily Tran",
            "police": "Officer Dana Brooks",
        },
        "stores": [
            {
                "legal_name": "Harbor Gems LLC",
                "display_name": "Harbor Gems",
                "address_line1": "412 Pine Avenue",
                "city": "Long Beach",
                "region": "CA",
                "postal_code": "90802",
                "phone": "+1 562-555-0142",
                "latitude": 33.770050,
                "longitude": -118.193739,
            },
            {
                "legal_name": "Castellano & Daughters Fine Jewelry Inc.",
                "display_name": "Castellano & Daughters",
                "address_line1": "1180 Colorado Boulevard",
                "city": "Pasadena",
                "region": "CA",
                "postal_code": "91106",
                "phone": "+1 626-555-0119",
                "latitude": 34.146370,
                "longitude": -118.131710,
            },
            {
                "legal_name": "Mission Bay Diamond Co.",
                "display_name": "Mission Bay Diamonds",
                "address_line1": "3760 Sports Arena Boulevard",
                "city": "San Diego",
                "region": "CA",
                "postal_code": "92110",
                "phone": "+1 619-555-0177",
                "latitude": 32.755390,
                "longitude": -117.209660,
            },
            {
                "legal_name": "Nguyen Goldsmiths LLC",
                "display_name": "Nguyen Goldsmiths",
                "address_line1": "9200 Bolsa Avenue",
                "city": "Westminster",
                "region": "CA",
                "postal_code": "92683",
                "phone": "+1 714-555-0163",
                "latitude": 33.745190,
                "longitude": -117.955770,
            },
            {
                "legal_name": "Riverside Watch & Jewel Corp.",
                "display_name": "Riverside Watch & Jewel",
                "address_line1": "3485 Main Street",
                "city": "Riverside",
                "region": "CA",
                "postal_code": "92501",
                "phone": "+1 951-555-0108",
                "latitude": 33.980600,
                "longitude": -117.375500,
            },
            {
                "legal_name": "Santa Monica Pearl House Inc.",
                "display_name": "Pearl House",
                "address_line1": "1337 Third Street Promenade",
                "city": "Santa Monica",
                "region": "CA",
                "postal_code": "90401",
                "phone": "+1 310-555-0191",
                "latitude": 34.016220,
                "longitude": -118.496610,
            },
        ],
    },
    {
        "slug": "gta",
        "name": "Greater Toronto Jewellers Network",
        "country": "CA",
        "region": "Ontario",
        "timezone": "America/Toronto",
        "language": "en",
        "currency": "CAD",
        "requires_pledge_approval": False,
        "cities": ["Toronto", "Mississauga", "Markham", "Brampton", "Vaughan", "Oakville"],
        "postal_prefixes": ["M", "L3R", "L4", "L5", "L6"],
        "contact_email": "coordinator@gta.example",
        "people": {
            "coordinator": "Sophie Tremblay",
            "owner": "Raj Malhotra",
            "staff": "Emily Chen",
            "police": "Constable Mark Wilson",
        },
        "stores": [
            {
                "legal_name": "Yonge Street Jewellers Ltd.",
                "display_name": "Yonge Street Jewellers",
                "address_line1": "2300 Yonge Street",
                "city": "Toronto",
                "region": "ON",
                "postal_code": "M4P 1E4",
                "phone": "+1 416-555-0134",
                "latitude": 43.706760,
                "longitude": -79.398500,
            },
            {
                "legal_name": "Bijouterie Lavoie Inc.",
                "display_name": "Bijouterie Lavoie",
                "address_line1": "100 City Centre Drive",
                "city": "Mississauga",
                "region": "ON",
                "postal_code": "L5B 2C9",
                "phone": "+1 905-555-0187",
                "latitude": 43.593100,
                "longitude": -79.642200,
            },
            {
                "legal_name": "Markham Gold Centre Inc.",
                "display_name": "Markham Gold Centre",
                "address_line1": "4350 Steeles Avenue East",
                "city": "Markham",
                "region": "ON",
                "postal_code": "L3R 9V4",
                "phone": "+1 905-555-0152",
                "latitude": 43.824900,
                "longitude": -79.302600,
            },
            {
                "legal_name": "Brampton Diamond Exchange Ltd.",
                "display_name": "Brampton Diamond Exchange",
                "address_line1": "25 Peel Centre Drive",
                "city": "Brampton",
                "region": "ON",
                "postal_code": "L6T 3R5",
                "phone": "+1 905-555-0126",
                "latitude": 43.716400,
                "longitude": -79.722000,
            },
            {
                "legal_name": "Distillery Silversmiths Co.",
                "display_name": "Distillery Silversmiths",
                "address_line1": "55 Mill Street",
                "city": "Toronto",
                "region": "ON",
                "postal_code": "M5A 3C4",
                "phone": "+1 416-555-0171",
                "latitude": 43.650300,
                "longitude": -79.359600,
            },
        ],
    },
]


def demo_email(role: str, slug: str) -> str:
    return f"{role}@{slug}.example"


def seed() -> list[Network]:
    user_ensure(
        email=PLATFORM_ADMIN_EMAIL,
        password=DEMO_PASSWORD,
        full_name="Pat Admin",
        is_staff=True,
    )
    networks = []
    for spec in DEMO_NETWORKS:
        network = Network.objects.filter(slug=spec["slug"]).first()
        if network is None:
            network = network_create(
                name=spec["name"],
                slug=spec["slug"],
                country=spec["country"],
                region=spec["region"],
                timezone=spec["timezone"],
                language=spec["language"],
                contact_email=spec["contact_email"],
            )
        settings_of_demo = {
            "requires_pledge_approval": spec["requires_pledge_approval"],
            "cities": spec["cities"],
            "postal_prefixes": spec["postal_prefixes"],
            "currency": spec["currency"],
        }
        if any(getattr(network, field) != value for field, value in settings_of_demo.items()):
            for field, value in settings_of_demo.items():
                setattr(network, field, value)
            network.save(update_fields=list(settings_of_demo))
        with schema_context(network.schema_name):
            _seed_network(spec)
        networks.append(network)
    return networks


def _seed_network(spec: DemoNetwork) -> None:
    stores = []
    for store_spec in spec["stores"]:
        store = Store.objects.filter(legal_name=store_spec["legal_name"]).first()
        if store is None:
            store = store_create(country=spec["country"], **store_spec)
        stores.append(store)
    slug = spec["slug"]
    roles = [
        ("coordinator", Membership.Role.COORDINATOR, None),
        ("owner", Membership.Role.STORE_OWNER, stores[0]),
        ("staff", Membership.Role.STORE_STAFF, stores[0]),
        ("police", Membership.Role.LAW_ENFORCEMENT, None),
    ]
    for local_part, role, store in roles:
        user = user_ensure(
            email=demo_email(local_part, slug),
            password=DEMO_PASSWORD,
            full_name=spec["people"][local_part],
        )
        membership_grant(user=user, role=role, store=store, how="demo data")
