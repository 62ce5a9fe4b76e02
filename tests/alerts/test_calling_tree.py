"""The printed calling tree of a sent alert: the members no email or text message reached
first, then the others who have not acknowledged, in calling order, dealt out to the
volunteers; printed as text whatever was typed; for the network's senders only."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.calling_tree import calling_tree, volunteers_count
from alerts.models import Alert, Channel, Delivery, Deputy, LawEnforcementContact, Recipient
from networks.models import Store
from tests.conftest import People, client_for
from tests.factories import StoreFactory
from tests.security.test_pdf_injection import fetched_outside_static, pdf_actions, pdf_text

pytestmark = pytest.mark.django_db
FETCH_LOG = "toolkit.render.fetcher"
SENT, FAILED, QUEUED = Delivery.Status.SENT, Delivery.Status.FAILED, Delivery.Status.QUEUED


def _compact(text: str) -> str:
    return "".join(text.replace("\u00a0", " ").split())


def _alert(people: People, **fields: object) -> Alert:
    defaults: dict[str, object] = {
        "severity": Alert.Severity.URGENT,
        "status": Alert.Status.SENT,
        "headline": "Smash and grab on Main Street",
        "sms_text": "URGENT: smash and grab on Main St, 3 men, silver sedan. Lock the door.",
        "created_by_id": people.coordinator.pk,
        "sent_by_id": people.coordinator.pk,
        "sent_at": timezone.now(),
    }
    return Alert.objects.create(**{**defaults, **fields})


def _member(
    alert: Alert,
    name: str,
    *,
    order: int,
    store: Store | None,
    phone: str = "",
    deliveries: dict[str, str] | None = None,
    acknowledged: bool = False,
) -> Recipient:
    recipient = Recipient.objects.create(
        alert=alert,
        kind=Recipient.Kind.MEMBER,
        user_id=10_000 + order,
        store=store,
        name=name,
        email=f"member{order}@example.test",
        phone=phone,
        call_order=order,
        acknowledged_at=timezone.now() if acknowledged else None,
    )
    for channel, status in {Channel.INBOX: SENT, **(deliveries or {})}.items():
        Delivery.objects.create(alert=alert, recipient=recipient, channel=channel, status=status)
    return recipient


@pytest.fixture
def tree_alert(north_people: People) -> Alert:
    """Seven addressees whose messages went every way, and a contact (not on the tree)."""
    with schema_context("north"):
        store = StoreFactory.create(display_name="Harbor Gems", phone="+1 562-555-0142")
        alert = _alert(north_people)
        _member(alert, "Ann Reached", order=1, store=store, phone="+12135550101",
                deliveries={Channel.EMAIL: SENT, Channel.SMS: SENT})  # fmt: skip
        _member(alert, "Bob Bounced", order=2, store=store, phone="+12135550102",
                deliveries={Channel.EMAIL: FAILED, Channel.SMS: FAILED})  # fmt: skip
        _member(alert, "Cat Acknowledged", order=3, store=store,
                deliveries={Channel.EMAIL: FAILED}, acknowledged=True)  # fmt: skip
        _member(alert, "Dan Inbox Only", order=4, store=store)
        _member(alert, "Eve Queued", order=5, store=None, phone="+12135550105",
                deliveries={Channel.EMAIL: QUEUED})  # fmt: skip
        _member(alert, "Fay Texted", order=6, store=store, phone="+12135550106",
                deliveries={Channel.EMAIL: FAILED, Channel.SMS: SENT})  # fmt: skip
        _member(alert, "Gus Emailed", order=7, store=store,
                deliveries={Channel.EMAIL: SENT})  # fmt: skip
        contact = LawEnforcementContact.objects.create(
            name="Det. Ruiz", agency="LBPD", consent_at=timezone.now(),
            consent_note="by email", created_by_id=north_people.coordinator.pk,
        )  # fmt: skip
        Recipient.objects.create(
            alert=alert, kind=Recipient.Kind.CONTACT, contact=contact, name="Det. Ruiz (LBPD)",
            call_order=0,
        )  # fmt: skip
        return alert


def test_those_no_email_or_text_reached_come_first_then_the_unacknowledged_in_order(
    tree_alert: Alert,
) -> None:
    with schema_context("north"):
        tree = calling_tree(alert=tree_alert, volunteers=1)
    assert [call.name for call in tree.calls] == [
        "Bob Bounced",
        "Dan Inbox Only",
        "Eve Queued",
        "Ann Reached",
        "Fay Texted",
        "Gus Emailed",
    ]
    assert [call.unreached for call in tree.calls] == [True, True, True, False, False, False]
    assert [call.position for call in tree.calls] == [1, 2, 3, 4, 5, 6]
    assert tree.acknowledged == 1


def test_the_calls_are_dealt_out_to_the_volunteers_in_turn(tree_alert: Alert) -> None:
    with schema_context("north"):
        two = calling_tree(alert=tree_alert, volunteers=2)
        four = calling_tree(alert=tree_alert, volunteers=4)
        many = calling_tree(alert=tree_alert, volunteers=10)
    assert [[c.name.split()[0] for c in share] for share in two.volunteers] == [
        ["Bob", "Eve", "Fay"],
        ["Dan", "Ann", "Gus"],
    ]
    # Every volunteer starts with one of the urgent calls while there are enough of them.
    assert [share[0].unreached for share in four.volunteers] == [True, True, True, False]
    # More volunteers than calls: nobody gets an empty list.
    assert [len(share) for share in many.volunteers] == [1, 1, 1, 1, 1, 1]


def test_the_phone_is_the_members_own_else_their_stores(tree_alert: Alert) -> None:
    with schema_context("north"):
        calls = {call.name: call for call in calling_tree(alert=tree_alert, volunteers=1).calls}
    assert (calls["Bob Bounced"].phone, calls["Bob Bounced"].phone_is_store) == (
        "+12135550102",
        False,
    )
    assert (calls["Dan Inbox Only"].phone, calls["Dan Inbox Only"].phone_is_store) == (
        "+1 562-555-0142",
        True,
    )
    # No phone of their own and no store: listed all the same, to be found another way.
    assert calls["Eve Queued"].store_name == ""
    assert calls["Gus Emailed"].phone_is_store


@pytest.mark.parametrize(
    ("raw", "count"),
    [(None, 3), ("", 3), ("abc", 3), ("2", 2), ("0", 1), ("-4", 1), ("11", 10), ("1e9", 3)],
)
def test_the_number_of_volunteers_is_kept_between_one_and_ten(raw: str | None, count: int) -> None:
    assert volunteers_count(raw) == count


def test_the_tree_costs_the_same_queries_for_three_members_or_thirty(
    north_people: People,
) -> None:
    with schema_context("north"):
        store = StoreFactory.create()
        counts = []
        for size in (3, 30):
            alert = _alert(north_people)
            for order in range(1, size + 1):
                _member(alert, f"M{order}", order=order, store=store,
                        deliveries={Channel.EMAIL: SENT if order % 2 else FAILED})  # fmt: skip
            with CaptureQueriesContext(connection) as queries:
                tree = calling_tree(alert=alert, volunteers=3)
            assert len(tree.calls) == size
            counts.append(len(queries))
    assert counts[0] == counts[1] <= 2


# --- The PDF ---------------------------------------------------------------------------------

URL = "/alerts/{}/calling-tree.pdf"


def test_the_coordinator_prints_the_tree_as_a_private_pdf(
    north_people: People, tree_alert: Alert, mfa_exempt: None
) -> None:
    client = client_for(north_people.network, north_people.coordinator)
    response = client.get(URL.format(tree_alert.pk) + "?volunteers=2")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="alert-{tree_alert.pk}-calling-tree.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    text = _compact(pdf_text(response.content))
    assert "PartnerforProtection" in text and "NorthValleyJewelersNetwork" in text
    assert "SmashandgrabonMainStreet" in text and "URGENT" in text
    assert _compact(tree_alert.sms_text) in text  # what to tell people
    assert "Volunteer1of2" in text and "Volunteer2of2" in text and "Volunteer3" not in text
    # Volunteer 1: Bob, Eve, Fay; volunteer 2: Dan, Ann, Gus. Phones as dialled at home.
    order = [text.index(name) for name in ("Bob", "Eve", "Fay", "Dan", "AnnReached", "Gus")]
    assert order == sorted(order)
    assert "(213)555-0102" in text and "(562)555-0142" in text
    assert "CatAcknowledged" not in text and "Det.Ruiz" not in text


def test_markup_typed_anywhere_is_printed_as_text_and_nothing_is_fetched(
    north_people: People, mfa_exempt: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=FETCH_LOG)
    hostile = '<script>alert(1)</script><img src="http://evil.example/x.png">'
    with schema_context("north"):
        store = StoreFactory.create(display_name=f"Store {hostile}", phone="+1 562-555-0142")
        alert = _alert(
            north_people,
            headline=f"Headline {hostile}",
            sms_text=f"Say {hostile}",
            place=f"Place {hostile}",
        )
        _member(alert, "<script>alert(1)</script>", order=1, store=store)
        _member(alert, f"Name {hostile}", order=2, store=store, phone="<b>0</b>")
    client = client_for(north_people.network, north_people.coordinator)
    response = client.get(URL.format(alert.pk))
    assert response.status_code == 200
    text = _compact(pdf_text(response.content))
    assert "<script>alert(1)</script>" in text
    for typed in ("Headline", "Say", "Place", "Store", "Name"):
        assert _compact(f"{typed} {hostile}") in text
    assert "<b>0</b>" in text
    assert pdf_actions(response.content) == []
    fetches = [record for record in caplog.records if record.name == FETCH_LOG]
    assert fetched_outside_static(fetches) == []


def test_a_tree_with_nobody_left_to_call_says_so(north_people: People, mfa_exempt: None) -> None:
    with schema_context("north"):
        alert = _alert(north_people)
        _member(alert, "Only One", order=1, store=None, acknowledged=True)
    client = client_for(north_people.network, north_people.coordinator)
    text = _compact(pdf_text(client.get(URL.format(alert.pk)).content))
    assert "nobodylefttocall" in text
    assert "OnlyOne" not in text


def test_a_deputy_prints_it_too(north_people: People, tree_alert: Alert) -> None:
    with schema_context("north"):
        Deputy.objects.create(
            user_id=north_people.owner.pk, appointed_by_id=north_people.coordinator.pk
        )
    response = client_for(north_people.network, north_people.owner).get(URL.format(tree_alert.pk))
    assert response.status_code == 200


def test_members_who_are_not_senders_get_a_404(
    north_people: People, tree_alert: Alert, mfa_exempt: None
) -> None:
    for user in (north_people.owner, north_people.staff, north_people.police):
        response = client_for(north_people.network, user).get(URL.format(tree_alert.pk))
        assert response.status_code == 404, user.email


def test_a_draft_has_no_tree(north_people: People, mfa_exempt: None) -> None:
    with schema_context("north"):
        draft = _alert(north_people, status=Alert.Status.DRAFT, sent_at=None, sent_by_id=None)
    client = client_for(north_people.network, north_people.coordinator)
    assert client.get(URL.format(draft.pk)).status_code == 404
    assert client.get(URL.format(draft.pk + 1000)).status_code == 404


def test_another_networks_coordinator_cannot_print_it(
    north_people: People,
    lakeshore_people: People,
    tree_alert: Alert,
    mfa_exempt: None,
) -> None:
    url = URL.format(tree_alert.pk)
    other = lakeshore_people.coordinator
    on_north = client_for(north_people.network, other).get(url)
    assert on_north.status_code == 404
    on_lakeshore = client_for(lakeshore_people.network, other).get(url)
    assert on_lakeshore.status_code == 404  # no alert of that number in their own network
    for response in (on_north, on_lakeshore):
        assert b"Bob Bounced" not in response.content


def test_visitors_are_sent_to_log_in_and_posts_are_refused(
    north_people: People, tree_alert: Alert, mfa_exempt: None
) -> None:
    url = URL.format(tree_alert.pk)
    anonymous = client_for(north_people.network).get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    posted = client_for(north_people.network, north_people.coordinator).post(url)
    assert posted.status_code == 405
