"""Demo police partnerships for `manage.py seed_demo`, so that the officer's desk, the stores'
police pages and the coordinator's overview show networks that use them. Re-running changes
nothing.

Every demo store with an owner gets one to three police contacts (the first store's first is
the network's demo police officer, matched by email), two meetings with follow-ups (one done,
one due within days), a security profile (shared by the first store only) and its five
response plans started from the network's templates, each published once. In Southern
California the police officer has signed off the first store's robbery plan (its
smash-and-grab plan waits for review, like the others), accepted one patrol request of the
first store and has another store's to answer. The demo staff member has read one plan.

Everything goes through the police app's services, as the pages would; the emails and tasks
those services queue for after the commit are dropped (see `_without_notifications`). Each
step is taken only where its records are missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from networks.demo import DEMO_NETWORKS, DemoNetwork, demo_email
from networks.models import Membership, Network, Store

from .models import Meeting, PatrolRequest, PlanVersion, PoliceContact, Scenario, SecurityProfile


@dataclass(frozen=True)
class Person:
    name: str
    rank: str
    unit: str
    preferred: str
    notes: str


@dataclass(frozen=True)
class PoliceWords:
    """How one network writes about its police. `{city}` is the store's city."""

    agency: str
    agencies: dict[str, str]  # by city, where it is not "{city} ..."
    officer_rank: str
    officer_unit: str
    people: tuple[Person, ...]
    walkthrough: str
    walkthrough_follow_up: str
    call: str
    call_follow_up_police: str
    call_follow_up_store: str
    profile: dict[str, object]
    patrol_open: str
    patrol_accepted: str
    patrol_note: str
    review_comment: str


SOCAL = PoliceWords(
    agency="{city} Police Department",
    agencies={},
    officer_rank="Officer",
    officer_unit="Community Relations",
    people=(
        Person(
            name="Det. Carla Mendes",
            rank="Detective",
            unit="Burglary/Robbery",
            preferred="email",
            notes="Prefers email for anything that is not urgent.",
        ),
        Person(
            name="Sgt. Ray Holloway",
            rank="Sergeant",
            unit="Patrol, day watch",
            preferred="phone",
            notes="Ask the front desk for the watch commander if he is off.",
        ),
        Person(
            name="Officer Nina Park",
            rank="Officer",
            unit="Business Liaison",
            preferred="text",
            notes="",
        ),
    ),
    walkthrough=(
        "Walked the sales floor, the back office and the alley door. The camera over the "
        "back door films the dumpster, not the door. The buzzer works; staff do not always "
        "use it at lunch."
    ),
    walkthrough_follow_up="Point the back-door camera at the door and the alley",
    call=(
        "Call about the holiday season: extra patrols on the boulevard from Black Friday, "
        "and what to do if a crew is seen casing the block."
    ),
    call_follow_up_police="Send the holiday patrol schedule for the boulevard",
    call_follow_up_store="Print the casing checklist for the counter",
    profile={
        "alarm_company": "Pacific Alarm Services",
        "alarm_monitoring": "central",
        "holdup_alarm": "Under the main counter and in the back office",
        "camera_count": 8,
        "camera_coverage": "Entrance, each showcase, the safe, the back door",
        "camera_retention_days": 30,
        "remote_viewing": True,
        "safes": "One burglary-rated safe in the back office",
        "opening_procedure": "Two people open; one waits outside until the all-clear text.",
        "closing_procedure": "Trays to the safe from 5:30; doors locked before counting.",
        "staff_at_opening": 2,
        "staff_at_closing": 3,
    },
    patrol_open=(
        "Trunk show on Saturday with about $400,000 of stock on the floor. Extra staff, "
        "buzzer on all day."
    ),
    patrol_accepted="Owner at a trade show in Las Vegas; the store is closed those days.",
    patrol_note="Night watch will drive by twice a night and check the back door.",
    review_comment="Clear and short. Keep the store's alarm code out of the printed copy.",
)

GTA = PoliceWords(
    agency="{city} Police",
    agencies={
        "Toronto": "Toronto Police Service",
        "Mississauga": "Peel Regional Police",
        "Brampton": "Peel Regional Police",
        "Markham": "York Regional Police",
    },
    officer_rank="Constable",
    officer_unit="Community Response Unit",
    people=(
        Person(
            name="DC Alicia Grant",
            rank="Detective Constable",
            unit="Hold-Up Squad",
            preferred="email",
            notes="Best reached by email; answers within the day.",
        ),
        Person(
            name="Sgt. Daniel Osei",
            rank="Sergeant",
            unit="Platoon B",
            preferred="phone",
            notes="",
        ),
        Person(
            name="PC Marie Tremblay",
            rank="Constable",
            unit="Crime Prevention",
            preferred="in_person",
            notes="Drops by on Thursdays when on days.",
        ),
    ),
    walkthrough=(
        "Walked the shop, the stockroom and the loading door. The showcase by the window "
        "is in the sun and the camera sees glare at noon. The door buzzer is slow to release."
    ),
    walkthrough_follow_up="Move the window camera or add a shade",
    call=(
        "Call about the holiday season: what the division can do around the plaza, and "
        "who to phone first if a group is seen watching the store."
    ),
    call_follow_up_police="Confirm the plaza patrols for December",
    call_follow_up_store="Put the non-emergency number beside the till",
    profile={
        "alarm_company": "Northern Monitoring Ltd.",
        "alarm_monitoring": "police",
        "holdup_alarm": "Under the till and at the repair bench",
        "camera_count": 6,
        "camera_coverage": "Door, showcases, till, stockroom",
        "camera_retention_days": 21,
        "remote_viewing": False,
        "safes": "Two safes in the stockroom",
        "opening_procedure": "Two staff open; the first checks the lot before unlocking.",
        "closing_procedure": "Showcases emptied from 5:15; nobody leaves alone.",
        "staff_at_opening": 2,
        "staff_at_closing": 2,
    },
    patrol_open="Store closed for renovation; the showcases stay in the back.",
    patrol_accepted="Owner away at a trade show; the store is closed those days.",
    patrol_note="The division will add the store to the night checks.",
    review_comment="Good plan. Add the division's non-emergency number to the calls.",
)

WORDS = {"socal": SOCAL, "gta": GTA}


def seed() -> None:
    for spec in DEMO_NETWORKS:
        network = Network.objects.get(slug=spec["slug"])
        with schema_context(network.schema_name):
            _seed_network(spec, network)


@contextmanager
def _without_notifications() -> Iterator[None]:
    """One transaction, and none of the emails and tasks the services queue for after it: the
    demo's people are fictional, seeding is not news to anyone, and a worker running later
    would send them. Django keeps what waits for the commit in `run_on_commit`; what was
    added inside this block is dropped before the block commits."""
    connection = transaction.get_connection()
    with transaction.atomic():
        queued = len(connection.run_on_commit)
        yield
        del connection.run_on_commit[queued:]


def _seed_network(spec: DemoNetwork, network: Network) -> None:
    slug = spec["slug"]
    words = WORDS.get(slug, SOCAL)
    police = User.objects.get(email=demo_email("police", slug))
    staff = User.objects.get(email=demo_email("staff", slug))
    stores = [Store.objects.get(legal_name=s["legal_name"]) for s in spec["stores"]]
    with _without_notifications():
        from police.plan_services import plan_templates_ensure

        plan_templates_ensure()
        owned = [(store, owner) for store in stores if (owner := _owner_of(store)) is not None]
        for index, (store, owner) in enumerate(owned):
            first = index == 0
            _contacts(
                store,
                owner,
                words=words,
                police=police if first else None,
                count=3 if first else 1 + index % 3,
            )
            _meetings(store, owner, words=words)
            _profile(store, owner, words=words, shared=first)
            _plans(store, owner)
        if not owned:
            return
        first_store = owned[0][0]
        _acknowledgement(first_store, staff)
        if slug == "socal":
            _review(first_store, police, words=words)
            if len(owned) > 1:
                _patrols(
                    first=owned[0], other=owned[1], police=police, words=words, zone=network.zone
                )


def _owner_of(store: Store) -> User | None:
    membership = Membership.objects.filter(
        store=store, role=Membership.Role.STORE_OWNER, is_active=True
    ).first()
    if membership is None:
        return None
    return User.objects.filter(pk=membership.user_id).first()


def _phone(store: Store, number: int) -> str:
    """A fictional number (555-01xx) in the store's area code."""
    digits = "".join(ch for ch in store.phone if ch.isdigit())
    area = digits[1:4] if len(digits) == 11 else "555"
    return f"+1{area}55501{number:02d}"


def _agency(words: PoliceWords, store: Store) -> str:
    return words.agencies.get(store.city) or words.agency.format(city=store.city)


def _contacts(
    store: Store, owner: User, *, words: PoliceWords, police: User | None, count: int
) -> None:
    """`count` contacts; the network's officer first when given, then people of the words."""
    from police.contact_services import contact_create
    from police.models import PoliceContact

    if PoliceContact.objects.filter(store=store).exists():
        return
    agency = _agency(words, store)
    if police is not None:
        contact_create(
            store=store,
            by=owner,
            fields={
                "name": police.full_name,
                "agency": agency,
                "unit": words.officer_unit,
                "rank": words.officer_rank,
                "phone": _phone(store, 60),
                "email": police.email,
                "preferred": "email",
                "notes": "",
            },
        )
        count -= 1
    for position, person in enumerate(words.people[:count]):
        contact_create(
            store=store,
            by=owner,
            fields={
                "name": person.name,
                "agency": agency,
                "unit": person.unit,
                "rank": person.rank,
                "phone": _phone(store, 61 + position),
                "email": "",
                "preferred": person.preferred,
                "notes": person.notes,
            },
        )


def _meetings(store: Store, owner: User, *, words: PoliceWords) -> None:
    """A walk-through six weeks ago (its follow-up done since) and a call last week, with a
    follow-up of the police contact's due in a few days and one of the store's."""
    from police.contact_services import follow_up_done, meeting_create, network_today

    if Meeting.objects.filter(store=store).exists():
        return
    today = network_today()
    contacts = list(PoliceContact.objects.filter(store=store).order_by("id"))
    # The network's officer when they are one of the store's contacts, else the first one.
    lead = next((c for c in contacts if c.member_user_id is not None), contacts[0])
    walkthrough = meeting_create(
        store=store,
        by=owner,
        fields={
            "held_on": today - dt.timedelta(days=42),
            "kind": Meeting.Kind.WALKTHROUGH,
            "attendees": "",
            "discussed": words.walkthrough,
        },
        contacts=contacts[:1],
        follow_ups=[{"text": words.walkthrough_follow_up, "due_on": today - dt.timedelta(days=28)}],
    )
    for follow_up in walkthrough.follow_ups.all():
        follow_up_done(follow_up=follow_up, by=owner)
    meeting_create(
        store=store,
        by=owner,
        fields={
            "held_on": today - dt.timedelta(days=6),
            "kind": Meeting.Kind.CALL,
            "attendees": "",
            "discussed": words.call,
        },
        contacts=[lead],
        follow_ups=[
            {
                "text": words.call_follow_up_police,
                "due_on": today + dt.timedelta(days=3),
                "contact": lead,
            },
            {"text": words.call_follow_up_store, "due_on": today + dt.timedelta(days=12)},
        ],
    )


def _profile(store: Store, owner: User, *, words: PoliceWords, shared: bool) -> None:
    from police.profile_services import profile_save, profile_share

    if SecurityProfile.objects.filter(store=store).exists():
        return
    profile = profile_save(store=store, by=owner, fields=dict(words.profile))
    if shared:
        profile_share(profile=profile, by=owner, shared=True)


def _plans(store: Store, owner: User) -> None:
    from police.plan_services import plan_publish, plan_start

    for scenario in Scenario.values:
        plan = plan_start(store=store, scenario=scenario, by=owner)
        if not plan.versions.exists():
            plan_publish(plan=plan, by=owner)


def _latest(store: Store, scenario: str) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(plan__store=store, plan__scenario=scenario)
        .order_by("-number")
        .first()
    )


def _acknowledgement(store: Store, staff: User) -> None:
    from police.plan_services import plan_acknowledge

    membership = Membership.objects.filter(user_id=staff.pk, store=store, is_active=True)
    version = _latest(store, Scenario.ROBBERY)
    if version is not None and membership.exists():
        plan_acknowledge(version=version, user=staff)


def _review(store: Store, police: User, *, words: PoliceWords) -> None:
    from police.plan_services import plan_review

    version = _latest(store, Scenario.ROBBERY)
    if version is not None and version.review == PlanVersion.Review.PENDING:
        plan_review(version=version, by=police, approve=True, comment=words.review_comment)


def _patrols(
    *,
    first: tuple[Store, User],
    other: tuple[Store, User],
    police: User,
    words: PoliceWords,
    zone: dt.tzinfo,
) -> None:
    """The first store's request, accepted by the officer; another store's, still open."""
    from police.patrol_services import patrol_request_answer, patrol_request_create

    if PatrolRequest.objects.exists():
        return
    today = timezone.localdate(timezone.now(), zone)

    def evening(days: int) -> dt.datetime:
        return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(18, 0), tzinfo=zone)

    (store, owner), (other_store, other_owner) = first, other
    accepted = patrol_request_create(
        store=store,
        by=owner,
        fields={
            "reason": PatrolRequest.Reason.AWAY,
            "starts_at": evening(9),
            "ends_at": evening(12),
            "times": "Nights, 8 pm to 6 am",
            "details": words.patrol_accepted,
        },
    )
    patrol_request_answer(patrol=accepted, by=police, accept=True, note=words.patrol_note)
    patrol_request_create(
        store=other_store,
        by=other_owner,
        fields={
            "reason": PatrolRequest.Reason.EVENT,
            "starts_at": evening(4) - dt.timedelta(hours=8),
            "ends_at": evening(4),
            "times": "10 am to 6 pm",
            "details": words.patrol_open,
        },
    )
