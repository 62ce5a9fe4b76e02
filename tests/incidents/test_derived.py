"""What is derived from an incident, never typed: loss, flags, identifiers, search vector.
One statement computes it for one incident written by a form or for a whole bulk load."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.derived import derived_refresh
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


def test_derived_columns_follow_the_children_and_a_bulk_refresh_restores_them(
    north_people: People,
) -> None:
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
        loss, has_suspects, has_vehicles, identifiers, vector = expected[incident.pk]
        assert loss == Decimal("18901.00")  # 13,900 + 2 x 2,500.50; the chain has no value
        assert has_suspects and has_vehicles
        assert identifiers == "7KX2 126610LN Z94122 GIA2215834567"
        for lexeme in ("'rolex'", "'hoodi'", "'dodg'", "'7kx2'", "'watch'", "'gia2215834567'"):
            assert lexeme in str(vector), lexeme
        assert expected[quiet.pk][:4] == (Decimal("0.00"), False, False, "")
        Incident.objects.update(
            loss_total=0, has_suspects=False, has_vehicles=False, identifiers="", search_vector=None
        )

        assert derived_refresh(incident_ids=[incident.pk]) == 1
        assert _derived(incident.pk) == expected[incident.pk]
        assert _derived(quiet.pk) != expected[quiet.pk]  # not asked for
        assert derived_refresh() == 2
        assert {pk: _derived(pk) for pk in expected} == expected
