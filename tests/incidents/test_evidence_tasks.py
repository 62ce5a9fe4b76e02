"""A photo's display size and thumbnail are drawn by a real worker on the render queue, after
the upload is committed, never by the web request."""

from __future__ import annotations

import io
import time

import pytest
from django_tenants.utils import schema_context

from config.celery import app
from incidents.models import Evidence
from tests.conftest import People, client_for
from tests.incidents.evidence_files import assert_jpeg_pixels_only, incident_of, photo
from tests.pledges.conftest import _media_root  # noqa: F401
from tests.security.hostile import body_of

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def test_evidence_tasks_go_to_the_render_queue() -> None:
    route = app.amqp.router.route({}, "incidents.evidence_process", args=(), kwargs={})
    assert route["queue"].name == "render"


def test_a_real_worker_prepares_an_uploaded_photo(
    north_people: People, celery_worker: None
) -> None:
    with schema_context("north"):
        incident = incident_of(north_people.owner)
    client = client_for(north_people.network, north_people.owner)
    data = photo((2400, 1800), orientation=8)
    response = client.post(
        f"/incidents/{incident.pk}/evidence/add/",
        {"file": _named(data, "IMG_7.jpg"), "caption": "Side door"},
    )
    assert response.status_code == 302
    deadline = time.monotonic() + 60
    while True:
        with schema_context("north"):
            evidence = Evidence.objects.get(incident=incident)
        if evidence.status != "processing" or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert evidence.status == "ready"
    assert (evidence.width, evidence.height) == (1800, 2400)
    served = client.get(f"/incidents/evidence/{evidence.pk}/display/")
    assert_jpeg_pixels_only(body_of(served), what="display")


def _named(data: bytes, name: str) -> object:
    sent = io.BytesIO(data)
    sent.name = name
    return sent
