"""Email is the login, verification is mandatory, and failed logins are throttled."""

import re

from allauth.account.models import EmailAddress
from django.core import mail

from tests.conftest import PASSWORD, People, client_for
from tests.factories import UserFactory


def test_member_logs_in_with_email_on_their_network(north_people: People) -> None:
    client = client_for(north_people.network)
    response = client.post("/accounts/login/", {"login": "STAFF@north.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_wrong_password_keeps_the_email_and_says_why(north_people: People) -> None:
    response = client_for(north_people.network).post(
        "/accounts/login/", {"login": "staff@north.test", "password": "nope"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="staff@north.test"' in body
    assert "not correct" in body


def test_unverified_account_cannot_log_in_until_it_confirms(public_client) -> None:
    UserFactory.create(email="new@example.test", verified=False)
    response = public_client.post(
        "/accounts/login/", {"login": "new@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert "new@example.test" in mail.outbox[0].to


def test_signup_sends_a_verification_mail_and_the_link_verifies(public_client) -> None:
    response = public_client.post(
        "/accounts/signup/",
        {
            "email": "jeweler@example.test",
            "password1": "a-long-pass-2026!",
            "password2": "a-long-pass-2026!",
        },
    )
    assert response.status_code == 302
    link = re.search(r"/accounts/confirm-email/\S+", str(mail.outbox[0].body))
    assert link is not None
    public_client.post(link.group())
    assert EmailAddress.objects.get(email="jeweler@example.test").verified


def test_failed_logins_are_throttled_per_account(north_people: People) -> None:
    client = client_for(north_people.network)
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": "owner@north.test", "password": "wrong"})
    # The right password no longer helps: allauth counts failures in the Redis cache.
    response = client.post("/accounts/login/", {"login": "owner@north.test", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/dashboard/").status_code == 302
