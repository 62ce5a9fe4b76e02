from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture
def platform_admin_client(public_client: Client, settings: pytest.FixtureRequest) -> Client:
    admin = UserFactory.create(email="stats-admin@platform.test", is_staff=True)
    settings.PORTAL_MFA_EXEMPT_EMAILS = [admin.email]  # type: ignore[attr-defined]
    public_client.force_login(admin)
    return public_client
