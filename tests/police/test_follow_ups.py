"""Follow-ups: the owner ticks theirs off, the police member a follow-up is assigned to sees
it and ticks it off too, nobody else reaches it; the day one falls due, one reminder by email
goes to the store's owner and to the police member it is assigned to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django_tenants.utils import schema_context

from police.contact_services import contact_create, meeting_create, network_today
from police.follow_up_tasks import follow_ups_remind_due
from police.models import FollowUp, PoliceContact
from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

MINE = "/police/contacts/follow-ups/mine/"


def _done_url(follow_up: FollowUp) -> str:
    return f"/police/contacts/follow-ups/{follow_up.pk}/done/"


def _setup(
    people: People, *, member: bool = True, due_in_days: int = 0, text: str = "Check the camera"
) -> tuple[PoliceContact, FollowUp, FollowUp]:
    """A meeting a week ago with one follow-up for the police contact and one for the store."""
    with schema_context(people.network.schema_name):
        today = network_today()
        contact = contact_create(
            store=people.store,
            by=people.owner,
            fields={
                "name": "Officer Dana Reyes",
                "agency": "Metro PD",
                "email": people.police.email if member else "someone@police.example",
            },
        )
        meeting = meeting_create(
            store=people.store,
            by=people.owner,
            fields={"held_on": today - dt.timedelta(days=7), "discussed": "Walk-through"},
            contacts=[contact],
            follow_ups=[
                {
                    "text": text,
                    "due_on": today + dt.timedelta(days=due_in_days),
                    "contact": contact,
                },
                {
                    "text": "Fix the back door lock",
                    "due_on": today + dt.timedelta(days=due_in_days),
                    "contact": None,
                },
            ],
        )
        police_item = meeting.follow_ups.get(contact=contact)
        store_item = meeting.follow_ups.get(contact=None)
    return contact, police_item, store_item


def _run_reminders(people: People) -> int:
    with schema_context(people.network.schema_name):
        return int(follow_ups_remind_due.delay().get())


def test_the_owner_marks_a_follow_up_done_once(north_people: People) -> None:
    _contact, _police_item, store_item = _setup(north_people)
    owner = client_for(north_people.network, north_people.owner)
    response = owner.post(_done_url(store_item), follow=True)
    assert response.redirect_chain[-1][0] == "/police/contacts/meetings/"
    assert "Marked done" in response.content.decode()
    with schema_context("north"):
        store_item.refresh_from_db()
    assert store_item.done_at is not None and store_item.done_by_id == north_people.owner.pk
    again = owner.post(_done_url(store_item), follow=True)
    assert "already done" in again.content.decode()


def test_the_police_member_sees_and_ticks_off_what_is_assigned_to_them(
    north_people: People,
) -> None:
    _contact, police_item, store_item = _setup(north_people, text="Send the crime bulletin")
    police = client_for(north_people.network, north_people.police)
    page = police.get(MINE).content.decode()
    assert "Send the crime bulletin" in page
    assert "Fix the back door lock" not in page  # the store's own, not theirs
    assert police.post(_done_url(store_item)).status_code == 404
    response = police.post(_done_url(police_item))
    assert response.status_code == 302 and response["Location"] == MINE
    with schema_context("north"):
        police_item.refresh_from_db()
    assert police_item.done_by_id == north_people.police.pk
    # The owner's log shows it done.
    log = client_for(north_people.network, north_people.owner).get("/police/contacts/meetings/")
    open_part = log.content.decode().split('id="log-heading"')[0]
    assert "Send the crime bulletin" not in open_part


def test_a_police_officer_who_is_not_the_contact_sees_none_of_it(
    north_people: People,
) -> None:
    _contact, police_item, _store_item = _setup(north_people, member=False)
    police = client_for(north_people.network, north_people.police)
    assert "Check the camera" not in police.get(MINE).content.decode()
    assert police.post(_done_url(police_item)).status_code == 404


@pytest.mark.parametrize("role", ["staff", "other_store_owner", "coordinator"])
def test_nobody_else_ticks_off_a_follow_up(north_people: People, role: str) -> None:
    _contact, police_item, store_item = _setup(north_people)
    client = client_for(north_people.network, getattr(north_people, role))
    for item in (police_item, store_item):
        assert client.post(_done_url(item)).status_code == 404
    assert client.get(MINE).status_code == 404
    with schema_context("north"):
        assert not FollowUp.objects.filter(done_at__isnull=False).exists()


def test_another_networks_people_cannot_tick_off_a_follow_up(
    north_people: People, lakeshore_people: People
) -> None:
    _contact, police_item, _store_item = _setup(north_people)
    for user in (lakeshore_people.owner, lakeshore_people.police):
        assert (
            client_for(north_people.network, user).post(_done_url(police_item)).status_code == 404
        )


def test_done_takes_a_post_only(north_people: People) -> None:
    _contact, _police_item, store_item = _setup(north_people)
    owner = client_for(north_people.network, north_people.owner)
    assert owner.get(_done_url(store_item)).status_code == 405


def test_a_due_follow_up_is_reminded_once_to_the_owner_and_the_police_member(
    north_people: People,
) -> None:
    _contact, police_item, store_item = _setup(north_people, text="Send the <b>bulletin</b>")
    mail.outbox.clear()
    assert _run_reminders(north_people) == 2
    to_owner = [m for m in mail.outbox if m.to == [north_people.owner.email]]
    to_police = [m for m in mail.outbox if m.to == [north_people.police.email]]
    # Both follow-ups to the owner; the police member's one to them as well.
    assert len(to_owner) == 2 and len(to_police) == 1
    message = to_police[0]
    assert "Follow-up due" in message.subject
    assert "Send the <b>bulletin</b>" in message.body
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert "Send the &lt;b&gt;bulletin&lt;/b&gt;" in html and "<b>bulletin" not in html
    assert north_people.network.name in html and north_people.network.name in message.body
    assert "/police/contacts/follow-ups/mine/" in message.body
    assert "/police/contacts/meetings/" in to_owner[0].body
    assert message.extra_headers["Content-Language"] == north_people.network.language
    with schema_context("north"):
        for item in (police_item, store_item):
            item.refresh_from_db()
            assert item.reminded_on == network_today()
    mail.outbox.clear()
    assert _run_reminders(north_people) == 0
    assert mail.outbox == []


def test_follow_ups_not_yet_due_or_done_are_not_reminded(north_people: People) -> None:
    _setup(north_people, due_in_days=1)
    _c, _p, done_item = _setup(north_people, due_in_days=-3)
    with schema_context("north"):
        FollowUp.objects.filter(due_on__lt=network_today()).exclude(pk=done_item.pk).update(
            done_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        )
    mail.outbox.clear()
    # Only the overdue store's own item is open and due: one email, to the owner.
    assert _run_reminders(north_people) == 1
    assert [m.to for m in mail.outbox] == [[north_people.owner.email]]
    assert "Fix the back door lock" in mail.outbox[0].body


def test_a_contact_who_is_no_member_gets_no_email(north_people: People) -> None:
    _setup(north_people, member=False)
    mail.outbox.clear()
    assert _run_reminders(north_people) == 2
    assert {tuple(m.to) for m in mail.outbox} == {(north_people.owner.email,)}


def test_the_reminder_runs_daily_from_beat() -> None:
    tasks = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "police.follow_ups_remind" in tasks
