"""The platform's figures for the demo: each demo network rolled up once as the demo is seeded,
so the platform admin's dashboard and the public panel show the seeded years at once rather
than after the first scheduled rollup."""

from __future__ import annotations

from django_tenants.utils import schema_context

from networks.demo import DEMO_NETWORKS
from networks.models import Network
from networks.schemas import use_public_schema

from .rollup import network_rollup


def seed() -> None:
    for spec in DEMO_NETWORKS:
        network = Network.objects.get(slug=spec["slug"])
        with schema_context(network.schema_name):
            network_rollup(network=network)
    use_public_schema()
