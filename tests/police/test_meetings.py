"""The owner's log of meetings with the police: up to three follow-ups in the same form,
contacts ticked from the store's own, a date no later than today and follow-ups due on or
after it; the log shows open follow-ups first; nobody but the owner reaches it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from police.contact_services import contact_create, meeting_create, network_today
from police.models import FollowUp, Meeting, PoliceContact
from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

LOG = "/police/contacts/meetings/"
NEW = "/police/contacts/meetings/new/"


def _today() -> dt.date:
    with schema_context("north"):
        return network_today()


def _contact(people: People, name: str = "Dana Reyes") -> PoliceContact:
    with schema_context(people.network.schema_name):
        return contact_create(
            store=people.store, by=people.owner, fields={"name": name, "agency": "Metro PD"}
        )


def _form(held_on: dt.date, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "held_on": held_on.isoformat(),
        "kind": "walkthrough",
        "attendees": "Store manager",
        "discussed": "Walked the floor; the back door camera has a blind spot.",
    }
    data.update(overrides)
    return data


def test_the_owner_logs_a_meeting_with_contacts_and_follow_ups(north_people: People) -> None:
    dana = _contact(north_people)
    sam = _contact(north_people, "Sam Ortiz")
    today = _today()
    owner = client_for(north_people.network, north_people.owner)
    form_page = owner.get(NEW).content.decode()
    assert 'type="checkbox"' in form_page and "Dana Reyes" in form_page
    response = owner.post(
        NEW,
        _form(
            today - dt.timedelta(days=2),
            contacts=[dana.pk, sam.pk],
            follow_up_1_text="Move the camera above the back door",
            follow_up_1_due_on=(today + dt.timedelta(days=7)).isoformat(),
            follow_up_2_text="Send the crime-trend bulletin",
            follow_up_2_due_on=today.isoformat(),
            follow_up_2_contact=str(dana.pk),
        ),
    )
    assert response.status_code == 302
    with schema_context("north"):
        meeting = Meeting.objects.get()
        assert set(meeting.contacts.all()) == {dana, sam}
        follow_ups = list(meeting.follow_ups.order_by("due_on"))
    assert meeting.held_on == today - dt.timedelta(days=2)
    assert meeting.created_by_id == north_people.owner.pk
    assert [(f.text, f.contact_id) for f in follow_ups] == [
        ("Send the crime-trend bulletin", dana.pk),
        ("Move the camera above the back door", None),
    ]
    page = owner.get(LOG).content.decode()
    assert "blind spot" in page and "Send the crime-trend bulletin" in page


def test_a_meeting_in_the_future_is_refused_and_what_was_typed_is_kept(
    north_people: People,
) -> None:
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post(
        NEW,
        _form(
            _today() + dt.timedelta(days=1),
            follow_up_1_text="Follow-up kept as typed",
            follow_up_1_due_on=(_today() + dt.timedelta(days=3)).isoformat(),
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "held today or before" in page
    assert "back door camera has a blind spot" in page
    assert "Follow-up kept as typed" in page
    with schema_context("north"):
        assert not Meeting.objects.exists()


def test_today_is_accepted(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    assert owner.post(NEW, _form(_today())).status_code == 302


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"follow_up_1_text": "Check the alarm", "follow_up_1_due_on": "2026-01-01"},
            "on the day of the meeting or later",
        ),
        ({"follow_up_1_text": "Check the alarm"}, "Give the date it is due."),
        ({"follow_up_2_due_on": "2026-12-01"}, "Say what is to be done."),
        ({"follow_up_1_text": "Check", "follow_up_1_due_on": "31/02/2026"}, "Enter a valid date."),
        ({"held_on": "not a date"}, "Enter a valid date."),
        ({"held_on": "99999-01-01"}, "Enter a valid date."),
        ({"discussed": ""}, "This field is required."),
        ({"discussed": "z" * 4001}, "Ensure this value has at most 4000 characters"),
        ({"attendees": "a" * 301}, "Ensure this value has at most 300 characters"),
        (
            {"follow_up_1_text": "t" * 301, "follow_up_1_due_on": "2026-03-01"},
            "Ensure this value has at most 300 characters",
        ),
        ({"kind": "picnic"}, "Select a valid choice."),
        ({"contacts": ["999999"]}, "Select a valid choice."),
        (
            {
                "follow_up_1_text": "x",
                "follow_up_1_due_on": "2026-03-01",
                "follow_up_1_contact": "999999",
            },
            "Select a valid choice.",
        ),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    north_people: People, overrides: dict[str, object], message: str
) -> None:
    owner = client_for(north_people.network, north_people.owner)
    data = {**_form(dt.date(2026, 2, 1)), **overrides}
    response = owner.post(NEW, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    with schema_context("north"):
        assert not Meeting.objects.exists()


def test_another_stores_contact_cannot_be_ticked(north_people: People) -> None:
    with schema_context("north"):
        theirs = contact_create(
            store=north_people.other_store,
            by=north_people.other_store_owner,
            fields={"name": "Their Officer", "agency": "Metro PD"},
        )
    owner = client_for(north_people.network, north_people.owner)
    assert "Their Officer" not in owner.get(NEW).content.decode()
    response = owner.post(NEW, _form(dt.date(2026, 2, 1), contacts=[theirs.pk]))
    assert response.status_code == 200
    with schema_context("north"):
        assert not Meeting.objects.exists()
        # The service says the same to a caller that skips the form.
        with pytest.raises(ValidationError):
            meeting_create(
                store=north_people.store,
                by=north_people.owner,
                fields={"held_on": dt.date(2026, 2, 1), "discussed": "x"},
                contacts=[theirs],
                follow_ups=[],
            )


def test_the_service_refuses_a_follow_up_due_before_the_meeting(north_people: People) -> None:
    with schema_context("north"), pytest.raises(ValidationError) as refused:
        meeting_create(
            store=north_people.store,
            by=north_people.owner,
            fields={"held_on": dt.date(2026, 2, 1), "kind": "call", "discussed": "Call"},
            contacts=[],
            follow_ups=[{"text": "Too early", "due_on": dt.date(2026, 1, 31), "contact": None}],
        )
    assert "follow_up_1_due_on" in refused.value.message_dict


def test_script_in_every_meeting_text_is_shown_as_text(north_people: People) -> None:
    script = "<script>alert(2)</script>"
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post(
        NEW,
        _form(
            dt.date(2026, 2, 1),
            attendees=script,
            discussed=f"Talked {script}",
            follow_up_1_text=f"Do {script}",
            follow_up_1_due_on="2026-02-10",
        ),
    )
    assert response.status_code == 302
    page = owner.get(LOG).content.decode()
    assert script not in page
    assert page.count("&lt;script&gt;alert(2)&lt;/script&gt;") >= 3


def test_the_log_lists_open_follow_ups_first(north_people: People) -> None:
    with schema_context("north"):
        meeting = meeting_create(
            store=north_people.store,
            by=north_people.owner,
            fields={"held_on": dt.date(2026, 2, 1), "kind": "meeting", "discussed": "Intro"},
            contacts=[],
            follow_ups=[
                {"text": "Already handled item", "due_on": dt.date(2026, 2, 2), "contact": None},
                {"text": "Still open item", "due_on": dt.date(2026, 2, 20), "contact": None},
            ],
        )
        FollowUp.objects.filter(meeting=meeting, text="Already handled item").update(
            done_at=dt.datetime(2026, 2, 3, tzinfo=dt.UTC)
        )
    page = client_for(north_people.network, north_people.owner).get(LOG).content.decode()
    log = page[page.index('id="log-heading"') :]
    assert log.index("Still open item") < log.index("Already handled item")
    open_part = page[page.index('id="open-heading"') : page.index('id="log-heading"')]
    assert "Still open item" in open_part and "Already handled item" not in open_part


@pytest.mark.parametrize("role", ["staff", "coordinator", "police"])
def test_nobody_but_the_owner_reaches_the_meetings(north_people: People, role: str) -> None:
    with schema_context("north"):
        meeting_create(
            store=north_people.store,
            by=north_people.owner,
            fields={"held_on": dt.date(2026, 2, 1), "discussed": "Private walk-through notes"},
            contacts=[],
            follow_ups=[],
        )
    client = client_for(north_people.network, getattr(north_people, role))
    assert client.get(LOG).status_code == 404
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, _form(dt.date(2026, 2, 1))).status_code == 404
    with schema_context("north"):
        assert Meeting.objects.count() == 1


def test_another_stores_owner_does_not_see_the_meetings(north_people: People) -> None:
    with schema_context("north"):
        meeting_create(
            store=north_people.store,
            by=north_people.owner,
            fields={"held_on": dt.date(2026, 2, 1), "discussed": "Private walk-through notes"},
            contacts=[],
            follow_ups=[],
        )
    page = client_for(north_people.network, north_people.other_store_owner).get(LOG)
    assert page.status_code == 200
    assert "Private walk-through notes" not in page.content.decode()
