"""A member's inbox and alert page: their alerts newest first with the new ones marked, the
unread count in the navigation and on the dashboard, the thread, the photos, and nobody else's
alerts (another store's, another network's)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import Alert, AlertPhoto, AlertReport, Deputy, Recipient
from networks.models import Membership
from tests.conftest import People, client_for
from tests.incidents.evidence_files import photo

from .member_data import recipient_of, sent_alert

pytestmark = pytest.mark.django_db


def test_inbox_lists_the_members_alerts_newest_first_with_the_unread_marked(
    north_people: People,
) -> None:
    people = north_people
    earlier = timezone.now() - dt.timedelta(hours=3)
    old = sent_alert(
        people.network,
        to=[people.owner],
        by=people.coordinator,
        headline="Older alert",
        sent_at=earlier,
    )
    new = sent_alert(
        people.network, to=[people.owner], by=people.coordinator, headline="Newer alert"
    )
    with schema_context(people.network.schema_name):
        Recipient.objects.filter(alert=old).update(read_at=timezone.now())
    page = client_for(people.network, people.owner).get("/alerts/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("Newer alert") < text.index("Older alert")
    rows = list(page.context["rows"])
    assert [row.alert_id for row in rows] == [new.pk, old.pk]
    assert rows[0].read_at is None and rows[1].read_at is not None
    assert "is-unread" in text


def test_the_navigation_shows_the_unread_count_and_updates_once_read(north_people: People) -> None:
    people = north_people
    for number in range(3):
        sent_alert(
            people.network, to=[people.staff], by=people.coordinator, headline=f"Alert {number}"
        )
    client = client_for(people.network, people.staff)
    page = client.get("/alerts/")
    assert page.context["alerts_unread"] == 3
    assert (
        '<span class="nav-count">3<span class="visually-hidden"> unread</span>'
        in page.content.decode()
    )
    first = page.context["rows"][0].alert_id
    client.get(f"/alerts/{first}/")
    again = client.get("/alerts/")
    assert again.context["alerts_unread"] == 2
    assert (
        '<span class="nav-count">2<span class="visually-hidden"> unread</span>'
        in again.content.decode()
    )


def test_the_header_asks_nothing_of_the_database_for_anonymous_visitors(
    north_people: People,
) -> None:
    client = client_for(north_people.network)
    client.get("/")  # warm the caches a first request fills
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/")
    assert page.status_code == 200
    assert not [q for q in queries.captured_queries if "alerts_recipient" in q["sql"]]


def test_an_alert_page_shows_the_details_and_thread_and_marks_it_read(north_people: People) -> None:
    people = north_people
    root = sent_alert(
        people.network,
        to=[people.owner],
        by=people.coordinator,
        headline="Distraction theft at Oak Mall",
        sent_at=timezone.now() - dt.timedelta(hours=1),
        place="Oak Mall, north entrance",
        suspects="Two men, grey hoodies",
        vehicle="Silver Toyota Corolla, plate starts 7KX",
        message="Watch for two men asking to see engagement rings.",
    )
    update = sent_alert(
        people.network,
        to=[people.owner],
        by=people.coordinator,
        severity=Alert.Severity.UPDATE,
        headline="Update: the car was seen on Route 9",
        parent=root,
    )
    hidden = sent_alert(
        people.network,
        to=[people.other_store_owner],
        by=people.coordinator,
        severity=Alert.Severity.UPDATE,
        headline="Update only the other store was told",
        parent=root,
    )
    page = client_for(people.network, people.owner).get(f"/alerts/{root.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    for detail in (
        "Oak Mall, north entrance",
        "Two men, grey hoodies",
        "Silver Toyota Corolla",
        "engagement rings",
    ):
        assert detail in text
    assert [item.pk for item in page.context["thread"]] == [root.pk, update.pk]
    assert hidden.headline not in text
    assert "Seen — on the lookout" in text
    assert recipient_of(people.network, root, people.owner).read_at is not None
    assert recipient_of(people.network, update, people.owner).read_at is None


def test_a_member_of_another_store_or_network_gets_a_404(
    north_people: People, lakeshore_people: People, mfa_exempt: None
) -> None:
    people = north_people
    alert = sent_alert(people.network, to=[people.owner], by=people.coordinator)
    assert (
        client_for(people.network, people.other_store_owner).get(f"/alerts/{alert.pk}/").status_code
        == 404
    )
    assert client_for(people.network, people.police).get(f"/alerts/{alert.pk}/").status_code == 404
    assert (
        client_for(lakeshore_people.network, lakeshore_people.owner)
        .get(f"/alerts/{alert.pk}/")
        .status_code
        == 404
    )
    inbox = client_for(people.network, people.other_store_owner).get("/alerts/")
    assert alert.headline not in inbox.content.decode()


def test_photos_are_served_privately_to_recipients_only(
    north_people: People, settings: object, tmp_path: object
) -> None:
    people = north_people
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    alert = sent_alert(people.network, to=[people.owner], by=people.coordinator)
    with schema_context(people.network.schema_name):
        picture = AlertPhoto(
            alert=alert, caption="Suspect at the door", added_by_id=people.coordinator.pk
        )
        picture.display.save("d.jpg", ContentFile(photo()), save=False)
        picture.thumbnail.save("t.jpg", ContentFile(photo((40, 20))), save=False)
        picture.save()
    client = client_for(people.network, people.owner)
    response = client.get(f"/alerts/{alert.pk}/photos/{picture.pk}/thumbnail/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert "inline" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")  # type: ignore[attr-defined]
    assert client.get(f"/alerts/{alert.pk}/photos/{picture.pk}/original/").status_code == 404
    other = client_for(people.network, people.other_store_owner)
    assert other.get(f"/alerts/{alert.pk}/photos/{picture.pk}/display/").status_code == 404


def test_the_dashboard_counts_unread_alerts_for_members(north_people: People) -> None:
    people = north_people
    sent_alert(people.network, to=[people.staff], by=people.coordinator)
    sent_alert(people.network, to=[people.staff], by=people.coordinator, headline="Second")
    page = client_for(people.network, people.staff).get("/dashboard/")
    assert page.context["alerts_unread_count"] == 2
    assert page.context["alert_desk"] is None
    assert 'href="/alerts/"' in page.content.decode()


def test_the_dashboard_shows_senders_what_waits_on_the_desk(
    north_people: People, mfa_exempt: None
) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        for _ in range(2):
            AlertReport.objects.create(
                text="Man filming the showcases", reported_by_id=people.owner.pk
            )
        AlertReport.objects.create(text="Handled", status=AlertReport.Status.DISMISSED)
        Alert.objects.create(
            severity="advisory", headline="Draft", created_by_id=people.coordinator.pk
        )
        Alert.objects.create(
            severity="urgent",
            headline="Going out",
            status=Alert.Status.SENDING,
            created_by_id=people.coordinator.pk,
        )
        Deputy.objects.create(user_id=people.owner.pk, appointed_by_id=people.coordinator.pk)
    for user in (people.coordinator, people.owner):
        page = client_for(people.network, user).get("/dashboard/")
        desk = page.context["alert_desk"]
        assert (desk.reports_new, desk.sending, desk.drafts) == (2, 1, 1)
        assert 'href="/alerts/reports/"' in page.content.decode()
        assert 'href="/alerts/desk/"' in page.content.decode()


def test_a_sender_who_was_not_told_may_read_and_sees_the_progress_link(
    north_people: People, mfa_exempt: None
) -> None:
    people = north_people
    alert = sent_alert(people.network, to=[people.owner], by=people.coordinator)
    page = client_for(people.network, people.coordinator).get(f"/alerts/{alert.pk}/")
    assert page.status_code == 200
    assert f'href="/alerts/{alert.pk}/progress/"' in page.content.decode()
    assert "Seen — on the lookout" not in page.content.decode()
    with schema_context(people.network.schema_name):
        assert Membership.objects.filter(user_id=people.coordinator.pk).exists()


def test_the_alert_page_lists_only_the_details_the_sender_gave(north_people: People) -> None:
    people = north_people
    first = sent_alert(
        people.network,
        to=[people.owner],
        by=people.coordinator,
        severity=Alert.Severity.URGENT,
        place="Main Street mall, north entrance",
        method="Hammers on the showcases",
    )
    update = sent_alert(
        people.network,
        to=[people.owner],
        by=people.coordinator,
        severity=Alert.Severity.ALL_CLEAR,
        headline="All clear on Main Street",
        parent=first,
        message="The two men were arrested this morning.",
    )
    client = client_for(people.network, people.owner)
    detailed = client.get(f"/alerts/{first.pk}/").content.decode()
    assert "Main Street mall, north entrance" in detailed
    assert "Hammers on the showcases" in detailed
    assert "<dt>Place</dt>" in detailed
    # What was not given is left out, not shown as a row of dashes.
    assert "<dt>Vehicle</dt>" not in detailed
    assert "<dt>Number of suspects</dt>" not in detailed
    bare = client.get(f"/alerts/{update.pk}/").content.decode()
    assert "The two men were arrested this morning." in bare
    assert "The details" not in bare
