"""runserver's bare address (127.0.0.1, [::1]) leads to the public site in development."""

import pytest
from django.test import Client

from networks.models import Network


@pytest.fixture
def loopback_redirect(settings: pytest.FixtureRequest) -> None:
    # What config.settings.local adds; tests/config/test_dev_server.py checks it there.
    settings.MIDDLEWARE = [  # type: ignore[attr-defined]
        "config.loopback.LoopbackRedirectMiddleware",
        *settings.MIDDLEWARE,  # type: ignore[attr-defined]
    ]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1", "[::1]"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("host", "public_site"),
    [("127.0.0.1:8000", "http://localhost:8000"), ("[::1]:8123", "http://localhost:8123")],
)
def test_the_loopback_address_redirects_to_the_same_page_of_the_public_site(
    loopback_redirect: None, host: str, public_site: str
) -> None:
    response = Client().get("/networks/?q=north", HTTP_HOST=host)

    assert response.status_code == 302
    assert response["Location"] == f"{public_site}/networks/?q=north"


def test_the_public_site_and_the_networks_are_served_as_before(
    loopback_redirect: None, public_client: Client, north: Network
) -> None:
    assert public_client.get("/networks/").status_code == 200
    assert Client().get("/", HTTP_HOST="north.localhost").status_code == 200


def test_a_host_outside_allowed_hosts_is_refused_not_redirected(
    loopback_redirect: None, settings: pytest.FixtureRequest
) -> None:
    settings.ALLOWED_HOSTS = ["localhost", ".localhost"]  # type: ignore[attr-defined]

    response = Client().get("/", HTTP_HOST="127.0.0.1:8000")

    assert response.status_code == 400
