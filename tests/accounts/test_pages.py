"""allauth's pages speak like the rest of the portal: headings, buttons and labels in
sentence case."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import People, client_for

# Words that keep their capital in the middle of a phrase.
PROPER = {"Partner", "Protection", "TOTP"}


def title_cased(page: str) -> list[str]:
    """Headings, buttons, labels and the page title whose later words start with a capital."""
    found = []
    for tag in ("title", "h1", "h2", "button", "label"):
        for inner in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, flags=re.S):
            inner = re.sub(r'<span class="badge[^"]*"[^>]*>.*?</span>', " ", inner, flags=re.S)
            text = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
            text = text.split(" · ")[0]  # the page title ends with the network's name
            later = text.split()[1:]
            if any(w[:1].isupper() and w[1:].islower() and w not in PROPER for w in later):
                found.append(text)
    return found


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/confirm-email/",
        "/accounts/confirm-email/not-a-key/",
    ],
)
def test_entrance_pages_use_sentence_case(north_people: People, path: str) -> None:
    response = client_for(north_people.network).get(path)
    assert response.status_code == 200
    assert title_cased(response.content.decode()) == []


@pytest.mark.parametrize(
    "path",
    ["/accounts/password/change/", "/accounts/email/", "/accounts/logout/", "/accounts/2fa/"],
)
def test_account_pages_use_sentence_case(north_people: People, path: str) -> None:
    client: Client = client_for(north_people.network, north_people.owner)
    response = client.get(path)
    assert response.status_code == 200
    assert title_cased(response.content.decode()) == []


def test_the_sign_in_page_says_sign_in(north_people: People) -> None:
    page = client_for(north_people.network).get("/accounts/login/").content.decode()
    assert re.search(r"<h1>\s*Sign in\s*</h1>", page)
    assert "Remember me" in page
