"""The session's user, read with SQL written once per process, is the user the ORM reads; an
inactive or missing account has none."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from accounts.backends import AuthenticationBackend, ModelBackend
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("backend", [ModelBackend(), AuthenticationBackend()])
def test_the_session_user_is_the_orms(north_people: People, backend: ModelBackend) -> None:
    owner = north_people.owner
    found = backend.get_user(owner.pk)
    expected = get_user_model().objects.get(pk=owner.pk)
    assert found is not None
    assert [getattr(found, f.attname) for f in expected._meta.concrete_fields] == [
        getattr(expected, f.attname) for f in expected._meta.concrete_fields
    ]
    assert backend.get_user(str(owner.pk)) is not None
    assert backend.get_user(987_654_321) is None
    assert backend.get_user("not-an-id") is None
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert backend.get_user(owner.pk) is None


def test_a_logged_in_member_is_recognised_on_their_network(north_people: People) -> None:
    client = client_for(north_people.network, north_people.owner)
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert page.wsgi_request.user == north_people.owner
