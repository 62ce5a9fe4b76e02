"""The world the security suite attacks, and what it reports at the end of a run.

Network A (`north`) is where the visitors belong. Network B (`lakeshore`) and a second store
of A hold private details each app plants (`plant()` in tests/<app>/probes.py); A's own store
holds the same kinds of objects, for the pages its people may open.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.db import connection

from accounts.models import User
from networks.models import Network
from tests.conftest import People, _people
from tests.factories import UserFactory
from tests.security import crawler
from tests.security.crawler import Side

# Network B's rows get ids far from A's, so B's ids name nothing on A's host.
FOREIGN_ID_FLOOR = 1_000_000
# What the crawl covered; tests/conftest.py prints it at the end of the run.
STATS: dict[str, int] = {"patterns": 0, "roles": 0, "requests": 0}


@dataclass
class World:
    a: People
    a_own: Side
    a_other_store: Side
    b: Side
    viewers: dict[str, User | None]


def _ids_far_apart(schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('%%I.%%I', schemaname, sequencename) FROM pg_sequences "
            "WHERE schemaname = %s",
            [schema],
        )
        for (sequence,) in cursor.fetchall():
            # setval never moves a sequence back, so ids already handed out stay unique.
            cursor.execute("SELECT last_value FROM " + sequence)  # noqa: S608 - from pg_sequences
            current = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, %s)", [sequence, max(current, FOREIGN_ID_FLOOR)])


def _side(people: People, *, store: Any, owner: User, tag: str) -> Side:
    return Side(
        network=people.network, store=store, owner=owner, coordinator=people.coordinator, tag=tag
    )


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    holders = (default_storage, getattr(default_storage, "_wrapped", None))
    for holder in holders:
        if holder is not None and hasattr(holder, "__dict__"):
            holder.__dict__.pop("relative_media_root", None)
    yield
    for holder in holders:
        if holder is not None and hasattr(holder, "__dict__"):
            holder.__dict__.pop("relative_media_root", None)


@pytest.fixture
def world(
    north_people: People, lakeshore: Network, outsider: User, settings: Any, media_root: None
) -> World:
    _ids_far_apart(lakeshore.schema_name)
    b_people = _people(lakeshore)
    admin = UserFactory.create(email="platform-admin@example.test", is_staff=True)
    a = north_people
    # Spare everyone MFA so that each request reaches the access checks behind it.
    settings.PORTAL_MFA_EXEMPT_EMAILS = [admin.email, a.coordinator.email, a.police.email]
    sides = World(
        a=a,
        a_own=_side(a, store=a.store, owner=a.owner, tag="Qzaown"),
        a_other_store=_side(a, store=a.other_store, owner=a.other_store_owner, tag="Qzastore"),
        b=_side(b_people, store=b_people.store, owner=b_people.owner, tag="Qzbnet"),
        viewers={
            "anonymous": None,
            "owner": a.owner,
            "staff": a.staff,
            "other_store_owner": a.other_store_owner,
            "coordinator": a.coordinator,
            "police": a.police,
            "outsider": outsider,
            "platform_admin": admin,
        },
    )
    for side in (sides.a_own, sides.a_other_store, sides.b):
        for module in crawler.probe_modules():
            if hasattr(module, "plant"):
                module.plant(side)
    mail.outbox.clear()
    return sides
