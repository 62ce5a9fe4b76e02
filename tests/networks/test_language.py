"""A network speaks its default language until a person picks another."""

from django.conf import settings

from networks.models import Network
from tests.conftest import client_for


def french(network: Network) -> Network:
    network.language = "fr"
    network.save(update_fields=["language"])
    return network


def test_network_home_speaks_the_networks_language(north: Network) -> None:
    body = client_for(french(north)).get("/").content.decode()
    assert '<html lang="fr"' in body
    assert "Crime prevention network" not in body
    assert "Réseau de prévention" in body


def test_english_network_home_stays_english(north: Network) -> None:
    body = client_for(north).get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="en"' in body
    assert "Crime prevention network" in body


def test_a_persons_choice_beats_the_networks_default(north: Network) -> None:
    client = client_for(french(north))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en"' in client.get("/").content.decode()


def test_language_switcher_remembers_the_choice(north: Network) -> None:
    client = client_for(north)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="fr"' in client.get("/").content.decode()


def test_public_site_follows_the_browser(public_client) -> None:
    body = public_client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9").content.decode()
    assert '<html lang="fr"' in body
