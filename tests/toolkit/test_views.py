"""The partner toolkit pages: for the people of a store whose pledge is active, and for the
network's coordinator; a 404 for everyone else, through one access function."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from pledges.services import pledge_transition
from tests.conftest import People, client_for
from tests.pledges.conftest import _media_root, pledge_for  # noqa: F401

pytestmark = pytest.mark.usefixtures("mfa_exempt")

PAGES = ["", "all/", "download/badge/?size=256", "preview/badge.png"]


def get(people: People, who: str, path: str = "/toolkit/"):
    return client_for(people.network, getattr(people, who)).get(path)


@pytest.mark.parametrize("who", ["owner", "staff"])
def test_the_stores_people_are_sent_to_their_stores_toolkit(north_people: People, who: str):
    pledge_for(north_people)
    response = get(north_people, who)
    assert response.status_code == 302
    assert response["Location"] == f"/toolkit/{north_people.store.pk}/"


def test_coordinators_pick_among_the_stores_with_an_active_pledge(north_people: People):
    pledge_for(north_people)
    response = get(north_people, "coordinator")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/toolkit/{north_people.store.pk}/"' in body
    assert "North Gems" in body
    assert "North Gold" not in body  # no pledge


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ["owner", "staff", "coordinator"])
def test_the_store_and_the_coordinator_get_in(north_people: People, who: str, page: str):
    pledge_for(north_people)
    response = get(north_people, who, f"/toolkit/{north_people.store.pk}/{page}")
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end, which closes the file


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ["police", "other_store_owner"])
def test_others_in_the_network_get_404(north_people: People, who: str, page: str):
    pledge_for(north_people)
    assert get(north_people, who, f"/toolkit/{north_people.store.pk}/{page}").status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_outsiders_and_other_networks_get_404(
    north_people: People, lakeshore_people: People, outsider, page: str
):
    pledge_for(north_people)
    path = f"/toolkit/{north_people.store.pk}/{page}"
    for user in (outsider, lakeshore_people.owner, lakeshore_people.coordinator):
        assert client_for(north_people.network, user).get(path).status_code == 404, user.email
        assert client_for(north_people.network, user).get("/toolkit/").status_code == 404


def test_a_coordinator_cannot_reach_another_networks_store(
    north_people: People, lakeshore_people: People
):
    pledge_for(lakeshore_people)
    path = f"/toolkit/{lakeshore_people.store.pk}/"
    # The same id may exist in north; on north's host it is north's store, with no pledge.
    assert client_for(north_people.network, north_people.coordinator).get(path).status_code == 404


def test_nobody_posts_to_download_all_for_another_store(north_people: People):
    pledge_for(north_people)
    client = client_for(north_people.network, north_people.other_store_owner)
    assert client.post(f"/toolkit/{north_people.store.pk}/all/").status_code == 404


@pytest.mark.parametrize("page", ["", *PAGES])
def test_anonymous_visitors_are_sent_to_log_in(north_people: People, page: str):
    pledge_for(north_people)
    path = "/toolkit/" if not page else f"/toolkit/{north_people.store.pk}/{page}"
    response = client_for(north_people.network).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/toolkit/")


@pytest.mark.parametrize("state", ["pending", "suspended", "revoked", "none"])
def test_a_store_without_an_active_pledge_has_no_toolkit(north_people: People, state: str):
    if state != "none":
        pledge = pledge_for(north_people, active=state != "pending")
        if state in ("suspended", "revoked"):
            with schema_context("north"):
                pledge_transition(
                    pledge=pledge, action=state, by=north_people.coordinator, reason="Closed"
                )
    for who in ("owner", "staff", "coordinator"):
        for page in ["", *PAGES]:
            path = f"/toolkit/{north_people.store.pk}/{page}"
            assert get(north_people, who, path).status_code == 404, (who, page)
    assert get(north_people, "owner").status_code == 404


def test_the_page_previews_every_item_with_a_download_button(north_people: People):
    pledge = pledge_for(north_people)
    store = north_people.store.pk
    body = get(north_people, "owner", f"/toolkit/{store}/").content.decode()
    assert pledge.verification_code in body
    assert f"http://localhost/verify/{pledge.verification_code}/" in body
    for item in (
        "badge",
        "social-square",
        "social-story",
        "social-link",
        "social-wide",
        "banner",
        "sign-window",
        "sign-window-full",
        "sign-counter",
        "sign-poster",
    ):
        assert f'src="/toolkit/{store}/preview/{item}.png?lang=en' in body, item
        assert f'href="/toolkit/{store}/download/{item}/?lang=en' in body, item
    for size in (256, 512, 1024):
        assert f"/download/badge/?lang=en&amp;size={size}" in body
    assert f'href="/toolkit/{store}/download/badge-svg/?lang=en"' in body
    assert "paper=letter" in body  # a US network prints on Letter
    assert '<label for="caption-en">' in body
    assert "#PartnerForProtection" in body
    assert 'readonly lang="en"' in body
    assert f'action="/toolkit/{store}/all/"' in body


def test_the_light_window_sign_comes_first_and_the_full_colour_one_is_for_a_print_shop(
    north_people: People,
):
    pledge_for(north_people)
    store = north_people.store.pk
    body = get(north_people, "owner", f"/toolkit/{store}/?paper=a4").content.decode()
    light = body.index(f'src="/toolkit/{store}/preview/sign-window.png?lang=en&amp;paper=a4"')
    full = body.index(f'src="/toolkit/{store}/preview/sign-window-full.png?lang=en&amp;paper=a4"')
    assert light < full < body.index("/preview/sign-counter.png")
    assert "Ink-saving, for home and office printers." in body[light:full]
    assert "Window sign, full colour" in body[full:]
    assert "for a print shop" in body[full:]
    assert f'href="/toolkit/{store}/download/sign-window-full/?lang=en&amp;paper=a4"' in body


def test_canadian_networks_show_signs_in_english_and_french(lakeshore_people: People):
    pledge_for(lakeshore_people)
    store = lakeshore_people.store.pk
    body = get(lakeshore_people, "owner", f"/toolkit/{store}/").content.decode()
    assert "/preview/sign-window.png?lang=en&amp;paper=letter" in body
    assert "/preview/sign-window.png?lang=fr&amp;paper=letter" in body
    assert "/preview/sign-window-full.png?lang=fr&amp;paper=letter" in body
    assert '<label for="caption-fr">' in body


def test_a_partner_picks_the_language_and_the_paper(north_people: People):
    pledge_for(north_people)
    store = north_people.store.pk
    body = get(north_people, "owner", f"/toolkit/{store}/?lang=es&paper=a4").content.decode()
    assert "/preview/sign-poster.png?lang=es&amp;paper=a4" in body
    assert "lang=en" not in body
    assert 'value="es" checked' in body
