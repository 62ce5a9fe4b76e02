"""The packet is rendered once per version of what it shows: a second download is the same
file, and any change to the incident, its evidence or the reader's view gives a new one."""

from __future__ import annotations

import datetime as dt

import pypdfium2
import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.models import Incident
from incidents.services import incident_create, incident_update
from networks.models import Membership
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "".join(page.get_textpage().get_text_range() for page in document)


def _incident(people: People) -> Incident:
    with schema_context("north"):
        membership = Membership.objects.select_related("store").get(user_id=people.owner.pk)
        return incident_create(
            membership=membership,
            by=people.owner,
            fields={
                "kind": "switch",
                "started_at": timezone.now() - dt.timedelta(hours=3),
                "summary": "Swapped a diamond for a simulant",
                "internal_notes": "Tray 4 was left unattended",
            },
        )


def test_a_second_download_is_the_same_file_until_the_incident_changes(
    north_people: People,
) -> None:
    incident = _incident(north_people)
    owner = client_for(north_people.network, north_people.owner)
    response = owner.get(f"/incidents/{incident.pk}/packet.pdf")
    # Private and inert, as every file about an incident (incidents.responses).
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    first = response.content
    assert owner.get(f"/incidents/{incident.pk}/packet.pdf").content == first
    with schema_context("north"):
        incident_update(
            incident=Incident.objects.get(pk=incident.pk),
            by=north_people.owner,
            fields={"summary": "Swapped a 1 ct diamond for a simulant"},
        )
    changed = owner.get(f"/incidents/{incident.pk}/packet.pdf").content
    assert changed != first
    assert "Swapped a 1 ct diamond" in _text(changed)


def test_another_store_never_gets_the_owners_cached_packet(north_people: People) -> None:
    incident = _incident(north_people)
    owner = client_for(north_people.network, north_people.owner)
    assert "Tray 4" in _text(owner.get(f"/incidents/{incident.pk}/packet.pdf").content)
    other = client_for(north_people.network, north_people.other_store_owner)
    redacted = _text(other.get(f"/incidents/{incident.pk}/packet.pdf").content)
    assert "Swapped a diamond" in redacted and "Tray 4" not in redacted
