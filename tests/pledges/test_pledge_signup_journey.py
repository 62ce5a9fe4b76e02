"""The account step of the flow: a new jeweler signs up from /pledge/, confirms the address
and comes back to the pledge form, all on the network's own host."""

from __future__ import annotations

import re

from django.core import mail

from tests.conftest import People, client_for
from tests.factories import PASSWORD


def test_signing_up_from_the_pledge_page_comes_back_to_it(north_people: People) -> None:
    client = client_for(north_people.network)
    response = client.post(
        "/accounts/signup/?next=/pledge/",
        {
            "email": "new.jeweler@example.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "/pledge/",
            "company_website": "",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(
        r"http://north\.localhost(/accounts/confirm-email/[^\s]+)", str(mail.outbox[0].body)
    )
    assert link is not None
    confirm = client.post(link.group(1))
    assert confirm.status_code == 302
    assert confirm["Location"] == "/pledge/"
    form = client.get("/pledge/")
    assert 'name="display_name"' in form.content.decode()


def test_a_bot_filling_the_honeypot_gets_no_account(north_people: People) -> None:
    from accounts.models import User

    client = client_for(north_people.network)
    client.post(
        "/accounts/signup/?next=/pledge/",
        {
            "email": "bot@example.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "company_website": "http://spam.example",
        },
    )
    assert not User.objects.filter(email="bot@example.test").exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(north_people: People) -> None:
    body = client_for(north_people.network).get("/accounts/signup/?next=/pledge/").content.decode()
    field = re.search(r'<div class="hp-field" aria-hidden="true">.*?</div>', body, re.S)
    assert field is not None
    assert 'name="company_website"' in field.group(0)
    assert 'tabindex="-1"' in field.group(0)
    assert 'autocomplete="off"' in field.group(0)
    assert "style=" not in field.group(0)
