"""The logbook's cached lists (incidents.list_cache): fresh after every write, and never shown
to someone who would see another list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.models import Incident
from incidents.services import incident_create, incident_share, incident_void
from networks.models import Membership, Store
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db


def _log(people: People, summary: str, *, loss: bool = False) -> Incident:
    """An incident the owner logs with the service, as the pages do."""
    with schema_context(people.network.schema_name):
        membership = Membership.objects.select_related("store").get(user_id=people.owner.pk)
        items = (
            [
                {
                    "description": "Solitaire ring",
                    "category": "ring",
                    "quantity": 2,
                    "unit_value": Decimal("4500.00"),
                }
            ]
            if loss
            else []
        )
        return incident_create(
            membership=membership,
            by=people.owner,
            fields={
                "kind": "casing",
                "started_at": timezone.now() - dt.timedelta(hours=1),
                "summary": summary,
            },
            items=items,
        )


def test_a_new_incident_shows_on_a_cached_logbook(north_people: People) -> None:
    owner = client_for(north_people.network, north_people.owner)
    assert "Nothing logged yet." in owner.get("/incidents/").content.decode()
    incident = _log(north_people, "Man photographed the showcases")
    assert incident.summary in owner.get("/incidents/").content.decode()
    # Asked again with nothing written: the rows and the count come from the cache.
    with CaptureQueriesContext(connection) as queries:
        assert incident.summary in owner.get("/incidents/").content.decode()
    assert not [q for q in queries.captured_queries if "incidents_incident" in q["sql"]]
    with schema_context(north_people.network.schema_name):
        incident_void(incident=incident, by=north_people.owner, reason="Logged twice.")
    assert incident.summary not in owner.get("/incidents/").content.decode()


def test_a_cached_list_is_not_shared_between_an_owner_and_another_store(
    north_people: People,
) -> None:
    shared = _log(north_people, "Two men asked to see engagement rings", loss=True)
    kept = _log(north_people, "A call asking when the store closes")
    with schema_context(north_people.network.schema_name):
        incident_share(incident=kept, by=north_people.owner, shared=False)
    owner = client_for(north_people.network, north_people.owner)
    other = client_for(north_people.network, north_people.other_store_owner)

    mine = owner.get("/incidents/network/").content.decode()
    assert shared.summary in mine and "9,000.00" in mine  # their own loss, in full
    theirs = other.get("/incidents/network/").content.decode()
    assert shared.summary in theirs and "9,000.00" not in theirs  # redacted for another store

    assert kept.summary in owner.get("/incidents/").content.decode()
    other_logbook = other.get("/incidents/").content.decode()
    assert kept.summary not in other_logbook and shared.summary not in other_logbook


def test_staff_do_not_get_the_owners_cached_list_of_voided_incidents(
    north_people: People,
) -> None:
    incident = _log(north_people, "Logged by mistake, then voided")
    with schema_context(north_people.network.schema_name):
        incident_void(incident=incident, by=north_people.owner, reason="A mistake.")
    owner = client_for(north_people.network, north_people.owner)
    staff = client_for(north_people.network, north_people.staff)
    assert incident.summary in owner.get("/incidents/?voided=with").content.decode()
    assert incident.summary not in staff.get("/incidents/?voided=with").content.decode()


def test_a_renamed_store_shows_on_the_cached_network_list(north_people: People) -> None:
    incident = _log(north_people, "Someone cased the showcases")
    other = client_for(north_people.network, north_people.other_store_owner)
    assert north_people.store.display_name in other.get("/incidents/network/").content.decode()
    with schema_context(north_people.network.schema_name):
        Store.objects.filter(pk=incident.store_id).update(display_name="Renamed Diamonds")
    assert "Renamed Diamonds" in other.get("/incidents/network/").content.decode()
