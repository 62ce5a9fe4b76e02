"""Two years of demo incidents for `manage.py seed_demo`, so that every logbook page, export
and dashboard shows real-looking data. Re-running changes nothing.

Each demo network gets a few hundred incidents of every type, heavier in November and
December and mostly in opening hours, with suspects, vehicles (some with only part of the
plate), items taken with their serials and lab numbers, a few CCTV stills drawn with Pillow,
quick logs still to finish, incidents kept to the store and a few voided ones. The wording is
the network's own (US or Canadian English). Everything is drawn from a random generator seeded
by the network's slug; each incident carries a client token derived from its position, which
is how a second run finds it already there.

Rows go in with bulk_create, dates are backdated in one UPDATE per column (auto_now fields
would otherwise say "today"), and the derived columns (search vector, identifiers, loss,
flags) come from the one SQL statement the services use too (incidents.derived).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import uuid
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from networks.demo import DEMO_NETWORKS, DemoNetwork
from networks.models import Membership, Network, Store
from pledges.demo import STORY

from .derived import derived_refresh
from .evidence import photo_render
from .models import (
    Evidence,
    Incident,
    IncidentRevision,
    IncidentType,
    Location,
    StolenItem,
    Suspect,
    Vehicle,
)

DAYS = 730
COUNTS = {"socal": 420, "gta": 300}
PHOTOS_PER_NETWORK = 6
QUICK_LOGS_TO_FINISH = 4
VOIDED = 5
TOKEN_NAMESPACE = uuid.UUID("5b0f5a52-6c1e-4d59-9a57-8f1f3b6f2c10")

# The holiday season is when jewelers are hit most; summer a little more than spring.
MONTH_WEIGHTS = {1: 0.8, 2: 0.8, 3: 0.9, 4: 0.9, 5: 1.0, 6: 1.1, 7: 1.1, 8: 1.0, 9: 0.9}
MONTH_WEIGHTS |= {10: 1.1, 11: 2.2, 12: 2.8}
WEEKDAY_WEIGHTS = (0.9, 1.0, 1.0, 1.0, 1.2, 1.5, 0.6)  # Monday .. Sunday
KIND_WEIGHTS = {
    IncidentType.CASING: 15,
    IncidentType.DISTRACTION: 11,
    IncidentType.SWITCH: 8,
    IncidentType.GRAB: 10,
    IncidentType.SMASH: 4,
    IncidentType.BURGLARY: 3,
    IncidentType.ROBBERY: 3,
    IncidentType.FRAUD: 9,
    IncidentType.CONTACT: 12,
    IncidentType.OUTSIDE: 14,
    IncidentType.OTHER: 5,
}
# Kinds where something is usually taken, and the police usually called.
TAKING = {"distraction", "switch", "grab", "smash", "burglary", "robbery", "fraud"}
POLICE_USUALLY = {"grab", "smash", "burglary", "robbery"}
SUSPECTS = {
    "casing": (1, 2),
    "distraction": (2, 3),
    "switch": (1, 2),
    "grab": (1, 2),
    "smash": (2, 4),
    "burglary": (0, 2),
    "robbery": (1, 3),
    "fraud": (1, 1),
    "contact": (0, 0),
    "outside": (1, 2),
    "other": (0, 1),
}
VEHICLE_CHANCE = {"outside": 1.0, "smash": 0.8, "robbery": 0.6, "burglary": 0.5, "casing": 0.3}
LOCATIONS = {
    "burglary": Location.INSIDE,
    "outside": Location.PARKING,
    "smash": Location.INSIDE,
    "contact": "",
}


@dataclass(frozen=True)
class Wording:
    """How one network writes: its spelling, police, plates, places and sentences."""

    plate: Callable[[random.Random], str]
    plate_regions: Sequence[str]
    agencies: dict[str, str]  # city -> police agency
    report_number: Callable[[random.Random, int], str]
    officers: Sequence[str]
    heights: Sequence[str]
    tops: Sequence[str]
    bottoms: Sequence[str]
    headwear: Sequence[str]
    vehicles: Sequence[tuple[str, str]]
    colours: Sequence[str]
    directions: Sequence[str]
    places: dict[str, Sequence[str]]
    summaries: dict[str, Sequence[str]]
    narratives: dict[str, Sequence[str]]
    methods: dict[str, Sequence[str]]
    internal_notes: Sequence[str]
    void_reasons: Sequence[str]
    captions: Sequence[str]
    bullion: str
    value_factor: Decimal
    extra_items: Sequence[tuple[str, str]] = field(default_factory=tuple)


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(n))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


US = Wording(
    plate=lambda rng: f"{rng.randint(5, 9)}{_letters(rng, 3)}{_digits(rng, 3)}",
    plate_regions=("California",) * 8 + ("Nevada", "Arizona"),
    agencies={
        "Long Beach": "Long Beach Police Department",
        "Pasadena": "Pasadena Police Department",
        "San Diego": "San Diego Police Department",
        "Westminster": "Westminster Police Department",
        "Riverside": "Riverside Police Department",
        "Santa Monica": "Santa Monica Police Department",
    },
    report_number=lambda rng, year: f"{year % 100:02d}-{rng.randint(1000, 999999):06d}",
    officers=("Officer R. Alvarez #4412", "Officer K. Price #3307", "Det. M. Sandoval #2219"),
    heights=("5'6\"", "5'8\"", "5'10\"", "about 6 ft", "6'2\"", "5'4\""),
    tops=(
        "grey hoodie",
        "black Raiders hoodie",
        "navy windbreaker",
        "white polo shirt",
        "red flannel shirt",
        "tan work jacket",
        "black puffer vest",
        "blue dress shirt",
    ),
    bottoms=("dark jeans", "black sweatpants", "khaki chinos", "grey joggers", "cargo shorts"),
    headwear=("black beanie", "Dodgers cap", "white baseball cap", "hood up", "sunglasses"),
    vehicles=(
        ("Dodge", "Charger"),
        ("Honda", "Accord"),
        ("Nissan", "Altima"),
        ("Chevrolet", "Tahoe"),
        ("Toyota", "Camry"),
        ("Kia", "Optima"),
        ("Infiniti", "Q50"),
        ("Ford", "Explorer"),
    ),
    colours=("black", "silver", "white", "dark grey", "maroon", "dark blue"),
    directions=(
        "north on Pine Avenue",
        "toward the 405 on-ramp",
        "east on Colorado Boulevard",
        "south toward the freeway",
        "west through the mall lot",
    ),
    places={
        "inside": ("the engagement ring case", "the watch counter", "the front showcase"),
        "door": ("the front door buzzer", "the vestibule"),
        "outside": ("the sidewalk out front", "the bus stop across the street"),
        "parking": ("the mall parking lot", "the strip-mall lot", "the parking structure"),
    },
    summaries={
        "casing": (
            "Two men cased {place}, asked about prices, left without buying",
            "Woman photographed the cases and the camera positions with her cell phone",
            "Man asked what time we close and whether the owner is alone on Sundays",
        ),
        "distraction": (
            "Distraction at the counter: one spilled coffee while another reached into {place}",
            "Group of {count} crowded the counter; a {item} was missing after they left",
        ),
        "switch": (
            "{item} switched for a fake during a try-on",
            "Customer swapped a {item} for a look-alike and walked out",
        ),
        "grab": (
            "Grab and run: {item} taken from the try-on tray",
            "Suspect grabbed a {item} and ran out to a waiting car",
        ),
        "smash": (
            "Smash and grab: {count} suspects with hammers broke {place}",
            "Crew smashed two showcases in under a minute",
        ),
        "burglary": (
            "Overnight break-in through the back door; alarm tripped",
            "Roof entry after hours; safe untouched, showcase emptied",
        ),
        "robbery": (
            "Robbery at closing: suspect showed a handgun and took the tray",
            "Armed robbery during the afternoon; staff unhurt",
        ),
        "fraud": (
            "Counterfeit cashier's check offered for a {item}",
            "Stolen credit card used for a {item}; chargeback received",
            "Wire transfer screenshot shown as proof of payment was fake",
        ),
        "contact": (
            "Caller claiming to be from the alarm company asked for the code",
            "Email asking for our closing procedures, supposedly from the mall office",
            "Phone call asking whether we carry Rolex and when the owner leaves",
        ),
        "outside": (
            "{colour} {make} idling across the street for 40 minutes, partial plate {plate}",
            "Same {colour} {make} circled the lot three times at opening",
            "Two men sitting in a {colour} {make} watching the front door",
        ),
        "other": (
            "Man asked to use the restroom and tried the back-office door",
            "Delivery driver with no package asked about the safe",
        ),
    },
    narratives={
        "casing": (
            "They spent about twenty minutes at {place}, asked the price of several pieces and "
            "where the cameras record. One kept an eye on the door the whole time.",
            "She said she was shopping for an anniversary band but kept photographing the "
            "cases and the ceiling. Left when Lily offered to take her name.",
        ),
        "distraction": (
            "One asked to see a tray of {item}s while the other two spread out along "
            "{place}. One knocked over a coffee on the counter. After they left we counted "
            "the tray and one piece was gone.",
        ),
        "switch": (
            "Customer asked to try on a {item}, studied it for a long time and handed back a "
            "piece that looked the same. We noticed the switch at the end of the day.",
        ),
        "grab": (
            "He asked to see a {item}, held it for a minute and ran out the front door. "
            "Staff did not follow, as trained.",
        ),
        "smash": (
            "They came in together wearing masks, broke {place} with hammers and filled a "
            "duffel bag. They were out in under a minute.",
        ),
        "burglary": (
            "The alarm company called at 3 am. The back door was pried open. Items were "
            "taken from the showcase that is not emptied at night.",
        ),
        "robbery": (
            "The suspect waited until the last customer left, showed a handgun in his "
            "waistband and demanded the tray. Staff complied; nobody was hurt.",
        ),
        "fraud": (
            "Buyer paid for a {item} with what looked like a cashier's check. The bank "
            "returned it as counterfeit four days later.",
        ),
        "contact": (
            "The caller knew the name of our alarm company and asked for the passcode to "
            "'reset the panel'. We hung up and called the company, who had not called.",
        ),
        "outside": (
            "A {colour} {make} {model} parked across the street with the engine running. Two "
            "people inside watched the front door and left when we went outside.",
        ),
        "other": (
            "He asked to use the restroom, then tried the handle of the back-office door. "
            "When asked, he said he was lost and left.",
        ),
    },
    methods={
        "casing": ("Asked about prices and cameras; photographed the showcases.",),
        "distraction": ("One distracts staff at one end of the counter, another takes.",),
        "switch": ("Asked to try on, swapped for a look-alike from a pocket.",),
        "grab": ("Asked to try on, then ran to a car waiting with the engine on.",),
        "smash": ("Hammers on the showcase glass; duffel bag; getaway car at the curb.",),
        "burglary": ("Pried the rear door after hours.",),
        "robbery": ("Showed a handgun; demanded the tray.",),
        "fraud": ("Counterfeit cashier's check; urgent story about a proposal.",),
    },
    internal_notes=(
        "Claim filed with Jewelers Mutual.",
        "Camera 3 was offline that day; footage from cameras 1 and 2 only.",
        "Staff member shaken; took the rest of the day off.",
    ),
    void_reasons=(
        "Logged twice by mistake; see the other entry.",
        "It was a customer we know; the item was found under the counter.",
        "Entered in the wrong store's logbook.",
    ),
    captions=("Camera {cam}, counter, {time}", "Camera {cam}, front door, {time}"),
    bullion="American Gold Eagle 1 oz",
    value_factor=Decimal("1.00"),
)

CANADA = Wording(
    plate=lambda rng: f"{_letters(rng, 4)} {_digits(rng, 3)}",
    plate_regions=("Ontario",) * 9 + ("Quebec",),
    agencies={
        "Toronto": "Toronto Police Service",
        "Mississauga": "Peel Regional Police",
        "Brampton": "Peel Regional Police",
        "Markham": "York Regional Police",
        "Vaughan": "York Regional Police",
    },
    report_number=lambda rng, year: f"GO {year}-{rng.randint(100000, 2999999):07d}",
    officers=("PC J. MacDonald #10452", "PC A. Singh #9981", "DC L. Gagnon #7710"),
    heights=("about 170 cm", "around 175 cm", "about 180 cm", "6 ft", "5'9\"", "over 185 cm"),
    tops=(
        "black Canada Goose parka",
        "grey hoodie",
        "Leafs jersey",
        "olive bomber jacket",
        "navy peacoat",
        "black puffer jacket",
        "plaid lumberjack shirt",
    ),
    bottoms=("dark jeans", "black track pants", "grey dress trousers", "ripped jeans"),
    headwear=("black toque", "Blue Jays cap", "grey toque", "hood up", "surgical mask"),
    vehicles=(
        ("Honda", "Civic"),
        ("Toyota", "RAV4"),
        ("Hyundai", "Elantra"),
        ("Ford", "F-150"),
        ("Dodge", "Grand Caravan"),
        ("Jeep", "Grand Cherokee"),
        ("Lexus", "RX 350"),
    ),
    colours=("black", "silver", "white", "charcoal", "burgundy", "navy"),
    directions=(
        "east on Steeles",
        "toward the 401",
        "north on Yonge",
        "onto the 403 westbound",
        "out the back of the plaza",
    ),
    places={
        "inside": ("the bridal showcase", "the watch cabinet", "the front display"),
        "door": ("the front door buzzer", "the entrance"),
        "outside": ("the sidewalk out front", "the TTC stop across the road"),
        "parking": ("the plaza parking lot", "the underground garage", "the lot behind the plaza"),
    },
    summaries={
        "casing": (
            "Pair looked over {place} for twenty minutes and asked about the locks",
            "Man filmed the showcases and the cameras with his phone",
            "Woman asked when the owner does the bank deposit",
        ),
        "distraction": (
            "Distraction theft: one asked about cleaning a ring while another leaned over {place}",
            "{count} people crowded the counter; a {item} went missing",
        ),
        "switch": (
            "Switch: a fake {item} handed back after a try-on",
            "Look-alike {item} left in the tray in place of ours",
        ),
        "grab": (
            "Grab and run with a {item} from the try-on mat",
            "Suspect snatched a {item} and fled to a car in the plaza lot",
        ),
        "smash": (
            "Smash and grab: {count} suspects with hammers at {place}",
            "Showcases smashed at opening; suspects gone in 40 seconds",
        ),
        "burglary": (
            "Break-in overnight through the rear service door",
            "After-hours break-in through the roof hatch; alarm tripped",
        ),
        "robbery": (
            "Robbery: suspect showed a knife and demanded the watch tray",
            "Armed robbery just before closing; staff unhurt",
        ),
        "fraud": (
            "Fake e-Transfer confirmation shown for a {item}",
            "Counterfeit $100 bills used toward a {item}",
            "Cheque for a {item} bounced; account closed",
        ),
        "contact": (
            "Caller posing as Hydro One asked when the store is empty",
            "Email from a 'head office' asking for the alarm schedule",
            "Phone call asking if we stock Rolex and who locks up",
        ),
        "outside": (
            "{colour} {make} parked in the fire lane for an hour, partial licence plate {plate}",
            "Same {colour} {make} seen three days running at opening",
            "Two men in a {colour} {make} watching the entrance",
        ),
        "other": (
            "Man asked to use the washroom and tried the back-office door",
            "Courier with no parcel asked where the safe is",
        ),
    },
    narratives={
        "casing": (
            "They stayed about twenty minutes at {place}, asked what the cabinets are made of "
            "and whether the cameras record at night. One of them stood by the door.",
            "He said he was looking for an engagement ring but kept filming the showcases. "
            "He left as soon as Emily asked for his name.",
        ),
        "distraction": (
            "One asked about having a ring cleaned and kept Emily busy at the till while the "
            "others spread along {place}. After they left a {item} was missing from the tray.",
        ),
        "switch": (
            "The customer tried on a {item}, asked about the colour grade and handed back a "
            "copy. We only noticed the switch at closing when we checked the tray.",
        ),
        "grab": (
            "He asked to see a {item}, put it on and walked quickly out the door to a car "
            "waiting in the plaza. Staff did not follow, as trained.",
        ),
        "smash": (
            "Masked suspects came in together, smashed {place} with hammers and filled a "
            "gym bag. They drove off before the police arrived.",
        ),
        "burglary": (
            "The alarm monitoring company phoned at 3 a.m. The rear service door was forced. "
            "The pieces left in the front display overnight were taken.",
        ),
        "robbery": (
            "The suspect waited for the last customer to leave, showed a knife and demanded "
            "the watch tray. Staff complied and nobody was hurt.",
        ),
        "fraud": (
            "The buyer showed an e-Transfer confirmation on his phone for a {item}. The money "
            "never arrived; the bank says the email was fake.",
        ),
        "contact": (
            "The caller said he was from Hydro One and needed to know when the store is empty "
            "to 'cut the power safely'. Hydro One has no record of the call.",
        ),
        "outside": (
            "A {colour} {make} {model} sat in the fire lane with two people inside. They "
            "watched the entrance and drove off when the plaza security came by.",
        ),
        "other": (
            "He asked to use the washroom, then tried the handle of the back-office door. "
            "He said he was looking for the exit and left.",
        ),
    },
    methods={
        "casing": ("Asked about the locks and cameras; filmed the showcases.",),
        "distraction": ("One keeps staff busy at the till; the others reach into the case.",),
        "switch": ("Try-on, then a copy from a coat pocket handed back.",),
        "grab": ("Try-on, then out the door to a car waiting in the plaza.",),
        "smash": ("Hammers on the showcase glass; gym bag; car at the door.",),
        "burglary": ("Rear service door forced after hours.",),
        "robbery": ("Showed a knife; demanded the watch tray.",),
        "fraud": ("Fake e-Transfer confirmation email shown on a phone.",),
    },
    internal_notes=(
        "Claim opened with our insurer; adjuster visiting Thursday.",
        "Camera 2 footage saved to USB for the police.",
        "Staff member shaken; sent home early.",
    ),
    void_reasons=(
        "Duplicate entry, logged twice from the till and the phone.",
        "The ring was found in the cleaning machine.",
        "Entered under the wrong store.",
    ),
    captions=("Cam {cam} - showcase, {time}", "Cam {cam} - entrance, {time}"),
    bullion="Gold Maple Leaf 1 oz",
    value_factor=Decimal("1.36"),
    extra_items=(("loose_diamond", "CanadaMark diamond, 0.70 ct"),),
)

WORDINGS = {"socal": US, "gta": CANADA}

# (category, description, base value, which identifiers it carries)
ITEMS: tuple[tuple[str, str, int, str], ...] = (
    ("ring", "Diamond solitaire engagement ring, 1.02 ct, platinum", 8900, "gia"),
    ("ring", "Three-stone diamond ring, 14k white gold", 4200, "gia"),
    ("ring", "Men's gold band, 18k yellow gold", 1150, ""),
    ("loose_diamond", "Loose round diamond, 1.51 ct", 14500, "gia"),
    ("loose_gem", "Loose sapphire, 2.3 ct", 3800, "serial"),
    ("watch", "Rolex Submariner Date", 13900, "rolex"),
    ("watch", "Omega Seamaster Diver 300M", 6100, "omega"),
    ("watch", "Cartier Santos, medium", 7800, "cartier"),
    ("necklace", "Diamond tennis necklace, 5 ct total", 9600, "serial"),
    ("bracelet", "Cuban link bracelet, 14k gold", 3400, ""),
    ("earrings", "Diamond stud earrings, 1 ct total", 2900, "gia"),
    ("chain", "Rope chain, 22 in, 14k gold", 1650, ""),
)
WATCH_REFERENCES = {
    "rolex": ("126610LN", "126610LV", "116610LN"),
    "omega": ("210.30.42.20.03.001", "210.30.42.20.01.001"),
    "cartier": ("WSSA0029", "WSSA0010"),
}


@dataclass
class _Planned:
    """One incident and its children, before they are written."""

    incident: Incident
    suspects: list[Suspect]
    vehicles: list[Vehicle]
    items: list[StolenItem]
    revisions: list[IncidentRevision]
    logged_at: dt.datetime
    photo: bool = False


def seed() -> None:
    for spec in DEMO_NETWORKS:
        network = Network.objects.get(slug=spec["slug"])
        with schema_context(network.schema_name):
            _seed_network(spec, network)


def _token(slug: str, number: int) -> uuid.UUID:
    return uuid.uuid5(TOKEN_NAMESPACE, f"{slug}:{number}")


@transaction.atomic
def _seed_network(spec: DemoNetwork, network: Network) -> None:
    slug = spec["slug"]
    count = COUNTS.get(slug, 250)
    tokens = [_token(slug, number) for number in range(count)]
    existing = set(
        Incident.objects.filter(client_token__in=tokens).values_list("client_token", flat=True)
    )
    if len(existing) == count:
        return
    wording = WORDINGS.get(slug, US)
    zone = zoneinfo.ZoneInfo(spec["timezone"])
    rng = random.Random(f"incidents-demo-{slug}")  # noqa: S311 - demo data, not secrets
    stores = _logging_stores(spec)
    if not stores:
        return
    moments = _moments(rng, count=count, zone=zone)
    _backdate_stores(stores, before=moments[0][0])
    plans = []
    for number, (started_at, kind) in enumerate(moments):
        store_candidates = [s for s in stores if s.until is None or started_at < s.until]
        store = rng.choices(store_candidates, [s.weight for s in store_candidates])[0]
        plan = _plan(rng, wording, kind=kind, started_at=started_at, store=store)
        plan.incident.client_token = tokens[number]
        plans.append(plan)
    _mark_story(rng, wording, plans)
    _write([plan for plan in plans if plan.incident.client_token not in existing], wording)


@dataclass
class _LoggingStore:
    store: Store
    people: list[int]  # user ids of its members, the owner first
    weight: float
    until: dt.datetime | None  # withdrawn or revoked: no incidents after


def _logging_stores(spec: DemoNetwork) -> list[_LoggingStore]:
    """The demo stores that keep a logbook: those whose pledge is or was in force."""
    now = timezone.now()
    stores = []
    for index, (store_spec, (state, _listed, days_ago)) in enumerate(
        zip(spec["stores"], STORY.get(spec["slug"], []), strict=False)
    ):
        if state in (None, "pending"):
            continue
        store = Store.objects.filter(legal_name=store_spec["legal_name"]).first()
        if store is None:
            continue
        members = Membership.objects.filter(store=store, role__in=Membership.STORE_ROLES).order_by(
            "role", "pk"
        )  # the owner first
        people = [m.user_id for m in members]
        if not people:
            continue
        ended = state in ("withdrawn", "revoked")
        stores.append(
            _LoggingStore(
                store=store,
                people=people,
                weight=4.0 if index == 0 else 1.5,
                until=now - dt.timedelta(days=days_ago) if ended else None,
            )
        )
    return stores


def _backdate_stores(stores: list[_LoggingStore], *, before: dt.datetime) -> None:
    """Forms refuse incidents from before a store joined: the stores joined before the first."""
    for number, entry in enumerate(stores):
        joined = before - dt.timedelta(days=30 + 9 * number)
        Store.objects.filter(pk=entry.store.pk, created_at__gt=joined).update(created_at=joined)


def _moments(rng: random.Random, *, count: int, zone: dt.tzinfo) -> list[tuple[dt.datetime, str]]:
    """When each incident started and its type, oldest first."""
    today = timezone.now().astimezone(zone).date()
    days = [today - dt.timedelta(days=offset) for offset in range(DAYS, 0, -1)]
    weights = [MONTH_WEIGHTS[day.month] * WEEKDAY_WEIGHTS[day.weekday()] for day in days]
    picked = sorted(rng.choices(days, weights, k=count))
    # Every type at least once, then the usual mix.
    kinds = list(IncidentType.values)
    kinds += rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()), k=count - len(kinds))
    rng.shuffle(kinds)
    moments = []
    for day, kind in zip(picked, kinds, strict=True):
        hour, minute = _time_of_day(rng, kind)
        moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)
        moments.append((moment, kind))
    return sorted(moments)


def _time_of_day(rng: random.Random, kind: str) -> tuple[int, int]:
    if kind == IncidentType.BURGLARY:
        return rng.choice((0, 1, 2, 3, 4, 5, 22, 23)), rng.randrange(60)
    if kind == IncidentType.OUTSIDE and rng.random() < 0.4:
        return rng.choice((8, 9, 19, 20)), rng.randrange(60)  # opening and closing
    # Opening hours, busiest in the afternoon.
    hours = (10, 11, 12, 13, 14, 15, 16, 17, 18, 19)
    weights = (4, 6, 7, 8, 9, 10, 10, 9, 7, 4)
    return rng.choices(hours, weights)[0], rng.randrange(60)


def _fill(text: str, values: dict[str, Any]) -> str:
    return text.format(**values)


def _plan(
    rng: random.Random,
    wording: Wording,
    *,
    kind: str,
    started_at: dt.datetime,
    store: _LoggingStore,
) -> _Planned:
    by = rng.choice(store.people)
    vehicles = _vehicles(rng, wording, kind=kind)
    items = _items(rng, wording, kind=kind)
    suspects = _suspects(rng, wording, kind=kind)
    location = LOCATIONS.get(kind, rng.choice((Location.INSIDE, Location.INSIDE, Location.DOOR)))
    place_key = location or "inside"
    vehicle = vehicles[0] if vehicles else None
    place = rng.choice(wording.places[place_key])
    values: dict[str, Any] = {
        "place": place,
        "count": max(2, len(suspects)),
        "item": (items[0].description.split(",")[0] if items else "ring").lower(),
        "colour": vehicle.colour if vehicle else "black",
        "make": vehicle.make if vehicle else "sedan",
        "model": vehicle.model if vehicle else "",
        "plate": vehicle.plate if vehicle else "",
    }
    summary = _fill(rng.choice(wording.summaries[kind]), values)
    summary = summary[0].upper() + summary[1:]
    police = kind in POLICE_USUALLY or (kind in TAKING and rng.random() < 0.5)
    agency = wording.agencies.get(store.store.city, next(iter(wording.agencies.values())))
    ended_at = started_at + dt.timedelta(minutes=rng.choice((2, 5, 10, 15, 25, 40)))
    incident = Incident(
        store=store.store,
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        location=location,
        location_detail=place if location else "",
        summary=summary[:200],
        narrative=_fill(rng.choice(wording.narratives[kind]), values),
        suspect_count=len(suspects) or None,
        method=rng.choice(wording.methods.get(kind, ("",))),
        anything_taken=bool(items),
        police_called=police,
        police_agency=agency if police else "",
        police_report_number=wording.report_number(rng, started_at.year) if police else "",
        police_officer=rng.choice(wording.officers) if police and rng.random() < 0.6 else "",
        injuries="",
        internal_notes=rng.choice(wording.internal_notes) if rng.random() < 0.15 else "",
        is_complete=True,
        logged_by_id=by,
        updated_by_id=by,
    )
    logged_at = started_at + dt.timedelta(minutes=rng.randint(8, 240))
    revisions = [IncidentRevision(kind=IncidentRevision.Kind.CREATED, by_id=by, at=logged_at)]
    return _Planned(
        incident=incident,
        suspects=suspects,
        vehicles=vehicles,
        items=items,
        revisions=revisions,
        logged_at=logged_at,
    )


def _suspects(rng: random.Random, wording: Wording, *, kind: str) -> list[Suspect]:
    low, high = SUSPECTS[kind]
    suspects = []
    for position in range(1, rng.randint(low, high) + 1):
        thin = rng.random() < 0.12  # a glimpse: too few details to recognise anyone
        suspect = Suspect(
            position=position,
            age_range=rng.choice(Suspect.AgeRange.values[1:5]),
            build=rng.choice(Suspect.Build.values),
        )
        if not thin:
            suspect.height = rng.choice(wording.heights)
            suspect.hair = rng.choice(("short black", "shaved", "long brown", "grey", "blond"))
            suspect.clothing_top = rng.choice(wording.tops)
            suspect.clothing_bottom = rng.choice(wording.bottoms)
            suspect.headwear = rng.choice(wording.headwear)
            if rng.random() < 0.3:
                suspect.facial_hair = rng.choice(("full beard", "goatee", "stubble"))
            if rng.random() < 0.2:
                suspect.distinguishing_marks = rng.choice(
                    ("tattoo of a rose on the left hand", "scar over the right eyebrow")
                )
            if rng.random() < 0.3:
                suspect.behaviour = rng.choice(
                    ("kept checking his phone", "avoided looking at the cameras")
                )
        suspects.append(suspect)
    return suspects


def _vehicles(rng: random.Random, wording: Wording, *, kind: str) -> list[Vehicle]:
    if rng.random() >= VEHICLE_CHANCE.get(kind, 0.1):
        return []
    make, model = rng.choice(wording.vehicles)
    plate = wording.plate(rng)
    partial = rng.random() < 0.55
    if partial:
        compact = plate.replace(" ", "")
        plate = compact[:3] if rng.random() < 0.6 else compact[-3:]
    return [
        Vehicle(
            position=1,
            make=make,
            model=model if rng.random() < 0.8 else "",
            colour=rng.choice(wording.colours),
            body=rng.choice(("sedan", "suv", "sedan", "pickup", "van")),
            plate=plate,
            plate_is_partial=partial,
            plate_region=rng.choice(wording.plate_regions),
            direction=rng.choice(wording.directions),
            marks=rng.choice(("", "", "dent on the rear bumper", "tinted windows")),
        )
    ]


def _items(rng: random.Random, wording: Wording, *, kind: str) -> list[StolenItem]:
    if kind not in TAKING or rng.random() < 0.15:
        return []
    catalogue = [(c, d, v, ids) for c, d, v, ids in ITEMS]
    catalogue += [(c, d, 5200, "canadamark") for c, d in wording.extra_items]
    if kind in ("burglary", "smash", "robbery"):
        catalogue.append(("bullion", wording.bullion, 2400, "serial"))
    count = rng.randint(2, 5) if kind in ("smash", "burglary", "robbery") else 1
    items = []
    for position in range(1, count + 1):
        category, description, value, carries = rng.choice(catalogue)
        item = StolenItem(
            position=position,
            category=category,
            description=description,
            quantity=rng.choice((1, 1, 1, 2)) if category in ("chain", "bullion") else 1,
            unit_value=(Decimal(value) * wording.value_factor).quantize(Decimal("1")),
        )
        _identifiers(rng, item, carries)
        items.append(item)
    return items


def _identifiers(rng: random.Random, item: StolenItem, carries: str) -> None:
    if carries == "gia":
        number = f"{rng.choice('12567')}{_digits(rng, 9)}"
        item.certificate_number = f"GIA {number}"
        if rng.random() < 0.7:
            item.laser_inscription = f"GIA {number}"
    elif carries == "canadamark":
        item.certificate_number = f"CM {_digits(rng, 7)}"
        item.laser_inscription = f"CanadaMark {_digits(rng, 7)}"
    elif carries in WATCH_REFERENCES:
        item.watch_reference = rng.choice(WATCH_REFERENCES[carries])
        item.watch_case_number = (
            f"{_letters(rng, 1)}{_digits(rng, 1)}{_letters(rng, 2)}{_digits(rng, 4)}"
        )
    elif carries == "serial":
        item.serial_number = f"SN-{_letters(rng, 2)}{_digits(rng, 5)}"


def _mark_story(rng: random.Random, wording: Wording, plans: list[_Planned]) -> None:
    """Quick logs still to finish, quick logs finished later, sharing, voids, photos."""
    now = timezone.now()
    recent = [plan for plan in plans if plan.incident.started_at > now - dt.timedelta(days=30)]
    for plan in rng.sample(recent, min(QUICK_LOGS_TO_FINISH, len(recent))):
        _quick(plan)
    older = plans[: -len(recent) or None]
    for plan in rng.sample(older, min(12, len(older))):
        _quick_then_completed(rng, plan)
    for plan in plans:
        incident = plan.incident
        # Most stores share by default; some incidents are kept to the store.
        shared = rng.random() < 0.85
        incident.is_shared = shared
        if shared:
            incident.shared_at = plan.logged_at
            incident.shared_by_id = incident.logged_by_id
        elif rng.random() < 0.5:
            plan.revisions.append(_revision(plan, IncidentRevision.Kind.UNSHARED, hours=2))
        if incident.is_complete and rng.random() < 0.1:
            plan.revisions.append(
                IncidentRevision(
                    kind=IncidentRevision.Kind.EDITED,
                    by_id=incident.logged_by_id,
                    at=plan.logged_at + dt.timedelta(hours=20),
                    fields=["narrative"],
                    previous={"narrative": incident.narrative.split(".")[0] + "."},
                )
            )
    for plan in rng.sample([p for p in older if p.incident.is_complete], VOIDED):
        incident = plan.incident
        reason = rng.choice(wording.void_reasons)
        incident.voided_at = plan.logged_at + dt.timedelta(hours=rng.randint(1, 48))
        incident.voided_by_id = incident.logged_by_id
        incident.void_reason = reason
        plan.revisions.append(
            IncidentRevision(
                kind=IncidentRevision.Kind.VOIDED,
                by_id=incident.logged_by_id,
                at=incident.voided_at,
                note=reason,
            )
        )
    with_people = [
        plan
        for plan in plans[-150:]
        if plan.suspects and plan.incident.is_complete and plan.incident.voided_at is None
    ]
    for plan in rng.sample(with_people, min(PHOTOS_PER_NETWORK, len(with_people))):
        plan.photo = True


def _revision(plan: _Planned, kind: str, *, hours: int) -> IncidentRevision:
    return IncidentRevision(
        kind=kind, by_id=plan.incident.logged_by_id, at=plan.logged_at + dt.timedelta(hours=hours)
    )


def _quick(plan: _Planned) -> None:
    """Logged in a few seconds from the phone: what, when, one line; the rest to finish."""
    incident = plan.incident
    for name in ("narrative", "method", "location", "location_detail", "internal_notes"):
        setattr(incident, name, "")
    incident.ended_at = None
    incident.suspect_count = None
    incident.police_called = False
    incident.police_agency = incident.police_report_number = incident.police_officer = ""
    incident.is_complete = False
    incident.anything_taken = False
    plan.suspects, plan.vehicles, plan.items = [], [], []


def _quick_then_completed(rng: random.Random, plan: _Planned) -> None:
    plan.revisions.append(
        IncidentRevision(
            kind=IncidentRevision.Kind.COMPLETED,
            by_id=plan.incident.logged_by_id,
            at=plan.logged_at + dt.timedelta(hours=rng.randint(2, 30)),
            fields=["narrative", "suspects"],
            previous={"narrative": "", "suspects": []},
        )
    )


def _write(plans: list[_Planned], wording: Wording) -> None:
    if not plans:
        return
    incidents = Incident.objects.bulk_create([plan.incident for plan in plans], batch_size=500)
    suspects: list[Suspect] = []
    vehicles: list[Vehicle] = []
    items: list[StolenItem] = []
    revisions: list[IncidentRevision] = []
    for plan, incident in zip(plans, incidents, strict=True):
        for child in (*plan.suspects, *plan.vehicles, *plan.items, *plan.revisions):
            child.incident = incident  # type: ignore[attr-defined]
        suspects += plan.suspects
        vehicles += plan.vehicles
        items += plan.items
        revisions += plan.revisions
    Suspect.objects.bulk_create(suspects, batch_size=1000)
    Vehicle.objects.bulk_create(vehicles, batch_size=1000)
    StolenItem.objects.bulk_create(items, batch_size=1000)
    planned_at = [revision.at for revision in revisions]
    IncidentRevision.objects.bulk_create(revisions, batch_size=1000)
    # auto_now_add said "today": the planned dates go back in.
    _dates_set("incidents_incidentrevision", "at", [r.pk for r in revisions], planned_at)
    ids = [incident.pk for incident in incidents]
    _dates_set("incidents_incident", "logged_at", ids, [p.logged_at for p in plans])
    _dates_set(
        "incidents_incident", "updated_at", ids, [max(r.at for r in p.revisions) for p in plans]
    )
    derived_refresh(incident_ids=ids)
    for plan, incident in zip(plans, incidents, strict=True):
        if plan.photo:
            _photo_attach(
                incident=incident,
                logged_at=plan.logged_at,
                suspects=len(plan.suspects),
                wording=wording,
            )


def _dates_set(table: str, column: str, ids: list[int], moments: list[dt.datetime]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = planned.at "  # noqa: S608 - our own names
            "FROM unnest(%s::bigint[], %s::timestamptz[]) AS planned(id, at) "
            f"WHERE {table}.id = planned.id",
            [ids, moments],
        )


# --- CCTV stills ----------------------------------------------------------------------------


def cctv_still(*, seed: str, stamp: dt.datetime, camera: int, people: int, label: str) -> bytes:
    """A grey, grainy camera frame: a shop floor, showcases, figures and the timestamp."""
    rng = random.Random(seed)  # noqa: S311
    width, height = 1280, 720
    image = Image.new("L", (width, height), 70)
    draw = ImageDraw.Draw(image)
    # Floor and back wall, a little perspective.
    draw.rectangle((0, 0, width, 300), fill=95)
    draw.polygon([(0, 720), (1280, 720), (980, 300), (300, 300)], fill=120)
    for x in range(300, 1000, 70):  # floor tiles
        draw.line([(x, 300), (x * 2 - 640, 720)], fill=108, width=2)
    # Showcases: glass tops catching the light.
    for left in (60, 520, 900):
        top = 380 + rng.randint(-20, 20)
        draw.rectangle((left, top, left + 300, top + 170), fill=150, outline=200, width=3)
        draw.rectangle((left + 10, top + 10, left + 290, top + 50), fill=185)
    # Figures: a head and shoulders, blurred by the camera.
    for _ in range(people):
        x = rng.randint(200, 1050)
        y = rng.randint(230, 330)
        shade = rng.randint(25, 55)
        draw.ellipse((x - 28, y - 80, x + 28, y - 20), fill=shade + 40)
        draw.rounded_rectangle((x - 60, y - 20, x + 60, y + 230), radius=40, fill=shade)
    image = image.filter(ImageFilter.GaussianBlur(1.6))
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    image = Image.blend(image, noise, 0.12)
    lines = image.copy()
    for y in range(0, height, 3):  # the recorder's scan lines, faint
        ImageDraw.Draw(lines).line([(0, y), (width, y)], fill=40)
    image = Image.blend(image, lines, 0.3).convert("RGB")
    draw = ImageDraw.Draw(image)
    font = _font("NotoSans-Bold.ttf", 30)
    text = f"CAM {camera:02d}   {stamp:%Y-%m-%d  %H:%M:%S}"
    draw.rectangle((16, 16, 16 + draw.textlength(text, font=font) + 20, 62), fill=(0, 0, 0))
    draw.text((26, 20), text, font=font, fill=(235, 235, 235))
    small = _font("NotoSans-Regular.ttf", 24)
    draw.text((width - 26, height - 20), label, font=small, fill=(230, 230, 230), anchor="rs")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(settings.BASE_DIR / "static" / "fonts" / name), size)


def _photo_attach(
    *, incident: Incident, logged_at: dt.datetime, suspects: int, wording: Wording
) -> None:
    """A processed photo, as the evidence pipeline leaves one: original kept, display and
    thumbnail drawn from its pixels."""
    local = incident.started_at  # planned in the network's time zone
    camera = 1 + incident.pk % 4
    data = cctv_still(
        seed=str(incident.client_token),
        stamp=local + dt.timedelta(seconds=40 + incident.pk % 120),
        camera=camera,
        people=max(1, suspects),
        label=incident.store.display_name,
    )
    rendered = photo_render(data)
    caption_text = wording.captions[incident.pk % 2]
    evidence = Evidence(
        incident=incident,
        kind=Evidence.Kind.PHOTO,
        status=Evidence.Status.READY,
        caption=caption_text.format(cam=camera, time=f"{local:%H:%M}"),
        is_internal=incident.pk % 5 == 0,
        content_type="image/jpeg",
        original_name=f"cam{camera:02d}_{local:%Y%m%d_%H%M%S}.jpg",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        width=rendered.width,
        height=rendered.height,
        uploaded_by_id=incident.logged_by_id,
    )
    evidence.original.save("original.jpg", ContentFile(data), save=False)
    evidence.display.save("display.jpg", ContentFile(rendered.display), save=False)
    evidence.thumbnail.save("thumbnail.jpg", ContentFile(rendered.thumbnail), save=False)
    evidence.save()
    Evidence.objects.filter(pk=evidence.pk).update(uploaded_at=logged_at)
    IncidentRevision.objects.create(
        incident=incident, kind=IncidentRevision.Kind.EVIDENCE, by_id=incident.logged_by_id
    )
    IncidentRevision.objects.filter(incident=incident, kind=IncidentRevision.Kind.EVIDENCE).update(
        at=logged_at
    )
