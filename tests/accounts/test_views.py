"""The "check your email" page: who the mail comes from, a way to have it sent again, and a
real address to write to."""

from __future__ import annotations

from django.core.cache import caches

from networks.models import Network
from tests.conftest import Outbox, client_for
from tests.networks.test_mail import parts

PASSWORD = "a-long-pass-2026!"


def signed_up(network: Network | None, email: str = "jeweler@example.test"):
    client = client_for(network)
    response = client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    return client, response.content.decode()


def test_the_check_your_email_page_offers_a_resend_and_the_networks_contact(
    north: Network, smtp_outbox: Outbox
) -> None:
    north.contact_email = "desk@north.test"
    north.save(update_fields=["contact_email"])
    _client, page = signed_up(north)
    assert "Check your email" in page
    assert 'action="/accounts/verification/resend/"' in page
    assert 'value="jeweler@example.test"' in page
    assert 'href="mailto:desk@north.test"' in page
    assert "North Valley Jewelers Network via Partner for Protection" in page


def test_on_the_public_site_the_contact_is_the_portals_support_address(
    public_client, smtp_outbox: Outbox, settings
) -> None:
    settings.PORTAL_SUPPORT_EMAIL = "help@partners.test"
    _client, page = signed_up(None)
    assert 'href="mailto:help@partners.test"' in page


def test_the_link_can_be_sent_again_once_the_limit_allows(
    north: Network, smtp_outbox: Outbox
) -> None:
    client, _page = signed_up(north)
    assert len(smtp_outbox.messages) == 1
    # Right after signing up, allauth's limit holds the second mail back.
    client.post("/accounts/verification/resend/", {"email": "jeweler@example.test"})
    assert len(smtp_outbox.messages) == 1
    for cache in caches.all():  # the few minutes of allauth's limit have passed
        cache.clear()
    response = client.post(
        "/accounts/verification/resend/", {"email": "jeweler@example.test"}, follow=True
    )
    assert len(smtp_outbox.messages) == 2
    assert "a new link is on its way" in response.content.decode()
    text = parts(smtp_outbox.messages[1])["text/plain"]
    assert "signed up to the North Valley Jewelers Network" in " ".join(text.split())


def test_a_resend_for_an_unknown_address_says_the_same_and_sends_nothing(
    north: Network, smtp_outbox: Outbox
) -> None:
    response = client_for(north).post(
        "/accounts/verification/resend/", {"email": "nobody@example.test"}, follow=True
    )
    assert response.status_code == 200
    assert "a new link is on its way" in response.content.decode()
    assert smtp_outbox.messages == []


def test_a_resend_without_an_address_asks_for_it(north: Network) -> None:
    response = client_for(north).post(
        "/accounts/verification/resend/", {"email": "not an address"}, follow=True
    )
    assert response.status_code == 200
    assert "Enter the email address you signed up with." in response.content.decode()
