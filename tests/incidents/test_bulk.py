"""The one-statement refresh used for bulk loading computes what the services compute."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.bulk import incidents_derived_refresh_sql
from incidents.models import Incident
from incidents.services import incident_create
from networks.models import Membership
from tests.conftest import People

pytestmark = pytest.mark.django_db

DERIVED_SQL = (
    "SELECT loss_total, has_suspects, has_vehicles, identifiers, search_vector::text "
    "FROM incidents_incident WHERE id = %s"
)


def _derived(pk: int) -> tuple[object, ...]:
    with connection.cursor() as cursor:
        cursor.execute(DERIVED_SQL, [pk])
        return cursor.fetchone()


def test_the_sql_refresh_matches_the_services_refresh(north_people: People) -> None:
    with schema_context(north_people.network.schema_name):
        membership = Membership.objects.get(user_id=north_people.owner.pk)
        incident = incident_create(
            membership=membership,
            by=north_people.owner,
            fields={
                "kind": "grab",
                "started_at": timezone.now() - dt.timedelta(hours=3),
                "summary": "Grabbed a Rolex from the try-on tray",
                "narrative": "He ran out to a waiting car.",
                "location_detail": "Watch counter",
            },
            suspects=[{"age_range": "26-35", "height": "5'10\"", "clothing_top": "grey hoodie"}],
            vehicles=[{"make": "Dodge", "colour": "black", "plate": "7kx-2", "marks": "dent"}],
            items=[
                {
                    "description": "Rolex Submariner",
                    "category": "watch",
                    "unit_value": Decimal("13900"),
                    "quantity": 1,
                    "watch_reference": "126610LN",
                    "watch_case_number": "z9-41 22",
                },
                {"description": "Gold chain", "category": "chain", "quantity": 2},
                {
                    "description": "Loose diamond",
                    "category": "loose_diamond",
                    "unit_value": Decimal("2500.50"),
                    "quantity": 2,
                    "certificate_number": "GIA 2215834567",
                },
            ],
        )
        quiet = incident_create(
            membership=membership,
            by=north_people.owner,
            fields={"kind": "contact", "started_at": timezone.now(), "summary": "Odd call"},
        )
        expected = {pk: _derived(pk) for pk in (incident.pk, quiet.pk)}
        assert expected[incident.pk][3] == "7KX2 126610LN Z94122 GIA2215834567"
        Incident.objects.update(
            loss_total=0, has_suspects=False, has_vehicles=False, identifiers="", search_vector=None
        )

        assert incidents_derived_refresh_sql(incident_ids=[incident.pk]) == 1
        assert _derived(incident.pk) == expected[incident.pk]
        assert _derived(quiet.pk) != expected[quiet.pk]  # not asked for
        assert incidents_derived_refresh_sql() == 2
        assert {pk: _derived(pk) for pk in expected} == expected
