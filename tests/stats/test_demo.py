"""The demo's platform figures: seeding rolls each demo network up, so the admin's dashboard is
full of the seeded years at once; seeding again changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

from incidents.models import Incident
from networks.models import Network
from stats.models import NetworkMonth, NetworkRollup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_settings")]


def test_seeding_the_demo_rolls_up_every_demo_network() -> None:
    call_command("seed_demo")
    for slug in ("socal", "gta"):
        network = Network.objects.get(slug=slug)
        with schema_context(network.schema_name):
            logged = Incident.objects.filter(voided_at__isnull=True).count()
        assert NetworkRollup.objects.filter(network=network).exists()
        rolled = sum(
            NetworkMonth.objects.filter(network=network).values_list("incidents", flat=True)
        )
        assert rolled == logged > 0
    before = list(NetworkMonth.objects.order_by("network_id", "month").values_list("incidents"))
    call_command("seed_demo")
    assert (
        list(NetworkMonth.objects.order_by("network_id", "month").values_list("incidents"))
        == before
    )
