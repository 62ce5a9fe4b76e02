"""The pledge form asks for consent; it never gives it on the jeweler's behalf."""

import pytest

from tests.conftest import People, client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def test_the_public_wall_box_starts_unticked(north_people: People) -> None:
    jeweler = UserFactory.create(email="newjeweler@example.test")
    response = client_for(north_people.network, jeweler).get("/pledge/")
    field = response.context["form"]["listed_publicly"]
    assert field.value() is False
    html = str(field)
    assert 'name="listed_publicly"' in html
    assert "checked" not in html
