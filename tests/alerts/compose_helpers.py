"""What the composer's tests start from: a shared incident with suspects, a vehicle and an
item taken, and a draft or a sent alert."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accounts.models import User
from alerts.models import Alert
from incidents.models import Incident
from incidents.services import incident_create, incident_share
from networks.models import Membership
from tests.conftest import People


def shared_incident(people: People, *, shared: bool = True, **fields: Any) -> Incident:
    membership = Membership.objects.select_related("store").get(
        user_id=people.owner.pk, store=people.store
    )
    incident = incident_create(
        membership=membership,
        by=people.owner,
        fields={
            "kind": "smash",
            "started_at": timezone.now() - dt.timedelta(hours=1),
            "location": "inside",
            "location_detail": "Front showcase",
            "summary": "Two men smashed the front showcase",
            "method": "One hammered the glass while the other held the door.",
            "suspect_count": 2,
            "internal_notes": "Ana was alone on the floor",
            **fields,
        },
        suspects=[
            {
                "age_range": "26-35",
                "build": "slim",
                "clothing_top": "Grey hooded jacket",
                "headwear": "Black cap",
            }
        ],
        vehicles=[{"make": "Toyota", "colour": "Silver", "plate": "7KX2", "direction": "north"}],
        items=[
            {
                "description": "Solitaire ring",
                "category": "ring",
                "quantity": 2,
                "unit_value": "4500.00",
                "certificate_number": "GIA 2141438171",
            }
        ],
    )
    return incident_share(incident=incident, by=people.owner, shared=shared)


def draft(by: User, **fields: Any) -> Alert:
    defaults: dict[str, Any] = {
        "severity": Alert.Severity.URGENT,
        "headline": "Smash and grab on Main Street",
        "message": "Two men smashed the front showcase.",
        "sms_text": "URGENT: Smash and grab on Main Street.",
        "created_by_id": by.pk,
    }
    return Alert.objects.create(**{**defaults, **fields})


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "severity": "urgent",
        "headline": "Smash and grab on Main Street",
        "occurred_at": (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "place": "120 Main St, Springfield",
        "crime_type": "smash",
        "suspect_count": "2",
        "suspects": "Slim man, grey hooded jacket, black cap",
        "method": "Hammer on the front showcase",
        "property_taken": "2 solitaire rings",
        "vehicle": "Silver Toyota, plate 7KX2",
        "to_all_members": "on",
        "to_law_enforcement": "on",
        "near_km": "",
        "message": "Two men smashed the front showcase.",
        "sms_text": "URGENT: Smash and grab on Main Street.",
        "save": "1",
    }
    data.update(overrides)
    return data
