"""Behind the compose stack's proxy, rate limits count the address the proxy saw.

The proxy (Caddyfile) sets the client-address header itself; whatever a client writes in
X-Forwarded-For must not move it into another address's allowance.
"""

from typing import Any

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client, RequestFactory

from tests.config.test_deploy import production_settings

CLIENT_IP_SETTINGS = ("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", "ALLAUTH_TRUSTED_PROXY_COUNT")
# The header the Caddyfile's proxy sets (tests/config/test_deploy.py checks the two agree).
PROXY_HEADER = "X-Real-IP"
PROXY_SEES = "203.0.113.9"


@pytest.fixture
def behind_the_proxy(settings: pytest.FixtureRequest) -> None:
    """Production's client-address settings in this test process."""
    for name, value in production_settings(*CLIENT_IP_SETTINGS).items():
        if value is not None:
            setattr(settings, name, value)
        elif hasattr(settings, name):
            delattr(settings, name)


def _from_the_proxy(forged: str) -> dict[str, Any]:
    # What gunicorn receives: the proxy's own address, its header, and the client's forgery.
    return {
        "REMOTE_ADDR": "172.18.0.5",
        "HTTP_" + PROXY_HEADER.upper().replace("-", "_"): PROXY_SEES,
        "HTTP_X_FORWARDED_FOR": forged,
    }


def test_a_forged_x_forwarded_for_does_not_change_the_client_address(
    behind_the_proxy: None,
) -> None:
    request = RequestFactory().get("/", **_from_the_proxy("198.51.100.1"))

    assert get_adapter().get_client_ip(request) == PROXY_SEES


def test_forging_x_forwarded_for_does_not_reset_the_verification_rate_limit(
    behind_the_proxy: None, public_client: Client
) -> None:
    for attempt in range(60):
        headers = _from_the_proxy(f"198.51.100.{attempt}")
        assert public_client.get(f"/verify/ZZZZ-{attempt:04d}/", **headers).status_code == 200

    headers = _from_the_proxy("198.51.100.250")
    assert public_client.get("/verify/ZZZZ-ZZZZ/", **headers).status_code == 429


def test_a_request_that_bypassed_the_proxy_is_refused_rather_than_counted_as_anyone(
    behind_the_proxy: None, public_client: Client
) -> None:
    response = public_client.get(
        "/verify/ZZZZ-ZZZZ/", REMOTE_ADDR="172.18.0.9", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )

    assert response.status_code == 403
