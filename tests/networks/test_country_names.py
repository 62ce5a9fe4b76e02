"""Countries are spelled out wherever a place is shown: "Ontario, CA" beside "California, US"
read as two states of the same country."""

import pytest

from networks.templatetags.portal import country_name
from tests.conftest import People, client_for
from tests.pledges.conftest import pledge_for


@pytest.mark.parametrize(
    ("code", "name"), [("US", "United States"), ("CA", "Canada"), ("ca", "Canada"), ("", "")]
)
def test_country_codes_read_as_names(code: str, name: str) -> None:
    assert country_name(code) == name


def test_a_network_home_spells_out_its_country(
    north_people: People, lakeshore_people: People
) -> None:
    north = client_for(north_people.network).get("/").content.decode()
    lakeshore = client_for(lakeshore_people.network).get("/").content.decode()
    assert "California, United States" in north
    assert "Ontario, Canada" in lakeshore
    assert "Ontario, CA" not in lakeshore


def test_the_network_finder_spells_out_countries(
    public_client, north_people: People, lakeshore_people: People
) -> None:
    body = public_client.get("/networks/").content.decode()
    assert "California, United States" in body
    assert "Ontario, Canada" in body
    assert "Ontario, CA<" not in body


def test_the_verify_page_spells_out_the_country(public_client, north_people: People) -> None:
    pledge = pledge_for(north_people)
    body = public_client.get(f"/verify/{pledge.verification_code}/").content.decode()
    assert "Springfield, CA, United States" in body
