"""`seed_demo` gives each demo network two years of incidents that look like a real logbook,
once: running it again adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Min
from django_tenants.utils import schema_context

from incidents.models import (
    Evidence,
    Incident,
    IncidentRevision,
    IncidentType,
    StolenItem,
    Vehicle,
)
from networks.models import Network, Store

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_settings")]
SLUGS = ("socal", "gta")


def _counts() -> dict[str, tuple[int, ...]]:
    counts: dict[str, tuple[int, ...]] = {}
    for slug in SLUGS:
        with schema_context(Network.objects.get(slug=slug).schema_name):
            counts[slug] = (
                Incident.objects.count(),
                IncidentRevision.objects.count(),
                StolenItem.objects.count(),
                Vehicle.objects.count(),
                Evidence.objects.count(),
            )
    return counts


def test_seeding_twice_gives_the_same_incidents() -> None:
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert all(count[0] >= 200 for count in first.values())


def test_demo_incidents_look_like_two_years_of_a_real_logbook() -> None:
    call_command("seed_demo")
    assert Network.objects.get(slug="socal").currency == "USD"
    assert Network.objects.get(slug="gta").currency == "CAD"
    summaries = {}
    for slug in SLUGS:
        network = Network.objects.get(slug=slug)
        with schema_context(network.schema_name):
            incidents = Incident.objects.all()
            assert set(incidents.values_list("kind", flat=True)) == set(IncidentType.values)

            # Heavier in November and December, mostly in opening hours (local time).
            local = [
                i.astimezone(network.zone) for i in incidents.values_list("started_at", flat=True)
            ]
            months = Counter(moment.month for moment in local)
            holiday_rate = (months[11] + months[12]) / 2
            other_rate = sum(months[m] for m in range(1, 11)) / 10
            assert holiday_rate > 1.5 * other_rate
            daytime = sum(1 for moment in local if 9 <= moment.hour < 20)
            assert daytime > 0.8 * len(local)
            span = max(local) - min(local)
            assert dt.timedelta(days=700) < span <= dt.timedelta(days=731)

            # Partial plates, identifiers for the trigram search, words for the full text.
            assert Vehicle.objects.filter(plate_is_partial=True).exclude(plate="").exists()
            assert Vehicle.objects.filter(plate_is_partial=False).exclude(plate="").exists()
            assert incidents.exclude(identifiers="").count() > 20
            assert StolenItem.objects.exclude(certificate_number="").exists()
            assert StolenItem.objects.exclude(watch_reference="").exists()
            assert not incidents.filter(search_vector__isnull=True).exists()
            assert incidents.filter(has_suspects=True).exists()
            assert incidents.filter(loss_total__gt=0).exists()

            # Quick logs to finish, incidents kept to the store, voids with a reason.
            assert incidents.filter(is_complete=False, voided_at__isnull=True).count() >= 3
            assert incidents.filter(is_shared=False).exists()
            assert incidents.filter(is_shared=True).exists()
            voided = incidents.filter(voided_at__isnull=False)
            assert voided.exists()
            assert not voided.filter(void_reason="").exists()

            # Every incident has its "logged" revision, dated when it was logged.
            created = IncidentRevision.objects.filter(kind=IncidentRevision.Kind.CREATED)
            assert created.count() == incidents.count()
            assert not incidents.exclude(revisions__kind=IncidentRevision.Kind.CREATED).exists()
            first = incidents.order_by("started_at").first()
            assert first is not None
            assert first.logged_at >= first.started_at
            assert first.logged_at < first.started_at + dt.timedelta(days=1)

            # Stores joined before their first incident (the forms refuse earlier ones).
            for store in Store.objects.annotate(first=Min("incidents__started_at")):
                assert store.first is None or store.created_at < store.first

            # A handful of CCTV stills, ready, with their display size and thumbnail.
            photos = Evidence.objects.filter(kind=Evidence.Kind.PHOTO)
            assert 3 <= photos.count() <= 10
            for photo in photos:
                assert photo.status == Evidence.Status.READY
                assert photo.display.storage.exists(str(photo.display.name))
                assert photo.thumbnail.storage.exists(str(photo.thumbnail.name))
                assert photo.width == 1280
            summaries[slug] = set(incidents.values_list("summary", flat=True))
    # Each network writes its own way.
    assert len(summaries["socal"] & summaries["gta"]) < 10
