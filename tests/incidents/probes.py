"""How the isolation crawler (tests/security/) attacks the incident logbook's pages, and the
incidents it plants in each store to watch for leaks: one kept to the store, one shared with
the network, and a quick log still to finish, each with private text.

The object pages are probed with the incident kept to the store: another store's people must
get a 404 there (a shared one they may open, redacted, so it proves nothing here). Other apps'
helpers add their own probes below with `PROBES.update(...)` and their objects with
`PLANTERS.append(...)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.models import Incident
from incidents.services import incident_create, incident_quick_log, incident_share
from networks.models import Membership
from tests.security.crawler import MEMBER, OBJECT, Probe, Side


def _incident(side: Side, *, label: str, shared: bool) -> Incident:
    tag = side.tag
    membership = Membership.objects.select_related("store").get(
        user_id=side.owner.pk, store=side.store
    )
    incident = incident_create(
        membership=membership,
        by=side.owner,
        fields={
            "kind": "distraction",
            "started_at": timezone.now() - dt.timedelta(days=2),
            "location": "inside",
            "location_detail": side.mark(f"Showcase {label} {tag}"),
            "summary": side.mark(f"Summary {label} {tag}"),
            "narrative": side.mark(f"Narrative {label} {tag}"),
            "method": side.mark(f"Method {label} {tag}"),
            "police_called": True,
            "police_agency": side.mark(f"Agency {label} {tag}"),
            "police_report_number": side.mark(f"Report {label} {tag}"),
            "police_officer": side.mark(f"Officer {label} {tag}"),
            "injuries": side.mark(f"Injuries {label} {tag}"),
            "internal_notes": side.mark(f"Internal {label} {tag} kept to the store"),
        },
        suspects=[
            {
                "age_range": "26-35",
                "build": "slim",
                "hair": side.mark(f"Hair {label} {tag}"),
                "clothing_top": side.mark(f"Jacket {label} {tag}"),
                "distinguishing_marks": side.mark(f"Tattoo {label} {tag}"),
                "behaviour": side.mark(f"Behaviour {label} {tag}"),
            }
        ],
        vehicles=[
            {
                "make": "Toyota",
                "colour": "Silver",
                "plate": side.mark(f"P{label[:2].upper()}{tag[-4:].upper()}"),
                "marks": side.mark(f"Dent {label} {tag}"),
            }
        ],
        items=[
            {
                "description": side.mark(f"Ring {label} {tag}"),
                "category": "ring",
                "quantity": 1,
                "unit_value": "4321.09",
                "serial_number": side.mark(f"SN{label}{tag}"),
            }
        ],
    )
    return incident_share(incident=incident, by=side.owner, shared=shared)


def _plant_incidents(side: Side) -> None:
    side.objects["incident"] = _incident(side, label="kept", shared=False)
    side.objects["shared_incident"] = _incident(side, label="shared", shared=True)
    membership = Membership.objects.select_related("store").get(
        user_id=side.owner.pk, store=side.store
    )
    side.objects["quick_incident"] = incident_quick_log(
        membership=membership,
        by=side.owner,
        kind="casing",
        started_at=timezone.now() - dt.timedelta(hours=3),
        summary=side.mark(f"Quick {side.tag} to finish"),
    )


# Each creates one app's objects in the side's network (inside its schema).
PLANTERS: list[Callable[[Side], None]] = [_plant_incidents]


def plant(side: Side) -> None:
    with schema_context(side.network.schema_name):
        for planter in PLANTERS:
            planter(side)


def _incident_kwargs(side: Side) -> dict[str, Any]:
    return {"incident_id": side.incident.pk}


PROBES = {
    # The logbook (incidents/views.py, incidents/edit_views.py).
    "tenant:incident_logbook": Probe(MEMBER),
    "tenant:incident_network": Probe(MEMBER),
    "tenant:incident_to_finish": Probe(MEMBER),
    "tenant:incident_new": Probe(MEMBER),
    "tenant:incident_quick": Probe(MEMBER),
    "tenant:incident_settings": Probe(MEMBER),
    "tenant:incident_purpose": Probe(MEMBER),
    "tenant:incident_access_log": Probe(MEMBER),
    "tenant:incident_detail": Probe(OBJECT, _incident_kwargs),
    "tenant:incident_edit": Probe(OBJECT, _incident_kwargs),
    "tenant:incident_history": Probe(OBJECT, _incident_kwargs),
    "tenant:incident_share": Probe(OBJECT, _incident_kwargs),
    "tenant:incident_void": Probe(OBJECT, _incident_kwargs),
}
# The coordinator's retention period (incidents/retention_views.py).
PROBES["tenant:incident_retention"] = Probe(MEMBER)


# --- Evidence (incidents/evidence_views.py) ----------------------------------------------------
# On the incident kept to the store: a photo marked internal, with a private caption, and a
# PDF. Another store's people must get a 404 for both, as must everyone of another network.


def _plant_evidence(side: Side) -> None:
    from tests.incidents.evidence_files import evidence_of, pdf, photo

    side.objects["evidence_photo"] = evidence_of(
        side.incident,
        side.owner,
        photo(),
        caption=side.mark(f"Evidence caption {side.tag}"),
        is_internal=True,
    )
    side.objects["evidence_pdf"] = evidence_of(side.incident, side.owner, pdf())


PLANTERS.append(_plant_evidence)
PROBES.update(
    {
        "tenant:evidence_add": Probe(OBJECT, _incident_kwargs),
        "tenant:evidence_file": Probe(
            OBJECT, lambda side: {"evidence_id": side.evidence_photo.pk, "variant": "display"}
        ),
    }
)


# --- Exports (incidents/export_views.py) -------------------------------------------------------
# The packet is probed with the incident kept to the store. Each store's owner has a prepared
# export whose file holds private text: only the owner who asked may see or download it.


def _plant_export(side: Side) -> None:
    from django.core.files.base import ContentFile

    from incidents.models import IncidentExport

    export = IncidentExport(
        format=IncidentExport.Format.CSV,
        requested_by_id=side.owner.pk,
        params={"scope": ["store"]},
        status=IncidentExport.Status.READY,
        done=1,
        total=1,
        file_name="incidents-export.csv",
        finished_at=timezone.now(),
    )
    row = side.mark(f"Exported row {side.tag}")
    export.file.save("export.csv", ContentFile(f"\ufeffIncident\n{row}\n".encode()), save=False)
    export.save()
    side.objects["incident_export"] = export


def _export_kwargs(side: Side) -> dict[str, Any]:
    return {"export_id": side.incident_export.pk}


PLANTERS.append(_plant_export)
PROBES.update(
    {
        "tenant:incident_packet": Probe(OBJECT, _incident_kwargs),
        "tenant:incident_export": Probe(MEMBER),
        "tenant:incident_export_status": Probe(OBJECT, _export_kwargs),
        "tenant:incident_export_download": Probe(OBJECT, _export_kwargs),
    }
)
