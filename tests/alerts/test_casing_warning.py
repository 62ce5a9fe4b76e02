"""A casing incident shared with the network lands on the coordinator's desk as a prepared
warning; other incidents, and sharing the same one again, add nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.models import AlertReport
from incidents.services import incident_quick_log, incident_share
from networks.models import Membership, Network
from tests.conftest import People

pytestmark = pytest.mark.django_db


def _logged(people: People, kind: str) -> Any:
    membership = Membership.objects.get(user_id=people.owner.pk)
    return incident_quick_log(
        membership=membership,
        by=people.owner,
        kind=kind,
        started_at=timezone.now() - dt.timedelta(minutes=20),
        summary=f"Two men photographed the showcases ({kind})",
    )


def test_sharing_a_casing_incident_prepares_a_warning(
    north: Network, north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with schema_context(north.schema_name):
        casing = _logged(north_people, "casing")
        other = _logged(north_people, "distraction")
        with django_capture_on_commit_callbacks(execute=True):
            incident_share(incident=casing, by=north_people.owner, shared=True)
            incident_share(incident=other, by=north_people.owner, shared=True)
        with django_capture_on_commit_callbacks(execute=True):
            incident_share(incident=casing, by=north_people.owner, shared=False)
            incident_share(incident=casing, by=north_people.owner, shared=True)
        warnings = list(AlertReport.objects.all())
        assert len(warnings) == 1
        assert warnings[0].incident_id == casing.pk
        assert warnings[0].is_casing_warning
        assert warnings[0].store_id == north_people.store.pk
        assert warnings[0].status == AlertReport.Status.NEW
        assert "photographed" in warnings[0].text


def test_an_incident_kept_to_the_store_prepares_nothing(
    north: Network, north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with schema_context(north.schema_name), django_capture_on_commit_callbacks(execute=True):
        _logged(north_people, "casing")
    with schema_context(north.schema_name):
        assert not AlertReport.objects.exists()
