"""A member tells the coordinator what they saw, from their phone: a short form, optionally
about one of their store's recent incidents; the coordinator and deputies hear of it by email."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import AlertReport, Deputy
from incidents.models import Incident
from incidents.services import incident_quick_log
from networks.models import Membership
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db


def _incident(people: People, owner: object, summary: str) -> Incident:
    with schema_context(people.network.schema_name):
        membership = Membership.objects.select_related("store").get(user_id=owner.pk)  # type: ignore[attr-defined]
        return incident_quick_log(
            membership=membership,
            by=owner,  # type: ignore[arg-type]
            kind="casing",
            started_at=timezone.now() - dt.timedelta(hours=2),
            summary=summary,
        )


def test_a_member_reports_about_their_stores_incident_and_the_senders_are_told(
    north_people: People, django_capture_on_commit_callbacks: object
) -> None:
    people = north_people
    own = _incident(people, people.owner, "Man photographing the safe")
    other = _incident(people, people.other_store_owner, "Other store's own incident")
    with schema_context(people.network.schema_name):
        Deputy.objects.create(user_id=people.police.pk, appointed_by_id=people.coordinator.pk)
    client = client_for(people.network, people.staff)
    page = client.get("/alerts/report/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Man photographing the safe" in text
    assert "Other store's own incident" not in text
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            "/alerts/report/", {"text": "Same man outside again, blue cap", "incident": str(own.pk)}
        )
    assert response.status_code == 302
    with schema_context(people.network.schema_name):
        report = AlertReport.objects.get()
    assert report.status == AlertReport.Status.NEW
    assert (report.store_id, report.incident_id, report.reported_by_id) == (
        people.store.pk,
        own.pk,
        people.staff.pk,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([people.coordinator.email, people.police.email])
    assert "Same man outside again, blue cap" in message.body
    assert f"/alerts/reports/{report.pk}/" in message.body
    assert "North Gems" in message.subject
    assert other.pk != own.pk


def test_another_stores_incident_cannot_be_attached(north_people: People) -> None:
    people = north_people
    other = _incident(people, people.other_store_owner, "Other store's own incident")
    client = client_for(people.network, people.staff)
    # Without incidents of its own the store is offered none, and a smuggled id is ignored.
    assert (
        client.post("/alerts/report/", {"text": "Van", "incident": str(other.pk)}).status_code
        == 302
    )
    with schema_context(people.network.schema_name):
        assert AlertReport.objects.get().incident_id is None
        AlertReport.objects.all().delete()
    _incident(people, people.owner, "Our own incident")
    response = client.post("/alerts/report/", {"text": "Suspicious car", "incident": str(other.pk)})
    assert response.status_code == 200
    assert response.context["form"]["text"].value() == "Suspicious car"
    with schema_context(people.network.schema_name):
        assert not AlertReport.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 4001])
def test_an_empty_or_overlong_report_is_refused_with_the_text_kept(
    north_people: People, text: str
) -> None:
    response = client_for(north_people.network, north_people.staff).post(
        "/alerts/report/", {"text": text}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    with schema_context(north_people.network.schema_name):
        assert not AlertReport.objects.exists()


def test_a_member_without_a_store_reports_without_incidents(
    north_people: People, mfa_exempt: None
) -> None:
    people = north_people
    client = client_for(people.network, people.police)
    page = client.get("/alerts/report/")
    assert "incident" not in page.context["form"].fields
    assert client.post("/alerts/report/", {"text": "Van circling the mall"}).status_code == 302
    with schema_context(people.network.schema_name):
        report = AlertReport.objects.get()
    assert report.store_id is None and report.reported_by_id == people.police.pk


def test_outsiders_cannot_report(north_people: People, lakeshore_people: People) -> None:
    response = client_for(lakeshore_people.network, north_people.staff).post(
        "/alerts/report/", {"text": "Hello"}
    )
    assert response.status_code == 404
