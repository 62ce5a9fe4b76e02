"""Account mail leaves through a real SMTP conversation, not only Django's in-memory outbox."""

import re

from allauth.account.models import EmailAddress

from tests.conftest import Outbox
from tests.networks.test_mail import parts


def test_verification_mail_is_delivered_over_smtp_and_its_link_works(
    public_client, smtp_outbox: Outbox
) -> None:
    response = public_client.post(
        "/accounts/signup/",
        {
            "email": "smtp@example.test",
            "password1": "a-long-pass-2026!",
            "password2": "a-long-pass-2026!",
        },
    )
    assert response.status_code == 302
    assert len(smtp_outbox.messages) == 1
    message = smtp_outbox.messages[0]
    assert message["To"] == "smtp@example.test"
    body = parts(message)["text/plain"]
    link = re.search(r"http://\S+/accounts/confirm-email/\S+", body)
    assert link is not None, body
    assert link.group().startswith("http://localhost/")
    public_client.post(link.group().removeprefix("http://localhost"))
    assert EmailAddress.objects.get(email="smtp@example.test").verified
