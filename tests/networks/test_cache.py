"""Accounts are global, so are their rate limits: a network's host cannot reset them.

The cache keys every entry by schema (one network never reads another's entries), except
allauth's, which belong to an account that logs in on every host.
"""

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.core.cache import cache
from django_tenants.utils import schema_context

from networks.models import Network
from tests.conftest import PASSWORD, People, client_for


def _fail_logins(network: Network, email: str, times: int = 5) -> None:
    client = client_for(network)
    for _attempt in range(times):
        client.post("/accounts/login/", {"login": email, "password": "wrong"})


def test_five_failed_logins_on_one_network_lock_the_account_on_every_host(
    north_people: People, lakeshore: Network
) -> None:
    _fail_logins(north_people.network, north_people.owner.email)
    for network in (lakeshore, north_people.network, None):
        client = client_for(network)
        response = client.post(
            "/accounts/login/", {"login": north_people.owner.email, "password": PASSWORD}
        )
        assert response.status_code == 200, network
        assert "Too many failed login attempts" in response.content.decode()


def test_failed_logins_of_one_account_do_not_lock_another(
    north_people: People, lakeshore: Network
) -> None:
    _fail_logins(north_people.network, north_people.owner.email)
    response = client_for(lakeshore).post(
        "/accounts/login/", {"login": north_people.staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def _codes(secret: str) -> list[str]:
    """The codes the authenticator accepts right now, the current one first."""
    return [format_hotp_value(hotp_value(secret, c)) for c in yield_hotp_counters_from_time()]


def _wrong_code(secret: str) -> str:
    valid = set(_codes(secret))
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def test_wrong_authenticator_codes_on_one_network_lock_the_account_on_every_host(
    north_people: People, lakeshore: Network
) -> None:
    secret = generate_totp_secret()
    TOTP.activate(north_people.coordinator, secret)
    email = north_people.coordinator.email
    client = client_for(north_people.network)
    client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    wrong = _wrong_code(secret)
    for _attempt in range(5):
        response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
        assert response.status_code == 200
    other = client_for(lakeshore)
    response = other.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = other.post("/accounts/2fa/authenticate/", {"code": _codes(secret)[0]})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()


def test_an_authenticator_code_used_on_one_network_cannot_be_replayed_on_another(
    north_people: People, lakeshore: Network
) -> None:
    secret = generate_totp_secret()
    TOTP.activate(north_people.coordinator, secret)
    email = north_people.coordinator.email
    code = _codes(secret)[0]
    first = client_for(north_people.network)
    first.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert first.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    second = client_for(lakeshore)
    second.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert second.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200


def test_password_reset_mails_for_one_account_are_limited_across_networks(
    north_people: People, lakeshore: Network
) -> None:
    email = north_people.owner.email
    for _attempt in range(5):
        response = client_for(north_people.network).post(
            "/accounts/password/reset/", {"email": email}
        )
        assert response.status_code == 302
    for network in (lakeshore, None):
        response = client_for(network).post("/accounts/password/reset/", {"email": email})
        assert response.status_code == 429, network
    assert len(mail.outbox) == 5


def test_network_entries_of_the_cache_stay_apart(north: Network, lakeshore: Network) -> None:
    with schema_context(north.schema_name):
        cache.set("toolkit-progress", "north")
    with schema_context(lakeshore.schema_name):
        assert cache.get("toolkit-progress") is None
        cache.set("toolkit-progress", "lakeshore")
    with schema_context(north.schema_name):
        assert cache.get("toolkit-progress") == "north"
