"""The badge of an active partner can be fetched from its verification page, to show on the
partner's own website; any other code gives a 404."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.test import Client
from django_tenants.utils import schema_context
from PIL import Image

from networks.models import Network
from pledges.services import pledge_transition
from tests.conftest import People
from tests.pledges.conftest import pledge_for


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_active_partners_badge_is_an_svg(public_client: Client, north_people: People):
    pledge = pledge_for(north_people)
    response = public_client.get(f"/verify/{pledge.verification_code}/badge.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "attachment" not in response.get("Content-Disposition", "")
    svg = body(response)
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag.endswith("svg")
    assert b"North Gems" in svg


@pytest.mark.parametrize("size", [256, 512, 1024])
def test_an_active_partners_badge_is_a_png_of_each_size(
    public_client: Client, north_people: People, size: int
):
    pledge = pledge_for(north_people)
    response = public_client.get(f"/verify/{pledge.verification_code}/badge-{size}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(body(response)))
    assert (image.size, image.mode) == ((size, size), "RGBA")


def test_the_public_badge_is_rendered_once_into_the_public_media_folder(
    public_client: Client, north_people: People
):
    pledge = pledge_for(north_people)
    url = f"/verify/{pledge.verification_code}/badge-256.png"
    first = body(public_client.get(url))
    files = list(Path(settings.MEDIA_ROOT).glob("public/toolkit/??/*.png"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns
    assert body(public_client.get(url)) == first
    assert files[0].stat().st_mtime_ns == mtime


@pytest.mark.parametrize("state", ["suspended", "revoked", "withdrawn"])
def test_a_pledge_not_in_good_standing_has_no_badge(
    public_client: Client, north_people: People, state: str
):
    pledge = pledge_for(north_people)
    by = north_people.owner if state == "withdrawn" else north_people.coordinator
    with schema_context("north"):
        pledge_transition(pledge=pledge, action=state, by=by, reason="Closed")
    code = pledge.verification_code
    assert public_client.get(f"/verify/{code}/badge.svg").status_code == 404
    assert public_client.get(f"/verify/{code}/badge-512.png").status_code == 404


def test_a_pending_pledge_has_no_badge(public_client: Client, north_people: People):
    pledge = pledge_for(north_people, active=False)
    assert public_client.get(f"/verify/{pledge.verification_code}/badge.svg").status_code == 404


def test_a_closed_networks_partners_have_no_badge(
    public_client: Client, north_people: People, north: Network
):
    pledge = pledge_for(north_people)
    Network.objects.filter(pk=north.pk).update(is_active=False)
    assert public_client.get(f"/verify/{pledge.verification_code}/badge.svg").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/verify/ZZZZ-ZZZZ/badge.svg",
        "/verify/ZZZZ-ZZZZ/badge-512.png",
        "/verify/%E2%91%A0%E2%91%A1/badge.svg",
        "/verify/not-a-code/badge-256.png",
    ],
)
def test_unknown_codes_have_no_badge(public_client: Client, path: str):
    assert public_client.get(path).status_code == 404


@pytest.mark.parametrize("size", ["300", "0", "99999999999999999999", "512x", "%C3%A9"])
def test_unknown_sizes_are_a_404(public_client: Client, north_people: People, size: str):
    pledge = pledge_for(north_people)
    url = f"/verify/{pledge.verification_code}/badge-{size}.png"
    assert public_client.get(url).status_code == 404


def test_a_lower_case_code_is_a_404_not_a_second_copy(public_client: Client, north_people: People):
    pledge = pledge_for(north_people)
    url = f"/verify/{pledge.verification_code.lower()}/badge.svg"
    assert public_client.get(url).status_code == 404


def test_walking_through_codes_by_their_badges_is_rate_limited(public_client: Client, db: None):
    for attempt in range(60):
        path = "badge.svg" if attempt % 2 else "badge-256.png"
        assert public_client.get(f"/verify/ZZZZ-{attempt:04d}/{path}").status_code == 404
    assert public_client.get("/verify/ZZZZ-ZZZZ/badge.svg").status_code == 429
    assert public_client.get("/verify/ZZZZ-ZZZZ/badge-512.png").status_code == 429


def test_badges_and_verification_pages_share_one_limit(public_client: Client, north_people: People):
    pledge = pledge_for(north_people)
    for _attempt in range(60):
        public_client.get("/verify/ZZZZ-ZZZZ/")
    assert public_client.get(f"/verify/{pledge.verification_code}/badge.svg").status_code == 429
    # Another address is not limited by this one's lookups.
    other = Client(HTTP_HOST=settings.PORTAL_DOMAIN, REMOTE_ADDR="192.0.2.7")
    response = other.get(f"/verify/{pledge.verification_code}/badge.svg")
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)  # type: ignore[attr-defined]
