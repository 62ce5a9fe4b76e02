"""The senders' desk as a coordinator meets it: who gets in, composing from an incident,
what a refused form keeps, the preview, and a send pressed twice."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from alerts.models import Alert, Delivery, Deputy, Recipient
from networks.models import Network
from tests.alerts.compose_helpers import draft, form_data, shared_incident
from tests.conftest import People, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_exempt")]

PAGES = ("/alerts/desk/", "/alerts/new/")


def test_only_the_coordinator_and_deputies_reach_the_desk(
    north: Network, north_people: People, lakeshore_people: People
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = draft(people.coordinator)
    object_pages = [
        f"/alerts/{alert.pk}/edit/",
        f"/alerts/{alert.pk}/preview/",
    ]
    coordinator = client_for(north, people.coordinator)
    for url in (*PAGES, *object_pages):
        assert coordinator.get(url).status_code == 200, url
    refused = [people.owner, people.staff, people.other_store_owner, people.police]
    refused.append(lakeshore_people.coordinator)
    for user in refused:
        client = client_for(north, user)
        for url in (*PAGES, *object_pages):
            assert client.get(url).status_code == 404, (user.email, url)
        assert client.post(f"/alerts/{alert.pk}/send/").status_code == 404
        assert client.post(f"/alerts/{alert.pk}/discard/").status_code == 404
    with schema_context(north.schema_name):
        assert Alert.objects.get(pk=alert.pk).is_draft
        Deputy.objects.create(user_id=people.staff.pk, appointed_by_id=people.coordinator.pk)
    deputy = client_for(north, people.staff)
    for url in (*PAGES, *object_pages):
        assert deputy.get(url).status_code == 200, url


def test_composing_from_a_shared_incident(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        incident = shared_incident(people)
    coordinator = client_for(north, people.coordinator)
    detail = coordinator.get(f"/incidents/{incident.pk}/").content.decode()
    assert f"/alerts/new/?incident={incident.pk}" in detail  # "Make an alert"
    assert (
        "/alerts/new/"
        not in client_for(north, people.owner).get(f"/incidents/{incident.pk}/").content.decode()
    )
    page = coordinator.get(f"/alerts/new/?incident={incident.pk}").content.decode()
    assert "Grey hooded jacket" in page and "GIA 2141438171" in page
    assert "Ana was alone" not in page
    assert f'name="incident" value="{incident.pk}"' in page
    response = coordinator.post("/alerts/new/", form_data(incident=str(incident.pk), preview="1"))
    assert response.status_code == 302
    with schema_context(north.schema_name):
        alert = Alert.objects.get()
        assert list(alert.incidents.all()) == [incident]
        assert alert.origin == Alert.Origin.INCIDENT
    assert response["Location"] == f"/alerts/{alert.pk}/preview/"
    preview = coordinator.get(response["Location"]).content.decode()
    assert "URGENT: Smash and grab on Main Street." in preview
    assert "text message(s) per phone" in preview
    assert "Send to" in preview


def test_fill_from_the_details_rewrites_the_texts_and_saves_nothing(
    north: Network, north_people: People
) -> None:
    coordinator = client_for(north, north_people.coordinator)
    response = coordinator.post(
        "/alerts/new/", form_data(message="", sms_text="", save="", fill="1")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "URGENT: Smash and grab on Main Street" in body
    assert "Silver Toyota, plate 7KX2" in body
    with schema_context(north.schema_name):
        assert not Alert.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"headline": "   "}, "headline", "Please write a headline."),
        ({"suspects": "x" * 10_000}, "suspects", "at most 4000 characters"),
        ({"suspect_count": "two"}, "suspect_count", "Enter a whole number."),
        ({"suspect_count": "-3"}, "suspect_count", "greater than or equal to 0"),
        ({"near_km": "1e9"}, "near_km", ""),
        ({"occurred_at": "yesterday"}, "occurred_at", "Enter a valid date/time."),
        ({"severity": "apocalypse"}, "severity", "Select a valid choice."),
        ({"to_stores": "999999999"}, "to_stores", "Select a valid choice."),
        ({"suspects": "bad\x00byte"}, "suspects", "Null characters are not allowed."),
        (
            {"to_all_members": "", "to_law_enforcement": "", "to_webhooks": ""},
            None,
            "Choose who gets the alert",
        ),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_keeps_what_was_typed(
    north: Network,
    north_people: People,
    overrides: dict[str, str],
    field: str | None,
    message: str,
) -> None:
    coordinator = client_for(north, north_people.coordinator)
    typed = "<script>alert('kept')</script> Grey hooded jacket"
    response = coordinator.post("/alerts/new/", form_data(method=typed, **overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    if field:
        assert f'id="id_{field}' in body
    assert "&lt;script&gt;alert(&#x27;kept&#x27;)&lt;/script&gt; Grey hooded jacket" in body
    assert "<script>alert(" not in body
    with schema_context(north.schema_name):
        assert not Alert.objects.exists()


def test_markup_is_kept_as_text_and_escaped_on_every_page(
    north: Network, north_people: People
) -> None:
    coordinator = client_for(north, north_people.coordinator)
    hostile = '<img src=x onerror="alert(1)">'
    response = coordinator.post(
        "/alerts/new/",
        form_data(headline=hostile, vehicle=hostile, message=hostile, sms_text=hostile),
    )
    assert response.status_code == 302
    with schema_context(north.schema_name):
        alert = Alert.objects.get()
        assert alert.headline == hostile
    for url in ("/alerts/desk/", f"/alerts/{alert.pk}/edit/", f"/alerts/{alert.pk}/preview/"):
        body = coordinator.get(url).content.decode()
        assert "<img src=x" not in body, url
        assert "&lt;img src=x" in body, url


def test_pressing_send_twice_sends_once(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = draft(people.coordinator)
    first = client_for(north, people.coordinator)
    second = client_for(north, people.coordinator)
    response = first.post(f"/alerts/{alert.pk}/send/")
    assert response.status_code == 302
    assert response["Location"] == f"/alerts/{alert.pk}/progress/"
    again = second.post(f"/alerts/{alert.pk}/send/", follow=True)
    assert again.redirect_chain[0][0] == f"/alerts/{alert.pk}/progress/"
    assert "already been sent" in again.content.decode()
    with schema_context(north.schema_name):
        alert.refresh_from_db()
        assert alert.status == Alert.Status.SENDING
        recipients = Recipient.objects.filter(alert=alert).count()
        assert recipients == alert.recipient_count > 0
        # Each member's inbox once: no second fan-out.
        inbox = Delivery.objects.filter(alert=alert, channel="inbox").count()
        assert inbox == Recipient.objects.filter(alert=alert, kind="member").count()
    # The draft's pages now lead to its progress.
    assert second.get(f"/alerts/{alert.pk}/edit/")["Location"] == f"/alerts/{alert.pk}/progress/"
    assert second.get(f"/alerts/{alert.pk}/send/").status_code == 405


def test_an_alert_without_words_is_not_sent(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = draft(people.coordinator, sms_text="  ")
    coordinator = client_for(north, people.coordinator)
    response = coordinator.post(f"/alerts/{alert.pk}/send/", follow=True)
    assert "The text message is empty" in response.content.decode()
    with schema_context(north.schema_name):
        alert.refresh_from_db()
        assert alert.is_draft


def test_a_follow_up_from_the_progress_page(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        parent = draft(people.coordinator, status=Alert.Status.SENT, place="120 Main St")
        unsent = draft(people.coordinator)
    coordinator = client_for(north, people.coordinator)
    assert coordinator.get(f"/alerts/{unsent.pk}/follow-up/").status_code == 404
    page = coordinator.get(f"/alerts/{parent.pk}/follow-up/?severity=all_clear").content.decode()
    assert "All clear: Smash and grab on Main Street" in page
    assert 'value="urgent"' not in page
    response = coordinator.post(
        f"/alerts/{parent.pk}/follow-up/",
        form_data(severity="all_clear", headline="All clear: Main Street"),
    )
    assert response.status_code == 302
    with schema_context(north.schema_name):
        follow_up = Alert.objects.get(headline="All clear: Main Street")
        assert follow_up.parent_id == parent.pk
        assert follow_up.severity == Alert.Severity.ALL_CLEAR


def test_discarding_a_draft(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = draft(people.coordinator)
    coordinator = client_for(north, people.coordinator)
    assert coordinator.get(f"/alerts/{alert.pk}/discard/").status_code == 405
    response = coordinator.post(f"/alerts/{alert.pk}/discard/")
    assert response["Location"] == "/alerts/desk/"
    with schema_context(north.schema_name):
        assert not Alert.objects.filter(pk=alert.pk).exists()


def test_the_text_counter_counts_what_phones_get(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        alert = draft(people.coordinator)
        alert.sms_text = "Two men, grey hoodies, asked for loose diamonds."
        alert.save(update_fields=["sms_text"])
    page = client_for(north, people.coordinator).get(f"/alerts/{alert.pk}/edit/")
    counter = page.context["sms"]
    before, after = page.context["sms_before"], page.context["sms_after"]
    # The network's name opens every text; both links close it.
    assert north.name in before
    assert "/alerts/seen/" in after and "/alerts/stop/" in after
    assert counter.units == len(before) + len(alert.sms_text) + len(after)
    html = page.content.decode()
    assert 'data-after="' in html and "/alerts/stop/" in html
