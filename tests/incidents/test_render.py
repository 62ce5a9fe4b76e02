"""The printed packet and logbook: markup and addresses typed into any text come out as
printed text, nothing is fetched, damaged images become placeholders, and a member of another
store gets a packet without internal notes, staff names, values and internal evidence."""

from __future__ import annotations

import logging

import pytest
from django_tenants.utils import schema_context

from incidents.access import Visibility
from incidents.models import Incident
from incidents.render.build import logbook_data, packet_data
from incidents.render.logbook import render_logbook_pdf
from incidents.render.packet import render_packet_pdf
from incidents.render.pictures import picture_uri
from networks.models import Network
from tests.conftest import People
from tests.incidents.export_data import (
    INCIDENT_TEXTS,
    ITEM_TEXTS,
    SUSPECT_TEXTS,
    VEHICLE_TEXTS,
    hostile_incident,
    jpeg,
    with_evidence,
)
from tests.pledges.conftest import _media_root  # noqa: F401
from tests.security.test_pdf_injection import fetched_outside_static, pdf_actions, pdf_text

FETCH_LOG = "toolkit.render.fetcher"


def _compact(text: str) -> str:
    return "".join(text.replace("\u00a0", " ").split())


def _typed(incident: Incident) -> dict[str, str]:
    """Every text typed into the incident and its children, by a name for the message."""
    typed = {name: getattr(incident, name) for name in INCIDENT_TEXTS}
    suspect = incident.suspects.get()
    typed |= {f"suspect.{name}": getattr(suspect, name) for name in SUSPECT_TEXTS}
    vehicle = incident.vehicles.get()
    typed |= {f"vehicle.{name}": getattr(vehicle, name) for name in VEHICLE_TEXTS}
    item = incident.items.get(position=1)
    typed |= {f"item.{name}": getattr(item, name) for name in ITEM_TEXTS}
    typed["evidence.caption"] = incident.evidence.get(caption__startswith="QE0").caption
    return typed


def _nothing_fetched(caplog: pytest.LogCaptureFixture) -> None:
    fetches = [record for record in caplog.records if record.name == FETCH_LOG]
    assert fetched_outside_static(fetches) == []
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    assert warnings == []


@pytest.fixture
def planted(north_people: People) -> Incident:
    Network.objects.filter(pk=north_people.network.pk).update(
        name="<script>alert(1)</script> Network", currency="CAD", timezone="America/Toronto"
    )
    with schema_context("north"):
        incident = hostile_incident(north_people.owner)
        with_evidence(incident)
        return incident


def _network() -> Network:
    return Network.objects.get(schema_name="north")


def test_every_typed_text_is_printed_as_text_in_the_packet_and_nothing_is_fetched(
    planted: Incident, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=FETCH_LOG)
    with schema_context("north"):
        typed = _typed(planted)
        packet = packet_data(incident=planted, visibility=Visibility.FULL, network=_network())
        pdf = render_packet_pdf(packet=packet)
    text = _compact(pdf_text(pdf))
    missing = [name for name, value in typed.items() if _compact(value) not in text]
    assert missing == []
    assert "<script>alert(1)</script>Network" in text
    assert "12,345.50CAD" in text and "24,691.00CAD" in text  # value each, line, total
    assert "America/Toronto" in text  # the network's zone, in which times are printed
    assert "root:x:0:0" not in text
    assert pdf_actions(pdf) == []
    _nothing_fetched(caplog)


def test_the_packet_shows_the_stills_and_a_placeholder_for_damaged_or_pending_ones(
    planted: Incident,
) -> None:
    with schema_context("north"):
        packet = packet_data(incident=planted, visibility=Visibility.FULL, network=_network())
    pictures = packet.incident.pictures
    assert [p.caption[:3] for p in pictures] == ["QE0", "Qin", "Qbr", "Qpe"]
    assert [picture_uri(p.data, max_side=100) is not None for p in pictures] == [
        True,
        True,
        False,
        False,
    ]
    text = _compact(pdf_text(render_packet_pdf(packet=packet)))
    assert text.count("(noimagetoshow)") == 2


def test_another_stores_packet_leaves_out_notes_names_values_and_internal_evidence(
    planted: Incident, north_people: People
) -> None:
    with schema_context("north"):
        full = packet_data(incident=planted, visibility=Visibility.FULL, network=_network())
        redacted = packet_data(incident=planted, visibility=Visibility.REDACTED, network=_network())
    full_text = _compact(pdf_text(render_packet_pdf(packet=full)))
    text = _compact(pdf_text(render_packet_pdf(packet=redacted)))
    owner_name = _compact(north_people.owner.get_full_name())
    assert owner_name in full_text and "QI8" in full_text  # logged by; internal notes
    assert owner_name not in text
    assert "QI8" not in text  # internal notes
    assert "CAD" not in text and "12,345" not in text and "Valueeach" not in text
    assert "Qinternalstill" not in text
    assert north_people.store.address_line1.replace(" ", "") not in text
    assert "QI1" in text and "QT1" in text  # the summary and the identifiers stay
    assert "internalnotes,staffnames,valuesandinternalevidenceareleftout" in text


def test_the_logbook_has_a_cover_and_a_block_per_incident_with_thumbnails(
    north_people: People, caplog: pytest.LogCaptureFixture
) -> None:
    Network.objects.filter(pk=north_people.network.pk).update(currency="USD")
    caplog.set_level(logging.DEBUG, logger=FETCH_LOG)
    with schema_context("north"):
        incidents = [hostile_incident(north_people.owner, prefix=f"L{n}x") for n in range(3)]
        with_evidence(incidents[0], prefix="L0x")
        queryset = Incident.objects.filter(pk__in=[i.pk for i in incidents]).order_by("-id")
        logbook = logbook_data(
            incidents=queryset,
            visibility_of=lambda incident: Visibility.FULL,
            network=_network(),
        )
        progress: list[tuple[int, int]] = []
        pdf = render_logbook_pdf(
            logbook=logbook, on_progress=lambda done, total: progress.append((done, total))
        )
    assert progress == [(3, 3)]
    text = _compact(pdf_text(pdf))
    assert "Incidentlogbook" in text and _compact(north_people.store.display_name) in text
    for n in range(3):
        assert f"L{n}xI1<script>alert(1)</script>" in text  # each summary, as text
        assert f"Incident{3 - n}of3" in text or f"Incident{n + 1}of3" in text
    assert "74,073.00USD" in text  # the three incidents' losses together
    assert pdf_actions(pdf) == []
    _nothing_fetched(caplog)


def test_a_long_logbook_is_laid_out_in_parts_and_reports_progress(north_people: People) -> None:
    from incidents.render import logbook as module

    with schema_context("north"):
        for n in range(5):
            hostile_incident(north_people.owner, prefix=f"P{n}x")
        logbook = logbook_data(
            incidents=Incident.objects.order_by("-id"),
            visibility_of=lambda incident: Visibility.REDACTED,
            network=_network(),
        )
    progress: list[tuple[int, int]] = []
    original = module.PART_SIZE
    module.PART_SIZE = 2
    try:
        pdf = render_logbook_pdf(logbook=logbook, on_progress=lambda d, t: progress.append((d, t)))
    finally:
        module.PART_SIZE = original
    assert progress == [(2, 5), (4, 5), (5, 5)]
    text = _compact(pdf_text(pdf))
    assert all(f"Incident{n}of5" in text for n in range(1, 6))
    assert "USD" not in text and "QI8" not in text
    assert "5incidentsofotherstoresareshownwithout" in text


def test_a_damaged_or_huge_image_becomes_nothing_not_an_error() -> None:
    assert picture_uri(None, max_side=100) is None
    assert picture_uri(b"GIF89a....", max_side=100) is None
    assert picture_uri(jpeg((1, 2, 3))[:200], max_side=100) is None
    uri = picture_uri(jpeg((1, 2, 3), (1600, 1200)), max_side=300)
    assert uri is not None and uri.startswith("data:image/jpeg;base64,")
