"""Every host has an icon: pages link to it, and /favicon.ico answers instead of a 404."""

import pytest
from django.contrib.staticfiles import finders

from tests.conftest import People, client_for


@pytest.mark.parametrize("host", ["public", "north", "lakeshore"])
def test_favicon_ico_answers_on_every_host(north_people: People, lakeshore_people: People, host):
    network = {"public": None, "north": north_people.network, "lakeshore": lakeshore_people.network}
    response = client_for(network[host]).get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("/favicon.ico")
    assert response["Location"].startswith("/static/")
    assert "max-age=86400" in response["Cache-Control"]


def test_the_icons_exist_as_static_files() -> None:
    for name in ("favicon.ico", "favicon.svg", "apple-touch-icon.png"):
        assert finders.find(name), name


@pytest.mark.parametrize("host", ["public", "north"])
def test_pages_link_to_the_icon(north_people: People, host: str) -> None:
    client = client_for(None if host == "public" else north_people.network)
    body = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico"' in body
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in body
