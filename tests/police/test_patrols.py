"""Patrol requests as their users meet them: the owner asks (from scratch or from a casing
incident), the network's police are told and answer once, the owner is told and may withdraw;
staff follow along read-only; everyone else gets a 404."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.services import incident_quick_log
from networks.models import Membership
from police.models import PatrolRequest
from police.patrol_selectors import open_patrols_for_police, patrols_of_store
from police.patrol_services import (
    PatrolRequestError,
    patrol_request_answer,
    patrol_request_create,
    patrol_request_withdraw,
)
from tests.conftest import People, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_exempt")]

FORMAT = "%Y-%m-%dT%H:%M"
PAYLOAD = '<script>alert("pfp-xss")</script>'


def make_patrol(people: People, *, store: Any = None, days_ahead: int = 2, **fields: Any) -> Any:
    """An open request of the owner's store (or `store`), made through the service."""
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days_ahead)
    values: dict[str, Any] = {
        "reason": PatrolRequest.Reason.AWAY,
        "starts_at": start,
        "ends_at": start + dt.timedelta(days=4),
        "times": "Each evening at closing",
        "details": "The owner is at the trade show in Las Vegas.",
        **fields,
    }
    with schema_context(people.network.schema_name):
        return patrol_request_create(store=store or people.store, by=people.owner, fields=values)


def _form(**overrides: str) -> dict[str, str]:
    start = timezone.localtime() + dt.timedelta(days=3)
    return {
        "reason": "away",
        "starts_at": start.strftime(FORMAT),
        "ends_at": (start + dt.timedelta(days=5)).strftime(FORMAT),
        "times": "Each evening at closing, around 6 pm",
        "details": "I am at the trade show; my manager closes.",
        **overrides,
    }


def _html(message: Any) -> str:
    return str(message.alternatives[0][0])


# --- Asking ------------------------------------------------------------------------------------


def test_owner_asks_for_patrols_and_the_networks_police_are_told_by_email(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    people = north_people
    client = client_for(people.network, people.owner)
    assert client.get("/police/patrols/new/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/police/patrols/new/", _form())
    assert response.status_code == 302
    with schema_context("north"):
        patrol = PatrolRequest.objects.get()
    assert response["Location"] == f"/police/patrols/{patrol.pk}/"
    assert (patrol.store_id, patrol.status, patrol.reason) == (people.store.pk, "open", "away")
    assert patrol.requested_by_id == people.owner.pk
    assert patrol.times == "Each evening at closing, around 6 pm"
    assert [message.to for message in mail.outbox] == [[people.police.email]]
    message = mail.outbox[0]
    assert "North Gems" in message.subject
    assert "Each evening at closing" in message.body
    assert f"/police/patrols/{patrol.pk}/" in message.body
    assert "trade show" in _html(message)
    page = client.get(response["Location"])
    assert "Withdraw this request" in page.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"ends_at": (timezone.localtime() + dt.timedelta(days=2)).strftime(FORMAT)},
            "ends_at",
            "The end must come after the start.",
        ),
        (
            {"ends_at": (timezone.localtime() + dt.timedelta(days=50)).strftime(FORMAT)},
            "ends_at",
            "A request can cover at most 31 days.",
        ),
        (
            {"starts_at": (timezone.localtime() - dt.timedelta(days=3)).strftime(FORMAT)},
            "starts_at",
            "The start is more than a day in the past.",
        ),
        ({"times": "x" * 201}, "times", "at most 200 characters"),
        ({"details": "x" * 1001}, "details", "at most 1000 characters"),
        ({"starts_at": "tomorrow-ish"}, "starts_at", "Enter a valid date/time."),
        ({"reason": "party"}, "reason", "Select a valid choice."),
    ],
)
def test_a_bad_request_is_refused_beside_its_field_and_keeps_what_was_typed(
    north_people: People, overrides: dict[str, str], field: str, message: str
) -> None:
    client = client_for(north_people.network, north_people.owner)
    typed = _form(**overrides)
    response = client.post("/police/patrols/new/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    form = response.context["form"]
    assert field in form.errors
    for name in ("times", "details"):
        assert form[name].value() == typed[name]
    with schema_context("north"):
        assert not PatrolRequest.objects.exists()


def test_the_service_refuses_what_the_form_would(north_people: People) -> None:
    with pytest.raises(PatrolRequestError, match="at most 31 days"):
        make_patrol(
            north_people,
            starts_at=timezone.now(),
            ends_at=timezone.now() + dt.timedelta(days=32),
        )
    with pytest.raises(PatrolRequestError, match="after the start"):
        make_patrol(
            north_people, starts_at=timezone.now(), ends_at=timezone.now() - dt.timedelta(hours=1)
        )


def test_script_typed_in_every_field_is_shown_as_text_on_pages_and_in_mail(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    people = north_people
    owner = client_for(people.network, people.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post("/police/patrols/new/", _form(times=PAYLOAD, details=PAYLOAD))
    assert response.status_code == 302
    with schema_context("north"):
        patrol = PatrolRequest.objects.get()
    police = client_for(people.network, people.police)
    with django_capture_on_commit_callbacks(execute=True):
        police.post(f"/police/patrols/{patrol.pk}/answer/", {"decision": "accept", "note": PAYLOAD})
    pages = [
        owner.get(f"/police/patrols/{patrol.pk}/"),
        owner.get("/police/patrols/"),
        owner.get("/police/patrols/calendar/"),
        police.get(f"/police/patrols/{patrol.pk}/"),
        police.get("/police/patrols/"),
        police.get("/police/patrols/calendar/"),
    ]
    for page in pages:
        text = page.content.decode()
        assert page.status_code == 200
        assert PAYLOAD not in text
        assert "&lt;script&gt;" in text
    # A refused form shows the typed script back, escaped.
    refused = owner.post("/police/patrols/new/", _form(times=PAYLOAD, ends_at="nonsense"))
    assert refused.status_code == 400
    assert PAYLOAD not in refused.content.decode()
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert PAYLOAD not in _html(message)
        assert "&lt;script&gt;" in _html(message)


# --- From an incident --------------------------------------------------------------------------


def _casing(people: People, *, owner: Any = None) -> Any:
    with schema_context(people.network.schema_name):
        membership = Membership.objects.get(user=owner or people.owner)
        return incident_quick_log(
            membership=membership,
            by=owner or people.owner,
            kind="casing",
            started_at=timezone.now() - dt.timedelta(hours=3),
            summary="Two men photographed the showcases and the back door",
        )


def test_owner_asks_for_patrols_from_a_casing_incident_with_the_form_filled_from_it(
    north_people: People,
) -> None:
    people = north_people
    incident = _casing(people)
    owner = client_for(people.network, people.owner)
    detail = owner.get(f"/incidents/{incident.pk}/").content.decode()
    link = f"/police/patrols/new/?incident={incident.pk}"
    assert link in detail and "Ask police for patrols" in detail
    page = owner.get(link)
    assert page.status_code == 200
    form = page.context["form"]
    assert form["reason"].value() == "casing"
    assert "Two men photographed the showcases" in form["details"].value()
    shown = re.search(r'name="starts_at" value="([^"]+)"', page.content.decode())
    assert shown is not None
    starts_at = dt.datetime.strptime(shown[1], FORMAT).replace(tzinfo=people.network.zone)
    assert dt.timedelta(0) <= starts_at - timezone.now() < dt.timedelta(minutes=16)
    typed = _form(reason="casing", details=form["details"].value())
    response = owner.post(link, typed)
    assert response.status_code == 302
    with schema_context("north"):
        assert PatrolRequest.objects.get().incident_id == incident.pk
    # Staff do not ask: no link for them.
    staff_page = client_for(people.network, people.staff).get(f"/incidents/{incident.pk}/")
    assert "Ask police for patrols" not in staff_page.content.decode()


def test_another_stores_incident_cannot_prefill_a_request(north_people: People) -> None:
    people = north_people
    theirs = _casing(people, owner=people.other_store_owner)
    owner = client_for(people.network, people.owner)
    assert owner.get(f"/police/patrols/new/?incident={theirs.pk}").status_code == 404
    assert owner.post(f"/police/patrols/new/?incident={theirs.pk}", _form()).status_code == 404
    assert owner.get("/police/patrols/new/?incident=abc").status_code == 404
    with schema_context("north"):
        assert not PatrolRequest.objects.exists()


# --- Answering ---------------------------------------------------------------------------------


def test_police_accept_from_the_requests_page_and_the_owner_is_told(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    people = north_people
    patrol = make_patrol(people)
    police = client_for(people.network, people.police)
    listing = police.get("/police/patrols/").content.decode()
    assert f"/police/patrols/{patrol.pk}/" in listing and "North Gems" in listing
    detail = police.get(f"/police/patrols/{patrol.pk}/").content.decode()
    assert 'value="accept"' in detail and 'value="decline"' in detail
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = police.post(
            f"/police/patrols/{patrol.pk}/answer/",
            {"decision": "accept", "note": "A car passes at 6 pm each day."},
        )
    assert response.status_code == 302
    with schema_context("north"):
        patrol.refresh_from_db()
    assert (patrol.status, patrol.answered_by_id, patrol.sequence) == (
        "accepted",
        people.police.pk,
        1,
    )
    assert patrol.answer_note == "A car passes at 6 pm each day."
    assert [message.to for message in mail.outbox] == [[people.owner.email]]
    assert "accepted" in mail.outbox[0].subject
    assert "A car passes at 6 pm each day." in mail.outbox[0].body
    owner_page = client_for(people.network, people.owner).get(f"/police/patrols/{patrol.pk}/")
    assert "A car passes at 6 pm each day." in owner_page.content.decode()


def test_declining_needs_a_note_and_tells_the_owner(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    people = north_people
    patrol = make_patrol(people)
    police = client_for(people.network, people.police)
    refused = police.post(f"/police/patrols/{patrol.pk}/answer/", {"decision": "decline"})
    assert refused.status_code == 400
    assert "Say why" in refused.content.decode()
    nothing = police.post(f"/police/patrols/{patrol.pk}/answer/", {"note": "hm"})
    assert nothing.status_code == 400
    assert "Choose to accept or decline." in nothing.content.decode()
    assert nothing.context["answer_form"]["note"].value() == "hm"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        police.post(
            f"/police/patrols/{patrol.pk}/answer/",
            {"decision": "decline", "note": "All units at the parade that week."},
        )
    with schema_context("north"):
        patrol.refresh_from_db()
    assert patrol.status == "declined"
    assert "declined" in mail.outbox[0].subject
    assert mail.outbox[0].to == [people.owner.email]


def test_two_officers_answering_at_once_give_one_answer_and_tell_the_second(
    north_people: People,
) -> None:
    people = north_people
    patrol = make_patrol(people)
    second_officer = north_people.coordinator  # any user: the service takes who answers
    with schema_context("north"):
        seen_by_second = PatrolRequest.objects.get(pk=patrol.pk)
        patrol_request_answer(patrol=patrol, by=people.police, accept=True, note="On it.")
        with pytest.raises(PatrolRequestError, match="already answered"):
            patrol_request_answer(
                patrol=seen_by_second, by=second_officer, accept=False, note="Cannot."
            )
        patrol.refresh_from_db()
    assert (patrol.status, patrol.answered_by_id, patrol.answer_note) == (
        "accepted",
        people.police.pk,
        "On it.",
    )
    # Through the page: the second answer is a message, not an error page.
    police = client_for(people.network, people.police)
    response = police.post(
        f"/police/patrols/{patrol.pk}/answer/", {"decision": "decline", "note": "x"}, follow=True
    )
    assert response.status_code == 200
    assert "has already answered this request" in response.content.decode()


# --- Withdrawing -------------------------------------------------------------------------------


def test_owner_withdraws_an_open_or_accepted_request_and_not_an_answered_refusal(
    north_people: People,
) -> None:
    people = north_people
    owner = client_for(people.network, people.owner)
    open_one = make_patrol(people)
    accepted = make_patrol(people, days_ahead=10)
    declined = make_patrol(people, days_ahead=20)
    with schema_context("north"):
        patrol_request_answer(patrol=accepted, by=people.police, accept=True, note="")
        patrol_request_answer(patrol=declined, by=people.police, accept=False, note="No units.")
    for patrol in (open_one, accepted):
        response = owner.post(f"/police/patrols/{patrol.pk}/withdraw/", follow=True)
        assert "Request withdrawn." in response.content.decode()
    response = owner.post(f"/police/patrols/{declined.pk}/withdraw/", follow=True)
    assert "already answered or withdrawn" in response.content.decode()
    with schema_context("north"):
        statuses = dict(PatrolRequest.objects.values_list("pk", "status"))
        sequences = dict(PatrolRequest.objects.values_list("pk", "sequence"))
        with pytest.raises(PatrolRequestError):
            patrol_request_withdraw(
                patrol=PatrolRequest.objects.get(pk=open_one.pk), by=people.owner
            )
    assert statuses == {open_one.pk: "withdrawn", accepted.pk: "withdrawn", declined.pk: "declined"}
    assert (sequences[open_one.pk], sequences[accepted.pk]) == (1, 2)
    # A withdrawn request takes no answer.
    police = client_for(people.network, people.police)
    response = police.post(
        f"/police/patrols/{open_one.pk}/answer/", {"decision": "accept"}, follow=True
    )
    assert "The store has withdrawn this request." in response.content.decode()


def test_withdrawing_an_accepted_request_tells_the_officer_who_accepted_it(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    people = north_people
    accepted = make_patrol(people)
    still_open = make_patrol(people, days_ahead=9)
    with schema_context("north"):
        patrol_request_answer(patrol=accepted, by=people.police, accept=True, note="")
    owner = client_for(people.network, people.owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(f"/police/patrols/{accepted.pk}/withdraw/")
        owner.post(f"/police/patrols/{still_open.pk}/withdraw/")
    assert [message.to for message in mail.outbox] == [[people.police.email]]
    assert "withdrawn" in mail.outbox[0].subject
    assert "North Gems" in mail.outbox[0].body


# --- Who sees what -----------------------------------------------------------------------------


def test_staff_see_their_stores_requests_read_only(north_people: People) -> None:
    people = north_people
    patrol = make_patrol(people)
    staff = client_for(people.network, people.staff)
    listing = staff.get("/police/patrols/").content.decode()
    assert f"/police/patrols/{patrol.pk}/" in listing
    assert "/police/patrols/new/" not in listing
    detail = staff.get(f"/police/patrols/{patrol.pk}/")
    assert detail.status_code == 200
    assert "Withdraw this request" not in detail.content.decode()
    assert 'value="accept"' not in detail.content.decode()
    assert staff.get("/police/patrols/new/").status_code == 404
    assert staff.post("/police/patrols/new/", _form()).status_code == 404
    assert staff.post(f"/police/patrols/{patrol.pk}/withdraw/").status_code == 404
    answer = staff.post(f"/police/patrols/{patrol.pk}/answer/", {"decision": "accept"})
    assert answer.status_code == 404
    with schema_context("north"):
        assert PatrolRequest.objects.get().status == "open"


def test_other_stores_the_coordinator_and_another_networks_police_get_a_404(
    north_people: People, lakeshore_people: People
) -> None:
    people = north_people
    patrol = make_patrol(people)
    urls = [
        f"/police/patrols/{patrol.pk}/",
        f"/police/patrols/{patrol.pk}/withdraw/",
        f"/police/patrols/{patrol.pk}/answer/",
    ]
    for user in (people.other_store_owner, people.coordinator, lakeshore_people.police):
        client = client_for(people.network, user)
        for url in urls:
            assert client.get(url).status_code in (404, 405)
            assert client.post(url, {"decision": "accept", "note": "x"}).status_code in (404, 405)
    other_listing = client_for(people.network, people.other_store_owner).get("/police/patrols/")
    assert f"/police/patrols/{patrol.pk}/" not in other_listing.content.decode()
    assert client_for(people.network, people.coordinator).get("/police/patrols/").status_code == 404
    police_b = client_for(people.network, lakeshore_people.police)
    assert police_b.get("/police/patrols/").status_code == 404
    with schema_context("north"):
        assert PatrolRequest.objects.get().status == "open"


def test_the_counts_dashboards_use(north_people: People) -> None:
    people = north_people
    mine = make_patrol(people)
    make_patrol(people, store=people.other_store, days_ahead=5)
    answered = make_patrol(people, days_ahead=8)
    with schema_context("north"):
        patrol_request_answer(patrol=answered, by=people.police, accept=True, note="")
        assert [p.pk for p in open_patrols_for_police()] == [mine.pk, mine.pk + 1]
        assert patrols_of_store(store=people.store).count() == 2
        assert patrols_of_store(store=people.other_store).count() == 1


@pytest.mark.parametrize(
    ("now", "start"),
    [
        ((10, 30, 31, 0), "10:45"),  # a quarter already begun is not offered
        ((10, 30, 0, 0), "10:30"),
        ((10, 44, 59, 500_000), "10:45"),
        ((10, 59, 30, 0), "11:00"),
        ((23, 50, 0, 0), "00:00"),
    ],
)
def test_a_new_request_starts_at_the_next_quarter_hour_not_yet_begun(
    now: tuple[int, int, int, int], start: str
) -> None:
    from police.patrol_services import next_quarter_hour

    moment = dt.datetime(2026, 11, 30, *now, tzinfo=dt.UTC)
    result = next_quarter_hour(moment)
    assert moment <= result < moment + dt.timedelta(minutes=15)
    assert result.strftime("%H:%M") == start
