"""The authentication backends, with the one read every logged-in request makes — the
session's user — written by the ORM once per process (networks.prepared) instead of on each
request. Logging in, permissions and allauth's login by email are Django's and allauth's own."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import QuerySet

from networks.prepared import PreparedObjects


def _user(pk: int) -> QuerySet[Any]:
    return get_user_model()._default_manager.filter(pk=pk)


_SESSION_USER: PreparedObjects[Any] = PreparedObjects(_user)


class _SessionUser:
    def get_user(self, user_id: Any) -> Any:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        found = _SESSION_USER.objects(pk)
        user = found[0] if found else None
        # As Django's ModelBackend: an inactive account has no session user.
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(_SessionUser, DjangoModelBackend):
    pass


class AuthenticationBackend(_SessionUser, AllauthBackend):
    pass
