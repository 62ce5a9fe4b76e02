"""Names of the people behind user ids (users live in the public schema)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User


def people_by_id(ids: Iterable[int | None]) -> dict[int, User]:
    from accounts.models import User

    wanted = {pk for pk in ids if pk}
    return {user.pk: user for user in User.objects.filter(pk__in=wanted)} if wanted else {}
