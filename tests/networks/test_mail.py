"""The portal's own mails (invitations, pledge news, pledges to review, network requests) go
out over SMTP as HTML with a plain-text part, say which network and movement write, and
speak the recipient's language."""

from __future__ import annotations

from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr

from django.conf import settings
from django.core import mail
from django_tenants.utils import schema_context

from accounts.models import User
from networks.mail import html_to_text
from networks.models import Membership, Network
from networks.services import invitation_create
from pledges.network_requests import network_request_create, network_request_decline
from tests.conftest import Outbox, People
from tests.factories import UserFactory
from tests.pledges.conftest import pledge_for


def parts(message: Message) -> dict[str, str]:
    """The decoded text/plain and text/html parts of a message."""
    found = {}
    for part in message.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            found[part.get_content_type()] = payload.decode(part.get_content_charset() or "utf-8")
    return found


def header_text(value: str) -> str:
    """A header as people read it: encoded words decoded, folded lines joined."""
    return str(make_header(decode_header(value.replace("\r\n", "").replace("\n", ""))))


def assert_branded(message: Message, *, network: Network | None) -> dict[str, str]:
    """Both parts there, each naming the movement (and the network), no raw host greeting."""
    body = parts(message)
    assert set(body) == {"text/plain", "text/html"}, message.get_content_type()
    sender_name, sender_address = parseaddr(header_text(message["From"]))
    assert sender_address == parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    assert "Partner for Protection" in sender_name
    for text in body.values():
        assert "Partner for Protection" in text
        assert "Hello from" not in text
        assert "localhost!" not in text
        if network is not None:
            assert network.name in text
    if network is not None:
        assert network.name in sender_name
    subject = header_text(message["Subject"])
    assert "\n" not in subject
    assert "[Partner for Protection]" not in subject
    return body


def french(network: Network) -> Network:
    network.language = "fr"
    network.save(update_fields=["language"])
    return network


def invite_staff(people: People) -> None:
    """The owner of the store (its pledge active) invites a staff member."""
    with schema_context(people.network.schema_name):
        invitation_create(
            email="new.hire@example.test",
            role=Membership.Role.STORE_STAFF,
            by=people.owner,
            store=people.store,
        )


def test_an_invitation_says_which_network_and_movement_write_in_html_and_text(
    north_people: People, smtp_outbox: Outbox, django_capture_on_commit_callbacks
) -> None:
    pledge_for(north_people)
    with schema_context("north"), django_capture_on_commit_callbacks(execute=True):
        invite_staff(north_people)
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=north_people.network)
    assert '<html lang="en"' in body["text/html"]
    assert "/join/" in body["text/plain"]
    assert message["Reply-To"] == settings.PORTAL_SUPPORT_EMAIL
    assert 'href="http://north.localhost' in body["text/html"]
    assert "Or open this address:" not in body["text/plain"]


def test_an_invitation_in_a_french_network_is_in_french(
    north_people: People, smtp_outbox: Outbox, django_capture_on_commit_callbacks
) -> None:
    french(north_people.network)
    pledge_for(north_people)
    with schema_context("north"), django_capture_on_commit_callbacks(execute=True):
        invite_staff(north_people)
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=north_people.network)
    assert message["Content-Language"] == "fr"
    assert '<html lang="fr"' in body["text/html"]
    for text in body.values():
        assert "Bonjour," in text
        assert "Hello," not in text


def test_pledge_news_and_the_pledge_to_review_are_branded(
    north_people: People, smtp_outbox: Outbox, django_capture_on_commit_callbacks
) -> None:
    with schema_context("north"), django_capture_on_commit_callbacks(execute=True):
        pledge_for(north_people, active=False)
    recipients = {message["To"]: message for message in smtp_outbox.messages}
    assert set(recipients) == {north_people.owner.email, north_people.coordinator.email}
    for message in recipients.values():
        assert_branded(message, network=north_people.network)


def test_pledge_news_in_a_french_network_is_in_french(
    north_people: People, smtp_outbox: Outbox, django_capture_on_commit_callbacks
) -> None:
    french(north_people.network)
    with schema_context("north"), django_capture_on_commit_callbacks(execute=True):
        pledge_for(north_people, active=False)
    assert len(smtp_outbox.messages) == 2
    for message in smtp_outbox.messages:
        body = assert_branded(message, network=north_people.network)
        assert "Bonjour," in body["text/plain"]
        assert "Bonjour," in body["text/html"]


def test_a_network_request_decision_comes_from_the_movement(
    public_client, smtp_outbox: Outbox, django_capture_on_commit_callbacks
) -> None:
    admin: User = UserFactory.create(email="admin@example.test", is_staff=True)
    request = network_request_create(
        organiser_name="Ana Ruiz",
        organiser_email="ana@example.test",
        network_name="Phoenix Jewelers Network",
        slug="phoenix",
        country="US",
        expected_members=12,
    )
    with django_capture_on_commit_callbacks(execute=True):
        network_request_decline(request=request, by=admin, reason="Too few stores <yet>.")
    [message] = smtp_outbox.messages
    body = assert_branded(message, network=None)
    assert parseaddr(header_text(message["From"]))[0] == "Partner for Protection"
    assert "Too few stores &lt;yet&gt;." in body["text/html"]
    assert "Too few stores <yet>." in body["text/plain"]


def test_the_text_part_spells_out_links_and_leaves_out_html_only_lines() -> None:
    fragment = (
        "<p>Hello,</p>\n<p>Read   the <a href='https://x.test/a'>rules</a> &amp; more.</p>"
        "<ul><li>one</li><li>two</li></ul>"
        "<p data-html-only>Or open this address: https://x.test/a</p>"
    )
    assert html_to_text(fragment) == (
        "Hello,\n\nRead the rules:\nhttps://x.test/a & more.\n\n- one\n- two"
    )


def test_a_declined_pledge_is_told_it_was_declined_not_revoked(north_people: People) -> None:
    from django.test import TestCase

    from pledges.services import pledge_transition
    from tests.pledges.conftest import pledge_for

    pledge = pledge_for(north_people, active=False)
    mail.outbox.clear()
    with schema_context("north"), TestCase.captureOnCommitCallbacks(execute=True):
        pledge_transition(
            pledge=pledge, action="declined", by=north_people.coordinator, reason="Not a jeweler"
        )
    message = mail.outbox[-1]
    assert "declined" in message.subject
    assert "revoked" not in message.subject
    html = str(message.alternatives[0][0])  # type: ignore[attr-defined]
    assert "declined the pledge" in html and "Not a jeweler" in html
